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

  /**
   * OS signals (Node's {@code process.on('SIGTERM', ...)}): listening replaces the JVM's default
   * action for the signal; the listener runs on this loop's thread with the signal's name. Signal
   * listeners do not keep the loop alive. When a signal arrives and no process listens to it, the
   * JVM exits with 128 + the signal's number, as Node does.
   */
  public static final Event<String> SIGTERM = Event.of("SIGTERM");
  /** Ctrl-C; see {@link #SIGTERM}. */
  public static final Event<String> SIGINT = Event.of("SIGINT");
  /** The terminal hung up, or, by convention, "reload"; see {@link #SIGTERM}. */
  public static final Event<String> SIGHUP = Event.of("SIGHUP");
  /**
   * User signal 1, for an application-defined action (eddy-ops uses it to trigger a heap dump or
   * a JFR recording); see {@link #SIGTERM}. Node reserves it for its inspector; Eddy has none.
   * SIGUSR2 is not offered: HotSpot on Linux suspends threads with it (JFR's sampler among
   * others), and listening to it would take it from the JVM.
   */
  public static final Event<String> SIGUSR1 = Event.of("SIGUSR1");

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

  @Override
  public <T> EventEmitter on(Event<T> event, java.util.function.Consumer<? super T> listener) {
    watchSignal(event);
    return super.on(event, listener);
  }

  @Override
  public <T> EventEmitter addListener(Event<T> event, java.util.function.Consumer<? super T> listener) {
    watchSignal(event);
    return super.addListener(event, listener);
  }

  @Override
  public <T> EventEmitter once(Event<T> event, java.util.function.Consumer<? super T> listener) {
    watchSignal(event);
    return super.once(event, listener);
  }

  @Override
  public <T> EventEmitter prependListener(Event<T> event, java.util.function.Consumer<? super T> listener) {
    watchSignal(event);
    return super.prependListener(event, listener);
  }

  private void watchSignal(Event<?> event) {
    if (Signals.isSignal(event.name())) {
      Signals.watch(this, event.name());
    }
  }

  /** From the signal thread: emits the signal on this loop's thread and reports whether anyone listened. */
  void deliverSignal(String signal, java.util.function.Consumer<Boolean> listened) {
    loop.execute(() -> {
      Event<String> ev = Event.of(signal);
      boolean any = listenerCount(ev) > 0;
      listened.accept(any);
      if (any) {
        emit(ev, signal);
      }
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
