package dev.eddy.security;

import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The synchronizer token against cross-site request forgery, with cookie sessions. */
class CsrfTest {
  private static final String SECRET = "a-session-secret-of-reasonable-length";
  private static final Map<String, Object> MISSING = Map.of("error", "missing csrf token", "code", "EBADCSRFTOKEN");
  private static final Map<String, Object> INVALID = Map.of("error", "invalid csrf token", "code", "EBADCSRFTOKEN");

  private static App app(CsrfOptions options) {
    App app = Web.app().set("env", "production");
    app.use(Sessions.session(SessionOptions.withSecret(SECRET)));
    app.use(Web.json());
    app.use(Web.urlencoded());
    app.use(Csrf.protect(options));
    app.get("/form", (req, res) -> res.json(Map.of("token", Csrf.token(req))));
    app.get("/html", (req, res) -> res.send("<form method=post>" + Csrf.of(req).hiddenField() + "</form>"));
    app.get("/plain", (req, res) -> res.json(Map.of("ok", true)));
    app.get("/locals", (req, res) -> res.json(Map.of("token", String.valueOf(res.locals().get("csrfToken")))));
    app.post("/login", Web.async((req, res) -> {
      await(Sessions.of(req).regenerate());
      res.json(Map.of("token", Csrf.token(req)));
    }));
    app.all("/transfer", (req, res) -> res.json(Map.of("done", req.method())));
    return app;
  }

  private static String cookieOf(TestResponse r) {
    return r.headers("Set-Cookie").get(0).split(";")[0];
  }

  /** A session with a token: {cookie, token}. */
  private static String[] session(TestClient c) {
    TestResponse r = c.get("/form").send().expect(200);
    return new String[] {cookieOf(r), (String) ((Map<?, ?>) r.json()).get("token")};
  }

