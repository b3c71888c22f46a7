package dev.eddy.web;

/** The {@code 'route'} and {@code 'router'} strings Express passes to next(), as stackless singletons. */
final class Signal extends Throwable {
  static final Signal ROUTE = new Signal("route");
  static final Signal ROUTER = new Signal("router");

  private Signal(String name) {
    super(name, null, false, false);
  }
}
