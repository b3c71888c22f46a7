package dev.eddy.security;

import dev.eddy.security.internal.CorsMiddleware;
import dev.eddy.web.Middleware;

/**
 * The cors 2.8.6 package for eddy-web: Cross-Origin Resource Sharing headers, and answers to
 * preflight requests.
 *
 * <p>Every request passing through gets {@code Access-Control-Allow-Origin} (when its origin is
 * allowed), {@code Access-Control-Allow-Credentials} and {@code Access-Control-Expose-Headers} as
 * configured, then continues. Every OPTIONS request is a preflight: it also gets the allowed methods
 * and headers and the max age, and is answered at once ({@code 204}, {@code Content-Length: 0})
 * unless {@link CorsOptions#preflightContinue(boolean)}. {@code Vary} is maintained as cors does:
 * {@code Origin} whenever the answer depends on the origin (even for refused ones), {@code
 * Access-Control-Request-Headers} when those are reflected.
 *
 * <pre>{@code
 * app.use("/api", Cors.cors(CorsOptions.defaults()
 *     .origin(List.of("https://app.example.com"))
 *     .credentials(true)));
 * }</pre>
 *
 * <p>The middleware is immutable and thread-safe; header values are computed at construction
 * except those depending on the request.
 */
public final class Cors {
  private Cors() {}

  /** cors with its defaults: {@code Access-Control-Allow-Origin: *} on everything. */
  public static Middleware cors() {
    return cors(CorsOptions.defaults());
  }

  /**
   * cors with these options.
   *
   * <p>Unlike the npm package, Eddy refuses credentials together with a wildcard origin: {@code
   * "*"} (which browsers reject for credentialed requests, so the configuration cannot work) or
   * {@code true} (which would let every site make credentialed requests).
   *
   * @throws IllegalArgumentException when {@link CorsOptions#credentials(boolean)} is combined with
   *     origin {@code "*"} (the default) or {@code true}, or when {@code options} is null
   */
  public static Middleware cors(CorsOptions options) {
    if (options == null) throw new IllegalArgumentException("cors options must not be null");
    Object origin = options.origin;
    if (options.credentials && "*".equals(origin)) {
      throw new IllegalArgumentException("CORS: credentials(true) cannot be combined with origin \"*\""
          + " (the default): browsers reject Access-Control-Allow-Origin: * on credentialed requests."
          + " Set origin to the allowed origins, e.g. origin(List.of(\"https://app.example.com\")),"
          + " a Pattern or a function, or drop credentials.");
    }
    if (options.credentials && Boolean.TRUE.equals(origin)) {
      throw new IllegalArgumentException("CORS: credentials(true) cannot be combined with origin(true):"
          + " reflecting every Origin would let any web site make credentialed requests."
          + " Set origin to the allowed origins, e.g. origin(List.of(\"https://app.example.com\")),"
          + " a Pattern or a function, or drop credentials.");
    }
    return new CorsMiddleware(origin, options.methods, options.allowedHeaders, options.exposedHeaders,
        options.credentials, options.maxAge, options.preflightContinue, options.optionsSuccessStatus);
  }
}
