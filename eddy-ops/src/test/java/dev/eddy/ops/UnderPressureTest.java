package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnderPressureTest {
  @Test
  void aBlockedLoopSheds503WithRetryAfterThenRecovers() {
    App app = Web.app().set("env", "test");
    app.use(UnderPressure.middleware(UnderPressure.Limits.none().maxEventLoopDelay(Duration.ofMillis(50))
        .sampleInterval(Duration.ofMillis(20)).retryAfter(Duration.ofSeconds(3))));
    app.get("/block", (req, res) -> {
      WatchdogTest.blockTheLoopFor(250);
      res.send("blocked");
    });
    app.get("/ok", (req, res) -> res.send("ok"));
    try (TestClient c = TestClient.inject(app)) {
      c.get("/ok").send().expect(200);
      c.get("/block").send().expect(200);
      TestResponse shed = c.get("/ok").send().expect(503).expectHeader("Retry-After", "3");
      assertThat(shed.text()).contains("Service under pressure: event loop delay");
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      int status = 503;
      while (status == 503 && System.nanoTime() < deadline) status = c.get("/ok").send().status();
      assertThat(status).isEqualTo(200);
    }
  }
}
