package dev.eddy.security;

import dev.eddy.Promise;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;

/**
 * Rate-limit counts in Redis (like rate-limit-redis): one atomic script per request (one round
 * trip) increments the key and starts its window on the first hit, so every process using the
 * same Redis and prefix shares one budget per client. When Redis is down the promise rejects
 * quickly (see {@link Redis#connect}) and the limiter fails open or closed as configured
 * ({@link RateLimitOptions#passOnStoreError}).
 */
public final class RedisRateLimitStore implements RateLimitStore {
  private static final String INCREMENT = """
      local totalHits = redis.call("INCR", KEYS[1])
      local timeToExpire = redis.call("PTTL", KEYS[1])
      if timeToExpire <= 0 then
        redis.call("PEXPIRE", KEYS[1], tonumber(ARGV[1]))
        timeToExpire = tonumber(ARGV[1])
      end
      return { totalHits, timeToExpire }
      """;

  private static final String DECREMENT = """
      if redis.call("GET", KEYS[1]) and tonumber(redis.call("GET", KEYS[1])) > 0 then
        return redis.call("DECR", KEYS[1])
      end
      return 0
      """;

  private final StatefulRedisConnection<String, String> conn;
  private final String prefix;
  private long windowMs = 60_000;

  /** A store on a connection (see {@link Redis#connect}) with keys {@code prefix + clientKey}. */
  public RedisRateLimitStore(StatefulRedisConnection<String, String> conn, String prefix) {
    this.conn = conn;
    this.prefix = prefix;
  }

  /** Keys prefixed {@code rl:}. */
  public RedisRateLimitStore(StatefulRedisConnection<String, String> conn) {
    this(conn, "rl:");
  }

  @Override
  public void init(Duration window) {
    windowMs = window.toMillis();
  }

  @Override
  public Promise<Hit> increment(String key) {
    long now = System.currentTimeMillis();
    return Promise.fromCompletionStage(conn.async().<List<Object>>eval(INCREMENT, ScriptOutputType.MULTI,
        new String[] {prefix + key}, Long.toString(windowMs))).then(r -> {
          long hits = ((Number) r.get(0)).longValue();
          long ttl = ((Number) r.get(1)).longValue();
          return new Hit(hits, now + ttl);
        });
  }

  @Override
  public Promise<Void> decrement(String key) {
    return Promise.fromCompletionStage(conn.async().<Long>eval(DECREMENT, ScriptOutputType.INTEGER,
        new String[] {prefix + key})).then(r -> null);
  }

  @Override
  public Promise<Void> resetKey(String key) {
    return Promise.fromCompletionStage(conn.async().del(prefix + key)).then(r -> null);
  }
}
