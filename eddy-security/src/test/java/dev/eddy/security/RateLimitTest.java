package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * express-rate-limit 8.7.4's behaviour; the expected headers were recorded from the npm package
 * with the same options (node, express 5.3.0).
 */
class RateLimitTest {
  record Seen(long limit, long used, long remaining) {}

  private static App app() {
    App app = Web.app().set("env", "production");
    app.use("/d8", RateLimit.rateLimit(RateLimitOptions.defaults().window(Duration.ofMinutes(90)).limit(3)
        .standardHeaders("draft-8").legacyHeaders(false).keyGenerator(req -> req.get("x-k"))));
    app.use("/d6", RateLimit.rateLimit(RateLimitOptions.defaults().limit(2).standardHeaders("draft-6")
        .message(Map.of("error", "slow down"))));
    app.use("/d7", RateLimit.rateLimit(RateLimitOptions.defaults().limit(5).standardHeaders("draft-7").legacyHeaders(false)
        .keyGenerator(req -> req.get("X-Client-Key") != null ? req.get("X-Client-Key") : RateLimit.ipKeyGenerator(req.ip(), 56))));
    app.get("/*path", (req, res) -> {
      RateLimit.Info i = req.get(RateLimit.INFO);
      res.json(Map.of("rl", new Seen(i.limit(), i.used(), i.remaining())));
    });
    return app;
  }

  @Test
  void draft8HeadersAndThe429() {
    try (TestClient c = TestClient.start(app())) {
      for (int i = 1; i <= 3; i++) {
        c.get("/d8").header("x-k", "client-1").send().expect(200)
            .expectHeader("RateLimit", "\"3-in-1.5hrs\"; r=" + (3 - i) + "; t=5400")
            .expectHeader("RateLimit-Policy", "\"3-in-1.5hrs\"; q=3; w=5400; pk=:NTcwNGRlMThmYzYw:")
            .expectJson(Map.of("rl", new Seen(3, i, 3 - i)));
      }
      c.get("/d8").header("x-k", "client-1").send().expect(429)
          .expectHeader("Content-Type", "text/html; charset=utf-8").expectHeader("Retry-After", "5400")
          .expectBody("Too many requests, please try again later.");
      c.get("/d8").header("x-k", "client-2").send().expect(200);
    }
  }

  @Test
  void draft6PlusLegacyHeadersAndAJsonMessage() {
    try (TestClient c = TestClient.start(app())) {
      c.get("/d6").send().expect(200).expectHeader("RateLimit-Policy", "2;w=60").expectHeader("RateLimit-Limit", "2")
          .expectHeader("RateLimit-Remaining", "1").expectHeader("RateLimit-Reset", "60")
          .expectHeader("X-RateLimit-Limit", "2").expectHeader("X-RateLimit-Remaining", "1");
      c.get("/d6").send().expect(200).expectHeader("RateLimit-Remaining", "0");
      c.get("/d6").send().expect(429).expectHeader("Retry-After", "60").expectJson(Map.of("error", "slow down"));
    }
  }

  @Test
  void draft7CountsEveryRequestUnderTheMountEvenUnknownPaths() {
    try (TestClient c = TestClient.start(app())) {
      for (int i = 1; i <= 5; i++) {
        c.get("/d7/nothing-" + i).header("X-Client-Key", "k").send().expect(200)
            .expectHeader("RateLimit-Policy", "5;w=60").expectHeader("RateLimit", "limit=5, remaining=" + (5 - i) + ", reset=60");
      }
      c.get("/d7").header("X-Client-Key", "k").send().expect(429).expectHeader("RateLimit", "limit=5, remaining=0, reset=60");
      c.get("/d7").send().expect(200);
    }
  }

