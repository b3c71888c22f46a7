package dev.eddy.security;

import dev.eddy.Promise;
import java.time.Duration;

/**
 * Where a rate limiter counts hits (express-rate-limit's Store): {@link MemoryRateLimitStore} in
 * this process, or a shared store (Redis) so several processes share one budget. Methods are
 * called on the loop thread of the request; the returned promises settle on that loop.
 */
public interface RateLimitStore {
  /** Hits of a key in its current window and when the window ends. */
  record Hit(long totalHits, long resetTimeMillis) {}

  /** Called once by the limiter with its window before any request. */
  default void init(Duration window) {}

  /** Counts one hit for {@code key}, starting a new window when the last one ended. */
  Promise<Hit> increment(String key);

  /** Takes one hit back (for skipSuccessfulRequests / skipFailedRequests). */
  Promise<Void> decrement(String key);

  /** Forgets a key (e.g. after a successful login). */
  Promise<Void> resetKey(String key);
}
