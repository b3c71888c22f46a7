package dev.eddy.security;

import dev.eddy.Promise;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Sessions in this process's memory, for development and tests (express-session's MemoryStore):
 * lost on restart and not shared between processes, so use a shared store in production. Unlike
 * express-session's, a session without an expiry is kept for {@code defaultLifetime} (1 day)
 * rather than forever, so abandoned sessions cannot fill the heap. Thread-safe.
 */
public final class MemorySessionStore implements SessionStore {
  private record Entry(String json, long expiresAt) {}

  private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private final long defaultLifetimeMs;

  public MemorySessionStore() {
    this(Duration.ofDays(1), System::currentTimeMillis);
  }

  /** A store whose sessions without an expiry live {@code defaultLifetime}, on a clock of the caller's. */
  public MemorySessionStore(Duration defaultLifetime, LongSupplier clockMillis) {
    this.defaultLifetimeMs = defaultLifetime.toMillis();
    this.clock = clockMillis;
  }

  @Override
  public Promise<String> get(String sid) {
    Entry e = sessions.get(sid);
    if (e == null) return Promise.resolve(null);
    if (e.expiresAt <= clock.getAsLong()) {
      sessions.remove(sid, e);
      return Promise.resolve(null);
    }
    return Promise.resolve(e.json);
  }

  @Override
  public Promise<Void> set(String sid, String json, long expiresAtMillis) {
    long now = clock.getAsLong();
    if (sessions.size() > 1024 && (now & 0xFF) == 0) sweep(now);
    sessions.put(sid, new Entry(json, expiresAtMillis > 0 ? expiresAtMillis : now + defaultLifetimeMs));
    return Promise.resolve(null);
  }

  @Override
  public Promise<Void> destroy(String sid) {
    sessions.remove(sid);
    return Promise.resolve(null);
  }

  private void sweep(long now) {
    sessions.entrySet().removeIf(e -> e.getValue().expiresAt <= now);
  }

  /** Sessions held (expired ones may still be counted until swept). */
  public int size() {
    return sessions.size();
  }
}
