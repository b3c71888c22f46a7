package dev.eddy.conformance;

import dev.eddy.Eddy;
import dev.eddy.security.CorsOptions;
import dev.eddy.security.Csp;
import dev.eddy.security.CspOptions;
import dev.eddy.security.Cors;
import dev.eddy.security.Helmet;
import dev.eddy.security.RateLimit;
import dev.eddy.security.RateLimitOptions;
import dev.eddy.web.App;
import dev.eddy.web.CookieOptions;
import dev.eddy.web.Middleware;
import dev.eddy.web.Web;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secure app of ../shared/express-parity/ROUTES.md (part B) with Eddy's web framework and
 * security middleware: {@code conformance/bin/parity-secure PORT} listens on 127.0.0.1:PORT.
 */
public final class ParitySecure {
  private ParitySecure() {}

  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  public static App build() {
    App app = Web.app();
    app.set("env", "production");
    app.use(Helmet.helmet());
    app.use(Web.cookieParser("parity-secret"));
    app.use((req, res, next) -> {
      res.set("X-Parity-App", "secure");
      next.run();
    });

    app.get("/", (req, res) -> res.send("<!DOCTYPE html><title>secure</title><p>secure app</p>"));
    app.get("/json", (req, res) -> res.json(obj("secure", true)));
    app.get("/csp-custom",
        Helmet.contentSecurityPolicy(CspOptions.defaults().useDefaults(false).directives(Csp.directives()
            .defaultSrc("'self'").scriptSrc("'self'", "https://cdn.example.com").imgSrc("'self'", "data:"))),
        Helmet.xFrameOptions("deny"),
        (req, res, next) -> res.send("<p>custom policy</p>"));
    app.get("/boom", (req, res) -> {
      throw new RuntimeException("secure kaboom");
    });

    app.use("/cors", Cors.cors(CorsOptions.defaults()
        .origin(List.of("https://app.example.com", "http://localhost:5173"))
        .credentials(true).exposedHeaders("X-Request-Id", "X-Total-Count").maxAge(600)));
    app.get("/cors/data", (req, res) -> res.set("X-Total-Count", "3").json(obj("data", List.of(1, 2, 3))));
    app.post("/cors/data", Web.json(), (req, res) -> res.status(201).json(obj("received", req.body())));
    app.delete("/cors/data", (req, res) -> res.sendStatus(204));

    app.use("/open", Cors.cors());
    app.get("/open/data", (req, res) -> res.json(obj("open", true)));

    Middleware narrow = Cors.cors(CorsOptions.defaults().origin("https://admin.example.com")
        .methods("GET", "PUT").allowedHeaders("Content-Type", "X-Token"));
    app.options("/narrow", narrow);
    app.get("/narrow", narrow, (req, res, next) -> res.json(obj("narrow", true)));
    app.put("/narrow", narrow, Web.json(), (req, res, next) -> res.json(obj("narrow", true, "body", req.body())));

    app.use("/limited", RateLimit.rateLimit(RateLimitOptions.defaults().window(java.time.Duration.ofMinutes(1)).limit(5)
        .standardHeaders("draft-7").legacyHeaders(false)
        .keyGenerator(req -> req.get("X-Client-Key") != null ? req.get("X-Client-Key") : RateLimit.ipKeyGenerator(req.ip(), 56))));
    app.get("/limited", (req, res) -> res.json(obj("ok", true, "remaining", req.get(RateLimit.INFO).remaining())));
    app.post("/limited/echo", Web.json(), (req, res) -> res.json(obj("ok", true, "body", req.body())));

    app.get("/cookies/sign", (req, res) -> {
      res.cookie("user", "alice", CookieOptions.defaults().signed(true).httpOnly(true));
      res.cookie("cart", obj("items", 2), CookieOptions.defaults().signed(true));
      res.cookie("theme", "dark");
      res.json(obj("ok", true));
    });
    app.get("/cookies/read", (req, res) -> res.json(obj("cookies", req.cookies(), "signedCookies", req.signedCookies())));
    return app;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "3001"));
    Eddy.main(() -> {
      App app = build();
      app.listen(port, "127.0.0.1", () -> System.out.println("eddy parity secure app on 127.0.0.1:" + port));
    });
  }
}
