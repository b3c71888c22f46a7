package dev.eddy.web;

/**
 * A {@link Next} whose four methods funnel into one {@code next(Throwable)}, with the {@code
 * 'route'} and {@code 'router'} strings of Express as {@link Signal}s: what the router, a route
 * and a parameter hook each implement.
 */
abstract class SignalNext implements Next {
  abstract void next(Throwable err);

  @Override
  public final void run() {
    next(null);
  }

  @Override
  public final void fail(Throwable err) {
    next(err);
  }

  @Override
  public final void skipRoute() {
    next(Signal.ROUTE);
  }

  @Override
  public final void exitRouter() {
    next(Signal.ROUTER);
  }
}
