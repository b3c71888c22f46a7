package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.security.internal.HelmetJson;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmetTest {
  private static final java.util.logging.Logger APP_LOG = FixtureSupport.quietAppLogger();

  static final String DEFAULT_CSP = "default-src 'self';base-uri 'self';font-src 'self' https: data:;"
      + "form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';"
      + "script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests";

  static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Content-Security-Policy", DEFAULT_CSP);
    m.put("Cross-Origin-Opener-Policy", "same-origin");
    m.put("Cross-Origin-Resource-Policy", "same-origin");
    m.put("Origin-Agent-Cluster", "?1");
    m.put("Referrer-Policy", "no-referrer");
    m.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    m.put("X-Content-Type-Options", "nosniff");
    m.put("X-DNS-Prefetch-Control", "off");
    m.put("X-Download-Options", "noopen");
    m.put("X-Frame-Options", "SAMEORIGIN");
    m.put("X-Permitted-Cross-Domain-Policies", "none");
    m.put("X-XSS-Protection", "0");
    return m;
  }

  /** ROUTES.md B1: the secure app's helmet defaults, the route-level overrides and error pages. */
  @Test
  void secureAppHelmetRoutes() {
    App app = Web.app();
    app.set("env", "production");
    app.enable("x-powered-by");
    app.use(Helmet.helmet());
    app.get("/", (req, res) -> res.send("<!DOCTYPE html><title>secure</title><p>secure app</p>"));
    app.get("/csp-custom",
        Helmet.contentSecurityPolicy(CspOptions.defaults().useDefaults(false).directives(Csp.directives()
            .defaultSrc("'self'").scriptSrc("'self'", "https://cdn.example.com").imgSrc("'self'", "data:"))),
        Helmet.xFrameOptions("deny"),
        Web.middleware((req, res) -> res.send("<p>custom policy</p>")));
    app.get("/boom", (req, res) -> {
      throw new IllegalStateException("secure kaboom");
    });
    try (TestClient client = TestClient.start(app)) {
      TestResponse home = client.get("/").expect(200);
      defaults().forEach(home::expectHeader);
      home.expectNoHeader("X-Powered-By").expectNoHeader("Cross-Origin-Embedder-Policy");

      TestResponse custom = client.get("/csp-custom").expect(200).expectBody("<p>custom policy</p>");
      Map<String, String> want = defaults();
      want.put("Content-Security-Policy", "default-src 'self';script-src 'self' https://cdn.example.com;img-src 'self' data:");
      want.put("X-Frame-Options", "DENY");
      want.forEach(custom::expectHeader);

      for (TestResponse error : List.of(client.get("/missing").expect(404), client.get("/boom").expect(500))) {
        Map<String, String> page = defaults();
        page.put("Content-Security-Policy", "default-src 'none'");
        page.forEach(error::expectHeader);
      }
    }
  }

  @Test
  void noncesArePerRequestSharedAcrossDirectivesAndReadable() {
    App app = Web.app();
    app.use(Helmet.helmet(HelmetOptions.defaults().contentSecurityPolicy(CspOptions.defaults()
        .directives(Csp.directives().scriptSrc("'self'", Csp.nonce()).styleSrc(Csp.nonce(), "'self'")))));
    app.get("/", (req, res) -> res.send(req.get(Csp.NONCE) + "|" + res.locals().get("cspNonce") + "|" + Csp.nonce(req)));
    try (TestClient client = TestClient.start(app)) {
      TestResponse a = client.get("/").expect(200);
      TestResponse b = client.get("/").expect(200);
      String nonce = a.text().split("\\|")[0];
      assertThat(a.text()).isEqualTo(nonce + "|" + nonce + "|" + nonce);
      assertThat(Base64.getDecoder().decode(nonce)).hasSize(16);
      assertThat(a.header("Content-Security-Policy")).isEqualTo(DEFAULT_CSP
          .replace("script-src 'self'", "script-src 'self' 'nonce-" + nonce + "'")
          .replace("style-src 'self' https: 'unsafe-inline'", "style-src 'nonce-" + nonce + "' 'self'"));
      assertThat(b.text().split("\\|")[0]).isNotEqualTo(nonce);
    }
  }

  @Test
  void dynamicPolicyErrorsReachTheErrorHandlerWithoutHelmetHeaders() {
    App app = Web.app();
    app.use(Helmet.helmet(HelmetOptions.defaults().contentSecurityPolicy(CspOptions.defaults().reportOnly(true)
        .directives(Csp.directives().scriptSrc((CspSource) (req, res) -> req.query("s"))))));
    app.get("/", (req, res) -> res.send("ok"));
    app.use((err, req, res, next) -> res.status(500).send(err.getClass().getSimpleName() + ": " + err.getMessage()));
    try (TestClient client = TestClient.start(app)) {
      client.get("/?s=https://a.example").expect(200)
          .expectHeader("Content-Security-Policy-Report-Only", DEFAULT_CSP.replace("script-src 'self'", "script-src https://a.example"))
          .expectNoHeader("Content-Security-Policy");
      client.get("/").expect(500)
          .expectBody("IllegalStateException: Content-Security-Policy: a CspSource returned null for \"script-src\"")
          .expectNoHeader("X-Frame-Options");
      client.get("/?s=self").expect(500)
          .expectBody("IllegalStateException: Content-Security-Policy received an invalid directive value for \"script-src\". \"self\" should be quoted");
      client.get("/?s=a%3Bb").expect(500)
          .expectBody("IllegalStateException: Content-Security-Policy received an invalid directive value for \"script-src\"");
    }
  }

  @Test
  void standaloneXPoweredByOnlyRemovesTheHeader() {
    App app = Web.app();
    app.enable("x-powered-by");
    app.get("/plain", (req, res) -> res.send("ok"));
    app.get("/hidden", Helmet.xPoweredBy(), Web.middleware((req, res) -> res.send("ok")));
    app.get("/kept", Helmet.helmet(HelmetOptions.defaults().xPoweredBy(false)), Web.middleware((req, res) -> res.send("ok")));
    try (TestClient client = TestClient.start(app)) {
      client.get("/plain").expect(200).expectHeader("X-Powered-By", "Eddy");
      client.get("/hidden").expect(200).expectNoHeader("X-Powered-By").expectNoHeader("X-Frame-Options");
      client.get("/kept").expect(200).expectHeader("X-Powered-By", "Eddy").expectHeader("X-Frame-Options", "SAMEORIGIN");
    }
  }

  @Test
  void theMiddlewareKeepsASnapshotOfItsOptions() {
    CspDirectives directives = Csp.directives().imgSrc("'self'");
    HelmetOptions options = HelmetOptions.defaults().xFrameOptions("deny")
        .contentSecurityPolicy(CspOptions.defaults().directives(directives));
    App app = Web.app();
    app.use(Helmet.helmet(options));
    options.xFrameOptions("sameorigin");
    directives.imgSrc("https:");
    app.get("/", (req, res) -> res.send("ok"));
    try (TestClient client = TestClient.start(app)) {
      client.get("/").expect(200).expectHeader("X-Frame-Options", "DENY")
          .expectHeader("Content-Security-Policy", DEFAULT_CSP.replace("img-src 'self' data:", "img-src 'self'"));
    }
  }

  @Test
  void optionValuesAreCheckedAtConstruction() {
    assertThatThrownBy(() -> Csp.directives().scriptSrc("'self'", 42))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a String or a CspSource, got java.lang.Integer");
    assertThatThrownBy(() -> Csp.directives().scriptSrc("'self'", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got null");
    assertThatThrownBy(() -> Csp.directives().scriptSrc("'self'", Csp.DANGEROUSLY_DISABLE_DEFAULT_SRC))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Helmet.helmet(HelmetOptions.defaults().contentSecurityPolicy(
        CspOptions.defaults().directives(Csp.directives().directive("scriptSrc", (Object[]) null)))))
        .hasMessage("Content-Security-Policy received an invalid directive value for \"script-src\"");
    assertThatThrownBy(() -> Helmet.helmet(HelmetOptions.defaults().referrerPolicy((String) null)))
        .hasMessage("Referrer-Policy received an unexpected policy token null");
    assertThatThrownBy(() -> Helmet.xFrameOptions(null)).hasMessage("X-Frame-Options received an invalid action null");
    assertThatThrownBy(() -> Helmet.strictTransportSecurity(-5, true, false))
        .hasMessage("Strict-Transport-Security: -5 is not a valid value for maxAge. Please choose a positive integer.");
    assertThatThrownBy(() -> Helmet.helmet(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dangerouslyDisableDefaultSrcAndDisable() {
    App app = Web.app();
    app.get("/", Helmet.contentSecurityPolicy(CspOptions.defaults().directives(Csp.directives()
        .dangerouslyDisableDefaultSrc().disable("upgradeInsecureRequests").upgradeInsecureRequests()
        .connectSrc("'self'", "wss://ws.example.com"))), Web.middleware((req, res) -> res.send("ok")));
    try (TestClient client = TestClient.start(app)) {
      // the typed method re-set the same key after disable(): helmet's last assignment wins
      client.get("/").expect(200).expectHeader("Content-Security-Policy", DEFAULT_CSP
          .replace("default-src 'self';", "") + ";connect-src 'self' wss://ws.example.com");
    }
  }

  @Test
  void defaultDirectivesAreHelmets() {
    Map<String, List<String>> d = Csp.defaultDirectives();
    assertThat(d.keySet()).containsExactly("default-src", "base-uri", "font-src", "form-action", "frame-ancestors",
        "img-src", "object-src", "script-src", "script-src-attr", "style-src", "upgrade-insecure-requests");
    d.remove("default-src");
    assertThat(Csp.defaultDirectives()).containsKey("default-src");
  }

  @Test
  void quotesLikeJsonStringify() {
    assertThat(HelmetJson.quote(null)).isEqualTo("null");
    assertThat(HelmetJson.quote("a\"b\\c\n\u0001\u007f")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\u007f\"");
    assertThat(HelmetJson.quote("x\ud800y\udc00\ud83d\ude00")).isEqualTo("\"x\\ud800y\\udc00\ud83d\ude00\"");
  }
}
