package dev.eddy.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The handlers of {@link Response#format(Format)} in order of preference, Express's {@code
 * res.format({ 'text/plain': fn, html: fn, default: fn })}: {@code Format.of().on("text/plain",
 * () -> res.send("hi")).on("html", ...).otherwise(...)}. Types may be full types or extensions.
 */
public final class Format {
  final List<String> types = new ArrayList<>();
  final List<Runnable> handlers = new ArrayList<>();
  Runnable otherwise;

  private Format() {}

  public static Format of() {
    return new Format();
  }

  /** Adds a handler for a type ({@code "text/html"} or {@code "html"}). */
  public Format on(String type, Runnable handler) {
    if (type == null || handler == null) throw new IllegalArgumentException("type and handler are required");
    types.add(type);
    handlers.add(handler);
    return this;
  }

  /** The handler when no type is acceptable (Express's {@code default}); without one the answer is 406. */
  public Format otherwise(Runnable handler) {
    this.otherwise = handler;
    return this;
  }
}
