package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis stores against a real Redis ($REDIS_URL or 127.0.0.1:6379). Under CI=true they must
 * run; elsewhere they are skipped when no Redis answers.
 */
class RedisStoresTest {
  private static final String URL = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");

  @BeforeAll
  static void redisIsThere() {
    try (var probe = Redis.connect(URL)) {
      probe.sync().ping();
    } catch (IllegalStateException e) {
      if ("true".equals(System.getenv("CI"))) throw e;
      Assumptions.abort("no Redis at " + URL + ": " + e.getMessage());
    }
  }

  private static App limited(Redis.Connection conn, String prefix, boolean failOpen) {
    App app = Web.app().set("env", "test");
    app.use(RateLimit.rateLimit(RateLimitOptions.defaults().limit(3).standardHeaders("draft-7").legacyHeaders(false)
        .keyGenerator(req -> "client").store(new RedisRateLimitStore(conn.connection(), prefix)).passOnStoreError(failOpen)));
    app.get("/", (req, res) -> res.send("ok"));
    return app;
  }

  @Test
  void twoAppsOnOneRedisShareOneBudget() {
    String prefix = "eddy-test:" + UUID.randomUUID() + ":";
    var a = Redis.connect(URL);
    var b = Redis.connect(URL);
    try (TestClient one = TestClient.start(limited(a, prefix, false));
        TestClient two = TestClient.start(limited(b, prefix, false))) {
      one.get("/").send().expect(200).expectHeader("RateLimit", "limit=3, remaining=2, reset=60");
      two.get("/").send().expect(200).expectHeader("RateLimit", "limit=3, remaining=1, reset=60");
      one.get("/").send().expect(200);
      two.get("/").send().expect(429).expectHeader("Retry-After", "60");
      one.get("/").send().expect(429);
    } finally {
      a.sync().del(prefix + "client");
      a.close();
      b.close();
    }
  }

  @Test
  void aDeadRedisFailsClosedOrOpenQuicklyNeverHangs() throws Exception {
    try (Proxy proxy = new Proxy(URL)) {
      var conn = Redis.connect("redis://127.0.0.1:" + proxy.port(), Duration.ofMillis(300));
      String prefix = "eddy-test:" + UUID.randomUUID() + ":";
      try (TestClient closed = TestClient.start(limited(conn, prefix, false));
          TestClient open = TestClient.start(limited(conn, prefix, true))) {
        closed.get("/").send().expect(200);
        proxy.kill();
        long t0 = System.nanoTime();
        closed.get("/").send().expect(500);
        open.get("/").send().expect(200).expectBody("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      } finally {
        conn.close();
      }
    }
  }

  @Test
  void aRedisThatIsNotThereFailsAtStartupWithAClearMessage() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(() -> Redis.connect("redis://127.0.0.1:" + port, Duration.ofMillis(200)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot connect to Redis")
        .hasMessageContaining("REDIS_URL");
  }

  @Test
  void sessionsInRedisAreSharedBetweenInstancesAsConnectRedisStoresThem() {
    String prefix = "eddy-test-sess:" + UUID.randomUUID() + ":";
    var conn = Redis.connect(URL);
    SessionOptions opts = SessionOptions.withSecret("shared-secret-for-two-instances-0123")
        .store(new RedisSessionStore(conn.connection(), prefix, Duration.ofMinutes(5)));
    App app = Web.app();
    app.use(Sessions.session(opts));
    app.get("/set", (req, res) -> {
      Sessions.of(req).set("user", Map.of("name", "ann"));
      res.send("set");
    });
    app.get("/get", (req, res) -> res.json(Map.of("user", String.valueOf(Sessions.of(req).get("user")))));
    try (TestClient one = TestClient.start(app); TestClient two = TestClient.start(app)) {
      String cookie = one.get("/set").send().expect(200).headers("Set-Cookie").get(0).split(";")[0];
      two.get("/get").header("Cookie", cookie).send().expectJson(Map.of("user", "{name=ann}"));
      List<String> keys = conn.sync().keys(prefix + "*");
      assertThat(keys).hasSize(1);
      String json = conn.sync().get(keys.get(0));
      assertThat(json).startsWith("{\"cookie\":{\"originalMaxAge\":null,").endsWith("\"user\":{\"name\":\"ann\"}}");
      assertThat(conn.sync().pttl(keys.get(0))).isBetween(1L, 300_000L);
      conn.sync().del(keys.get(0));
    } finally {
      conn.close();
    }
  }

  /** A TCP proxy to Redis that can be killed, to make Redis "die" under a live connection. */
  static final class Proxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    Proxy(String redisUrl) throws IOException {
      java.net.URI u = java.net.URI.create(redisUrl);
      String host = u.getHost();
      int port = u.getPort() == -1 ? 6379 : u.getPort();
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket client = server.accept();
            Socket upstream = new Socket(host, port);
            sockets.add(client);
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
          } catch (IOException e) {
            return;
          }
        }
      }, "redis-proxy");
      t.setDaemon(true);
      t.start();
    }

    private static void pump(Socket from, Socket to) {
      Thread t = new Thread(() -> {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          in.transferTo(out);
        } catch (IOException ignored) {
          // one side closed
        }
      }, "redis-proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    void kill() throws IOException {
      server.close();
      for (Socket s : sockets) s.close();
    }

    @Override
    public void close() throws IOException {
      kill();
    }
  }
}
