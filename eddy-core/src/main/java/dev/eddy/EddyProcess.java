package dev.eddy;

import dev.eddy.internal.Warnings;

/**
 * The {@code process} object of one loop: Node's process events and {@code process.exit}. Each
 * loop has its own, so loops in one JVM behave like separate Node processes. Use it on the loop
 * thread ({@code Eddy.process()} returns the current loop's).
 */
public final class EddyProcess extends EventEmitter {
  /** Emitted with an exception that reached the loop; listeners make it non-fatal. */
  public static final Event<Throwable> UNCAUGHT_EXCEPTION = Event.of("uncaughtException");
  /** Emitted for a rejection still unhandled after the queues drained; listeners make it non-fatal. */
  public static final Event<Rejection> UNHANDLED_REJECTION = Event.of("unhandledRejection");
  /**
   * Emitted with a promise whose rejection was reported as unhandled and that got a handler
   * later (Node's {@code rejectionHandled}).
   */
  public static final Event<Promise<?>> REJECTION_HANDLED = Event.of("rejectionHandled");
  /** Emitted with the exit code when the loop has emptied, before it ends; new work keeps it going. */
  public static final Event<Integer> BEFORE_EXIT = Event.of("beforeExit");
  /** Emitted with the exit code as the process ends; work scheduled here never runs. */
  public static final Event<Integer> EXIT = Event.of("exit");
  /** Emitted for each process warning (also printed to standard error). */
  public static final Event<Warning> WARNING = Event.of("warning");

  /** The payload of {@link #UNHANDLED_REJECTION}: Node's {@code (reason, promise)}. */
  public record Rejection(Throwable reason, Promise<?> promise) {}

  /** The payload of {@link #WARNING}: Node's warning name and message. */
  public record Warning(String name, String message) {}

  private final Loop loop;

  EddyProcess(Loop loop) {
    this.loop = loop;
  }

  /**
   * Node's {@code process.exit(code)}: the {@code exit} listeners run at once, then nothing else
   * runs on this loop and {@link Loop#run} returns {@code code}. Never returns.
   */
  public void exit(int code) {
    loop.checkThread("process.exit()");
    loop.exit(code);
  }

  /** Node's {@code process.exitCode}: the code of a normal end. */
  public int exitCode() {
    return loop.exitCode();
  }

  /** Sets the code a normal end exits with (Node's {@code process.exitCode = n}). */
  public void exitCode(int code) {
    loop.exitCode(code);
  }

  /** Node's {@code process.emitWarning(message, type)}: emitted on the next tick and printed. */
  public void emitWarning(String type, String message) {
    loop.nextTick(() -> {
      Warnings.print(type, message);
      emit(WARNING, new Warning(type, message));
    });
  }

  void emitBeforeExit(int code) {
    emit(BEFORE_EXIT, code);
  }

  void emitExit(int code) {
    emit(EXIT, code);
  }

  void emitRejectionHandled(Promise<?> promise) {
    emit(REJECTION_HANDLED, promise);
  }

  boolean emitUnhandledRejection(Throwable reason, Promise<?> promise) {
    return emit(UNHANDLED_REJECTION, new Rejection(reason, promise));
  }
}
