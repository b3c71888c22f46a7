package dev.eddy;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for tests: loops created with it ({@link Loop#create(VirtualClock)}) see only the time
 * it says. Time moves when a test calls {@link #advance}, and, for an {@linkplain #autoAdvancing()
 * auto-advancing} clock, by itself whenever a loop has nothing to do but wait for a timer: it
 * jumps to that timer. Either way timers fire in order and no test sleeps. Thread-safe.
 */
public final class VirtualClock {
  private final AtomicLong millis = new AtomicLong();
  private final boolean autoAdvance;
  private final CopyOnWriteArrayList<Loop> loops = new CopyOnWriteArrayList<>();

  private VirtualClock(boolean autoAdvance) {
    this.autoAdvance = autoAdvance;
  }

  /** A clock at 0 that moves only when {@link #advance} is called; an idle loop waits for it. */
  public static VirtualClock manual() {
    return new VirtualClock(false);
  }

  /** A clock at 0 that jumps to the next timer whenever its loop would otherwise wait for it. */
  public static VirtualClock autoAdvancing() {
    return new VirtualClock(true);
  }

  /** The current virtual time in milliseconds since the clock was made. */
  public long millis() {
    return millis.get();
  }

  /** Moves time forward and wakes the loops that use this clock. */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock cannot go back: advance(" + d + ")");
    }
    advanceMillis(d.toMillis());
  }

  /** Moves time forward by {@code ms} milliseconds and wakes the loops that use this clock. */
  public void advanceMillis(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("a clock cannot go back: advanceMillis(" + ms + ")");
    }
    millis.addAndGet(ms);
    for (Loop l : loops) {
      l.wakeForClock();
    }
  }

  boolean isAutoAdvancing() {
    return autoAdvance;
  }

  void advanceTo(long target) {
    millis.accumulateAndGet(target, Math::max);
  }

  void attach(Loop loop) {
    loops.add(loop);
  }
}
