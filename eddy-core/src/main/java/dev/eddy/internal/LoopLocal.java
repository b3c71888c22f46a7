package dev.eddy.internal;

import dev.eddy.Loop;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A value per loop, for the caches Eddy's own hot paths keep (output buffers, the Date header,
 * read buffers, hashing scratch): what a {@code ThreadLocal} gives, found in an array slot of the
 * current loop instead of a thread-local hash table, so that a request pays a few field reads
 * however many thread locals other libraries put on the loop thread. On a thread that runs no
 * loop (the blocking pool, a test's main thread) it falls back to a {@code ThreadLocal}, so the
 * value is never shared between threads that can run at once. Values live as long as their loop
 * object.
 *
 * <p>A loop's value is used by the loop thread, or by an async body while it holds the loop: never
 * by two threads at once.
 *
 * @param <T> the value's type
 */
public final class LoopLocal<T> {
  private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

  private final int index = NEXT_INDEX.getAndIncrement();
  private final Supplier<? extends T> initial;
  private final ThreadLocal<T> offLoop;

  private LoopLocal(Supplier<? extends T> initial) {
    this.initial = initial;
    this.offLoop = ThreadLocal.withInitial(initial);
  }

  /**
   * A loop-local whose value on each loop (and on each thread outside a loop) is made by {@code
   * initial} on first use. Create these as static finals: each one takes a slot in every loop.
   *
   * @throws NullPointerException if {@code initial} is null
   */
  public static <T> LoopLocal<T> withInitial(Supplier<? extends T> initial) {
    return new LoopLocal<>(Objects.requireNonNull(initial, "initial"));
  }

  /** The current loop's value, made on first use; outside a loop the current thread's. */
  @SuppressWarnings("unchecked")
  public T get() {
    Loop loop = Loop.current();
    if (loop == null) {
      return offLoop.get();
    }
    Object[] slots = LoopIo.locals(loop, index);
    Object value = slots[index];
    if (value == null) {
      value = Objects.requireNonNull(initial.get(), "a LoopLocal's initial value");
      slots[index] = value;
    }
    return (T) value;
  }
}
