package dev.eddy.security;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;

/**
 * Opens a Lettuce connection set up so a dead Redis can never hang a request: commands fail at
 * once while the connection is down (instead of queueing until it comes back) and every command
 * times out after {@code commandTimeout}. The stores ({@link RedisRateLimitStore}, {@link
 * RedisSessionStore}) then fail in their documented way. Needs {@code io.lettuce:lettuce-core} on
 * the classpath.
 */
public final class Redis {
  private Redis() {}

  /**
   * A Lettuce connection with the client that made it: closing it also shuts the client's threads
   * down. Pass {@link #connection()} to the stores.
   */
  public record Connection(RedisClient client, StatefulRedisConnection<String, String> connection)
      implements AutoCloseable {
    /** Blocking commands, for setup, tests and scripts (never on a loop thread). */
    public io.lettuce.core.api.sync.RedisCommands<String, String> sync() {
      return connection.sync();
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown();
    }
  }

  /**
   * A connection to {@code url} ({@code redis://host:port/db}), or $REDIS_URL when null, or
   * 127.0.0.1:6379. Blocks while connecting: call it at startup, not on a loop thread.
   *
   * @throws IllegalStateException when Redis cannot be reached, saying where it looked
   */
  public static Connection connect(String url, Duration commandTimeout) {
    String u = url != null ? url : System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
    RedisClient client = RedisClient.create(RedisURI.create(u));
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout.multipliedBy(5)).build())
        .build());
    try {
      StatefulRedisConnection<String, String> conn = client.connect();
      conn.setTimeout(commandTimeout);
      return new Connection(client, conn);
    } catch (RuntimeException e) {
      client.shutdown();
      throw new IllegalStateException("cannot connect to Redis at " + u + ": " + e.getMessage()
          + " (start Redis, or set REDIS_URL)", e);
    }
  }

  /** {@link #connect(String, Duration)} with a 1 second command timeout. */
  public static Connection connect(String url) {
    return connect(url, Duration.ofSeconds(1));
  }
}
