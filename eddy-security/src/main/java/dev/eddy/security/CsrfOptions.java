package dev.eddy.security;

import dev.eddy.web.Handler;
import java.util.Locale;
import java.util.Set;

/**
 * Options of {@link Csrf#protect(CsrfOptions)}; immutable, each {@code withX} returns a copy.
 *
 * @param headerName the request header carrying the token ({@code x-csrf-token}; matched
 *     case-insensitively)
 * @param fieldName the body field carrying the token in forms ({@code _csrf})
 * @param ignoredMethods methods that are not checked (GET, HEAD, OPTIONS): they must not change
 *     anything
 * @param sessionKey the session entry holding the per-session secret ({@code csrfSecret}, as
 *     csurf names it)
 * @param onFailure answers a request whose token is missing or wrong, in place of the JSON 403;
 *     null for the default
 */
public record CsrfOptions(String headerName, String fieldName, Set<String> ignoredMethods, String sessionKey, Handler onFailure) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException for a null or empty name, or null methods
   */
  public CsrfOptions {
    if (headerName == null || headerName.isEmpty()) throw new IllegalArgumentException("csrf: headerName is required");
    if (fieldName == null || fieldName.isEmpty()) throw new IllegalArgumentException("csrf: fieldName is required");
    if (sessionKey == null || sessionKey.isEmpty()) throw new IllegalArgumentException("csrf: sessionKey is required");
    if (ignoredMethods == null) throw new IllegalArgumentException("csrf: ignoredMethods is required");
    headerName = headerName.toLowerCase(Locale.ROOT);
    ignoredMethods = ignoredMethods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Header {@code X-CSRF-Token}, field {@code _csrf}, GET/HEAD/OPTIONS unchecked, secret under {@code csrfSecret}. */
  public static CsrfOptions defaults() {
    return new CsrfOptions("x-csrf-token", "_csrf", Set.of("GET", "HEAD", "OPTIONS"), "csrfSecret", null);
  }

  /** Another header name (e.g. {@code X-XSRF-Token}). */
  public CsrfOptions withHeaderName(String v) {
    return new CsrfOptions(v, fieldName, ignoredMethods, sessionKey, onFailure);
  }

  /** Another form field name. */
  public CsrfOptions withFieldName(String v) {
    return new CsrfOptions(headerName, v, ignoredMethods, sessionKey, onFailure);
  }

  /** Other unchecked methods (only ever safe ones). */
  public CsrfOptions withIgnoredMethods(Set<String> v) {
    return new CsrfOptions(headerName, fieldName, v, sessionKey, onFailure);
  }

  /** Another session entry for the secret. */
  public CsrfOptions withSessionKey(String v) {
    return new CsrfOptions(headerName, fieldName, ignoredMethods, v, onFailure);
  }

  /** A handler answering refused requests (e.g. rendering a "page expired" page with status 403). */
  public CsrfOptions withOnFailure(Handler v) {
    return new CsrfOptions(headerName, fieldName, ignoredMethods, sessionKey, v);
  }
}
