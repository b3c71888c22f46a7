package dev.eddy.security;

import dev.eddy.security.JwtException.Reason;
import dev.eddy.web.internal.JsJson;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading, checking and writing compact JWS tokens with jsonwebtoken 9's rules and order of
 * checks (so the same tokens pass, and the same ones fail as expired rather than invalid);
 * nimbus-jose-jwt does the cryptography.
 */
final class JwtCore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private JwtCore() {}

  /** A parsed token whose signature and claims are not checked yet. */
  record Decoded(String alg, String kid, byte[] signingInput, String signature, Map<String, Object> payload) {}

  /** The checks after the signature, compiled from the options. */
  record Policy(List<String> issuers, List<String> audiences, double toleranceSeconds, Clock clock) {
    static Policy of(JwtOptions o) {
      return new Policy(o.issuers(), o.audiences(), o.clockSkew().toMillis() / 1000.0, o.clock());
    }
  }

  static String randomId(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return B64URL.encodeToString(b);
  }

  private static boolean isB64Url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '-' ? 62 : 63;
  }

  /**
   * Base64url without padding, decoded as Node's Buffer does: leftover bits of a last partial
   * group (including a lone sixth character) are dropped rather than refused. The range holds only
   * base64url characters (checked before).
   */
  static byte[] decode(String s, int from, int to) {
    int n = to - from;
    byte[] out = new byte[n * 6 / 8];
    int acc = 0;
    int bits = 0;
    int o = 0;
    for (int i = from; i < to; i++) {
      acc = (acc << 6) | sextet(s.charAt(i));
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (acc >> bits);
      }
    }
    return o == out.length ? out : java.util.Arrays.copyOf(out, o);
  }

  @SuppressWarnings("unchecked")
  static Decoded decode(String token, int maxLength) {
    if (token == null || token.isEmpty()) throw new JwtException(Reason.MISSING, "jwt must be provided");
    if (token.length() > maxLength) {
      throw new JwtException(Reason.TOO_LARGE, "jwt longer than " + maxLength + " characters");
    }
    int d1 = token.indexOf('.');
    int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
    if (d2 < 0 || token.indexOf('.', d2 + 1) >= 0) throw new JwtException(Reason.MALFORMED, "jwt malformed");
    int len = token.length();
    for (int i = 0; i < len; i++) {
      char c = token.charAt(i);
      if (c != '.' && !isB64Url(c)) throw new JwtException(Reason.MALFORMED, "invalid token");
    }
    if (d1 == 0 || d2 == d1 + 1) throw new JwtException(Reason.MALFORMED, "invalid token");
    // jws reads the header as latin1 text, the payload as UTF-8
    Object header;
    Object payload;
    try {
      header = JsJson.standard().parse(new String(decode(token, 0, d1), StandardCharsets.ISO_8859_1));
    } catch (JsJson.ParseException e) {
      throw new JwtException(Reason.MALFORMED, "invalid token");
    }
    if (!(header instanceof Map<?, ?> h)) throw new JwtException(Reason.MALFORMED, "invalid token header");
    byte[] p = decode(token, d1 + 1, d2);
    try {
      payload = JsJson.standard().parse(p, 0, p.length);
    } catch (JsJson.ParseException e) {
      throw new JwtException(Reason.MALFORMED, "the payload is not JSON");
    }
    if (!(payload instanceof Map<?, ?>)) throw new JwtException(Reason.MALFORMED, "the payload is not a JSON object");
    Object alg = h.get("alg");
    Object kid = h.get("kid");
    return new Decoded(alg instanceof String a ? a : null, kid instanceof String k ? k : null,
        token.substring(0, d2).getBytes(StandardCharsets.US_ASCII), token.substring(d2 + 1),
        (Map<String, Object>) payload);
  }

  /** Checks the algorithm, the signature, then nbf, exp, aud and iss, in jsonwebtoken's order. */
  static Map<String, Object> verify(Decoded d, JwtKey key, Policy policy) {
    if (!key.accepts(d.alg())) throw new JwtException(Reason.ALGORITHM, "invalid algorithm");
    String sig = d.signature();
    if (sig.isEmpty()) throw new JwtException(Reason.SIGNATURE, "jwt signature is required");
    byte[] raw = decode(sig, 0, sig.length());
    String canonical = B64URL.encodeToString(raw);
    // jwa compares HMACs as base64url text, so a non-canonical spelling of the right bytes fails there
    if (key.kind() == JwtKey.Kind.SECRET && !canonical.equals(sig)) {
      throw new JwtException(Reason.SIGNATURE, "invalid signature");
    }
    if (!key.verify(d.alg(), d.signingInput(), canonical)) throw new JwtException(Reason.SIGNATURE, "invalid signature");
    checkClaims(d.payload(), policy);
    return d.payload();
  }

  static void checkClaims(Map<String, Object> payload, Policy policy) {
    long now = Math.floorDiv(policy.clock().millis(), 1000);
    double tol = policy.toleranceSeconds();
    if (payload.containsKey("nbf")) {
      if (!(payload.get("nbf") instanceof Number nbf)) throw new JwtException(Reason.MALFORMED, "invalid nbf value");
      if (nbf.doubleValue() > now + tol) throw new JwtException(Reason.NOT_BEFORE, "jwt not active");
    }
    if (payload.containsKey("exp")) {
      if (!(payload.get("exp") instanceof Number exp)) throw new JwtException(Reason.MALFORMED, "invalid exp value");
      if (now >= exp.doubleValue() + tol) throw new JwtException(Reason.EXPIRED, "jwt expired");
    }
    if (!policy.audiences().isEmpty()) {
      Object aud = payload.get("aud");
      boolean match = false;
      if (aud instanceof List<?> list) {
        for (Object a : list) match |= a instanceof String s && policy.audiences().contains(s);
      } else {
        match = aud instanceof String s && policy.audiences().contains(s);
      }
      if (!match) throw new JwtException(Reason.AUDIENCE, "jwt audience invalid");
    }
    if (!policy.issuers().isEmpty()) {
      if (!(payload.get("iss") instanceof String iss && policy.issuers().contains(iss))) {
        throw new JwtException(Reason.ISSUER, "jwt issuer invalid");
      }
    }
  }

  static String sign(Map<String, ?> claims, JwtKey key, JwtSignOptions o) {
    if (!key.canSign()) throw new IllegalArgumentException("jwt: this " + key.describe() + " cannot sign (no private key)");
    String alg = o.algorithm() != null ? o.algorithm() : key.ordered().get(0);
    if (!key.accepts(alg)) {
      if (key.kind() == JwtKey.Kind.SECRET && alg.startsWith("HS")) key.algorithms(alg); // throws the length message
      throw new IllegalArgumentException("jwt: cannot sign " + alg + " with this " + key.describe()
          + " (it accepts " + String.join(", ", key.ordered()) + ")");
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", alg);
    header.put("typ", "JWT");
    String kid = o.keyId() != null ? o.keyId() : key.keyId();
    if (kid != null) header.put("kid", kid);

    Map<String, Object> payload = new LinkedHashMap<>(claims);
    long timestamp = payload.get("iat") instanceof Number n && n.doubleValue() != 0
        ? n.longValue() : Math.floorDiv(o.clock().millis(), 1000);
    if (o.noTimestamp()) payload.remove("iat");
    else payload.put("iat", timestamp);
    if (o.notBefore() != null) put(payload, "nbf", "notBefore", timestamp + seconds(o.notBefore()));
    if (o.expiresIn() != null) put(payload, "exp", "expiresIn", timestamp + seconds(o.expiresIn()));
    if (!o.audience().isEmpty()) put(payload, "aud", "audience", o.audience().size() == 1 ? o.audience().get(0) : o.audience());
    if (o.issuer() != null) put(payload, "iss", "issuer", o.issuer());
    if (o.subject() != null) put(payload, "sub", "subject", o.subject());
    if (o.jwtId() != null) put(payload, "jti", "jwtid", o.jwtId());

    String input = B64URL.encodeToString(JsJson.standard().stringify(header, 0, false)) + "."
        + B64URL.encodeToString(JsJson.standard().stringify(payload, 0, false));
    return input + "." + key.sign(alg, input.getBytes(StandardCharsets.US_ASCII));
  }

  private static long seconds(Duration d) {
    return Math.floorDiv(d.toMillis(), 1000);
  }

  private static void put(Map<String, Object> payload, String claim, String option, Object value) {
    if (payload.containsKey(claim)) {
      throw new IllegalArgumentException("jwt: Bad \"options." + option + "\" option. The payload already has an \""
          + claim + "\" property.");
    }
    payload.put(claim, value);
  }
}
