package dev.eddy;

/**
 * Unwinds the loop thread (and any async body holding it) after {@code process.exit(code)} or a
 * fatal uncaught exception. It is an {@link Error} so that {@code catch (Exception e)} in user
 * code does not swallow it; it carries no stack trace because it is control flow, not a fault.
 */
final class ExitSignal extends Error {
  private static final long serialVersionUID = 1L;
  final int code;

  ExitSignal(int code) {
    super("process exit with code " + code, null, false, false);
    this.code = code;
  }
}
