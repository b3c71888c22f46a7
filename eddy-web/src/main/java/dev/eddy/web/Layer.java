package dev.eddy.web;

import dev.eddy.Promise;
import dev.eddy.web.internal.PathMatch;
import dev.eddy.web.internal.PathPattern;
import java.util.List;

/**
 * One entry of a router's stack (router 2.x's Layer): the path patterns it matches and what runs
 * when they do: middleware, an error middleware, or a {@link Route}. Route-internal layers carry
 * the method they answer instead of a path.
 */
final class Layer {
  final PathPattern[] patterns;
  /** {@code use('/')}: matches every path with an empty matched part. */
  final boolean slash;
  final Route route;
  final Middleware middleware;
  final ErrorMiddleware errorMiddleware;
  /** For layers inside a route: the upper-case method, or null for {@code all}. */
  final String method;
  /** For route indexing: the fixed first segment every matched path has, or null. */
  final String firstSegment;

  private Layer(PathPattern[] patterns, boolean slash, Route route, Middleware middleware,
      ErrorMiddleware errorMiddleware, String method) {
    this.patterns = patterns;
    this.slash = slash;
    this.route = route;
    this.middleware = middleware;
    this.errorMiddleware = errorMiddleware;
    this.method = method;
    this.firstSegment = commonFirstSegment(patterns, slash);
  }

  static Layer use(List<PathPattern> patterns, boolean slash, Middleware m, ErrorMiddleware e) {
    return new Layer(patterns.toArray(PathPattern[]::new), slash, null, m, e, null);
  }

  static Layer route(List<PathPattern> patterns, Route route) {
    return new Layer(patterns.toArray(PathPattern[]::new), false, route, null, null, null);
  }

  static Layer method(String method, Middleware m, ErrorMiddleware e) {
    return new Layer(new PathPattern[0], false, null, m, e, method);
  }

  private static String commonFirstSegment(PathPattern[] patterns, boolean slash) {
    if (slash || patterns.length != 1) return null;
    return patterns[0].firstSegment();
  }

  /** The match, or null; throws the pattern's decode error (400) for a bad escape in a param. */
  PathMatch match(String path) {
    if (path == null) return null;
    if (slash) return SLASH_MATCH;
    for (PathPattern p : patterns) {
      PathMatch m = p.match(path);
      if (m != null) return m;
    }
    return null;
  }

  private static final PathMatch SLASH_MATCH = new PathMatch("", java.util.Map.of());

  /** Runs this layer for a request in normal mode: error middleware is skipped. */
  void handleRequest(Request req, Response res, Next next) {
    if (middleware == null) {
      next.run();
      return;
    }
    try {
      middleware.handle(req, res, next);
    } catch (Throwable err) {
      next.fail(err);
    }
  }

  /** Runs this layer in error mode: only error middleware runs. */
  void handleError(Throwable error, Request req, Response res, Next next) {
    if (errorMiddleware == null) {
      next.fail(error);
      return;
    }
    try {
      errorMiddleware.handle(error, req, res, next);
    } catch (Throwable err) {
      next.fail(err);
    }
  }

  /** Routes a promise's rejection to {@code next(err)}, as router 2.x does for async handlers. */
  static void forwardRejection(Promise<?> promise, Next next) {
    if (promise == null) return;
    promise.catchAccept(
        err -> next.fail(err != null ? err : new RuntimeException("Rejected promise")));
  }
}