  @Test
  void safeMethodsPassAndUnsafeOnesNeedTheToken() {
    try (TestClient c = TestClient.start(app(CsrfOptions.defaults()))) {
      c.get("/plain").send().expect(200).expectNoHeader("Set-Cookie"); // no token asked for: no session stored
      c.head("/plain").send().expect(200);
      c.options("/plain").send();
      String[] s = session(c);
      for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
        c.request(method, "/transfer").header("Cookie", s[0]).header("X-CSRF-Token", s[1]).json(Map.of()).send()
            .expect(200).expectJson(Map.of("done", method));
        c.request(method, "/transfer").header("Cookie", s[0]).json(Map.of()).send().expect(403).expectJson(MISSING);
      }
      c.request("PROPFIND", "/transfer").header("Cookie", s[0]).send().expect(403);
    }
  }

  @Test
  void theTokenComesInAHeaderOrAFormFieldOrAJsonField() {
    try (TestClient c = TestClient.start(app(CsrfOptions.defaults()))) {
      String[] s = session(c);
      c.post("/transfer").header("Cookie", s[0]).header("x-csrf-token", s[1]).body("").expect(200);
      c.post("/transfer").header("Cookie", s[0]).form(Map.of("amount", "10", "_csrf", s[1])).expect(200);
      c.post("/transfer").header("Cookie", s[0]).json(Map.of("_csrf", s[1])).expect(200);
      c.post("/transfer").header("Cookie", s[0]).body(("a=1&_csrf=" + s[1] + "&_csrf=x").getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "application/x-www-form-urlencoded").expect(200);
      // the query string is not read: tokens in URLs leak through logs and Referer
      c.post("/transfer?_csrf=" + s[1]).header("Cookie", s[0]).body("").expect(403);
    }
  }

  @Test
  void wrongForgedAndForeignTokensAreRefused() {
    try (TestClient c = TestClient.start(app(CsrfOptions.defaults()))) {
      String[] a = session(c);
      String[] b = session(c);
      assertThat(a[0]).isNotEqualTo(b[0]);
      c.post("/transfer").header("Cookie", a[0]).header("X-CSRF-Token", b[1]).body("").expect(403).expectJson(INVALID);
      c.post("/transfer").header("Cookie", a[0]).header("X-CSRF-Token", "garbage").body("").expect(403).expectJson(INVALID);
      String flipped = a[1].substring(0, a[1].length() - 2) + (a[1].charAt(a[1].length() - 2) == 'A' ? 'B' : 'A') + a[1].charAt(a[1].length() - 1);
      c.post("/transfer").header("Cookie", a[0]).header("X-CSRF-Token", flipped).body("").expect(403).expectJson(INVALID);
      String otherSalt = (a[1].charAt(0) == 'A' ? 'B' : 'A') + a[1].substring(1);
      c.post("/transfer").header("Cookie", a[0]).header("X-CSRF-Token", otherSalt).body("").expect(403);
      // a token without a session (a fresh visitor, or the attacker's own session's token)
      c.post("/transfer").header("X-CSRF-Token", a[1]).body("").expect(403).expectJson(INVALID);
    }
  }

  @Test
  void eachRequestGetsAFreshTokenAndAllOfThemVerify() {
    try (TestClient c = TestClient.start(app(CsrfOptions.defaults()))) {
      String[] s = session(c);
      Set<String> tokens = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        TestResponse r = c.get("/form").header("Cookie", s[0]).send().expect(200);
        tokens.add((String) ((Map<?, ?>) r.json()).get("token"));
      }
      assertThat(tokens).hasSize(5).doesNotContain(s[1]);
      for (String t : tokens) c.post("/transfer").header("Cookie", s[0]).header("X-CSRF-Token", t).body("").expect(200);
      c.post("/transfer").header("Cookie", s[0]).header("X-CSRF-Token", s[1]).body("").expect(200);
    }
  }

  @Test
  void templatesGetAHiddenFieldAndALocal() {
    try (TestClient c = TestClient.start(app(CsrfOptions.defaults()))) {
      TestResponse html = c.get("/html").send().expect(200);
      String page = html.text();
      assertThat(page).matches("<form method=post><input type=\"hidden\" name=\"_csrf\" value=\"[A-Za-z0-9_-]{11}\\.[A-Za-z0-9_-]{43}\"></form>");
      String token = page.replaceAll(".*value=\"([^\"]+)\".*", "$1");
      c.post("/transfer").header("Cookie", cookieOf(html)).form(Map.of("_csrf", token)).expect(200);
      TestResponse locals = c.get("/locals").header("Cookie", cookieOf(html)).send().expect(200);
      c.post("/transfer").header("Cookie", cookieOf(html))
          .header("X-CSRF-Token", (String) ((Map<?, ?>) locals.json()).get("token")).body("").expect(200);
    }
  }

  @Test
  void aNewSessionAtLoginNeedsANewToken() {
    try (TestClient c = TestClient.start(app(CsrfOptions.defaults()))) {
      String[] s = session(c);
      TestResponse login = c.post("/login").header("Cookie", s[0]).header("X-CSRF-Token", s[1]).body("").expect(200);
      String cookie = cookieOf(login);
      String fresh = (String) ((Map<?, ?>) login.json()).get("token");
      c.post("/transfer").header("Cookie", cookie).header("X-CSRF-Token", s[1]).body("").expect(403).expectJson(INVALID);
      c.post("/transfer").header("Cookie", cookie).header("X-CSRF-Token", fresh).body("").expect(200);
    }
  }

  @Test
  void optionsChangeNamesAndTheFailureAnswer() {
    CsrfOptions o = CsrfOptions.defaults().withHeaderName("X-XSRF-Token").withFieldName("authenticity_token")
        .withSessionKey("xsrf").withOnFailure((req, res) -> res.status(419).send("page expired"));
    try (TestClient c = TestClient.start(app(o))) {
      String[] s = session(c);
      c.post("/transfer").header("Cookie", s[0]).header("X-XSRF-Token", s[1]).body("").expect(200);
      c.post("/transfer").header("Cookie", s[0]).form(Map.of("authenticity_token", s[1])).expect(200);
      c.post("/transfer").header("Cookie", s[0]).header("X-CSRF-Token", s[1]).body("").expect(419).expectBody("page expired");
    }
    assertThatThrownBy(() -> CsrfOptions.defaults().withHeaderName("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(CsrfOptions.defaults().withIgnoredMethods(Set.of("get")).ignoredMethods()).containsExactly("GET");
  }

  @Test
  void withoutSessionsItIsAServerError() {
    App app = Web.app().set("env", "production");
    app.use(Csrf.protect());
    app.post("/x", (req, res) -> res.json(Map.of()));
    java.util.logging.Logger.getLogger("dev.eddy.web").setLevel(java.util.logging.Level.OFF);
    try (TestClient c = TestClient.start(app)) {
      c.post("/x").body("").expect(500);
    }
  }

  @Test
  void tokensVerifyOnlyAgainstTheirSecret() {
    String t = Csrf.newToken("secret-one");
    assertThat(Csrf.verify("secret-one", t)).isTrue();
    assertThat(Csrf.verify("secret-two", t)).isFalse();
    assertThat(Csrf.verify("secret-one", t + "x")).isFalse();
    assertThat(Csrf.verify("secret-one", t.replace('.', '-'))).isFalse();
    assertThat(Csrf.verify("secret-one", t.substring(0, 12) + "!".repeat(43))).isFalse();
    assertThat(Csrf.verify("secret-one", "")).isFalse();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) seen.put(Csrf.newToken("s"), true);
    assertThat(seen).hasSize(100);
  }
}
