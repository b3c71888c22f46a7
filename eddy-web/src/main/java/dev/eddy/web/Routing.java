package dev.eddy.web;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The routing methods shared by {@link App} and {@link Router}: Express's {@code use}, {@code
 * route}, {@code param} and the method verbs. A path is an Express 5 path ({@code /users/:id},
 * {@code /posts{/:slug}}, {@code /files/*path}), a {@link Pattern} (a RegExp route: captures
 * become params {@code "0"}, {@code "1"}, ...), or a list of either. An invalid path fails here,
 * at registration, with path-to-regexp's message.
 *
 * <p>Register routes before the app serves requests, on one thread (usually the loop thread that
 * will serve them). Handlers run on the loop thread.
 *
 * @param <T> the concrete type, returned for chaining
 */
public abstract class Routing<T extends Routing<T>> {
  Routing() {}

  abstract Router router();

  /** Lets an app learn that it was mounted (sets its parent and mount path). */
  void mounted(Object path, Middleware handler) {}

  private void noteMounts(Object path, Middleware[] handlers) {
    if (handlers != null) for (Middleware h : handlers) mounted(path, h);
  }

  @SuppressWarnings("unchecked")
  private T self() {
    return (T) this;
  }

  // ------------------------------------------------------------------ use

  /** Middleware for every path: Express's {@code use(fn, ...)}. */
  public T use(Middleware... handlers) {
    router().useAt(null, handlers);
    noteMounts("/", handlers);
    return self();
  }

  /** Middleware under a mount path (segment-wise prefix): {@code use('/api', fn, ...)}. */
  public T use(String path, Middleware... handlers) {
    router().useAt(List.of(path), handlers);
    noteMounts(path, handlers);
    return self();
  }

  /** Middleware under a regexp mount. */
  public T use(Pattern path, Middleware... handlers) {
    router().useAt(List.of(path), handlers);
    return self();
  }

  /** Middleware under several mount paths (Strings or Patterns). */
  public T use(List<?> paths, Middleware... handlers) {
    router().useAt(paths, handlers);
    return self();
  }

  /** A terminal handler for every path that reaches it: {@code use((req, res) => ...)}. */
  public T use(Handler handler) {
    return use(Web.middleware(handler));
  }

  /** A terminal handler under a mount path. */
  public T use(String path, Handler handler) {
    return use(path, Web.middleware(handler));
  }

  /** Error middleware for every path: Express's four-argument {@code use((err, req, res, next) => ...)}. */
  public T use(ErrorMiddleware handler) {
    router().useError(null, handler);
    return self();
  }

  /** Error middleware under a mount path. */
  public T use(String path, ErrorMiddleware handler) {
    router().useError(List.of(path), handler);
    return self();
  }

  // ------------------------------------------------------------------ route and param

  /** A route for this path, to chain method handlers on: Express's {@code route(path)}. */
  public Route route(String path) {
    return router().routeAt(List.of(path));
  }

  /** A route for a regexp. */
  public Route route(Pattern path) {
    return router().routeAt(List.of(path));
  }

  /** A route for several paths (Strings or Patterns). */
  public Route route(List<?> paths) {
    return router().routeAt(paths);
  }

  /**
   * A parameter hook: runs before the first route of this router that captures {@code name},
   * once per request and value. Express's {@code param(name, fn)}.
   */
  public T param(String name, ParamHandler handler) {
    router().addParam(name, handler);
    return self();
  }

  // ------------------------------------------------------------------ verbs

  public T all(String path, Handler handler) { route(path).all(handler); return self(); }
  public T all(String path, Middleware... handlers) { route(path).all(handlers); return self(); }
  public T all(String path, Middleware first, Handler last) { route(path).all(first, Web.middleware(last)); return self(); }

  public T get(String path, Handler handler) { route(path).get(handler); return self(); }
  public T get(String path, Middleware... handlers) { route(path).get(handlers); return self(); }
  public T get(String path, Middleware first, Handler last) { route(path).get(first, Web.middleware(last)); return self(); }
  public T get(Pattern path, Handler handler) { route(path).get(handler); return self(); }
  public T get(Pattern path, Middleware... handlers) { route(path).get(handlers); return self(); }

  public T post(String path, Handler handler) { route(path).post(handler); return self(); }
  public T post(String path, Middleware... handlers) { route(path).post(handlers); return self(); }
  public T post(String path, Middleware first, Handler last) { route(path).post(first, Web.middleware(last)); return self(); }

  public T put(String path, Handler handler) { route(path).put(handler); return self(); }
  public T put(String path, Middleware... handlers) { route(path).put(handlers); return self(); }
  public T put(String path, Middleware first, Handler last) { route(path).put(first, Web.middleware(last)); return self(); }

  public T patch(String path, Handler handler) { route(path).patch(handler); return self(); }
  public T patch(String path, Middleware... handlers) { route(path).patch(handlers); return self(); }
  public T patch(String path, Middleware first, Handler last) { route(path).patch(first, Web.middleware(last)); return self(); }

  public T delete(String path, Handler handler) { route(path).delete(handler); return self(); }
  public T delete(String path, Middleware... handlers) { route(path).delete(handlers); return self(); }
  public T delete(String path, Middleware first, Handler last) { route(path).delete(first, Web.middleware(last)); return self(); }

  public T head(String path, Handler handler) { route(path).head(handler); return self(); }
  public T head(String path, Middleware... handlers) { route(path).head(handlers); return self(); }

  public T options(String path, Handler handler) { route(path).options(handler); return self(); }
  public T options(String path, Middleware... handlers) { route(path).options(handlers); return self(); }

  /** Handlers for any method by name, e.g. {@code method("PURGE", "/cache", h)}. */
  public T method(String method, String path, Middleware... handlers) {
    route(path).method(method, handlers);
    return self();
  }
}
