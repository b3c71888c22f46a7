package dev.eddy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.Eddy;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TestClient#inject}: the same answers as over a socket. The routing scenarios run over
 * both transports; the rest checks what is particular to the in-memory connection.
 */
class TestClientInjectTest {
  static Stream<Named<Function<App, TestClient>>> transports() {
    return Stream.of(Named.of("tcp", TestClient::start), Named.of("inject", TestClient::inject));
  }

  private static App app() {
    return Web.app().set("env", "production");
  }

  // ------------------------------------------------------------------ RoutingTest scenarios over both

  @ParameterizedTest
  @MethodSource("transports")
  void paramsAreDecodedAndMatchingIsCaseInsensitiveAndNonStrict(Function<App, TestClient> transport) {
    App app = app();
    app.get("/users/:id", (req, res) -> res.json(req.params()));
    try (TestClient c = transport.apply(app)) {
      c.get("/users/a%20b").expect(200).expectJson(Map.of("id", "a b"));
      c.get("/USERS/7/").expect(200).expectJson(Map.of("id", "7"));
      c.get("/users/%E0%A4%A").expect(400).expectBody(App.errorDocument("Bad Request"));
      c.get("/users").expect(404).expectBody(App.errorDocument("Cannot GET /users"));
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void wildcardOptionalGroupsAndRegexpRoutes(Function<App, TestClient> transport) {
    App app = app();
    app.get("/files/*path", (req, res) -> res.json(req.params()));
    app.get("/posts{/:slug}", (req, res) -> res.json(req.params()));
    app.get(Pattern.compile("^/re/(\\d+)$"), (req, res) -> res.json(req.params()));
    try (TestClient c = transport.apply(app)) {
      c.get("/files/a//b%20c").expect(200).expectJson(Map.of("path", List.of("a", "", "b c")));
      c.get("/posts").expect(200).expectJson(Map.of());
      c.get("/posts/hi").expect(200).expectJson(Map.of("slug", "hi"));
      c.get("/re/42").expect(200).expectJson(Map.of("0", "42"));
      c.get("/re/x").expect(404);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void mountsStripTheirPrefixAndRestoreIt(Function<App, TestClient> transport) {
    App app = app();
    Router api = Web.router();
    api.get("/info", (req, res) -> res.json(Map.of("baseUrl", req.baseUrl(), "url", req.url(), "path", req.path(),
        "originalUrl", req.originalUrl())));
    app.use("/api", api);
    app.use((req, res) -> res.status(404).json(Map.of("url", req.url(), "baseUrl", req.baseUrl())));
    try (TestClient c = transport.apply(app)) {
      c.get("/API/info?x=1").expect(200)
          .expectJson(Map.of("baseUrl", "/API", "url", "/info?x=1", "path", "/info", "originalUrl", "/API/info?x=1"));
      c.get("/api/nothing?q").expect(404).expectJson(Map.of("url", "/api/nothing?q", "baseUrl", ""));
      c.get("/apix/info").expect(404);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void automaticHeadAndOptions(Function<App, TestClient> transport) {
    App app = app();
    app.get("/thing", (req, res) -> res.send("body"));
    app.post("/thing", (req, res) -> res.send("posted"));
    app.delete("/thing", (req, res) -> res.sendStatus(204));
    try (TestClient c = transport.apply(app)) {
      c.head("/thing").expect(200).expectHeader("Content-Length", "4").expectBody("");
      c.options("/thing").expect(200).expectHeader("Allow", "DELETE, GET, HEAD, POST")
          .expectHeader("Content-Type", "text/plain").expectBody("DELETE, GET, HEAD, POST");
      c.options("/nothing").expect(404);
      c.request("PUT", "/thing").expect(404);
      c.delete("/thing").expect(204).expectBody("");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void strictAndCaseSensitiveRouters(Function<App, TestClient> transport) {
    App app = app();
    Router strict = Web.router(RouterOptions.defaults().withStrict(true).withCaseSensitive(true));
    strict.get("/Exact", (req, res) -> res.send("exact"));
    app.use("/s", strict);
    try (TestClient c = transport.apply(app)) {
      c.get("/s/Exact").expect(200).expectBody("exact");
      c.get("/s/exact").expect(404);
      c.get("/s/Exact/").expect(404);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void bodiesBothWaysAndAChunkedAnswer(Function<App, TestClient> transport) {
    App app = app();
    app.use(Web.json());
    app.post("/echo", (req, res) -> res.status(201).json(req.body()));
    app.post("/count", (req, res) -> {
      long[] n = {0};
      req.raw().on(dev.eddy.stream.Stream.DATA, b -> n[0] += ((dev.eddy.Buffer) b).length());
      req.raw().on(dev.eddy.stream.Stream.END, v -> res.json(n[0]));
    });
    app.get("/stream", (req, res) -> {
      res.type("text");
      res.write("a".repeat(70_000));
      Eddy.setImmediate(() -> res.end("z"));
    });
    try (TestClient c = transport.apply(app)) {
      c.post("/echo").json(Map.of("name", "pen", "n", 2)).send().expect(201).expectJson(Map.of("name", "pen", "n", 2));
      TestResponse r = c.get("/stream").send().expect(200).expectHeader("Transfer-Encoding", "chunked");
      assertThat(r.text()).hasSize(70_001).endsWith("az");
      c.post("/count").body("x".repeat(1_000_000)).send().expect(200).expectJson(1_000_000);
    }
  }

  // ------------------------------------------------------------------ particular to inject

  @Test
  void theAppSeesALoopbackClientAndTheDefaultHost() {
    App app = app();
    app.get("/who", (req, res) -> res.json(Map.of("ip", req.ip(), "host", req.host(), "hostname", req.hostname(),
        "remotePort", req.raw().socket().remotePort(), "localPort", req.raw().socket().localPort())));
    try (TestClient c = TestClient.inject(app)) {
      assertThat(c.port()).isEqualTo(80);
      Map<?, ?> first = (Map<?, ?>) c.get("/who").expect(200).json();
      assertThat(first.get("ip")).isEqualTo("127.0.0.1");
      assertThat(first.get("host")).isEqualTo("127.0.0.1:80");
      assertThat(first.get("hostname")).isEqualTo("127.0.0.1");
      assertThat(first.get("localPort")).isEqualTo(80);
      // keep-alive: the second request travels on the same connection
      Map<?, ?> second = (Map<?, ?>) c.get("/who").expect(200).json();
      assertThat(second.get("remotePort")).isEqualTo(first.get("remotePort"));
    }
  }

  @Test
  void aConnectionTheServerClosedIsReplacedForTheNextRequest() {
    App app = app();
    app.get("/bye", (req, res) -> res.set("Connection", "close").send("bye"));
    app.get("/port", (req, res) -> res.json(req.raw().socket().remotePort()));
    try (TestClient c = TestClient.inject(app)) {
      Object before = c.get("/port").expect(200).json();
      c.get("/bye").expect(200).expectHeader("Connection", "close").expectBody("bye");
      Object after = c.get("/port").expect(200).json();
      assertThat(after).isNotEqualTo(before);
    }
  }

  @Test
  void aTooLargeHeadIsAnswered431AsOverTcp() {
    App app = app();
    app.get("/", (req, res) -> res.send("never"));
    try (TestClient c = TestClient.inject(app)) {
      c.get("/").header("X-Big", "x".repeat(20_000)).send().expect(431).expectHeader("Connection", "close")
          .expectBody("");
      c.get("/").expect(200).expectBody("never"); // on a new connection
    }
  }

  @Test
  void injectWithASupplierBuildsTheAppOnTheLoopAndCloseEndsIt() throws InterruptedException {
    Thread[] builtOn = {null};
    TestClient c = TestClient.inject(() -> {
      builtOn[0] = Thread.currentThread();
      App app = app();
      app.get("/", (req, res) -> res.send("ok"));
      return app;
    });
    try (c) {
      assertThat(builtOn[0]).isNotSameAs(Thread.currentThread());
      c.get("/").expect(200).expectBody("ok");
    }
    // the loop's termination completes just before its thread returns
    builtOn[0].join(5_000);
    assertThat(builtOn[0].isAlive()).as("the loop thread ended with close()").isFalse();
  }

  @Test
  void aFailingSupplierIsReported() {
    assertThatThrownBy(() -> TestClient.inject(() -> {
      throw new IllegalArgumentException("no app today");
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("no app today");
  }
}
