package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Access and refresh tokens over HTTP: rotation, reuse revoking the family, expiry, logout; with
 * the memory store and (when Redis answers, always under CI=true) the Redis store.
 */
class RefreshTokenTest {
  private static final String URL = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
  private static final JwtKey KEY = JwtKey.secret(JwtTest.SECRET);

  private static App app(TokenService tokens) {
    App app = Web.app();
    app.post("/auth/login", (req, res, next) -> tokens.login(req, res, Map.of("sub", "42", "role", "user")).then(t -> {
      res.json(Map.of("accessToken", t.accessToken(), "expiresIn", t.expiresIn()));
      return null;
    }));
    app.post("/auth/refresh", tokens.refreshHandler());
    app.post("/auth/logout", tokens.logoutHandler());
    app.get("/api/profile", tokens.authenticate(), (req, res) -> res.json(Map.of("user", Jwt.claims(req))));
    return app;
  }

  private static String cookie(TestResponse res) {
    List<String> set = res.headers("Set-Cookie");
    assertThat(set).hasSize(1);
    String line = set.get(0);
    return line.substring(line.indexOf('=') + 1, line.indexOf(';'));
  }

  private static TestResponse refresh(TestClient c, String token) {
    return c.post("/auth/refresh").header("Cookie", "refresh_token=" + token).send();
  }

  private static String access(TestResponse res) {
    return (String) ((Map<?, ?>) res.json()).get("accessToken");
  }

  private static void scenarios(Function<JwtJwksTest.MovableClock, RefreshTokenStore> stores) {
    java.util.logging.Logger.getLogger("dev.eddy.security.TokenService").setLevel(java.util.logging.Level.OFF);
    JwtJwksTest.MovableClock clock = new JwtJwksTest.MovableClock();
    TokenService tokens = new TokenService(TokenServiceOptions.withKey(KEY).clock(clock).store(stores.apply(clock))
        .refreshTtl(Duration.ofHours(1)).familyMaxAge(Duration.ofHours(3)));
    try (TestClient c = TestClient.start(app(tokens))) {
      // login: an access token for 15 minutes and the refresh cookie
      TestResponse login = c.post("/auth/login").send().expect(200);
      String set = login.headers("Set-Cookie").get(0);
      assertThat(set).contains("HttpOnly", "SameSite=Strict", "Path=/auth", "Max-Age=3600").doesNotContain("Secure");
      Map<String, Object> claims = Jwt.verify(access(login), JwtOptions.key(KEY).clock(clock));
      assertThat(claims).containsEntry("sub", "42").containsEntry("role", "user").containsKey("jti");
      assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(900);
      String c1 = cookie(login);

      // rotation: each refresh gives a new cookie and a working access token
      TestResponse r1 = refresh(c, c1).expect(200);
      assertThat(r1.header("Cache-Control")).isEqualTo("no-store");
      String c2 = cookie(r1);
      assertThat(c2).isNotEqualTo(c1);
      c.get("/api/profile").header("Authorization", "Bearer " + access(r1)).send().expect(200);
      String c3 = cookie(refresh(c, c2).expect(200));

      // reuse: c2 again revokes the family, so the current c3 stops working too
      TestResponse reused = refresh(c, c2).expect(401).expectJson(Map.of("error", "Invalid refresh token"));
      assertThat(reused.headers("Set-Cookie").get(0)).startsWith("refresh_token=;").contains("Expires=Thu, 01 Jan 1970");
      refresh(c, c3).expect(401);

      // no cookie, or a made-up one
      c.post("/auth/refresh").send().expect(401);
      refresh(c, "made-up").expect(401);

      // expiry of one refresh token
      String e1 = cookie(c.post("/auth/login").send().expect(200));
      clock.advance(Duration.ofMinutes(61));
      refresh(c, e1).expect(401);

      // the family's max age bounds a login however often it is refreshed
      String f = cookie(c.post("/auth/login").send().expect(200));
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofMinutes(50));
        f = cookie(refresh(c, f).expect(200));
      }
      clock.advance(Duration.ofMinutes(40));
      refresh(c, f).expect(401);

      // logout revokes the family and clears the cookie
      String l1 = cookie(c.post("/auth/login").send().expect(200));
      String l2 = cookie(refresh(c, l1).expect(200));
      TestResponse out = c.post("/auth/logout").header("Cookie", "refresh_token=" + l2).send().expect(204);
      assertThat(out.headers("Set-Cookie").get(0)).startsWith("refresh_token=;");
      refresh(c, l2).expect(401);
      c.post("/auth/logout").send().expect(204);
    } finally {
      java.util.logging.Logger.getLogger("dev.eddy.security.TokenService").setLevel(null);
    }
  }

  @Test
  void memoryStore() {
    scenarios(clock -> RefreshTokenStore.memory());
  }

  @Test
  void redisStore() {
    Redis.Connection conn;
    try {
      conn = Redis.connect(URL);
      conn.sync().ping();
    } catch (IllegalStateException e) {
      if ("true".equals(System.getenv("CI"))) throw e;
      Assumptions.abort("no Redis at " + URL + ": " + e.getMessage());
      return;
    }
    String prefix = "eddy-test:" + UUID.randomUUID() + ":";
    try {
      scenarios(clock -> new RefreshTokenRedisStore(conn.connection(), prefix));
    } finally {
      List<String> keys = conn.sync().keys(prefix + "*");
      if (!keys.isEmpty()) conn.sync().del(keys.toArray(String[]::new));
      conn.close();
    }
  }

  @Test
  void secureCookieOnHttpsOrWhenForced() {
    TokenService forced = new TokenService(TokenServiceOptions.withKey(KEY).secure(true).cookiePath("/auth/refresh"));
    try (TestClient c = TestClient.start(app(forced))) {
      assertThat(c.post("/auth/login").send().expect(200).headers("Set-Cookie").get(0))
          .contains("Secure", "Path=/auth/refresh");
    }
    App behindProxy = app(new TokenService(TokenServiceOptions.withKey(KEY)));
    behindProxy.set("trust proxy", true);
    try (TestClient c = TestClient.start(behindProxy)) {
      assertThat(c.post("/auth/login").header("X-Forwarded-Proto", "https").send().expect(200)
          .headers("Set-Cookie").get(0)).contains("Secure");
    }
  }

  @Test
  void aKeyThatCannotSignFailsAtStartup() throws Exception {
    JwtKey publicOnly = JwtKey.of(JwtTest.rsa().getPublic());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenServiceOptions.withKey(publicOnly))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot sign");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TokenService(
            TokenServiceOptions.withKey(JwtKey.secret("a".repeat(32))).algorithm("HS512")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 bytes");
  }
}
