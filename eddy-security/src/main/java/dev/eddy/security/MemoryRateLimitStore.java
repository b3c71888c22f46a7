package dev.eddy.security;

import dev.eddy.Promise;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * express-rate-limit's MemoryStore: a window per key that starts at the key's first hit, kept in
 * two generations so expired keys are dropped in O(1) (the current map becomes the previous one
 * every window; a key seen again is moved back). Thread-safe: one store may serve several loops
 * of one JVM. Counts are per process; use a shared store for several processes.
 */
public final class MemoryRateLimitStore implements RateLimitStore {
  private static final class Client {
    long hits;
    long resetAt;

    Client(long resetAt) {
      this.resetAt = resetAt;
    }
  }

  private record Generation(ConcurrentHashMap<String, Client> current, ConcurrentHashMap<String, Client> previous,
      long rotateAt) {}

  private final LongSupplier clock;
  private volatile long windowMs = 60_000;
  private final AtomicReference<Generation> gen = new AtomicReference<>();

  /** A store on the wall clock. */
  public MemoryRateLimitStore() {
    this(System::currentTimeMillis);
  }

  /** A store on a clock of the caller's (milliseconds), for tests. */
  public MemoryRateLimitStore(LongSupplier clockMillis) {
    this.clock = clockMillis;
    gen.set(new Generation(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), clockMillis.getAsLong() + windowMs));
  }

  @Override
  public void init(Duration window) {
    long ms = window.toMillis();
    if (ms < 1 || ms > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Invalid windowMs value: " + ms + ", must be a number between 1 and "
          + Integer.MAX_VALUE + " when using the default MemoryStore");
    }
    windowMs = ms;
    gen.set(new Generation(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), clock.getAsLong() + ms));
  }

  /** The synchronous form of {@link #increment}: what the limiter calls for this store. */
  public Hit hit(String key) {
    long now = clock.getAsLong();
    Client c = client(key, now);
    synchronized (c) {
      if (c.resetAt <= now) {
        c.hits = 0;
        c.resetAt = now + windowMs;
      }
      c.hits++;
      return new Hit(c.hits, c.resetAt);
    }
  }

  private Client client(String key, long now) {
    Generation g = gen.get();
    if (now >= g.rotateAt) {
      Generation next = new Generation(new ConcurrentHashMap<>(), g.current, now + windowMs);
      g = gen.compareAndSet(g, next) ? next : gen.get();
    }
    Client c = g.current.get(key);
    if (c != null) return c;
    Client old = g.previous.remove(key);
    Client fresh = old != null ? old : new Client(now + windowMs);
    Client raced = g.current.putIfAbsent(key, fresh);
    return raced != null ? raced : fresh;
  }

  @Override
  public Promise<Hit> increment(String key) {
    return Promise.resolve(hit(key));
  }

  /** The synchronous form of {@link #decrement}. */
  public void unhit(String key) {
    Client c = client(key, clock.getAsLong());
    synchronized (c) {
      if (c.hits > 0) c.hits--;
    }
  }

  @Override
  public Promise<Void> decrement(String key) {
    unhit(key);
    return Promise.resolve(null);
  }

  @Override
  public Promise<Void> resetKey(String key) {
    Generation g = gen.get();
    g.current.remove(key);
    g.previous.remove(key);
    return Promise.resolve(null);
  }

  /** Keys currently counted (both generations), for tests and metrics. */
  public int size() {
    Generation g = gen.get();
    return g.current.size() + g.previous.size();
  }
}
