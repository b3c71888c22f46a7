package dev.eddy.internal;

import dev.eddy.Loop;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * The loop's I/O entry points for Eddy's own network layer (libuv's uv__io_* and handle
 * counting), outside the public API. Every method is for the given loop's thread only.
 */
public abstract class LoopIo {
  private static volatile LoopIo impl;

  protected LoopIo() {}

  /** Called once by {@link Loop}'s class initializer. */
  public static void install(LoopIo io) {
    if (impl != null) {
      throw new IllegalStateException("LoopIo is installed by Loop only");
    }
    impl = io;
  }

  private static LoopIo impl() {
    LoopIo i = impl;
    if (i == null) {
      // Loop's initializer installs it; touching the class runs that initializer.
      try {
        Class.forName(Loop.class.getName(), true, Loop.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      i = impl;
    }
    return i;
  }

  /**
   * Registers {@code channel} (non-blocking) on the loop's selector with {@code ops} and {@code
   * handler} as the ready callback. The key is cancelled when the channel closes.
   */
  public static SelectionKey register(Loop loop, SelectableChannel channel, int ops, IoHandler handler) {
    return impl().doRegister(loop, channel, ops, handler);
  }

  /** Counts a ref'd handle or request: the loop stays alive while any is counted. */
  public static void ref(Loop loop) {
    impl().doRef(loop, 1);
  }

  /** Undoes one {@link #ref}. */
  public static void unref(Loop loop) {
    impl().doRef(loop, -1);
  }

  /**
   * {@code process.nextTick(task, arg)} on the current thread's loop, without allocating: the task
   * and its argument take two slots of the queue. {@code arg} must not be null.
   *
   * @throws IllegalStateException outside a loop
   */
  public static <A> void nextTick(TickTask<A> task, A arg) {
    impl().doNextTick(task, arg);
  }

  /**
   * {@link #nextTick(TickTask, Object)} on {@code loop}, which must be the current thread's loop:
   * for callers that know their loop, without the thread-local lookup.
   */
  public static <A> void nextTick(Loop loop, TickTask<A> task, A arg) {
    impl().doNextTick(loop, task, arg);
  }

  /** Runs {@code cb} in this iteration's close phase (uv_close callbacks), with a drain after it. */
  public static void onClose(Loop loop, Runnable cb) {
    impl().doOnClose(loop, cb);
  }

  /** Runs {@code cb} in the next pending phase (I/O callbacks libuv defers), with a drain after it. */
  public static void deferToPending(Loop loop, Runnable cb) {
    impl().doDeferToPending(loop, cb);
  }

  /**
   * Makes the selector drop cancelled keys now, which completes the close of their channels (NIO
   * defers it). Readiness of other channels is not lost: the selector is level-triggered and
   * reports it again on the next poll.
   */
  public static void flushCancelled(Loop loop) {
    impl().doFlushCancelled(loop);
  }

  /**
   * Runs the tick and microtask queues now, as Node does after each I/O callback; for a handler
   * that delivers several callbacks in one readiness event (one per read).
   */
  public static void drain(Loop loop) {
    impl().doDrain(loop);
  }

  /**
   * The array of {@code loop}'s {@link LoopLocal} values, at least {@code index + 1} long. Loop
   * thread (or an async body holding the loop).
   */
  static Object[] locals(Loop loop, int index) {
    return impl().doLocals(loop, index);
  }

  protected abstract Object[] doLocals(Loop loop, int index);

  protected abstract void doDrain(Loop loop);

  protected abstract void doFlushCancelled(Loop loop);

  protected abstract SelectionKey doRegister(Loop loop, SelectableChannel channel, int ops, IoHandler handler);

  protected abstract void doRef(Loop loop, int delta);

  protected abstract void doOnClose(Loop loop, Runnable cb);

  protected abstract void doDeferToPending(Loop loop, Runnable cb);

  protected abstract <A> void doNextTick(TickTask<A> task, A arg);

  protected abstract <A> void doNextTick(Loop loop, TickTask<A> task, A arg);
}
