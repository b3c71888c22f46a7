package dev.eddy.security;

import dev.eddy.Promise;
import dev.eddy.security.internal.HitTable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * express-rate-limit's MemoryStore: a window per key that starts at the key's first hit (or at a
 * {@link #decrement} of an unknown key, as there), kept in two generations so expired keys are
 * dropped without a sweep: every window the current generation becomes the previous one and the
 * previous one is dropped; a key seen again is moved back to the current one. A key is dropped
 * only after a whole window without a hit, when its own window is over, so dropping never changes
 * a count.
 *
 * <p>Thread-safe: one store may serve several loops of one JVM. The keys are spread over
 * independently locked segments, each an open-addressing table over primitive arrays (see {@link
 * HitTable}: about 3 M checks a second on one core with a million keys and 20 M with a thousand,
 * where a map of objects misses the cache at every step; see docs/benchmarks.md). Keys are hashed by their String hash code until a segment sees
 * keys crafted to share one, then by a hash seeded per store, so clients that choose their keys
 * cannot degrade the lookups. Counts are per process; use a shared store for several processes.
 */
public final class MemoryRateLimitStore implements RateLimitStore {
  /** Power of two: picked by the low bits of the key's hash (the slot uses the top bits). */
  private static final int SEGMENTS = 16;

  /** The two generations of the keys whose hash selects this segment; lock the segment to use them. */
  private static final class Segment {
    private final long seed;
    HitTable current = new HitTable(0);
    HitTable previous = new HitTable(0);
    /** When the current generation becomes the previous one (epoch milliseconds). */
    long rotateAt;
    /**
     * Whether keys are hashed over their characters ({@link HitTable#hash}) rather than by their
     * String hash code ({@link HitTable#fastHash}): set for good once a table got crowded, which
     * takes keys made to share hash codes.
     */
    boolean seeded;

    Segment(long seed, long rotateAt) {
      this.seed = seed;
      this.rotateAt = rotateAt;
    }

    /** The key's hash in this segment's tables; {@code fast} is its {@link HitTable#fastHash}. */
    long hash(String key, long fast) {
      return seeded ? HitTable.hash(key, seed) : fast;
    }

    /**
     * Catches up with the generation schedule (init time + k windows, as express-rate-limit's
     * interval timer): one boundary passed shifts the generations, two or more drop both, as two
     * timer ticks would.
     */
    void rotate(long now, long windowMs) {
      if (now < rotateAt) return;
      long behind = now - rotateAt;
      if (behind >= windowMs) {
        previous = new HitTable(0);
        current = new HitTable(0);
      } else {
        previous = current;
        // about as many keys come back in the next window: size for them, not grow again
        current = new HitTable(previous.size());
      }
      rotateAt += (behind / windowMs + 1) * windowMs;
    }

    /** The key's slot in the current generation: found, moved back from the previous one, or new. */
    int slot(String key, long fast, long now, long windowMs) {
      long hash = hash(key, fast);
      HitTable cur = current;
      int slot = cur.find(hash, key);
      if (slot >= 0) return slot;
      HitTable prev = previous;
      int old = prev.size() == 0 ? -1 : prev.find(hash, key);
      if (old >= 0) {
        long hits = prev.hits(old);
        long resetAt = prev.resetAt(old);
        prev.removeAt(old);
        slot = cur.insert(hash, key, hits, resetAt);
      } else {
        slot = cur.insert(hash, key, 0, now + windowMs);
      }
      if (cur.crowded() && !seeded) {
        seeded = true;
        current = cur.rehash(k -> HitTable.hash(k, seed));
        previous = prev.rehash(k -> HitTable.hash(k, seed));
        slot = current.find(HitTable.hash(key, seed), key);
      }
      return slot;
    }

    /** Whether the keys are hashed over their characters now (for tests). */
    boolean seeded() {
      return seeded;
    }
  }

  private final LongSupplier clock;
  /** Seeds the key hash: unknown to clients, so they cannot pick keys that share a probe chain. */
  private final long seed;
  private final Segment[] segments = new Segment[SEGMENTS];
  private volatile long windowMs = 60_000;

  /**
   * A store on the wall clock: on a loop thread, the loop's cached time ({@link
   * dev.eddy.Loop#cachedTimeMillis()}, at most one loop iteration old, as Node's timers see it);
   * elsewhere {@code System.currentTimeMillis()}. The cached read lets checks overlap their memory
   * accesses: 5.2 M against 3.3 M checks/s over a million keys (RateLimitStoreBench).
   */
  public MemoryRateLimitStore() {
    this(MemoryRateLimitStore::loopOrWallMillis);
  }

  private static long loopOrWallMillis() {
    dev.eddy.Loop loop = dev.eddy.Loop.current();
    return loop != null ? loop.cachedTimeMillis() : System.currentTimeMillis();
  }

  /** A store on a clock of the caller's (milliseconds), for tests. */
  public MemoryRateLimitStore(LongSupplier clockMillis) {
    this(clockMillis, new SecureRandom().nextLong());
  }

  /** A store with a fixed hash seed, so that tests can make keys collide. */
  MemoryRateLimitStore(LongSupplier clockMillis, long seed) {
    this.clock = clockMillis;
    this.seed = seed;
    long rotateAt = clockMillis.getAsLong() + windowMs;
    for (int i = 0; i < SEGMENTS; i++) segments[i] = new Segment(seed, rotateAt);
  }

  /**
   * Sets the window and forgets every key (express-rate-limit restarts its timer here).
   *
   * @throws IllegalArgumentException for a window outside 1 ms..{@code Integer.MAX_VALUE} ms, with
   *     express-rate-limit's message
   */
  @Override
  public void init(Duration window) {
    long ms = window.toMillis();
    if (ms < 1 || ms > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Invalid windowMs value: " + ms + ", must be a number between 1 and "
          + Integer.MAX_VALUE + " when using the default MemoryStore");
    }
    windowMs = ms;
    long rotateAt = clock.getAsLong() + ms;
    for (Segment s : segments) {
      synchronized (s) {
        s.current = new HitTable(0);
        s.previous = new HitTable(0);
        s.rotateAt = rotateAt;
      }
    }
  }

  private Segment segment(long fastHash) {
    return segments[(int) fastHash & (SEGMENTS - 1)];
  }

  /** Whether any segment hashes keys over their characters (after keys that share hash codes), for tests. */
  boolean seededHashing() {
    for (Segment s : segments) {
      synchronized (s) {
        if (s.seeded()) return true;
      }
    }
    return false;
  }

  /** The synchronous form of {@link #increment}: what the limiter calls for this store. */
  public Hit hit(String key) {
    long now = clock.getAsLong();
    long w = windowMs;
    long fast = HitTable.fastHash(key, seed);
    Segment s = segment(fast);
    long hits;
    long resetAt;
    synchronized (s) {
      s.rotate(now, w);
      int slot = s.slot(key, fast, now, w);
      HitTable t = s.current;
      hits = t.hits(slot);
      resetAt = t.resetAt(slot);
      if (resetAt <= now) {
        hits = 0;
        resetAt = now + w;
        t.resetAt(slot, resetAt);
      }
      t.hits(slot, ++hits);
    }
    return new Hit(hits, resetAt);
  }

  @Override
  public Promise<Hit> increment(String key) {
    return Promise.resolve(hit(key));
  }

  /** The synchronous form of {@link #decrement}: an unknown key starts a window with no hits. */
  public void unhit(String key) {
    long now = clock.getAsLong();
    long w = windowMs;
    long fast = HitTable.fastHash(key, seed);
    Segment s = segment(fast);
    synchronized (s) {
      s.rotate(now, w);
      int slot = s.slot(key, fast, now, w);
      long hits = s.current.hits(slot);
      if (hits > 0) s.current.hits(slot, hits - 1);
    }
  }

  @Override
  public Promise<Void> decrement(String key) {
    unhit(key);
    return Promise.resolve(null);
  }

  /** The synchronous form of {@link #resetKey}. */
  public void forget(String key) {
    long fast = HitTable.fastHash(key, seed);
    Segment s = segment(fast);
    synchronized (s) {
      long hash = s.hash(key, fast);
      s.current.remove(hash, key);
      s.previous.remove(hash, key);
    }
  }

  @Override
  public Promise<Void> resetKey(String key) {
    forget(key);
    return Promise.resolve(null);
  }

  /** The synchronous form of {@link #resetAll}. */
  public void forgetAll() {
    for (Segment s : segments) {
      synchronized (s) {
        s.current = new HitTable(0);
        s.previous = new HitTable(0);
      }
    }
  }

  /** Forgets every key (express-rate-limit's {@code resetAll}). */
  public Promise<Void> resetAll() {
    forgetAll();
    return Promise.resolve(null);
  }

  /** Keys currently counted (both generations, after dropping the expired ones), for tests and metrics. */
  public int size() {
    long now = clock.getAsLong();
    long w = windowMs;
    int n = 0;
    for (Segment s : segments) {
      synchronized (s) {
        s.rotate(now, w);
        n += s.current.size() + s.previous.size();
      }
    }
    return n;
  }
}
