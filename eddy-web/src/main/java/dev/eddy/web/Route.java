package dev.eddy.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A path with handlers per method, as {@code router.route(path)} returns it: chain {@code
 * .get(...).post(...)} on it. Handlers of one route run in registration order for the request's
 * method ({@code HEAD} falls back to {@code GET} when no HEAD handler was registered); {@link
 * Next#skipRoute()} leaves the route. Configure it before the app serves requests, on the loop
 * thread that owns the app.
 */
public final class Route {
  private final String path;
  final List<Layer> stack = new ArrayList<>();
  /** Upper-case methods in first registration order. */
  private final Set<String> methods = new LinkedHashSet<>();
  private boolean all;

  Route(String path) {
    this.path = path;
  }

  /** The path (or pattern source) this route was created with. */
  public String path() {
    return path;
  }

  /** Adds handlers for every method: Express's {@code route.all}. */
  public Route all(Middleware... handlers) {
    return add(null, handlers);
  }

  public Route all(Handler handler) {
    return add(null, Web.middleware(handler));
  }

  public Route get(Middleware... handlers) {
    return add("GET", handlers);
  }

  public Route get(Handler handler) {
    return add("GET", Web.middleware(handler));
  }

  public Route post(Middleware... handlers) {
    return add("POST", handlers);
  }

  public Route post(Handler handler) {
    return add("POST", Web.middleware(handler));
  }

  public Route put(Middleware... handlers) {
    return add("PUT", handlers);
  }

  public Route put(Handler handler) {
    return add("PUT", Web.middleware(handler));
  }

  public Route patch(Middleware... handlers) {
    return add("PATCH", handlers);
  }

  public Route patch(Handler handler) {
    return add("PATCH", Web.middleware(handler));
  }

  public Route delete(Middleware... handlers) {
    return add("DELETE", handlers);
  }

  public Route delete(Handler handler) {
    return add("DELETE", Web.middleware(handler));
  }

  public Route head(Middleware... handlers) {
    return add("HEAD", handlers);
  }

  public Route head(Handler handler) {
    return add("HEAD", Web.middleware(handler));
  }

  public Route options(Middleware... handlers) {
    return add("OPTIONS", handlers);
  }

  public Route options(Handler handler) {
    return add("OPTIONS", Web.middleware(handler));
  }

  /**
   * Adds handlers for any method by name ({@code "PURGE"}, {@code "propfind"}); null means all.
   *
   * @throws IllegalArgumentException when no handler is given (Express's "argument handler is
   *     required") or the method is not a token
   */
  public Route method(String method, Middleware... handlers) {
    return add(method == null ? null : checkMethod(method), handlers);
  }

  /** Adds an error middleware that runs for errors raised by this route's earlier handlers. */
  public Route error(String method, ErrorMiddleware handler) {
    String m = method == null ? null : checkMethod(method);
    if (handler == null) throw new IllegalArgumentException("argument handler is required");
    stack.add(Layer.method(m, null, handler));
    noteMethod(m);
    return this;
  }

  private static String checkMethod(String method) {
    if (method.isEmpty() || !method.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
      throw new IllegalArgumentException("invalid method name: " + method);
    }
    return method.toUpperCase(Locale.ROOT);
  }

  private Route add(String method, Middleware... handlers) {
    if (handlers == null || handlers.length == 0) {
      throw new IllegalArgumentException("argument handler is required");
    }
    for (Middleware h : handlers) {
      if (h == null) throw new IllegalArgumentException("argument handler must be a function");
      stack.add(Layer.method(method, h, null));
    }
    noteMethod(method);
    return this;
  }

  private void noteMethod(String method) {
    if (method == null) all = true;
    else if (methods.add(method)) methodArray = methods.toArray(String[]::new);
  }

  /** {@link #methods} as an array: a route has one or two, and a scan beats hashing the name. */
  private String[] methodArray = new String[0];

  private boolean hasMethod(String method) {
    for (String m : methodArray) if (m.equals(method)) return true;
    return false;
  }

  boolean handlesMethod(String method) {
    if (all) return true;
    if (method.equals("HEAD") && !hasMethod("HEAD")) return hasMethod("GET");
    return hasMethod(method);
  }

  /** The methods for an automatic OPTIONS answer: registered ones, plus HEAD when GET is. */
  List<String> allowedMethods() {
    List<String> out = new ArrayList<>(methods);
    if (methods.contains("GET") && !methods.contains("HEAD")) out.add("HEAD");
    return out;
  }

  /** Runs the route's handlers for the request's method; {@code done} receives what is left. */
  void dispatch(Request req, Response res, RouterDispatch done) {
    if (stack.isEmpty()) {
      done.next(null);
      return;
    }
    String method = req.method();
    if (method.equals("HEAD") && !methods.contains("HEAD")) method = "GET";
    req.route(this);
    new RouteDispatch(this, method, req, res, done).next(null);
  }

  /** The {@code next} of one pass through a route. */
  private static final class RouteDispatch extends SignalNext {
    private final Route route;
    private final String method;
    private final Request req;
    private final Response res;
    private final RouterDispatch done;
    private int idx;
    private int sync;

    RouteDispatch(Route route, String method, Request req, Response res, RouterDispatch done) {
      this.route = route;
      this.method = method;
      this.req = req;
      this.res = res;
      this.done = done;
    }

    @Override
    void next(Throwable err) {
      if (err == Signal.ROUTE) {
        done.next(null);
        return;
      }
      if (err == Signal.ROUTER) {
        done.next(err);
        return;
      }
      List<Layer> stack = route.stack;
      if (idx >= stack.size()) {
        done.next(err);
        return;
      }
      if (++sync > 100) {
        Throwable e = err;
        dev.eddy.Eddy.setImmediate(() -> next(e));
        return;
      }
      Layer layer = null;
      boolean match = false;
      while (!match && idx < stack.size()) {
        layer = stack.get(idx++);
        match = layer.method == null || layer.method.equals(method);
      }
      if (!match) {
        done.next(err);
        return;
      }
      if (err != null) layer.handleError(err, req, res, this);
      else layer.handleRequest(req, res, this);
      sync = 0;
    }
  }
}
