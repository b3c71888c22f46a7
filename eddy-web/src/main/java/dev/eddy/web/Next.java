package dev.eddy.web;

/**
 * The {@code next} of an Express middleware: hands the request on to the next matching layer.
 *
 * <p>Call exactly one of the methods, once, on the loop thread (directly or later, from a callback
 * or an async body): {@link #run()} is {@code next()}, {@link #fail(Throwable)} is {@code
 * next(err)} (only error middleware runs after it), {@link #skipRoute()} is {@code
 * next('route')} (the rest of this route's handlers are skipped) and {@link #exitRouter()} is
 * {@code next('router')} (the rest of this router is skipped).
 */
public interface Next extends Runnable {
  /** Continues with the next matching layer: Express's {@code next()}. */
  @Override
  void run();

  /** Continues in error mode: Express's {@code next(err)}; a null error is {@link #run()}. */
  void fail(Throwable err);

  /** Skips the remaining handlers of the current route: Express's {@code next('route')}. */
  void skipRoute();

  /** Leaves the current router: Express's {@code next('router')}. */
  void exitRouter();
}
