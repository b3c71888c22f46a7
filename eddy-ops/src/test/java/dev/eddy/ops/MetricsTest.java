package dev.eddy.ops;

import static dev.eddy.Eddy.setTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Loop;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class MetricsTest {
  /** Busy-waits on purpose: the loop must be held, not parked. */
  static void blockTheLoopFor(long ms) {
    long end = System.nanoTime() + ms * 1_000_000;
    while (System.nanoTime() < end) Thread.onSpinWait();
  }

  /** Metrics are recorded on the loop thread when the response finishes, after the client may have read it. */
  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.onSpinWait();
    assertThat(condition.getAsBoolean()).as("condition reached within 5 s").isTrue();
  }

  private static long count(MeterRegistry r, String method, String route, String status, String outcome) {
    Timer t = r.find("http.server.requests").tags("method", method, "route", route, "status", status, "outcome", outcome).timer();
    return t == null ? 0 : t.count();
  }

  private static App app(MeterRegistry registry) {
    App app = Web.app().set("env", "test");
    app.use(Metrics.http(registry));
    app.use("/maintenance", (req, res, next) -> res.status(503).send("later"));
    app.get("/users/:id", (req, res) -> res.json(Map.of("id", req.params().get("id"))));
    app.get("/created", (req, res) -> res.status(201).send("ok"));
    app.get("/boom", (req, res) -> {
      throw new IllegalStateException("boom");
    });
    return app;
  }

  @Test
  void redMetricsAreTaggedWithTheRoutePatternNotThePath() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TestClient c = TestClient.inject(app(registry))) {
      for (int i = 0; i < 5; i++) c.get("/users/" + i).send().expect(200);
      c.get("/created").send().expect(201);
      c.get("/nowhere/" + 42).send().expect(404);
      c.get("/nowhere/43").send().expect(404);
      c.get("/boom").send().expect(500);
      c.get("/maintenance").send().expect(503);
      c.post("/users/1").send().expect(404);
      eventually(() -> registry.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum() == 11);
    }
    assertThat(count(registry, "GET", "/users/:id", "200", "SUCCESS")).isEqualTo(5);
    assertThat(count(registry, "GET", "/created", "201", "SUCCESS")).isEqualTo(1);
    assertThat(count(registry, "GET", "NOT_FOUND", "404", "CLIENT_ERROR")).isEqualTo(2);
    assertThat(count(registry, "POST", "NOT_FOUND", "404", "CLIENT_ERROR")).isEqualTo(1);
    assertThat(count(registry, "GET", "/boom", "500", "SERVER_ERROR")).isEqualTo(1);
    assertThat(count(registry, "GET", "UNKNOWN", "503", "SERVER_ERROR")).isEqualTo(1);
    // no raw path ever becomes a tag value
    assertThat(registry.find("http.server.requests").timers()).allSatisfy(t ->
        assertThat(t.getId().getTag("route")).doesNotContain("42").doesNotMatch("/users/\\d+"));
    Timer users = registry.find("http.server.requests").tag("route", "/users/:id").timer();
    assertThat(users.totalTime(TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void unknownMethodsShareOneTagValue() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    App app = Web.app().set("env", "test");
    app.use(Metrics.http(registry));
    app.all("/any", (req, res) -> res.send("ok"));
    try (TestClient c = TestClient.inject(app)) {
      c.request("PROPFIND", "/any").send().expect(200);
      c.request("MKCOL", "/any").send().expect(200);
      c.request("DELETE", "/any").send().expect(200);
      eventually(() -> count(registry, "OTHER", "/any", "200", "SUCCESS") == 2);
      eventually(() -> count(registry, "DELETE", "/any", "200", "SUCCESS") == 1);
    }
  }

  @Test
  void aClientGoneBeforeTheAnswerIsCountedAsClientClosed() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CompletableFuture<Void> reached = new CompletableFuture<>();
    App app = Web.app().set("env", "test");
    app.use(Metrics.http(registry));
    app.get("/hang/:n", (req, res) -> reached.complete(null)); // never answers
    try (TestClient c = TestClient.start(app);
        Socket s = new Socket("127.0.0.1", c.port())) {
      s.getOutputStream().write("GET /hang/1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      reached.get(5, TimeUnit.SECONDS);
      s.close();
      eventually(() -> count(registry, "GET", "/hang/:n", "CLIENT_CLOSED", "UNKNOWN") == 1);
    }
  }

  @Test
  void theEndpointAnswersThePrometheusTextFormatWithTheSeries() {
    PrometheusMeterRegistry registry = Metrics.prometheus();
    try {
      App app = app(registry);
      app.get("/metrics", Metrics.endpoint(registry));
      try (TestClient c = TestClient.inject(app)) {
        c.get("/users/7").send().expect(200);
        c.get("/nope").send().expect(404);
        eventually(() -> count(registry, "GET", "NOT_FOUND", "404", "CLIENT_ERROR") == 1);
        var res = c.get("/metrics").send().expect(200)
            .expectHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        String body = res.text();
        assertThat(body)
            .contains("# TYPE http_server_requests_seconds summary")
            .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",route=\"/users/:id\",status=\"200\"} 1")
            .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",route=\"NOT_FOUND\",status=\"404\"} 1")
            .contains("jvm_memory_used_bytes{")
            .contains("jvm_threads_live_threads")
            .contains("system_cpu_count")
            .contains("process_uptime_seconds")
            .doesNotContain("/users/7");
      }
    } finally {
      registry.close();
    }
  }

  @Test
  void lagGrowsWhenTheLoopIsBlockedAndUtilisationStaysBetweenZeroAndOne() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Loop loop = Loop.create();
    Metrics.LoopMetrics[] lm = new Metrics.LoopMetrics[1];
    Watchdog[] dog = new Watchdog[1];
    var done = loop.start(() -> {
      dog[0] = Watchdog.watch(Loop.current(), Duration.ofMillis(50));
      lm[0] = Metrics.loop(registry, Loop.current(), dog[0]);
      setTimeout(() -> blockTheLoopFor(120), 100);
      setTimeout(() -> { }, 400);
    });
    // the probe timer is unref'd: the loop ends after the last real timer
    assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
    try {
      Timer lag = registry.find("eddy.eventloop.lag").timer();
      assertThat(lag.count()).isGreaterThan(3);
      assertThat(lm[0].maxLagMillis()).isBetween(80.0, 2000.0);
      assertThat(lag.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(80.0);
      assertThat(lm[0].utilization()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
      double gauge = registry.find("eddy.eventloop.utilization").gauge().value();
      assertThat(gauge).isBetween(0.0, 1.0);
      assertThat(registry.find("eddy.eventloop.active").functionCounter().count()).isBetween(0.05, 1.0);
      assertThat(registry.find("eddy.eventloop.blocked").functionCounter().count()).isGreaterThanOrEqualTo(1.0);
      assertThat(registry.find("eddy.eventloop.blocked.max").gauge().value()).isGreaterThanOrEqualTo(0.05);
    } finally {
      dog[0].close();
      lm[0].close();
    }
    assertThat(registry.find("eddy.eventloop.lag").timer()).isNull();
    assertThat(registry.find("eddy.eventloop.utilization").gauge()).isNull();
  }

  @Test
  void anIdleLoopHasLowLagAndLowUtilisation() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Loop loop = Loop.create();
    Metrics.LoopMetrics[] lm = new Metrics.LoopMetrics[1];
    var done = loop.start(() -> {
      lm[0] = Metrics.loop(registry, Loop.current());
      setTimeout(() -> { }, 300);
    });
    assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
    try {
      assertThat(lm[0].utilization()).isBetween(0.0, 0.5);
      assertThat(registry.find("eddy.eventloop.blocked").functionCounter()).isNull();
    } finally {
      lm[0].close();
      lm[0].close(); // idempotent
    }
  }

  @Test
  void measuringCanStartFromAnotherThread() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Loop loop = Loop.create();
    AutoCloseable alive = loop.keepAlive();
    var done = loop.start(() -> { });
    try (Metrics.LoopMetrics lm = Metrics.loop(registry, loop)) {
      eventually(() -> registry.find("eddy.eventloop.lag").timer().count() >= 2);
      assertThat(lm.utilization()).isBetween(0.0, 1.0);
    } finally {
      alive.close();
    }
    assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
  }
}
