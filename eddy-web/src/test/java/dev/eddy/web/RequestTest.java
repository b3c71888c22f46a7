package dev.eddy.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.web.test.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** req.ip/ips/protocol/hostname under trust proxy, and typed per-request values. */
class RequestTest {
  record Client(String ip, List<String> ips, String protocol, String hostname, List<String> subdomains) {}

  private static App app(Object trust) {
    App app = Web.app().set("env", "production").set("trust proxy", trust);
    app.get("/", (req, res) -> res.json(new Client(req.ip(), req.ips(), req.protocol(), req.hostname(), req.subdomains())));
    return app;
  }

  @Test
  void withoutTrustForwardedHeadersAreIgnored() {
    try (TestClient c = TestClient.start(app(false))) {
      c.get("/").header("Host", "a.b.example.com:8080").header("X-Forwarded-For", "1.2.3.4")
          .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "evil.com").send().expect(200)
          .expectJson(new Client("127.0.0.1", List.of(), "http", "a.b.example.com", List.of("b", "a")));
    }
  }

  @Test
  void trustingLoopbackBelievesOneHopAndStopsAtTheFirstUntrustedAddress() {
    try (TestClient c = TestClient.start(app("loopback"))) {
      c.get("/").header("Host", "x.test").header("X-Forwarded-For", "9.9.9.9, 10.0.0.1")
          .header("X-Forwarded-Proto", "https, http").header("X-Forwarded-Host", "shop.example.org").send().expect(200)
          .expectJson(new Client("10.0.0.1", List.of("10.0.0.1"), "https", "shop.example.org", List.of("shop")));
    }
    try (TestClient c = TestClient.start(app("loopback, 10.0.0.0/8"))) {
      c.get("/").header("X-Forwarded-For", "9.9.9.9, 10.0.0.1").send().expect(200)
          .expectJson(Map.of("ip", "9.9.9.9", "ips", List.of("9.9.9.9", "10.0.0.1"), "protocol", "http",
              "hostname", "127.0.0.1", "subdomains", List.of()));
    }
  }

  @Test
  void hopCountsAndBadValues() {
    try (TestClient c = TestClient.start(app(2))) {
      c.get("/").header("X-Forwarded-For", "1.1.1.1, 2.2.2.2, 3.3.3.3").send().expect(200)
          .expectJson(Map.of("ip", "2.2.2.2", "ips", List.of("2.2.2.2", "3.3.3.3"), "protocol", "http",
              "hostname", "127.0.0.1", "subdomains", List.of()));
    }
    assertThatThrownBy(() -> Web.app().set("trust proxy", "not-an-ip")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not-an-ip");
  }

  @Test
  void typedPerRequestValues() {
    Request.Key<Integer> user = Request.Key.of("user");
    App app = Web.app();
    app.use((req, res, next) -> {
      req.set(user, 42);
      next.run();
    });
    app.get("/", (req, res) -> res.json(Map.of("user", req.get(user))));
    try (TestClient c = TestClient.start(app)) {
      c.get("/").send().expect(200).expectJson(Map.of("user", 42));
    }
  }
}
