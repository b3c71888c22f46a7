package dev.eddy.ops;

import dev.eddy.web.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness endpoints: {@code app.get("/livez", Health.liveness())} answers 200 while
 * the loop answers at all; {@code app.get("/readyz", Health.readiness(shutdown).check("db", ...))}
 * answers 200 {@code {"status":"ready","checks":{...}}} when every check passes and no shutdown
 * began, else 503 with the failing checks, so a load balancer stops sending traffic before the
 * servers close. Checks run on the loop thread: keep them to cached, non-blocking facts.
 */
public final class Health {
  private Health() {}

  /** 200 {@code {"status":"alive"}}. */
  public static Handler liveness() {
    return (req, res) -> res.set("Cache-Control", "no-store").json(Map.of("status", "alive"));
  }

  /** A readiness endpoint that turns 503 when {@code shutdown} begins. */
  public static Readiness readiness(GracefulShutdown shutdown) {
    return new Readiness(shutdown);
  }

  /** A readiness handler with named checks. */
  public static final class Readiness implements Handler {
    private final GracefulShutdown shutdown;
    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();

    Readiness(GracefulShutdown shutdown) {
      this.shutdown = shutdown;
    }

    /** Adds a check; false (or a throw) makes the service not ready. */
    public Readiness check(String name, BooleanSupplier check) {
      checks.put(name, check);
      return this;
    }

    @Override
    public void handle(dev.eddy.web.Request req, dev.eddy.web.Response res) {
      Map<String, Object> results = new LinkedHashMap<>();
      boolean ok = shutdown == null || shutdown.ready();
      if (!ok) results.put("shutdown", "in progress");
      for (Map.Entry<String, BooleanSupplier> c : checks.entrySet()) {
        boolean pass;
        try {
          pass = c.getValue().getAsBoolean();
        } catch (RuntimeException e) {
          pass = false;
        }
        results.put(c.getKey(), pass ? "ok" : "failing");
        ok &= pass;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", ok ? "ready" : "not ready");
      body.put("checks", results);
      res.set("Cache-Control", "no-store").status(ok ? 200 : 503).json(body);
    }
  }
}
