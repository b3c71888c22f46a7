package dev.eddy.ops;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthTest {
  @Test
  void readinessReflectsChecks() {
    AtomicBoolean db = new AtomicBoolean(true);
    App app = Web.app();
    app.get("/livez", Health.liveness());
    app.get("/readyz", Health.readiness(null).check("db", db::get));
    try (TestClient c = TestClient.inject(app)) {
      c.get("/livez").send().expect(200).expectJson(Map.of("status", "alive"));
      c.get("/readyz").send().expect(200).expectJson(Map.of("status", "ready", "checks", Map.of("db", "ok")));
      db.set(false);
      c.get("/readyz").send().expect(503).expectJson(Map.of("status", "not ready", "checks", Map.of("db", "failing")));
    }
  }
}
