package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RequestLogTest {
  private static Map<String, Object> fields(ILoggingEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    e.getKeyValuePairs().forEach(kv -> m.put(kv.key, kv.value));
    return m;
  }

  @Test
  void oneLinePerRequestWithIdStatusTimeAndRedactedHeaders() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.eddy.ops.RequestLog");
    ListAppender<ILoggingEvent> list = new ListAppender<>();
    list.start();
    logger.addAppender(list);
    try {
      App app = Web.app().set("env", "test");
      app.use(RequestLog.middleware(List.of("authorization", "user-agent", "cookie")));
      app.get("/ok", (req, res) -> res.json(Map.of("id", req.get(RequestLog.ID))));
      app.get("/boom", (req, res) -> {
        throw new IllegalStateException("x");
      });
      String generated;
      try (TestClient c = TestClient.inject(app)) {
        c.get("/ok?token=secret").header("X-Request-Id", "abc-123").header("Authorization", "Bearer s3cr3t")
            .header("User-Agent", "tests").header("Cookie", "sid=s3cr3t").send().expect(200)
            .expectHeader("X-Request-Id", "abc-123").expectJson(Map.of("id", "abc-123"));
        generated = c.get("/boom").header("X-Request-Id", "bad id with spaces").send().expect(500).header("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (list.list.size() < 2 && System.nanoTime() < deadline) Thread.onSpinWait();
      assertThat(list.list).hasSize(2);
      Map<String, Object> ok = fields(list.list.get(0));
      assertThat(ok).containsEntry("reqId", "abc-123").containsEntry("method", "GET").containsEntry("path", "/ok")
          .containsEntry("status", 200).containsEntry("remoteAddress", "127.0.0.1")
          .containsEntry("header.authorization", "[Redacted]").containsEntry("header.cookie", "[Redacted]")
          .containsEntry("header.user-agent", "tests");
      assertThat((Double) ok.get("responseTimeMs")).isBetween(0.0, 5000.0);
      assertThat(list.list.get(0).getFormattedMessage()).isEqualTo("request completed");
      assertThat(list.list.toString()).doesNotContain("s3cr3t").doesNotContain("token=secret");
      Map<String, Object> boom = fields(list.list.get(1));
      assertThat(boom).containsEntry("status", 500).containsEntry("reqId", generated);
      assertThat(list.list.get(1).getLevel().toString()).isEqualTo("WARN");
    } finally {
      logger.detachAppender(list);
    }
  }
}
