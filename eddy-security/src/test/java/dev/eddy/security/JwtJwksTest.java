package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Keys from a JWKS served by a local eddy-web app: fetched with Fetch, cached, refreshed on a new kid at most every 30 s. */
class JwtJwksTest {
  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    final AtomicLong millis = new AtomicLong(System.currentTimeMillis());

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  private static final class JwksServer {
    final AtomicInteger hits = new AtomicInteger();
    volatile List<JWK> keys = new ArrayList<>();

    App app() {
      App app = Web.app();
      app.get("/jwks.json", (req, res) -> {
        hits.incrementAndGet();
        res.type("application/json").send(new JWKSet(keys).toString(true));
      });
      return app;
    }
  }

  private static App protectedApp(JwtOptions o) {
    App app = Web.app();
    app.get("/api/profile", Jwt.authenticate(o), (req, res) -> res.json(Map.of("user", Jwt.claims(req))));
    return app;
  }

  private static JWK rsaJwk(KeyPair p, String kid) {
    return new RSAKey.Builder((RSAPublicKey) p.getPublic()).keyID(kid).build();
  }

  private static String token(KeyPair p, String kid, String sub) {
    return Jwt.sign(Map.of("sub", sub), JwtKey.of(p).keyId(kid), JwtSignOptions.defaults().expiresIn(Duration.ofDays(1)));
  }

  private static void get(TestClient c, String token, int status) {
    c.get("/api/profile").header("Authorization", "Bearer " + token).send().expect(status);
  }

  @Test
  void keysAreFetchedOnceCachedAndRefreshedOnANewKidAtMostEvery30Seconds() throws Exception {
    KeyPair k1 = JwtTest.rsa();
    KeyPair k2 = JwtTest.rsa();
    JwksServer jwks = new JwksServer();
    jwks.keys = List.of(rsaJwk(k1, "k1"));
    MovableClock clock = new MovableClock();
    try (TestClient server = TestClient.start(jwks.app())) {
      JwtOptions o = JwtOptions.jwks("http://127.0.0.1:" + server.port() + "/jwks.json").clock(clock);
      try (TestClient client = TestClient.start(protectedApp(o))) {
        client.get("/api/profile").header("Authorization", "Bearer " + token(k1, "k1", "ada")).send()
            .expect(200).expectJson(Map.of("user", Jwt.verify(token(k1, "k1", "ada"), JwtKey.of(k1))));
        get(client, token(k1, "k1", "bob"), 200);
        get(client, token(k1, "k1", "cy"), 200);
        assertThat(jwks.hits.get()).isEqualTo(1);

        // a rotation: the new key is published, but a refresh is only allowed 30 s after the last fetch
        jwks.keys = List.of(rsaJwk(k1, "k1"), rsaJwk(k2, "k2"));
        clock.advance(Duration.ofSeconds(10));
        get(client, token(k2, "k2", "dee"), 401);
        assertThat(jwks.hits.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(21));
        get(client, token(k2, "k2", "dee"), 200);
        assertThat(jwks.hits.get()).isEqualTo(2);

        // made-up kids cannot make it fetch again and again
        for (int i = 0; i < 5; i++) get(client, token(k2, "made-up-" + i, "eve"), 401);
        assertThat(jwks.hits.get()).isEqualTo(2);
        // a token signed by k2 but naming k1 fails on its signature
        get(client, token(k2, "k1", "eve"), 401);

        // after the max age the keys are fetched again; a key removed from the set stops working
        jwks.keys = List.of(rsaJwk(k2, "k2"));
        clock.advance(Duration.ofMinutes(11));
        get(client, token(k1, "k1", "fay"), 401);
        get(client, token(k2, "k2", "fay"), 200);
        assertThat(jwks.hits.get()).isEqualTo(3);
      }
    }
  }

  @Test
  void symmetricKeysInTheSetAndAlgNoneAreNeverUsed() throws Exception {
    byte[] secret = "jwks-oct-secret-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789".getBytes();
    KeyPair ec = JwtTest.ec("secp256r1");
    JwksServer jwks = new JwksServer();
    jwks.keys = List.of(new OctetSequenceKey.Builder(secret).keyID("oct").build(),
        new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, (ECPublicKey) ec.getPublic()).keyID("ec").build());
    try (TestClient server = TestClient.start(jwks.app())) {
      JwtOptions o = JwtOptions.jwks("http://127.0.0.1:" + server.port() + "/jwks.json").jwksRefreshInterval(Duration.ZERO);
      try (TestClient client = TestClient.start(protectedApp(o))) {
        get(client, token(ec, "ec", "ok"), 200);
        get(client, Jwt.sign(Map.of("sub", "x"), JwtKey.secret(secret).keyId("oct")), 401);
        get(client, JwtTest.b64("{\"alg\":\"none\",\"kid\":\"ec\"}") + "." + JwtTest.b64("{\"sub\":\"x\"}") + ".", 401);
        // a token without kid, while the set has one usable key: that key
        get(client, Jwt.sign(Map.of("sub", "nokid"), JwtKey.of(ec)), 200);
      }
    }
  }

  @Test
  void anUnreachableJwksFailsWith503AndIsNotHammered() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    JwtOptions o = JwtOptions.jwks("http://127.0.0.1:" + port + "/jwks.json");
    KeyPair k = JwtTest.rsa();
    java.util.logging.Logger.getLogger("dev.eddy.security.Jwt").setLevel(java.util.logging.Level.OFF);
    java.util.logging.Logger.getLogger("dev.eddy.web").setLevel(java.util.logging.Level.OFF);
    try (TestClient client = TestClient.start(protectedApp(o))) {
      get(client, token(k, "k", "a"), 503);
      get(client, token(k, "k", "a"), 503);
      client.get("/api/profile").send().expect(401);
    } finally {
      java.util.logging.Logger.getLogger("dev.eddy.security.Jwt").setLevel(null);
      java.util.logging.Logger.getLogger("dev.eddy.web").setLevel(null);
    }
  }
}
