package dev.eddy.security;

import dev.eddy.web.Request;
import dev.eddy.web.Response;

/**
 * A Content-Security-Policy source computed for each request, such as {@link Csp#nonce()}: helmet's
 * function directive values {@code (req, res) => string}.
 *
 * <p>It runs on the loop thread handling the request, once per request and directive it appears
 * in; an app served by several loops calls it concurrently, so it must be thread-safe.
 */
@FunctionalInterface
public interface CspSource {
  /**
   * The source expression for this request, e.g. {@code 'nonce-...'}.
   *
   * <p>Helmet's per-request checks apply to the result: a bare keyword that must be quoted
   * ({@code self}, {@code nonce-...}, ...) or a directive containing {@code ;} or {@code ,} makes the
   * middleware pass an error on instead of sending the header. A runtime exception is passed on the
   * same way.
   *
   * @param req the request being answered
   * @param res its response
   * @return the source expression; null is an error
   */
  String value(Request req, Response res);
}
