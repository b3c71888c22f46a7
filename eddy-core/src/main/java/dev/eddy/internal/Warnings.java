package dev.eddy.internal;

import dev.eddy.Loop;

/**
 * Process warnings in Node's form ({@code process.emitWarning}). On a loop thread the warning is
 * emitted as a {@code warning} event on the loop's process object in a later tick and printed to
 * standard error, as Node does; off a loop it is printed at once.
 */
public final class Warnings {
  private Warnings() {}

  /** Emits a warning of the given type ({@code "TimeoutOverflowWarning"}) with Node's message. */
  public static void emit(String type, String message) {
    Loop loop = Loop.current();
    if (loop != null) {
      loop.process().emitWarning(type, message);
    } else {
      print(type, message);
    }
  }

  /** Prints a warning as Node does: {@code (eddy:PID) Type: message}. */
  public static void print(String type, String message) {
    System.err.println("(eddy:" + ProcessHandle.current().pid() + ") " + type + ": " + message);
  }
}
