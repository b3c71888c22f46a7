package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys, signing, and the attacks the middleware must refuse with a clear 401 and a log without secrets. */
class JwtTest {
  static final String SECRET = "unit-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJK";
  static final String CERT = """
      -----BEGIN CERTIFICATE-----
      MIIDEzCCAfugAwIBAgIUKdDDzgnomfFUdjSC+Jkr++85Me0wDQYJKoZIhvcNAQEL
      BQAwGDEWMBQGA1UEAwwNZWRkeS1qd3QtdGVzdDAgFw0yNjExMjQwMjU4NTNaGA8y
      MTI2MTAzMTAyNTg1M1owGDEWMBQGA1UEAwwNZWRkeS1qd3QtdGVzdDCCASIwDQYJ
      KoZIhvcNAQEBBQADggEPADCCAQoCggEBAMSYl9AX80w16i+YYWvRkXjrJwLBk1zV
      rPFln7bRPW3fu1E1/3zlX7xrDbn2A95qYIcLc9cbLSFfwrxsAhau92arxqAlCc/V
      Vi3PTgVwqEvb0APIrCK7TiYv2I/Lb8T/9CgIWuIq3XHp7hin5oBz2ay7jbevskd5
      y3mF5N5gfCD2TzWkvUqGaWwE6p+R3VlBGvqbhzRcmci1/2bqJD9txQKUBM6SAjUH
      U2Vd8nP950jOCu86+uv204r0fnD49gDUkbxrYvcT8aAWrtHJRPd71qOkdJ4S9Lrh
      fkzpxIPa37nHx0dkNKmLiurub1ppWbXp4mX2Qf0GUc/AdkdwxIbRdr0CAwEAAaNT
      MFEwHQYDVR0OBBYEFEfEh6NVHQ+66yqOv7NMoG7/dJVuMB8GA1UdIwQYMBaAFEfE
      h6NVHQ+66yqOv7NMoG7/dJVuMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQEL
      BQADggEBABy1qcG/JGWzt8rOTOkNo9NyqHsY0+XPUgXHJhPAITOenOGcGaStLhDK
      esZ3b/hHJFDZoUGZQ2fztPrLK1CU61VVtBmrDq1RaSafzmZX5dkP/DxLlJUGGFCl
      nYGozpQSCBVd2l/VO0jPaQxGCEFeCOiDASfN8Sd13z7d4Nd++AHXF1oQI/rEDIHp
      7RN2Jlayg0Eer4t+ernhBP9s6P9XuFKd7e+Xw34Dy8a5y0C+b9m06Ids4w8ay3I1
      pOOfCJD4oMs81tbUDeC78+ftmh5yTuQ0WmYwsfekfUOphDCTnskdjt14Xne2AYmv
      vTryFUeLxgaKbkZjjsW9/u6+0ea+ojQ=
      -----END CERTIFICATE-----
      """;
  static final String CERT_KEY = """
      -----BEGIN PRIVATE KEY-----
      MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQDEmJfQF/NMNeov
      mGFr0ZF46ycCwZNc1azxZZ+20T1t37tRNf985V+8aw259gPeamCHC3PXGy0hX8K8
      bAIWrvdmq8agJQnP1VYtz04FcKhL29ADyKwiu04mL9iPy2/E//QoCFriKt1x6e4Y
      p+aAc9msu423r7JHect5heTeYHwg9k81pL1KhmlsBOqfkd1ZQRr6m4c0XJnItf9m
      6iQ/bcUClATOkgI1B1NlXfJz/edIzgrvOvrr9tOK9H5w+PYA1JG8a2L3E/GgFq7R
      yUT3e9ajpHSeEvS64X5M6cSD2t+5x8dHZDSpi4rq7m9aaVm16eJl9kH9BlHPwHZH
      cMSG0Xa9AgMBAAECggEAWaFUPXxd4RYHkfGAIP7nuuBC5d/JRp7ofRoe6eOVhR1m
      skzTEWcl8apBFNJTyzhmj8sp4h0ywy98ghkgDqVwh++y29pnEckqxDHqWVKWeBdc
      TA1WZXNN2t0fd9eBOqiS8Rl2Df0K/t9vPPB3h4LJ8BWGNAO3XRzrJplj0frdPM0i
      NGmj3T4NBL/FbT2QSz+9/bd80q5vOSvPauyOBU3q4Ej65TRGRw3PmK5e+cQDjxZA
      iXmiNg6YbRjRzuQW0YGIko9pdlqekGbdIo7g7sf9kMZXCybyMPLhaOWFCfJ6mpri
      YY3ITFYcUDdfJXK2o6CG4Bmltfyzu59AvGR7lDyk5QKBgQDuw16ZfDVGs1g2ZveZ
      YwUCSWIDldwz6xIq1wx4P2Ge411VaGbsT9BwuEqJuEbvaiozqwRCz2+p6InMCgsS
      mHebQHU6pjJDr5pBhhFK/4zT0ZSQXhZ+DwkFHYr96z0Mdgqi/awtkTikpfMUAmfe
      e72+/B7M2EOPzAPJ5cGN0Yc4cwKBgQDSyezB29rcu2R3cu7RQay6VrfKqaM6KhLm
      P5XDFVJyaJ/hUpbW+oE9mCUNp8kwehSOAThOkybuuWkwk0cMW2n+cWfyi74FRY/A
      YjEuo2Ln6SulAZG2mOJdwKgTGnm/7Ric186ut1lUEp9cOlG6O4q3CGcxs0aI0AV2
      jXS2X0Q4DwKBgQDkMM55rG8SihdVryUWcL95xv6o5JIXAKRVU0A0sIaxHyW1mdk8
      Iq/Y+xkp9He/G10IEns5Cx3yai9AVZztgdBWDc28ZtiFPhAUbXibkA9c5eGx9GpU
      wjPhsrGDKk8nWK2jxwPGbROQsJXX2tDAnszi+fzJ1CsGBHree/p3evhcJwKBgQCY
      pATAtVad9U1hemcaPXa5UUayiXlcC0+4UF9A79XOZ5kvb8EvWCPy2JQseU4lvqHX
      22ZM8B6HTNixhlUyy5fL24+sgilOY/sfE3wOC975lU43pRVBpyB1R6fufYOgyi7C
      lTxkJP2Y9gtUnB7Gv4tJ09n2kZ4IQKtUGEdmMUKTXQKBgQCY6LaM8B7viBHP8zu8
      q0ftPOdCljg/3f7VBwHonCK95+WpWZov3w3VxIrjorSS3epNu1MHXCb+Q65RPNH5
      W5Iq8rOd3L47Jzs43En2PZnN4jN3aS40J/+MMD4geqSuF8uJcVdMdiN0QA6wqEoy
      Hc9YfgCqjKyZOvv5dMYFbIyxlQ==
      -----END PRIVATE KEY-----
      """;
  static final String CERT_PKCS1 = """
      -----BEGIN RSA PUBLIC KEY-----
      MIIBCgKCAQEAxJiX0BfzTDXqL5hha9GReOsnAsGTXNWs8WWfttE9bd+7UTX/fOVf
      vGsNufYD3mpghwtz1xstIV/CvGwCFq73ZqvGoCUJz9VWLc9OBXCoS9vQA8isIrtO
      Ji/Yj8tvxP/0KAha4irdcenuGKfmgHPZrLuNt6+yR3nLeYXk3mB8IPZPNaS9SoZp
      bATqn5HdWUEa+puHNFyZyLX/ZuokP23FApQEzpICNQdTZV3yc/3nSM4K7zr66/bT
      ivR+cPj2ANSRvGti9xPxoBau0clE93vWo6R0nhL0uuF+TOnEg9rfucfHR2Q0qYuK
      6u5vWmlZteniZfZB/QZRz8B2R3DEhtF2vQIDAQAB
      -----END RSA PUBLIC KEY-----
      """;

