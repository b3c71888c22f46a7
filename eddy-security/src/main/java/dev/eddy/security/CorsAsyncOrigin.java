package dev.eddy.security;

import dev.eddy.Promise;
import dev.eddy.web.Request;

/**
 * {@link CorsOrigin} for decisions that need I/O (a database of tenants, a remote allow-list): the
 * setting arrives as a {@link Promise}, like cors's origin function calling back later.
 */
@FunctionalInterface
public interface CorsAsyncOrigin {
  /**
   * The origin setting for this request, with the meanings of {@link CorsOrigin#allow}; a rejected
   * promise is passed to the error middleware.
   *
   * @param origin the request's Origin header, or null when absent
   * @param req the request
   * @return a promise of the setting, settled on the request's loop
   */
  Promise<?> allow(String origin, Request req);
}
