package dev.eddy.security;

import java.time.Clock;
import java.time.Duration;

/**
 * Settings of a {@link TokenService}. Immutable; each wither returns a copy.
 *
 * @param key signs (and verifies) the access tokens
 * @param algorithm the access tokens' {@code alg}, or null for the key's default
 * @param accessTtl access token lifetime (15 minutes)
 * @param refreshTtl lifetime of each refresh token (7 days); a refresh issues a new one
 * @param familyMaxAge the most a login can be stretched by refreshing (30 days): then the user logs in again
 * @param issuer the access tokens' {@code iss} (and what {@link TokenService#authenticate()} expects), or null
 * @param audience the access tokens' {@code aud} (and what is expected), or null
 * @param cookieName the refresh cookie's name ({@code refresh_token})
 * @param cookiePath the refresh cookie's path: the browser sends it only to the refresh and logout routes ({@code /auth})
 * @param secure the cookie's Secure flag; null: when the request is HTTPS (as {@link Sessions} does)
 * @param store where refresh tokens live; null for a new {@link RefreshTokenMemoryStore}
 * @param clock the time for expiries
 */
public record TokenServiceOptions(JwtKey key, String algorithm, Duration accessTtl, Duration refreshTtl,
    Duration familyMaxAge, String issuer, String audience, String cookieName, String cookiePath, Boolean secure,
    RefreshTokenStore store, Clock clock) {

  public TokenServiceOptions {
    if (key == null) throw new IllegalArgumentException("tokens: a signing key is required");
    if (!key.canSign()) throw new IllegalArgumentException("tokens: the key cannot sign (give the private key or a secret)");
  }

  /** The defaults with this signing key. */
  public static TokenServiceOptions withKey(JwtKey key) {
    return new TokenServiceOptions(key, null, Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofDays(30), null,
        null, "refresh_token", "/auth", null, null, Clock.systemUTC());
  }

  public TokenServiceOptions algorithm(String v) { return new TokenServiceOptions(key, v, accessTtl, refreshTtl, familyMaxAge, issuer, audience, cookieName, cookiePath, secure, store, clock); }
  public TokenServiceOptions accessTtl(Duration v) { return new TokenServiceOptions(key, algorithm, v, refreshTtl, familyMaxAge, issuer, audience, cookieName, cookiePath, secure, store, clock); }
  public TokenServiceOptions refreshTtl(Duration v) { return new TokenServiceOptions(key, algorithm, accessTtl, v, familyMaxAge, issuer, audience, cookieName, cookiePath, secure, store, clock); }
  public TokenServiceOptions familyMaxAge(Duration v) { return new TokenServiceOptions(key, algorithm, accessTtl, refreshTtl, v, issuer, audience, cookieName, cookiePath, secure, store, clock); }
  public TokenServiceOptions issuer(String v) { return new TokenServiceOptions(key, algorithm, accessTtl, refreshTtl, familyMaxAge, v, audience, cookieName, cookiePath, secure, store, clock); }
  public TokenServiceOptions audience(String v) { return new TokenServiceOptions(key, algorithm, accessTtl, refreshTtl, familyMaxAge, issuer, v, cookieName, cookiePath, secure, store, clock); }
  public TokenServiceOptions cookieName(String v) { return new TokenServiceOptions(key, algorithm, accessTtl, refreshTtl, familyMaxAge, issuer, audience, v, cookiePath, secure, store, clock); }
  public TokenServiceOptions cookiePath(String v) { return new TokenServiceOptions(key, algorithm, accessTtl, refreshTtl, familyMaxAge, issuer, audience, cookieName, v, secure, store, clock); }
  public TokenServiceOptions secure(Boolean v) { return new TokenServiceOptions(key, algorithm, accessTtl, refreshTtl, familyMaxAge, issuer, audience, cookieName, cookiePath, v, store, clock); }
  public TokenServiceOptions store(RefreshTokenStore v) { return new TokenServiceOptions(key, algorithm, accessTtl, refreshTtl, familyMaxAge, issuer, audience, cookieName, cookiePath, secure, v, clock); }
  public TokenServiceOptions clock(Clock v) { return new TokenServiceOptions(key, algorithm, accessTtl, refreshTtl, familyMaxAge, issuer, audience, cookieName, cookiePath, secure, store, v); }
}
