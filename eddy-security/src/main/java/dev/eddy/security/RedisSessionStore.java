package dev.eddy.security;

import dev.eddy.Promise;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;

/**
 * Sessions in Redis, stored as connect-redis stores them (key {@code sess:<id>}, the session's
 * JSON, expiring with the cookie, or after {@code defaultTtl}), so Eddy and a Node service with
 * connect-redis and the same secret can share sessions during a migration. When Redis is down the
 * promises reject quickly (see {@link Redis#connect}): the request fails with the store's error
 * rather than hanging or silently losing the session.
 */
public final class RedisSessionStore implements SessionStore {
  private final StatefulRedisConnection<String, String> conn;
  private final String prefix;
  private final long defaultTtlMs;

  /** A store with connect-redis's defaults: prefix {@code sess:}, one day for sessions without expiry. */
  public RedisSessionStore(StatefulRedisConnection<String, String> conn) {
    this(conn, "sess:", Duration.ofDays(1));
  }

  public RedisSessionStore(StatefulRedisConnection<String, String> conn, String prefix, Duration defaultTtl) {
    this.conn = conn;
    this.prefix = prefix;
    this.defaultTtlMs = defaultTtl.toMillis();
  }

  private long ttl(long expiresAtMillis) {
    return expiresAtMillis > 0 ? Math.max(1, expiresAtMillis - System.currentTimeMillis()) : defaultTtlMs;
  }

  @Override
  public Promise<String> get(String sid) {
    return Promise.fromCompletionStage(conn.async().get(prefix + sid));
  }

  @Override
  public Promise<Void> set(String sid, String json, long expiresAtMillis) {
    return Promise.fromCompletionStage(conn.async().set(prefix + sid, json, SetArgs.Builder.px(ttl(expiresAtMillis))))
        .then(r -> null);
  }

  @Override
  public Promise<Void> destroy(String sid) {
    return Promise.fromCompletionStage(conn.async().del(prefix + sid)).then(r -> null);
  }

  @Override
  public Promise<Void> touch(String sid, String json, long expiresAtMillis) {
    return Promise.fromCompletionStage(conn.async().pexpire(prefix + sid, ttl(expiresAtMillis))).then(r -> null);
  }
}
