package dev.eddy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Node's globals as static methods bound to the current loop: {@code import static
 * dev.eddy.Eddy.*;} and write {@code setTimeout}, {@code setImmediate}, {@code nextTick}, {@code
 * queueMicrotask}, {@code async} and {@code await} as in Node.
 *
 * <p>Every method except {@link #run}, {@link #main} and {@link #await} (off a loop) must be
 * called on a loop thread or inside an async body; elsewhere it throws {@link
 * IllegalStateException}. Callbacks run on the loop thread; an exception a callback throws is an
 * uncaught exception with Node's rules (see {@link EddyProcess#UNCAUGHT_EXCEPTION}).
 */
public final class Eddy {
  private Eddy() {}

  // ---------------------------------------------------------------------------------------------
  // Running a program
  // ---------------------------------------------------------------------------------------------

  /**
   * Runs {@code program} as a Node main module on a new loop on this thread and returns the exit
   * code when the loop ends. Does not end the JVM (see {@link #main}).
   */
  public static int run(Runnable program) {
    return Loop.create().run(program);
  }

  /** Runs {@code program} like {@link #run} and then ends the JVM with the exit code, as {@code node app.js}. */
  public static void main(Runnable program) {
    int code = run(program);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /** The current loop's process object. */
  public static EddyProcess process() {
    return Loop.require("process()").process();
  }

  // ---------------------------------------------------------------------------------------------
  // Timers
  // ---------------------------------------------------------------------------------------------

  /**
   * {@code setTimeout(callback, delay)}: runs {@code callback} once after {@code delay} ms. As in
   * Node the delay is truncated to whole ms, below 1 (negative included) becomes 1, and above
   * 2^31-1 becomes 1 with a {@code TimeoutOverflowWarning}.
   *
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalArgumentException if {@code delay} is NaN (Node would use 1 ms; in Java a NaN
   *     delay is a bug)
   */
  public static Timeout setTimeout(Runnable callback, double delay) {
    requireCallback(callback);
    return Loop.require("setTimeout()").setTimer(callback, delay, false);
  }

  /** {@code setTimeout(callback, delay, arg)}: the argument is passed to the callback. */
  public static <A> Timeout setTimeout(Consumer<? super A> callback, double delay, A arg) {
    requireCallback(callback);
    return Loop.require("setTimeout()").setTimer(() -> callback.accept(arg), delay, false);
  }

  /** {@code setTimeout(callback, delay, a, b)}: both arguments are passed to the callback. */
  public static <A, B> Timeout setTimeout(BiConsumer<? super A, ? super B> callback, double delay, A a, B b) {
    requireCallback(callback);
    return Loop.require("setTimeout()").setTimer(() -> callback.accept(a, b), delay, false);
  }

  /** {@code setTimeout} with a {@link Duration}. @throws IllegalArgumentException if negative */
  public static Timeout setTimeout(Runnable callback, Duration delay) {
    return setTimeout(callback, millis(delay, "delay"));
  }

  /** {@code setInterval(callback, delay)}: runs {@code callback} every {@code delay} ms until cleared. */
  public static Timeout setInterval(Runnable callback, double delay) {
    requireCallback(callback);
    return Loop.require("setInterval()").setTimer(callback, delay, true);
  }

  /** {@code setInterval(callback, delay, arg)}. */
  public static <A> Timeout setInterval(Consumer<? super A> callback, double delay, A arg) {
    requireCallback(callback);
    return Loop.require("setInterval()").setTimer(() -> callback.accept(arg), delay, true);
  }

  /** {@code setInterval} with a {@link Duration}. @throws IllegalArgumentException if negative */
  public static Timeout setInterval(Runnable callback, Duration delay) {
    return setInterval(callback, millis(delay, "delay"));
  }

  /** {@code clearTimeout(t)}: cancels a timeout or an interval; null or a fired timer is a no-op. */
  public static void clearTimeout(Timeout timer) {
    if (timer != null) {
      timer.loop.checkThread("clearTimeout()");
      timer.loop.clearTimer(timer);
    }
  }

  /** {@code clearInterval(t)}: the same as {@link #clearTimeout}, as in Node. */
  public static void clearInterval(Timeout timer) {
    clearTimeout(timer);
  }

  /** {@code setImmediate(callback)}: runs {@code callback} in the check phase of the next iteration. */
  public static Immediate setImmediate(Runnable callback) {
    requireCallback(callback);
    return Loop.require("setImmediate()").setImmediate(callback);
  }

  /** {@code setImmediate(callback, arg)}. */
  public static <A> Immediate setImmediate(Consumer<? super A> callback, A arg) {
    requireCallback(callback);
    return Loop.require("setImmediate()").setImmediate(() -> callback.accept(arg));
  }

  /** {@code clearImmediate(i)}: it will not run; null or an immediate that ran is a no-op. */
  public static void clearImmediate(Immediate immediate) {
    if (immediate != null) {
      immediate.loop.checkThread("clearImmediate()");
      immediate.loop.clearImmediate(immediate);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Ticks and microtasks
  // ---------------------------------------------------------------------------------------------

  /** {@code process.nextTick(callback)}: runs before promise jobs, as soon as the current callback ends. */
  public static void nextTick(Runnable callback) {
    requireCallback(callback);
    Loop.require("nextTick()").nextTick(callback);
  }

  /** {@code process.nextTick(callback, arg)}. */
  public static <A> void nextTick(Consumer<? super A> callback, A arg) {
    requireCallback(callback);
    Loop.require("nextTick()").nextTick(() -> callback.accept(arg));
  }

  /**
   * {@code queueMicrotask(callback)}: runs in the microtask queue with promise jobs. A throw is an
   * uncaught exception (not a rejection).
   */
  public static void queueMicrotask(Runnable callback) {
    requireCallback(callback);
    Loop.require("queueMicrotask()").queueUserMicrotask(callback);
  }

  // ---------------------------------------------------------------------------------------------
  // async / await
  // ---------------------------------------------------------------------------------------------

  /**
   * {@code (async () => body)()}: runs {@code body} now, holding the loop, until its first {@link
   * #await}; returns the promise of its result. A throw rejects the promise, never the caller.
   */
  public static <T> Promise<T> async(AsyncBody<T> body) {
    Objects.requireNonNull(body, "body");
    return Coroutine.start(Loop.require("async()"), body);
  }

  /** {@code async} for a body without a result. */
  public static Promise<Void> async(AsyncRunnable body) {
    Objects.requireNonNull(body, "body");
    return async(() -> {
      body.run();
      return null;
    });
  }

  /** The body of a {@code Void} async function. */
  @FunctionalInterface
  public interface AsyncRunnable {
    /** Runs holding the loop. */
    void run() throws Exception;
  }

  /**
   * {@code await promise}: inside an async body, suspends it and gives the loop back until the
   * promise settles, then returns its value or throws its rejection reason (resuming one
   * microtask job after settlement, as V8). On a plain thread that runs no loop it blocks that
   * thread until the promise settles.
   *
   * <p>It is declared to throw {@code Exception} so that a checked rejection reason (an {@code
   * IOException}, a domain exception) can be caught by its own type; inside an {@link AsyncBody}
   * nothing needs declaring. A reason that is an {@code Error} is thrown as is.
   *
   * @throws Exception the rejection reason of the promise, unchanged
   * @throws IllegalStateException on a loop thread outside an async body, where waiting would
   *     block the loop forever
   */
  public static <T> T await(Promise<T> promise) throws Exception {
    Objects.requireNonNull(promise, "promise");
    @SuppressWarnings("unchecked")
    T value = (T) Coroutine.await(promise);
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // Blocking work
  // ---------------------------------------------------------------------------------------------

  /** The blocking pool's size, running and waiting tasks (for metrics); any thread. */
  public static BlockingPoolStats blockingPoolStats() {
    return BlockingPool.stats();
  }

  /**
   * Runs {@code work} on the blocking pool (libuv's thread pool: {@code EDDY_THREADPOOL_SIZE}
   * threads, default 4) and returns a promise settled on the loop in its poll phase: fulfilled
   * with the result, rejected with what {@code work} throws. The loop stays alive meanwhile.
   */
  public static <T> Promise<T> blocking(Callable<T> work) {
    return submit(work, BlockingPool.fixed(), "blocking()");
  }

  /** {@link #blocking(Callable)} with a Node-style callback, called in the poll phase. */
  public static <T> void blocking(Callable<T> work, Callback<? super T> callback) {
    Objects.requireNonNull(work, "work");
    requireCallback(callback);
    Loop.require("blocking()").submitBlocking(work, BlockingPool.fixed(), callback::call);
  }

  /** {@link #blocking(Callable)} on a new virtual thread per task: for work that mostly waits. */
  public static <T> Promise<T> blockingVirtual(Callable<T> work) {
    return submit(work, BlockingPool.virtual(), "blockingVirtual()");
  }

  private static <T> Promise<T> submit(Callable<T> work, java.util.concurrent.Executor executor, String what) {
    Objects.requireNonNull(work, "work");
    Loop loop = Loop.require(what);
    Promise<T> p = new Promise<>(loop);
    loop.submitBlocking(work, executor, (err, v) -> {
      if (err != null) {
        p.rejectFn(err);
      } else {
        p.resolveFn(v);
      }
    });
    return p;
  }

  // ---------------------------------------------------------------------------------------------

  private static void requireCallback(Object callback) {
    if (callback == null) {
      throw new NullPointerException("The \"callback\" argument must be a function. Received null");
    }
  }

  private static double millis(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException("The \"" + name + "\" argument must not be negative. Received " + d);
    }
    return d.getSeconds() * 1000.0 + d.getNano() / 1_000_000.0;
  }
}
