package dev.eddy.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How {@link Jwt#sign} mints a token, in jsonwebtoken's terms: the algorithm (null: the key's
 * first, HS256 for a secret, RS256 for RSA, the curve's ES algorithm for EC), {@code expiresIn}
 * and {@code notBefore} relative to {@code iat}, and the registered claims it adds. Immutable.
 *
 * @param algorithm the {@code alg}, or null for the key's default
 * @param expiresIn sets {@code exp = iat + expiresIn} (whole seconds, rounded down), or null
 * @param notBefore sets {@code nbf = iat + notBefore}, or null
 * @param issuer the {@code iss}, or null
 * @param audience the {@code aud} (one value as a string, several as an array); empty: none
 * @param subject the {@code sub}, or null
 * @param jwtId the {@code jti}, or null; see {@link #randomJwtId()}
 * @param noTimestamp leaves {@code iat} out (jsonwebtoken's noTimestamp)
 * @param keyId the header's {@code kid}, or null for the key's own {@link JwtKey#keyId()}
 * @param clock where {@code iat} comes from
 */
public record JwtSignOptions(String algorithm, Duration expiresIn, Duration notBefore, String issuer,
    List<String> audience, String subject, String jwtId, boolean noTimestamp, String keyId, Clock clock) {

  public JwtSignOptions {
    audience = List.copyOf(audience);
  }

  /** No expiry, no registered claims but {@code iat}, the key's default algorithm. */
  public static JwtSignOptions defaults() {
    return new JwtSignOptions(null, null, null, null, List.of(), null, null, false, null, Clock.systemUTC());
  }

  public JwtSignOptions algorithm(String v) {
    return new JwtSignOptions(v, expiresIn, notBefore, issuer, audience, subject, jwtId, noTimestamp, keyId, clock);
  }

  public JwtSignOptions expiresIn(Duration v) {
    return new JwtSignOptions(algorithm, v, notBefore, issuer, audience, subject, jwtId, noTimestamp, keyId, clock);
  }

  public JwtSignOptions notBefore(Duration v) {
    return new JwtSignOptions(algorithm, expiresIn, v, issuer, audience, subject, jwtId, noTimestamp, keyId, clock);
  }

  public JwtSignOptions issuer(String v) {
    return new JwtSignOptions(algorithm, expiresIn, notBefore, v, audience, subject, jwtId, noTimestamp, keyId, clock);
  }

  public JwtSignOptions audience(String... v) {
    return new JwtSignOptions(algorithm, expiresIn, notBefore, issuer, List.of(v), subject, jwtId, noTimestamp, keyId, clock);
  }

  public JwtSignOptions subject(String v) {
    return new JwtSignOptions(algorithm, expiresIn, notBefore, issuer, audience, v, jwtId, noTimestamp, keyId, clock);
  }

  public JwtSignOptions jwtId(String v) {
    return new JwtSignOptions(algorithm, expiresIn, notBefore, issuer, audience, subject, v, noTimestamp, keyId, clock);
  }

  /** A fresh random {@code jti} (128 bits, base64url): call it per token, the value is fixed in the copy. */
  public JwtSignOptions randomJwtId() {
    return jwtId(JwtCore.randomId(16));
  }

  public JwtSignOptions noTimestamp(boolean v) {
    return new JwtSignOptions(algorithm, expiresIn, notBefore, issuer, audience, subject, jwtId, v, keyId, clock);
  }

  public JwtSignOptions keyId(String v) {
    return new JwtSignOptions(algorithm, expiresIn, notBefore, issuer, audience, subject, jwtId, noTimestamp, v, clock);
  }

  public JwtSignOptions clock(Clock v) {
    return new JwtSignOptions(algorithm, expiresIn, notBefore, issuer, audience, subject, jwtId, noTimestamp, keyId, v);
  }
}
