package dev.eddy.security;

import dev.eddy.web.Request;

/**
 * Decides the allowed origin per request: cors's {@code origin: (origin, callback) => ...} function,
 * synchronous.
 *
 * <p>It runs on the loop thread handling the request (concurrently for an app served by several
 * loops, so it must be thread-safe) and must not block.
 */
@FunctionalInterface
public interface CorsOrigin {
  /**
   * The origin setting for this request, interpreted as the static {@code origin} option would be:
   * {@code "*"} (any origin), another String (sent as is), {@code Boolean.TRUE} (reflect the request
   * Origin), a {@link java.util.regex.Pattern} or a {@code List} of Strings/Patterns (reflect the
   * Origin when it matches). {@code null}, {@code Boolean.FALSE} or {@code ""} skip CORS for this
   * request (no headers, the request continues).
   *
   * @param origin the request's Origin header, or null when absent
   * @param req the request
   * @return the origin setting
   * @throws Exception passed to the error middleware
   */
  Object allow(String origin, Request req) throws Exception;
}
