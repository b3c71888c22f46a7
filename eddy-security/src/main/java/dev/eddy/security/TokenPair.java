package dev.eddy.security;

import java.time.Instant;

/**
 * What {@link TokenService#login} and {@link TokenService#refresh} issue: a short-lived access
 * token (a JWT for the {@code Authorization: Bearer} header) and the opaque refresh token that was
 * also set as the httpOnly cookie. Send the access token to the client; the refresh token is only
 * here for clients that cannot hold cookies, do not put it in a page.
 *
 * @param accessToken the signed JWT
 * @param expiresIn the access token's lifetime in seconds (OAuth's {@code expires_in})
 * @param refreshToken the new refresh token's value
 * @param refreshExpiresAt when the refresh token expires at the latest
 */
public record TokenPair(String accessToken, long expiresIn, String refreshToken, Instant refreshExpiresAt) {
  @Override
  public String toString() {
    // tokens are credentials: keep them out of logs
    return "TokenPair[expiresIn=" + expiresIn + ", refreshExpiresAt=" + refreshExpiresAt + "]";
  }
}
