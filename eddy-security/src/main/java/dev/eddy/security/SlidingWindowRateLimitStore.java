package dev.eddy.security;

import dev.eddy.Promise;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A sliding-window counter in memory, beyond express-rate-limit's fixed windows: the count of a
 * key is its hits in the current window plus its hits in the previous window weighted by how much
 * of that window still overlaps the last {@code window} of time. A client cannot double its budget
 * by bursting at the end of one window and the start of the next, and it needs one counter pair
 * per key (not a log of timestamps). The reset time reported is the end of the current window.
 * Windows are aligned to multiples of the window length. Thread-safe.
 */
public final class SlidingWindowRateLimitStore implements RateLimitStore {
  private static final class Counter {
    long windowStart;
    long current;
    long previous;
  }

  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private volatile long windowMs = 60_000;

  public SlidingWindowRateLimitStore() {
    this(System::currentTimeMillis);
  }

  /** A store on a clock of the caller's (milliseconds), for tests. */
  public SlidingWindowRateLimitStore(LongSupplier clockMillis) {
    this.clock = clockMillis;
  }

  @Override
  public void init(Duration window) {
    long ms = window.toMillis();
    if (ms < 1) throw new IllegalArgumentException("sliding window: the window must be at least 1 ms, got " + ms);
    windowMs = ms;
  }

  /** The synchronous form of {@link #increment}. */
  public Hit hit(String key) {
    long now = clock.getAsLong();
    long w = windowMs;
    long start = now - Math.floorMod(now, w);
    Counter c = counters.computeIfAbsent(key, k -> new Counter());
    synchronized (c) {
      roll(c, start, w);
      c.current++;
      double previousWeight = (double) (w - (now - start)) / w;
      long estimate = (long) Math.ceil(c.previous * previousWeight) + c.current;
      if (counters.size() > 100_000 && (now & 0x3FF) == 0) sweep(start, w);
      return new Hit(estimate, start + w);
    }
  }

  private static void roll(Counter c, long start, long w) {
    if (c.windowStart == start) return;
    c.previous = c.windowStart == start - w ? c.current : 0;
    c.current = 0;
    c.windowStart = start;
  }

  private void sweep(long start, long w) {
    counters.entrySet().removeIf(e -> e.getValue().windowStart < start - w);
  }

  @Override
  public Promise<Hit> increment(String key) {
    return Promise.resolve(hit(key));
  }

  @Override
  public Promise<Void> decrement(String key) {
    Counter c = counters.get(key);
    if (c != null) {
      synchronized (c) {
        if (c.current > 0) c.current--;
      }
    }
    return Promise.resolve(null);
  }

  @Override
  public Promise<Void> resetKey(String key) {
    counters.remove(key);
    return Promise.resolve(null);
  }
}