  private final List<String> logged = new ArrayList<>();
  private final Logger log = Logger.getLogger("dev.eddy.security.Jwt");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(r.getLevel() + " " + r.getMessage() + (r.getThrown() != null ? " " + r.getThrown() : ""));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void captureLog() {
    log.setLevel(Level.ALL);
    log.setUseParentHandlers(false);
    log.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    log.removeHandler(capture);
    log.setUseParentHandlers(true);
    log.setLevel(null);
  }

  static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String hmac(String alg, String input, byte[] key) throws Exception {
    Mac mac = Mac.getInstance(alg);
    mac.init(new SecretKeySpec(key, alg));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  static String pem(java.security.PublicKey k) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(k.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
  }

  private static App app(JwtOptions options) {
    App app = Web.app();
    app.get("/api/profile", Jwt.authenticate(options), (req, res) -> res.json(Map.of("user", Jwt.claims(req))));
    return app;
  }

  private void refused(TestClient client, String token, String error) {
    client.get("/api/profile").header("Authorization", "Bearer " + token).send()
        .expect(401).expectJson(Map.of("error", error));
  }

  private void noSecretsLogged(String... secrets) {
    assertThat(logged).isNotEmpty();
    for (String line : logged) {
      for (String s : secrets) assertThat(line).doesNotContain(s);
    }
  }

  // ------------------------------------------------------------------ attacks

  @Test
  void attacksOnAnHmacSecretAreRefusedWithA401AndLoggedWithoutTheTokenOrSecret() throws Exception {
    JwtKey key = JwtKey.secret(SECRET);
    long now = Instant.now().getEpochSecond();
    String valid = Jwt.sign(Map.of("sub", "42"), key, JwtSignOptions.defaults().expiresIn(Duration.ofMinutes(5)));
    String[] p = valid.split("\\.");
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + p[1] + ".");
    attacks.put("alg none with the valid signature", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + p[1] + "." + p[2]);
    attacks.put("not yet valid", Jwt.sign(Map.of("sub", "42", "nbf", now + 3600), key));
    attacks.put("tampered payload", p[0] + "." + b64("{\"sub\":\"1\",\"role\":\"admin\"}") + "." + p[2]);
    attacks.put("wrong key", Jwt.sign(Map.of("sub", "42"), JwtKey.secret("x".repeat(64))));
    attacks.put("HS512 from a different secret",
        Jwt.sign(Map.of("sub", "42"), JwtKey.secret("y".repeat(64)), JwtSignOptions.defaults().algorithm("HS512")));
    attacks.put("RS256 token", Jwt.sign(Map.of("sub", "42"), JwtKey.of(rsa())));
    attacks.put("oversized", Jwt.sign(Map.of("sub", "42", "pad", "x".repeat(7000)), key));
    attacks.put("garbage", "garbage");
    attacks.put("three garbage parts", "a.b.c");
    try (TestClient client = TestClient.start(app(JwtOptions.key(key)))) {
      client.get("/api/profile").header("Authorization", "Bearer " + valid).send().expect(200);
      for (Map.Entry<String, String> a : attacks.entrySet()) {
        refused(client, a.getValue(), "Invalid token");
      }
      refused(client, Jwt.sign(Map.of("sub", "42", "exp", now - 1), key), "Token expired");
      client.get("/api/profile").send().expect(401).expectJson(Map.of("error", "No token provided"));
    }
    List<String> all = new ArrayList<>(attacks.values());
    all.add(SECRET);
    all.add(p[2]);
    noSecretsLogged(all.toArray(String[]::new));
    assertThat(String.join("\n", logged)).contains("ALGORITHM", "SIGNATURE", "NOT_BEFORE", "EXPIRED", "TOO_LARGE", "MALFORMED");
  }

