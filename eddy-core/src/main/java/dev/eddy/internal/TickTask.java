package dev.eddy.internal;

/**
 * A nextTick callback that takes its argument from the queue, Node's {@code process.nextTick(fn,
 * arg)}: queued with {@link LoopIo#nextTick}, a {@code static final} task costs no allocation per
 * call, which matters on the per-request paths of streams and HTTP. An implementation must not
 * also be a {@link Runnable} (the queue tells the two kinds of entry apart by type).
 *
 * @param <A> the argument's type
 */
@FunctionalInterface
public interface TickTask<A> {
  /** Runs on the loop thread, in the nextTick queue's order. */
  void run(A arg);
}
