package dev.eddy.security;

import dev.eddy.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * How {@link Jwt#authenticate} and {@link Jwt#verify} check a token: where the key comes from (one
 * {@link JwtKey}, or a JWKS fetched from a URL), the expected issuer and audience, the clock
 * skew and the size limit. Immutable; each wither returns a copy.
 *
 * <pre>{@code
 * JwtOptions.secret(System.getenv("JWT_SECRET")).issuer("https://auth.example.com").audience("api")
 * JwtOptions.jwks("http://auth.internal/.well-known/jwks.json").audience("api")
 * }</pre>
 *
 * @param key the one key tokens are checked with, or null with a JWKS
 * @param jwksLoader loads the JWKS document (JSON text) on the calling loop, or null with a key
 * @param jwksUrl where the default loader fetches the JWKS from (for messages), or null
 * @param issuers accepted {@code iss} values; empty: not checked
 * @param audiences accepted {@code aud} values (one match is enough); empty: not checked
 * @param clockSkew leeway for {@code exp} and {@code nbf} (jsonwebtoken's clockTolerance; default 0)
 * @param maxTokenLength tokens longer than this many characters are refused before parsing (8192)
 * @param jwksRefreshInterval the least time between two JWKS fetches caused by unknown {@code kid}s (30 s)
 * @param jwksMaxAge how long fetched keys are used before they are fetched again (10 minutes)
 * @param clock the time {@code exp} and {@code nbf} are compared with
 */
public record JwtOptions(JwtKey key, Supplier<Promise<String>> jwksLoader, String jwksUrl, List<String> issuers,
    List<String> audiences, Duration clockSkew, int maxTokenLength, Duration jwksRefreshInterval,
    Duration jwksMaxAge, Clock clock) {

  /** The default {@link #maxTokenLength()}: 8 KiB. */
  public static final int MAX_TOKEN_LENGTH = 8192;

  public JwtOptions {
    if ((key == null) == (jwksLoader == null)) {
      throw new IllegalArgumentException("jwt: give either a key or a JWKS source");
    }
    issuers = List.copyOf(issuers);
    audiences = List.copyOf(audiences);
    if (clockSkew.isNegative()) throw new IllegalArgumentException("jwt: clockSkew must not be negative");
    if (maxTokenLength <= 0) throw new IllegalArgumentException("jwt: maxTokenLength must be positive");
  }

  private static JwtOptions base(JwtKey key, Supplier<Promise<String>> loader, String url) {
    return new JwtOptions(key, loader, url, List.of(), List.of(), Duration.ZERO, MAX_TOKEN_LENGTH,
        Duration.ofSeconds(30), Duration.ofMinutes(10), Clock.systemUTC());
  }

  /**
   * Tokens signed with an HMAC secret (HS256/384/512 as far as its length allows).
   *
   * @throws IllegalArgumentException when the secret is missing or shorter than 32 bytes
   */
  public static JwtOptions secret(String secret) {
    return base(JwtKey.secret(secret), null, null);
  }

  /** Tokens checked with this key (and only the algorithms it accepts). */
  public static JwtOptions key(JwtKey key) {
    if (key == null) throw new IllegalArgumentException("jwt: the key is missing");
    return base(key, null, null);
  }

  /**
   * Tokens checked with the RSA and EC keys of a JWKS fetched from {@code url} with Eddy's
   * {@code Fetch} (so on the loop, never blocking it; {@code http://} only, as Fetch is): fetched
   * on first use, cached, fetched again after {@link #jwksMaxAge()} or, at most once per {@link
   * #jwksRefreshInterval()}, when a token names an unknown {@code kid}. Symmetric keys in the set
   * are ignored.
   *
   * @throws IllegalArgumentException when the URL is not {@code http://}
   */
  public static JwtOptions jwks(String url) {
    if (url == null || !url.startsWith("http://")) {
      throw new IllegalArgumentException("jwt: the JWKS URL must be http:// (Eddy's Fetch); for https, "
          + "pass a loader with JwtOptions.jwks(Supplier<Promise<String>>)");
    }
    return base(null, () -> dev.eddy.security.internal.JwtJwks.fetch(url), url);
  }

  /**
   * Tokens checked with the keys of a JWKS that {@code loader} loads (as JSON text). The loader is
   * called on the loop of the request that needs the keys and must not block it.
   */
  public static JwtOptions jwks(Supplier<Promise<String>> loader) {
    if (loader == null) throw new IllegalArgumentException("jwt: the JWKS loader is missing");
    return base(null, loader, null);
  }

  /** Accepts only tokens whose {@code iss} is one of these. */
  public JwtOptions issuer(String... v) {
    return new JwtOptions(key, jwksLoader, jwksUrl, List.of(v), audiences, clockSkew, maxTokenLength, jwksRefreshInterval, jwksMaxAge, clock);
  }

  /** Accepts only tokens whose {@code aud} (a string or an array) contains one of these. */
  public JwtOptions audience(String... v) {
    return new JwtOptions(key, jwksLoader, jwksUrl, issuers, List.of(v), clockSkew, maxTokenLength, jwksRefreshInterval, jwksMaxAge, clock);
  }

  public JwtOptions clockSkew(Duration v) {
    return new JwtOptions(key, jwksLoader, jwksUrl, issuers, audiences, v, maxTokenLength, jwksRefreshInterval, jwksMaxAge, clock);
  }

  public JwtOptions maxTokenLength(int v) {
    return new JwtOptions(key, jwksLoader, jwksUrl, issuers, audiences, clockSkew, v, jwksRefreshInterval, jwksMaxAge, clock);
  }

  public JwtOptions jwksRefreshInterval(Duration v) {
    return new JwtOptions(key, jwksLoader, jwksUrl, issuers, audiences, clockSkew, maxTokenLength, v, jwksMaxAge, clock);
  }

  public JwtOptions jwksMaxAge(Duration v) {
    return new JwtOptions(key, jwksLoader, jwksUrl, issuers, audiences, clockSkew, maxTokenLength, jwksRefreshInterval, v, clock);
  }

  public JwtOptions clock(Clock v) {
    return new JwtOptions(key, jwksLoader, jwksUrl, issuers, audiences, clockSkew, maxTokenLength, jwksRefreshInterval, jwksMaxAge, v);
  }
}
