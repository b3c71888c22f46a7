package dev.eddy.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Options of {@link Cors#cors(CorsOptions)}, those of the cors 2.8.6 package: the allowed origin(s),
 * methods, allowed and exposed headers, credentials, max age and how preflights end. {@link
 * #defaults()} are cors's: any origin ({@code *}), methods {@code GET,HEAD,PUT,PATCH,POST,DELETE},
 * request headers reflected, status 204 for preflights.
 *
 * <pre>{@code
 * CorsOptions.defaults()
 *     .origin(List.of("https://app.example.com", "http://localhost:5173"))
 *     .credentials(true)
 *     .exposedHeaders("X-Request-Id", "X-Total-Count")
 *     .maxAge(600);
 * }</pre>
 *
 * <p>A mutable builder: not thread-safe; the middleware keeps a snapshot.
 */
public final class CorsOptions {
  Object origin = "*";
  String methods = "GET,HEAD,PUT,PATCH,POST,DELETE";
  String allowedHeaders;
  String exposedHeaders;
  boolean credentials;
  String maxAge;
  boolean preflightContinue;
  int optionsSuccessStatus = 204;

  private CorsOptions() {}

  /** cors's defaults. */
  public static CorsOptions defaults() {
    return new CorsOptions();
  }

  /**
   * A fixed origin: {@code "*"} sends {@code Access-Control-Allow-Origin: *}; any other String is
   * sent as is whatever the request's Origin (with {@code Vary: Origin}), so one trusted origin
   * works but the browser does the checking. The empty string or null disables CORS (cors's falsy
   * origin): the middleware then adds nothing.
   *
   * @return this
   */
  public CorsOptions origin(String origin) {
    this.origin = origin == null ? Boolean.FALSE : origin;
    return this;
  }

  /**
   * {@code true} reflects every request Origin (with {@code Vary: Origin}); {@code false} disables
   * CORS (the middleware adds nothing).
   *
   * @return this
   */
  public CorsOptions origin(boolean reflect) {
    this.origin = reflect;
    return this;
  }

  /**
   * Reflects the request Origin when {@code pattern} is found in it ({@link
   * java.util.regex.Matcher#find()}, JavaScript's {@code RegExp.test}); anchor it ({@code
   * ^https://([a-z0-9-]+\.)?example\.com$}) or {@code https://example.com.evil.io} will match too.
   *
   * @throws IllegalArgumentException when {@code pattern} is null
   * @return this
   */
  public CorsOptions origin(Pattern pattern) {
    if (pattern == null) throw new IllegalArgumentException("origin pattern must not be null");
    this.origin = pattern;
    return this;
  }

  /**
   * Reflects the request Origin when it equals one of the Strings (exactly, case-sensitive) or
   * matches one of the Patterns (as {@link #origin(Pattern)}).
   *
   * @param allowed Strings and Patterns (nested lists and Booleans are accepted, as cors does)
   * @throws IllegalArgumentException for a null list or element, or an element of another type
   * @return this
   */
  public CorsOptions origin(List<?> allowed) {
    this.origin = checkList(allowed);
    return this;
  }

  private static List<Object> checkList(List<?> allowed) {
    if (allowed == null) throw new IllegalArgumentException("origin list must not be null");
    List<Object> copy = new ArrayList<>(allowed.size());
    for (Object o : allowed) {
      if (o instanceof List<?> l) {
        copy.add(checkList(l));
      } else if (o instanceof String || o instanceof Pattern || o instanceof Boolean) {
        copy.add(o);
      } else {
        throw new IllegalArgumentException("origin list elements must be Strings or Patterns, got "
            + (o == null ? "null" : o.getClass().getName()));
      }
    }
    return List.copyOf(copy);
  }

  /**
   * Decides per request with a function (see {@link CorsOrigin}).
   *
   * @throws IllegalArgumentException when {@code function} is null
   * @return this
   */
  public CorsOptions origin(CorsOrigin function) {
    if (function == null) throw new IllegalArgumentException("origin function must not be null");
    this.origin = function;
    return this;
  }

  /**
   * Decides per request with a function returning a promise (see {@link CorsAsyncOrigin}).
   *
   * @throws IllegalArgumentException when {@code function} is null
   * @return this
   */
  public CorsOptions originAsync(CorsAsyncOrigin function) {
    if (function == null) throw new IllegalArgumentException("origin function must not be null");
    this.origin = function;
    return this;
  }

  /**
   * {@code Access-Control-Allow-Methods} for preflights: the methods joined with commas (one String
   * such as {@code "GET,PUT"} is sent as is). Empty sends no header.
   *
   * @return this
   */
  public CorsOptions methods(String... methods) {
    this.methods = join(methods);
    return this;
  }

  /** {@link #methods(String...)} with a list. */
  public CorsOptions methods(List<String> methods) {
    return methods(methods.toArray(new String[0]));
  }

  /**
   * {@code Access-Control-Allow-Headers} for preflights, joined with commas. When never set, the
   * preflight's {@code Access-Control-Request-Headers} is reflected and {@code Vary:
   * Access-Control-Request-Headers} added; set to nothing, no header is sent.
   *
   * @return this
   */
  public CorsOptions allowedHeaders(String... headers) {
    this.allowedHeaders = join(headers);
    return this;
  }

  /** {@link #allowedHeaders(String...)} with a list. */
  public CorsOptions allowedHeaders(List<String> headers) {
    return allowedHeaders(headers.toArray(new String[0]));
  }

  /**
   * {@code Access-Control-Expose-Headers}, joined with commas, on every answer; none by default.
   *
   * @return this
   */
  public CorsOptions exposedHeaders(String... headers) {
    this.exposedHeaders = join(headers);
    return this;
  }

  /** {@link #exposedHeaders(String...)} with a list. */
  public CorsOptions exposedHeaders(List<String> headers) {
    return exposedHeaders(headers.toArray(new String[0]));
  }

  /**
   * Sends {@code Access-Control-Allow-Credentials: true}. Eddy refuses it together with origin
   * {@code "*"} or {@code true} (see {@link Cors#cors(CorsOptions)}).
   *
   * @return this
   */
  public CorsOptions credentials(boolean credentials) {
    this.credentials = credentials;
    return this;
  }

  /**
   * {@code Access-Control-Max-Age} for preflights, in seconds (0 is sent too).
   *
   * @return this
   */
  public CorsOptions maxAge(long seconds) {
    this.maxAge = Long.toString(seconds);
    return this;
  }

  /**
   * Whether a preflight, after its headers are set, goes on to the next handler (true) instead of
   * being answered at once (false, the default).
   *
   * @return this
   */
  public CorsOptions preflightContinue(boolean preflightContinue) {
    this.preflightContinue = preflightContinue;
    return this;
  }

  /**
   * The status of answered preflights (204 by default; some old browsers need 200).
   *
   * @throws IllegalArgumentException when not in 100..999
   * @return this
   */
  public CorsOptions optionsSuccessStatus(int status) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("optionsSuccessStatus must be in 100..999, got " + status);
    }
    this.optionsSuccessStatus = status;
    return this;
  }

  private static String join(String[] values) {
    if (values == null) throw new IllegalArgumentException("values must not be null");
    if (values.length == 1) {
      if (values[0] == null) throw new IllegalArgumentException("values must not contain null");
      return values[0];
    }
    for (String v : values) {
      if (v == null) throw new IllegalArgumentException("values must not contain null");
    }
    return String.join(",", Arrays.asList(values));
  }
}
