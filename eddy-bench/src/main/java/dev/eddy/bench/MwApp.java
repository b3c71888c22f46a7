package dev.eddy.bench;

import dev.eddy.web.App;
import dev.eddy.web.Middleware;
import dev.eddy.web.Router;
import dev.eddy.web.Web;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/**
 * The {@code /mw} stack of ../shared/bench/README.md written with eddy-web as a user would: a
 * router at {@code /mw} with helmet's 12 default headers, CORS for any origin, a request id, a
 * fixed-window rate-limit counter per client address with its X-RateLimit headers, the JSON body
 * parser, the 32 routes of {@code routes.txt}, then {@code /mw/json}. One app per loop, so the
 * counters are touched by one thread only (as Vert.x's peer keeps one per event loop).
 *
 * <p>Helmet, CORS and the rate limiter are small hand-written middleware here, with the same
 * headers as the npm packages' defaults, until the security module (issue 7) provides them.
 */
final class MwApp {
  private MwApp() {}

  static final String[][] HELMET = {
    {"Content-Security-Policy", "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';"
        + "frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';"
        + "script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
    {"Origin-Agent-Cluster", "?1"},
    {"Referrer-Policy", "no-referrer"},
    {"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-DNS-Prefetch-Control", "off"},
    {"X-Download-Options", "noopen"},
    {"X-Frame-Options", "SAMEORIGIN"},
    {"X-Permitted-Cross-Domain-Policies", "none"},
    {"X-XSS-Protection", "0"},
  };

  static final long RATE_LIMIT = 1_000_000_000L;
  static final long WINDOW_MS = 60_000;

  /** The JSON body of /mw/json. */
  record Message(String message) {}

  static App build() {
    App app = Web.app().set("env", "production");
    Router mw = Web.router();
    mw.use((req, res, next) -> {
      var raw = res.raw();
      for (String[] h : HELMET) raw.setHeader(h[0], h[1]);
      raw.removeHeader("X-Powered-By");
      next.run();
    });
    mw.use((req, res, next) -> {
      // the cors package's defaults: any origin, and preflights answered 204
      res.raw().setHeader("Access-Control-Allow-Origin", "*");
      if (req.method().equals("OPTIONS")) {
        res.raw().setHeader("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
        res.status(204).raw().setHeader("Content-Length", "0");
        res.end();
        return;
      }
      next.run();
    });
    mw.use((req, res, next) -> {
      String id = req.get("x-request-id");
      res.raw().setHeader("X-Request-Id", id != null && !id.isEmpty() ? id : UUID.randomUUID().toString());
      next.run();
    });
    mw.use(rateLimiter());
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

  private static Middleware rateLimiter() {
    HashMap<String, long[]> hits = new HashMap<>();
    long[] resetAt = {System.currentTimeMillis() + WINDOW_MS};
    String limit = Long.toString(RATE_LIMIT);
    return (req, res, next) -> {
      long now = System.currentTimeMillis();
      if (now >= resetAt[0]) {
        hits.clear();
        resetAt[0] = now + WINDOW_MS;
      }
      long count = ++hits.computeIfAbsent(req.ip(), k -> new long[1])[0];
      var raw = res.raw();
      raw.setHeader("X-RateLimit-Limit", limit);
      raw.setHeader("X-RateLimit-Remaining", Long.toString(Math.max(0, RATE_LIMIT - count)));
      raw.setHeader("X-RateLimit-Reset", Long.toString((resetAt[0] + 999) / 1000));
      if (count > RATE_LIMIT) {
        res.status(429).send("Too Many Requests");
        return;
      }
      next.run();
    };
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
