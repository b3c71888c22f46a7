package dev.eddy.security;

import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.internal.CookieSignature;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** express-session's behaviour: when the cookie is set, when the session is stored, login and logout. */
class SessionsTest {
  private static final String SECRET = "a-session-secret-of-reasonable-length";

  private static App app(SessionOptions options, MemorySessionStore store) {
    App app = Web.app().set("env", "production");
    app.use(Sessions.session(options.store(store)));
    app.get("/peek", (req, res) -> res.json(Map.of("views", String.valueOf(Sessions.of(req).get("views")))));
    app.get("/count", (req, res) -> {
      Session s = Sessions.of(req);
      Object v = s.get("views");
      int views = v == null ? 1 : ((Number) v).intValue() + 1;
      s.set("views", views);
      res.json(Map.of("views", views, "id", s.id()));
    });
    app.post("/login", Web.async((req, res) -> {
      Session fresh = await(Sessions.of(req).regenerate());
      fresh.set("user", "alice");
      res.json(Map.of("id", fresh.id()));
    }));
    app.post("/logout", Web.async((req, res) -> {
      await(Sessions.of(req).destroy());
      res.json(Map.of("bye", true));
    }));
    return app;
  }

  private static String cookieOf(TestResponse r) {
    return r.headers("Set-Cookie").get(0).split(";")[0];
  }

  @Test
  void anUnmodifiedNewSessionSetsNoCookieAndStoresNothing() {
    MemorySessionStore store = new MemorySessionStore();
    try (TestClient c = TestClient.start(app(SessionOptions.withSecret(SECRET), store))) {
      c.get("/peek").send().expect(200).expectNoHeader("Set-Cookie");
      assertThat(store.size()).isZero();
    }
  }

  @Test
  void aModifiedSessionGetsASignedCookieAndIsThereOnTheNextRequest() {
    MemorySessionStore store = new MemorySessionStore();
    try (TestClient c = TestClient.start(app(SessionOptions.withSecret(SECRET), store))) {
      TestResponse first = c.get("/count").send().expect(200);
      String line = first.headers("Set-Cookie").get(0);
      String id = (String) ((Map<?, ?>) first.json()).get("id");
      assertThat(line).isEqualTo("connect.sid=" + dev.eddy.web.internal.UriCodec.encodeURIComponent(
          "s:" + CookieSignature.sign(id, SECRET)) + "; Path=/; HttpOnly; SameSite=Lax");
      String cookie = cookieOf(first);
      c.get("/count").header("Cookie", cookie).send().expect(200).expectNoHeader("Set-Cookie")
          .expectJson(Map.of("views", 2, "id", id));
      c.get("/peek").header("Cookie", cookie).send().expectJson(Map.of("views", "2"));
      assertThat(store.size()).isEqualTo(1);
      // a forged signature is a new, empty session
      c.get("/peek").header("Cookie", "connect.sid=s%3A" + id + ".forged").send().expectJson(Map.of("views", "null"));
    }
  }

  @Test
  void loginRegeneratesTheIdAndLogoutDestroysTheSession() {
    MemorySessionStore store = new MemorySessionStore();
    try (TestClient c = TestClient.start(app(SessionOptions.withSecret(SECRET), store))) {
      String before = cookieOf(c.get("/count").send().expect(200));
      TestResponse login = c.post("/login").header("Cookie", before).body("").expect(200);
      String after = cookieOf(login);
      assertThat(after).isNotEqualTo(before);
      assertThat(store.size()).isEqualTo(1);
      c.get("/peek").header("Cookie", before).send().expectJson(Map.of("views", "null"));
      c.post("/logout").header("Cookie", after).body("").expect(200).expectNoHeader("Set-Cookie");
      assertThat(store.size()).isZero();
    }
  }

  @Test
  void maxAgeGivesAnExpiringCookieAndRollingRenewsIt() {
    MemorySessionStore store = new MemorySessionStore();
    SessionOptions opts = SessionOptions.withSecret(SECRET).maxAge(Duration.ofMinutes(30)).rolling(true);
    try (TestClient c = TestClient.start(app(opts, store))) {
      TestResponse first = c.get("/count").send().expect(200);
      assertThat(first.headers("Set-Cookie").get(0)).contains("; Path=/; Expires=").contains("; HttpOnly; SameSite=Lax");
      c.get("/peek").header("Cookie", cookieOf(first)).send().expect(200)
          .expectHeader("Set-Cookie", java.util.regex.Pattern.compile("^connect\\.sid=s%3A.*Expires="));
    }
  }

  @Test
  void aSecretIsRequired() {
    assertThatThrownBy(() -> Sessions.session(SessionOptions.withSecret(null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a secret is required");
  }
}