  @Test
  void skipSuccessfulRequestsGivesTheHitBack() {
    App app = Web.app();
    app.use(RateLimit.rateLimit(RateLimitOptions.defaults().limit(2).skipSuccessfulRequests(true)));
    app.get("/ok", (req, res) -> res.send("ok"));
    app.get("/bad", (req, res) -> res.status(401).send("no"));
    try (TestClient c = TestClient.start(app)) {
      for (int i = 0; i < 5; i++) c.get("/ok").send().expect(200);
      c.get("/bad").send().expect(401);
      c.get("/bad").send().expect(401);
      c.get("/bad").send().expect(429);
    }
  }

  @Test
  void misconfigurationFailsAtStartup() {
    assertThatThrownBy(() -> RateLimit.rateLimit(RateLimitOptions.defaults().limit(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit must be at least 1");
    assertThatThrownBy(() -> RateLimit.rateLimit(RateLimitOptions.defaults().standardHeaders("draft-9")))
        .hasMessageContaining("draft-9");
    assertThatThrownBy(() -> RateLimit.rateLimit(RateLimitOptions.defaults().window(Duration.ZERO)))
        .hasMessageContaining("Invalid windowMs value: 0");
  }

  @Test
  void ipKeysMatchTheNpmPackage() {
    String[][] cases = {
      {"1.2.3.4", "1.2.3.4", "1.2.3.4"},
      {"::ffff:1.2.3.4", "1.2.3.4", "1.2.3.4"},
      {"::1", "::/56", "::/64"},
      {"::", "::/56", "::/64"},
      {"2001:db8:abcd:1234:5678::1", "2001:db8:abcd:1200::/56", "2001:db8:abcd:1234::/64"},
      {"2001:DB8::1", "2001:db8::/56", "2001:db8::/64"},
      {"::1.2.3.4", "1.2.3.4", "1.2.3.4"},
      {"fe80::1%eth0", "fe80::/56", "fe80::/64"},
      {"2001:db8:abcd:12ff::1", "2001:db8:abcd:1200::/56", "2001:db8:abcd:12ff::/64"},
    };
    for (String[] k : cases) {
      assertThat(RateLimit.ipKeyGenerator(k[0], 56)).as(k[0]).isEqualTo(k[1]);
      assertThat(RateLimit.ipKeyGenerator(k[0], 64)).as(k[0]).isEqualTo(k[2]);
    }
  }

  @Test
  void memoryStoreWindowsStartAtTheFirstHitAndExpiredKeysAreDropped() {
    AtomicLong now = new AtomicLong(1_000_000);
    MemoryRateLimitStore store = new MemoryRateLimitStore(now::get);
    store.init(Duration.ofSeconds(10));
    assertThat(store.hit("a")).isEqualTo(new RateLimitStore.Hit(1, 1_010_000));
    now.addAndGet(5_000);
    assertThat(store.hit("a")).isEqualTo(new RateLimitStore.Hit(2, 1_010_000));
    assertThat(store.hit("b")).isEqualTo(new RateLimitStore.Hit(1, 1_015_000));
    now.addAndGet(6_000);
    assertThat(store.hit("a")).isEqualTo(new RateLimitStore.Hit(1, 1_021_000));
    now.addAndGet(30_000);
    store.hit("c");
    now.addAndGet(11_000);
    store.hit("c");
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void theSlidingWindowStopsABurstAcrossAWindowBoundary() {
    AtomicLong now = new AtomicLong(1_000_000);   // a multiple of the window: a window starts here
    SlidingWindowRateLimitStore store = new SlidingWindowRateLimitStore(now::get);
    store.init(Duration.ofSeconds(10));
    now.set(1_009_000);                             // 9 s into the window: 10 hits
    for (int i = 1; i <= 10; i++) assertThat(store.hit("k").totalHits()).isEqualTo(i);
    now.set(1_010_000);                             // the next window starts: the previous one still counts fully
    assertThat(store.hit("k").totalHits()).isEqualTo(11);
    now.set(1_015_000);                             // half-way: half of the previous 10 counts
    assertThat(store.hit("k")).isEqualTo(new RateLimitStore.Hit(5 + 2, 1_020_000));
    now.set(1_031_000);                             // two windows later: nothing left
    assertThat(store.hit("k").totalHits()).isEqualTo(1);
  }
}
