package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CorsTest {
  private static final java.util.logging.Logger APP_LOG = FixtureSupport.quietAppLogger();

  @Test
  void credentialsWithAWildcardOriginIsRefused() {
    assertThatThrownBy(() -> Cors.cors(CorsOptions.defaults().credentials(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials(true) cannot be combined with origin \"*\"")
        .hasMessageContaining("origin(List.of(\"https://app.example.com\"))");
    assertThatThrownBy(() -> Cors.cors(CorsOptions.defaults().origin("*").credentials(true)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cors.cors(CorsOptions.defaults().origin(true).credentials(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials(true) cannot be combined with origin(true)");
    // allowed: an explicit list, a pattern, a fixed origin, a function, or no credentials
    Cors.cors(CorsOptions.defaults().origin(List.of("https://app.example.com")).credentials(true));
    Cors.cors(CorsOptions.defaults().origin(Pattern.compile("^https://app\\.example\\.com$")).credentials(true));
    Cors.cors(CorsOptions.defaults().origin("https://app.example.com").credentials(true));
    Cors.cors(CorsOptions.defaults().origin((o, req) -> true).credentials(true));
    Cors.cors(CorsOptions.defaults().origin(true));
    Cors.cors(CorsOptions.defaults().origin(false).credentials(true));
  }

  @Test
  void optionValuesAreChecked() {
    assertThatThrownBy(() -> CorsOptions.defaults().origin(List.of("https://a.example", 42)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
    assertThatThrownBy(() -> CorsOptions.defaults().optionsSuccessStatus(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CorsOptions.defaults().origin((Pattern) null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CorsOptions.defaults().methods("GET", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cors.cors(null)).isInstanceOf(IllegalArgumentException.class);
  }

  /** ROUTES.md B2, the secure app's /cors, /open and /narrow. */
  @Test
  void secureAppCorsRoutes() {
    App app = Web.app();
    app.use("/cors", Cors.cors(CorsOptions.defaults()
        .origin(List.of("https://app.example.com", "http://localhost:5173"))
        .credentials(true).exposedHeaders("X-Request-Id", "X-Total-Count").maxAge(600)));
    app.get("/cors/data", (req, res) -> res.set("X-Total-Count", "3").json(java.util.Map.of("data", List.of(1, 2, 3))));
    app.use("/open", Cors.cors());
    app.get("/open/data", (req, res) -> res.json(java.util.Map.of("open", true)));
    var narrow = Cors.cors(CorsOptions.defaults().origin("https://admin.example.com")
        .methods(List.of("GET", "PUT")).allowedHeaders(List.of("Content-Type", "X-Token")));
    app.options("/narrow", narrow);
    app.get("/narrow", narrow, Web.middleware((req, res) -> res.json(java.util.Map.of("narrow", true))));
    try (TestClient client = TestClient.start(app)) {
      client.get("/cors/data").header("Origin", "https://app.example.com").expect(200)
          .expectHeader("Access-Control-Allow-Origin", "https://app.example.com").expectHeader("Vary", "Origin")
          .expectHeader("Access-Control-Allow-Credentials", "true")
          .expectHeader("Access-Control-Expose-Headers", "X-Request-Id,X-Total-Count")
          .expectHeader("X-Total-Count", "3");
      client.get("/cors/unknown").header("Origin", "https://evil.example").expect(404)
          .expectNoHeader("Access-Control-Allow-Origin").expectHeader("Vary", "Origin");
      client.options("/cors/anything").header("Origin", "http://localhost:5173")
          .header("Access-Control-Request-Headers", "Content-Type, X-Request-Id").expect(204)
          .expectHeader("Content-Length", "0")
          .expectHeader("Access-Control-Allow-Origin", "http://localhost:5173")
          .expectHeader("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE")
          .expectHeader("Access-Control-Allow-Headers", "Content-Type, X-Request-Id")
          .expectHeader("Access-Control-Max-Age", "600")
          .expectHeader("Vary", "Origin, Access-Control-Request-Headers");
      client.get("/open/data").expect(200).expectHeader("Access-Control-Allow-Origin", "*").expectNoHeader("Vary")
          .expectNoHeader("Access-Control-Allow-Credentials");
      client.options("/open/data").header("Access-Control-Request-Method", "GET").expect(204)
          .expectHeader("Access-Control-Allow-Origin", "*").expectHeader("Vary", "Access-Control-Request-Headers");
      client.get("/narrow").expect(200).expectHeader("Access-Control-Allow-Origin", "https://admin.example.com")
          .expectHeader("Vary", "Origin");
      client.options("/narrow").header("Origin", "https://other.example")
          .header("Access-Control-Request-Headers", "X-Evil").expect(204)
          .expectHeader("Access-Control-Allow-Origin", "https://admin.example.com")
          .expectHeader("Access-Control-Allow-Methods", "GET,PUT")
          .expectHeader("Access-Control-Allow-Headers", "Content-Type,X-Token").expectHeader("Vary", "Origin");
      client.delete("/narrow").expect(404).expectNoHeader("Access-Control-Allow-Origin");
    }
  }

  /** Issue 7's attack origins are not allowed by an exact list or an anchored pattern. */
  @Test
  void lookalikeOriginsAreRefused() {
    App app = Web.app();
    app.use("/list", Cors.cors(CorsOptions.defaults().origin(List.of("https://example.com")).credentials(true)));
    app.use("/re", Cors.cors(CorsOptions.defaults().origin(Pattern.compile("^https://(www\\.)?example\\.com$"))));
    app.use("/unanchored", Cors.cors(CorsOptions.defaults().origin(Pattern.compile("example\\.com"))));
    app.use((req, res, next) -> res.send("ok"));
    List<String> attacks = List.of("null", "https://evil-example.com", "https://example.com.evil.io",
        "http://example.com", "https://example.com/", "https://EXAMPLE.COM", "https://example.com, https://evil.io");
    try (TestClient client = TestClient.start(app)) {
      for (String path : List.of("/list", "/re")) {
        client.get(path).header("Origin", "https://example.com").expect(200)
            .expectHeader("Access-Control-Allow-Origin", "https://example.com");
        for (String origin : attacks) {
          client.get(path).header("Origin", origin).expect(200).expectNoHeader("Access-Control-Allow-Origin")
              .expectHeader("Vary", "Origin");
          client.options(path).header("Origin", origin).header("Access-Control-Request-Method", "DELETE").expect(204)
              .expectNoHeader("Access-Control-Allow-Origin");
        }
      }
      // why patterns must be anchored: find() semantics, as RegExp.test
      client.get("/unanchored").header("Origin", "https://example.com.evil.io").expect(200)
          .expectHeader("Access-Control-Allow-Origin", "https://example.com.evil.io");
    }
  }

  @Test
  void originFunctionsSeeTheRequestAndFailIntoTheErrorHandler() {
    App app = Web.app();
    app.use("/fn", Cors.cors(CorsOptions.defaults()
        .origin((origin, req) -> req.query("allow") != null ? origin : Boolean.FALSE)));
    app.use("/bad", Cors.cors(CorsOptions.defaults().origin((origin, req) -> 42)));
    app.use("/nopromise", Cors.cors(CorsOptions.defaults().originAsync((origin, req) -> null)));
    app.use((req, res, next) -> res.send("ok"));
    app.use((err, req, res, next) -> res.status(500).send(err.getMessage()));
    try (TestClient client = TestClient.start(app)) {
      // a String result is a fixed origin: sent as is
      client.get("/fn?allow=1").header("Origin", "https://a.example").expect(200)
          .expectHeader("Access-Control-Allow-Origin", "https://a.example").expectHeader("Vary", "Origin");
      client.get("/fn").header("Origin", "https://a.example").expect(200)
          .expectNoHeader("Access-Control-Allow-Origin").expectNoHeader("Vary");
      client.get("/bad").header("Origin", "https://a.example").expect(500)
          .expectBody("unsupported CORS origin setting: java.lang.Integer (expected a String, Boolean, Pattern or List)");
      client.get("/nopromise").expect(500).expectBody("the CORS origin function returned no promise");
    }
  }

  @Test
  void varyIsMergedWithWhatIsAlreadyThere() {
    App app = Web.app();
    app.use((req, res, next) -> {
      res.raw().setHeader("Vary", "origin, Accept-Encoding");
      next.run();
    });
    app.use(Cors.cors(CorsOptions.defaults().origin(List.of("https://a.example"))));
    app.use((req, res, next) -> res.send("ok"));
    try (TestClient client = TestClient.start(app)) {
      client.options("/").header("Origin", "https://a.example").expect(204)
          .expectHeader("Vary", "origin, Accept-Encoding, Access-Control-Request-Headers");
    }
  }

  @Test
  void theFixtureComparisonSeesDifferences() throws Exception {
    var expected = new ObjectMapper().readTree("{\"status\":200,\"headers\":[[\"Vary\",\"Origin\"]]}");
    App app = Web.app();
    app.use((req, res, next) -> res.set("Vary", "Origin").send("ok"));
    try (TestClient client = TestClient.start(app)) {
      var answer = client.get("/").send();
      assertThat(FixtureSupport.diff(expected, answer)).isNotNull().contains("vary: Origin");
    }
  }
}
