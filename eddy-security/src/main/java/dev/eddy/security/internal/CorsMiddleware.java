package dev.eddy.security.internal;

import dev.eddy.Promise;
import dev.eddy.http.HeaderBlock;
import dev.eddy.http.ServerResponse;
import dev.eddy.security.CorsAsyncOrigin;
import dev.eddy.security.CorsOrigin;
import dev.eddy.web.Middleware;
import dev.eddy.web.Next;
import dev.eddy.web.Request;
import dev.eddy.web.Response;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The middleware {@code Cors} builds: cors 2.8.6's header logic with the options fixed at
 * construction. Every OPTIONS request is treated as a preflight, as cors does. Immutable and
 * thread-safe (the origin functions must be too).
 */
public final class CorsMiddleware implements Middleware {
  /** The header of the default (any origin) policy, validated once. */
  private static final HeaderBlock ANY_ORIGIN = HeaderBlock.of("Access-Control-Allow-Origin", "*");
  private final Object origin;
  private final String methods;
  private final String allowedHeaders;
  private final String exposedHeaders;
  private final boolean credentials;
  private final String maxAge;
  private final boolean preflightContinue;
  private final int optionsSuccessStatus;

  /**
   * @param origin a String ({@code "*"} or fixed), Boolean, Pattern, List, {@link CorsOrigin} or
   *     {@link CorsAsyncOrigin}; {@code FALSE} or {@code ""} disables
   * @param methods joined methods ({@code ""} sends none)
   * @param allowedHeaders joined allowed headers, or null to reflect the request's
   * @param exposedHeaders joined exposed headers, or null
   * @param credentials whether to send Allow-Credentials
   * @param maxAge Max-Age, or null
   * @param preflightContinue whether preflights go on to the next handler
   * @param optionsSuccessStatus the status of answered preflights
   */
  public CorsMiddleware(Object origin, String methods, String allowedHeaders, String exposedHeaders,
      boolean credentials, String maxAge, boolean preflightContinue, int optionsSuccessStatus) {
    this.origin = origin;
    this.methods = methods;
    this.allowedHeaders = allowedHeaders;
    this.exposedHeaders = exposedHeaders == null || exposedHeaders.isEmpty() ? null : exposedHeaders;
    this.credentials = credentials;
    this.maxAge = maxAge;
    this.preflightContinue = preflightContinue;
    this.optionsSuccessStatus = optionsSuccessStatus;
  }

  @Override
  public void handle(Request req, Response res, Next next) throws Exception {
    Object o = origin;
    if (o instanceof CorsOrigin f) {
      o = f.allow(req.raw().header("origin"), req);
    } else if (o instanceof CorsAsyncOrigin f) {
      Promise<?> p = f.allow(req.raw().header("origin"), req);
      if (p == null) {
        next.fail(new IllegalStateException("the CORS origin function returned no promise"));
        return;
      }
      p.thenAccept(value -> {
        try {
          apply(value, req, res, next);
        } catch (RuntimeException e) {
          next.fail(e);
        }
      }).catchAccept(err -> next.fail(err != null ? err : new IllegalStateException("rejected promise")));
      return;
    }
    apply(o, req, res, next);
  }

  private void apply(Object o, Request req, Response res, Next next) {
    // cors skips everything when the (resolved) origin is falsy
    if (o == null || Boolean.FALSE.equals(o) || "".equals(o)) {
      next.run();
      return;
    }
    ServerResponse raw = res.raw();
    boolean preflight = req.method().equals("OPTIONS");
    if ("*".equals(o)) {
      raw.setHeaders(ANY_ORIGIN);
    } else if (o instanceof String fixed) {
      raw.setHeader("Access-Control-Allow-Origin", fixed);
      vary(res, "Origin");
    } else {
      String requestOrigin = req.raw().header("origin");
      if (requestOrigin != null && !requestOrigin.isEmpty() && isAllowed(requestOrigin, o)) {
        raw.setHeader("Access-Control-Allow-Origin", requestOrigin);
      }
      vary(res, "Origin");
    }
    if (credentials) raw.setHeader("Access-Control-Allow-Credentials", "true");
    if (!preflight) {
      if (exposedHeaders != null) raw.setHeader("Access-Control-Expose-Headers", exposedHeaders);
      next.run();
      return;
    }
    if (!methods.isEmpty()) raw.setHeader("Access-Control-Allow-Methods", methods);
    String allowed = allowedHeaders;
    if (allowed == null) {
      allowed = req.raw().header("access-control-request-headers");
      vary(res, "Access-Control-Request-Headers");
    }
    if (allowed != null && !allowed.isEmpty()) raw.setHeader("Access-Control-Allow-Headers", allowed);
    if (maxAge != null) raw.setHeader("Access-Control-Max-Age", maxAge);
    if (exposedHeaders != null) raw.setHeader("Access-Control-Expose-Headers", exposedHeaders);
    if (preflightContinue) {
      next.run();
    } else {
      // Safari waits for a body on a 204 without an explicit zero length
      raw.statusCode(optionsSuccessStatus);
      raw.setHeader("Content-Length", "0");
      raw.end();
    }
  }

  /** vary(res, field) for a constant, valid field: no parsing when there is no Vary yet. */
  private static void vary(Response res, String field) {
    String current = res.raw().getHeader("Vary");
    if (current == null || current.isEmpty()) {
      res.raw().setHeader("Vary", field);
    } else {
      res.vary(field);
    }
  }

  /** cors's isOriginAllowed for a present Origin. */
  static boolean isAllowed(String requestOrigin, Object allowed) {
    if (allowed instanceof List<?> list) {
      for (Object o : list) {
        if (isAllowed(requestOrigin, o)) return true;
      }
      return false;
    }
    if (allowed instanceof String s) return requestOrigin.equals(s);
    if (allowed instanceof Pattern p) return p.matcher(requestOrigin).find();
    if (allowed instanceof Boolean b) return b;
    throw new IllegalStateException("unsupported CORS origin setting: " + allowed.getClass().getName()
        + " (expected a String, Boolean, Pattern or List)");
  }
}
