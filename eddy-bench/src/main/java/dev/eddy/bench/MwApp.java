package dev.eddy.bench;

import dev.eddy.ops.Metrics;
import dev.eddy.ops.RequestLog;
import dev.eddy.ops.Tracing;
import dev.eddy.security.Cors;
import dev.eddy.security.Helmet;
import dev.eddy.security.RateLimit;
import dev.eddy.security.RateLimitOptions;
import dev.eddy.web.App;
import dev.eddy.web.Router;
import dev.eddy.web.Web;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The {@code /mw} stack of ../shared/bench/README.md written with eddy-web and eddy-security as a
 * user would: a router at {@code /mw} with {@code Helmet.helmet()}, {@code Cors.cors()}, a request
 * id, {@code RateLimit.rateLimit} (memory store, express-rate-limit's legacy X-RateLimit headers,
 * a limit that is never reached), the JSON body parser, the 32 routes of {@code routes.txt}, then
 * {@code /mw/json}. One app (and limiter) per loop.
 */
final class MwApp {
  private MwApp() {}


  static final long RATE_LIMIT = 1_000_000_000L;
  static final long WINDOW_MS = 60_000;

  /** The JSON body of /mw/json. */
  record Message(String message) {}

  static App build() {
    App app = Web.app().set("env", "production");
    Router mw = Web.router();
    mw.use(Helmet.helmet());
    mw.use(Cors.cors());
    mw.use((req, res, next) -> {
      String id = req.get("x-request-id");
      res.raw().setHeader("X-Request-Id", id != null && !id.isEmpty() ? id : UUID.randomUUID().toString());
      next.run();
    });
    mw.use(RateLimit.rateLimit(RateLimitOptions.defaults().window(java.time.Duration.ofMillis(WINDOW_MS)).limit(RATE_LIMIT)));
    mw.use(Web.json());
    for (String[] route : routes()) {
      String pattern = route[1];
      mw.method(route[0], pattern, (req, res, next) -> res.json(new Route(pattern)));
    }
    // -Deddy.bench.extraRoutes=N: N more routes before /mw/json, to show routing cost vs route count
    int extra = Integer.getInteger("eddy.bench.extraRoutes", 0);
    for (int i = 0; i < extra; i++) {
      String pattern = (i % 2 == 0 ? "/extra" + i + "/:id" : "/extra" + i + "/items/:itemId");
      mw.get(pattern, (req, res) -> res.json(new Route(pattern)));
    }
    mw.get("/json", (req, res) -> res.json(new Message("Hello, World!")));
    app.use("/mw", mw);
    return app;
  }

  record Route(String route) {}

  /**
   * {@code GET /json} through eddy-web ({@code res.json}), as {@code EDDY_BENCH_JSON} asks:
   * {@code web} bare; {@code secure} behind helmet, CORS and the rate limiter (the pair issue 7
   * compares to price the security middleware); {@code observed} behind the RED metrics and
   * tracing middleware ({@link Observed}; issue 8's "metrics and tracing under 5 %"); {@code
   * logged} as {@code observed} plus the request log; {@code metrics} and {@code tracing} with only
   * one of the two, to tell their costs apart.
   */
  static App jsonApp(String mode) {
    return jsonApp(mode, "/json");
  }

  /** {@link #jsonApp(String)} answering on {@code path}. */
  static App jsonApp(String mode, String path) {
    App app = Web.app().set("env", "production");
    switch (mode) {
      case "web" -> { }
      case "secure" -> {
        app.use(Helmet.helmet());
        app.use(Cors.cors());
        app.use(RateLimit.rateLimit(RateLimitOptions.defaults().window(java.time.Duration.ofMillis(WINDOW_MS)).limit(RATE_LIMIT)));
      }
      // three middleware that only call next: what the framework costs per layer
      case "layers" -> {
        for (int i = 0; i < 3; i++) app.use((req, res, next) -> next.run());
      }
      // one part of secure each, to tell their costs apart
      case "helmet" -> app.use(Helmet.helmet());
      case "cors" -> app.use(Cors.cors());
      case "ratelimit" -> app.use(RateLimit.rateLimit(RateLimitOptions.defaults().window(java.time.Duration.ofMillis(WINDOW_MS)).limit(RATE_LIMIT)));
      case "observed", "logged", "metrics", "tracing" -> {
        // the order a service would use: the span and the timer cover the whole pipeline
        if (!mode.equals("metrics")) app.use(Tracing.middleware(Observed.openTelemetry(), Observed.tracingOptions()));
        if (!mode.equals("tracing")) app.use(Metrics.http(Observed.registry()));
        if (mode.equals("logged")) app.use(RequestLog.middleware());
      }
      default -> throw new IllegalArgumentException("EDDY_BENCH_JSON must be web, secure (or one of its parts: helmet, cors, ratelimit), layers, observed, logged, metrics or tracing, got " + mode);
    }
    app.get(path, (req, res) -> res.json(new Message("Hello, World!")));
    return app;
  }

  /** METHOD PATH lines of ../shared/bench/http/peers/routes.txt (or $EDDY_BENCH_ROUTES). */
  static List<String[]> routes() {
    Path file = locateRoutes();
    try {
      return Files.readAllLines(file).stream()
          .map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(l -> l.split("\\s+", 2))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path locateRoutes() {
    String env = System.getenv("EDDY_BENCH_ROUTES");
    if (env != null) return Path.of(env);
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared/bench/http/peers/routes.txt");
      if (Files.isRegularFile(p)) return p;
      p = dir.resolve("../shared/bench/http/peers/routes.txt").normalize();
      if (Files.isRegularFile(p)) return p;
    }
    throw new IllegalStateException("routes.txt not found: run from the repository beside ../shared, "
        + "or set EDDY_BENCH_ROUTES to ../shared/bench/http/peers/routes.txt");
  }
}