  @Test
  void hsRsConfusionWithThePublicKeyAsTheHmacSecretIsRefused() throws Exception {
    KeyPair pair = rsa();
    String publicPem = pem(pair.getPublic());
    String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"admin\"}");
    String forged = input + "." + hmac("HmacSHA256", input, publicPem.getBytes(StandardCharsets.UTF_8));
    String forgedDer = input + "." + hmac("HmacSHA256", input, pair.getPublic().getEncoded());
    try (TestClient client = TestClient.start(app(JwtOptions.key(JwtKey.publicKeyPem(publicPem))))) {
      client.get("/api/profile").header("Authorization", "Bearer " + Jwt.sign(Map.of("sub", "42"), JwtKey.of(pair)))
          .send().expect(200);
      refused(client, forged, "Invalid token");
      refused(client, forgedDer, "Invalid token");
    }
    assertThat(String.join("\n", logged)).contains("ALGORITHM");
    noSecretsLogged(forged, forgedDer);
  }

  @Test
  void wrongIssuerAndAudienceAreRefused() {
    JwtKey key = JwtKey.secret(SECRET);
    JwtOptions o = JwtOptions.key(key).issuer("https://auth.example.com").audience("api");
    JwtSignOptions s = JwtSignOptions.defaults().expiresIn(Duration.ofMinutes(1));
    try (TestClient client = TestClient.start(app(o))) {
      client.get("/api/profile").header("Authorization", "Bearer "
          + Jwt.sign(Map.of(), key, s.issuer("https://auth.example.com").audience("web", "api"))).send().expect(200);
      refused(client, Jwt.sign(Map.of(), key, s.issuer("https://evil.example.com").audience("api")), "Invalid token");
      refused(client, Jwt.sign(Map.of(), key, s.issuer("https://auth.example.com").audience("web")), "Invalid token");
      refused(client, Jwt.sign(Map.of(), key, s.audience("api")), "Invalid token");
    }
    assertThat(String.join("\n", logged)).contains("ISSUER", "AUDIENCE").doesNotContain("evil");
  }

  @Test
  void clockSkewAppliesToExpAndNbf() {
    JwtKey key = JwtKey.secret(SECRET);
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    String expired = Jwt.sign(Map.of("exp", 1_699_999_990L), key);
    String early = Jwt.sign(Map.of("nbf", 1_700_000_010L), key);
    JwtOptions strict = JwtOptions.key(key).clock(clock);
    assertThatThrownBy(() -> Jwt.verify(expired, strict)).isInstanceOfSatisfying(JwtException.class,
        e -> assertThat(e.reason()).isEqualTo(JwtException.Reason.EXPIRED));
    assertThatThrownBy(() -> Jwt.verify(early, strict)).isInstanceOfSatisfying(JwtException.class,
        e -> assertThat(e.reason()).isEqualTo(JwtException.Reason.NOT_BEFORE));
    JwtOptions lenient = strict.clockSkew(Duration.ofSeconds(15));
    assertThat(Jwt.verify(expired, lenient)).containsEntry("exp", 1_699_999_990);
    assertThat(Jwt.verify(early, lenient)).containsEntry("nbf", 1_700_000_010);
  }

  @Test
  void aMaxTokenLengthCanBeSet() {
    JwtKey key = JwtKey.secret(SECRET);
    String token = Jwt.sign(Map.of("sub", "42"), key);
    assertThat(Jwt.verify(token, JwtOptions.key(key).maxTokenLength(token.length()))).containsEntry("sub", "42");
    assertThatThrownBy(() -> Jwt.verify(token, JwtOptions.key(key).maxTokenLength(token.length() - 1)))
        .isInstanceOfSatisfying(JwtException.class, e -> assertThat(e.reason()).isEqualTo(JwtException.Reason.TOO_LARGE));
  }

  // ------------------------------------------------------------------ keys

  @Test
  void aShortSecretFailsAtStartupWithoutShowingIt() {
    assertThatThrownBy(() -> JwtKey.secret("short-secret-123")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bytes").hasMessageContaining("32 bytes").hasMessageNotContaining("short-secret-123");
    assertThatThrownBy(() -> JwtOptions.secret(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    JwtKey k32 = JwtKey.secret("a".repeat(32));
    assertThat(k32.ordered()).containsExactly("HS256");
    assertThat(JwtKey.secret("a".repeat(48)).ordered()).containsExactly("HS256", "HS384");
    assertThat(JwtKey.secret("a".repeat(64)).ordered()).containsExactly("HS256", "HS384", "HS512");
    assertThatThrownBy(() -> k32.algorithms("HS512")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HS512 needs at least 64 bytes");
    assertThatThrownBy(() -> Jwt.sign(Map.of(), k32, JwtSignOptions.defaults().algorithm("HS384")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("48 bytes");
    assertThat(k32.toString()).doesNotContain("aaaa");
  }

  @Test
  void keysArePinnedToTheirAlgorithms() throws Exception {
    JwtKey rsa = JwtKey.of(rsa());
    assertThat(rsa.ordered()).containsExactly("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
    assertThat(rsa.accepts("HS256")).isFalse();
    assertThat(rsa.accepts("none")).isFalse();
    assertThat(JwtKey.of(ec("secp256r1")).ordered()).containsExactly("ES256");
    assertThat(JwtKey.of(ec("secp384r1")).ordered()).containsExactly("ES384");
    assertThat(JwtKey.of(ec("secp521r1")).ordered()).containsExactly("ES512");
    assertThatThrownBy(() -> rsa.algorithms("HS256")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit");
    JwtKey rs256Only = rsa.algorithms("RS256");
    String ps = Jwt.sign(Map.of(), rsa, JwtSignOptions.defaults().algorithm("PS256"));
    assertThat(Jwt.verify(ps, rsa)).containsKey("iat");
    assertThatThrownBy(() -> Jwt.verify(ps, rs256Only)).isInstanceOfSatisfying(JwtException.class,
        e -> assertThat(e.reason()).isEqualTo(JwtException.Reason.ALGORITHM));
    assertThatThrownBy(() -> JwtKey.secret(SECRET).algorithms("RS256")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pemKeysCertificatesAndPkcs1AreRead() throws Exception {
    JwtKey signer = JwtKey.privateKeyPem(CERT_KEY);
    String token = Jwt.sign(Map.of("sub", "pem"), signer, JwtSignOptions.defaults().algorithm("RS512"));
    assertThat(Jwt.verify(token, JwtKey.publicKeyPem(CERT))).containsEntry("sub", "pem");
    assertThat(Jwt.verify(token, JwtKey.publicKeyPem(CERT_PKCS1))).containsEntry("sub", "pem");
    assertThat(Jwt.verify(token, signer)).containsEntry("sub", "pem");
    KeyPair ec = ec("secp256r1");
    String es = Jwt.sign(Map.of("sub", "ec"), JwtKey.of(ec));
    assertThat(Jwt.verify(es, JwtKey.publicKeyPem(pem(ec.getPublic())))).containsEntry("sub", "ec");
    assertThatThrownBy(() -> JwtKey.publicKeyPem(CERT_KEY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("privateKeyPem");
    assertThatThrownBy(() -> JwtKey.publicKeyPem("not pem")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Jwt.sign(Map.of(), JwtKey.publicKeyPem(CERT))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot sign");
  }

  // ------------------------------------------------------------------ signing

  @Test
  void signWritesJsonwebtokensShape() {
    JwtKey key = JwtKey.secret(SECRET).keyId("k1");
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_999L), ZoneOffset.UTC);
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "42");
    claims.put("roles", List.of("a", "b"));
    String token = Jwt.sign(claims, key, JwtSignOptions.defaults().clock(clock).expiresIn(Duration.ofMinutes(15))
        .notBefore(Duration.ofSeconds(1500)).issuer("iss").audience("api").jwtId("id-1"));
    String[] p = token.split("\\.");
    assertThat(new String(Base64.getUrlDecoder().decode(p[0]), StandardCharsets.UTF_8))
        .isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}");
    assertThat(new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8)).isEqualTo(
        "{\"sub\":\"42\",\"roles\":[\"a\",\"b\"],\"iat\":1700000000,\"nbf\":1700001500,\"exp\":1700000900,"
            + "\"aud\":\"api\",\"iss\":\"iss\",\"jti\":\"id-1\"}");
    String a = Jwt.sign(Map.of(), key, JwtSignOptions.defaults().randomJwtId());
    String b = Jwt.sign(Map.of(), key, JwtSignOptions.defaults().randomJwtId());
    assertThat(Jwt.verify(a, key).get("jti")).isNotEqualTo(Jwt.verify(b, key).get("jti"));
    assertThatThrownBy(() -> Jwt.sign(Map.of("exp", 1), key, JwtSignOptions.defaults().expiresIn(Duration.ofMinutes(1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has an \"exp\"");
    assertThat(new String(Base64.getUrlDecoder().decode(
        Jwt.sign(Map.of("a", 1), key, JwtSignOptions.defaults().noTimestamp(true)).split("\\.")[1]), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}");
  }

  @Test
  void signedTokensVerifyWithEveryAlgorithm() throws Exception {
    JwtKey secret = JwtKey.secret(SECRET);
    for (String alg : List.of("HS256", "HS384", "HS512")) {
      assertThat(Jwt.verify(Jwt.sign(Map.of("alg", alg), secret, JwtSignOptions.defaults().algorithm(alg)), secret))
          .containsEntry("alg", alg);
    }
    JwtKey rsa = JwtKey.of(rsa());
    for (String alg : rsa.ordered()) {
      assertThat(Jwt.verify(Jwt.sign(Map.of("alg", alg), rsa, JwtSignOptions.defaults().algorithm(alg)), rsa))
          .containsEntry("alg", alg);
    }
    for (String curve : List.of("secp256r1", "secp384r1", "secp521r1")) {
      JwtKey ec = JwtKey.of(ec(curve));
      assertThat(Jwt.verify(Jwt.sign(Map.of("c", curve), ec), ec)).containsEntry("c", curve);
    }
  }
}
