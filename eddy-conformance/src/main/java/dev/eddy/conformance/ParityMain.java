package dev.eddy.conformance;

import static dev.eddy.Eddy.await;

import dev.eddy.Eddy;
import dev.eddy.Promise;
import dev.eddy.web.App;
import dev.eddy.web.BodyOptions;
import dev.eddy.web.CookieOptions;
import dev.eddy.web.Format;
import dev.eddy.web.HttpError;
import dev.eddy.web.Middleware;
import dev.eddy.web.Request;
import dev.eddy.web.Router;
import dev.eddy.web.RouterOptions;
import dev.eddy.web.Web;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The main app of ../shared/express-parity/ROUTES.md (part A) written with Eddy's web framework,
 * as a user would write it: {@code conformance/bin/parity-main PORT} listens on 127.0.0.1:PORT.
 */
public final class ParityMain {
  private ParityMain() {}

  private static final Request.Key<Map<String, Object>> MEMBER = Request.Key.of("member");
  private static final Request.Key<Integer> ITEM_ID = Request.Key.of("itemId");

  @SuppressWarnings("unchecked")
  private static List<Object> trace(dev.eddy.web.Response res) {
    return (List<Object>) res.locals().get("trace");
  }

  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private static Promise<Void> delay(long ms) {
    return Promise.create((resolve, reject) -> Eddy.setTimeout(() -> resolve.accept(null), ms));
  }

  private static int statusOf(Throwable err) {
    return err instanceof HttpError he ? he.status() : 500;
  }

  public static App build() {
    App app = Web.app();
    app.set("env", "production");

    // 1. global
    app.use((req, res, next) -> {
      res.set("X-Parity-App", "main");
      List<Object> trace = new ArrayList<>();
      trace.add("global");
      res.locals().put("trace", trace);
      next.run();
    });

    // 2. response basics
    app.get("/hello", (req, res) -> res.send("<h1>Hello, world</h1>"));
    app.get("/text", (req, res) -> res.type("text").send("plain text: café ✓"));
    app.get("/buffer", (req, res) -> res.send(new byte[] {0x00, 0x01, 0x02, 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff}));
    app.get("/buffer/typed", (req, res) -> {
      res.set("Content-Type", "image/png");
      res.send(new byte[] {(byte) 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a});
    });
    app.get("/object", (req, res) -> res.send(obj("message", "hi", "count", 2, "tags", List.of("a", "b"))));
    app.get("/array", (req, res) -> res.send(List.of(1, "two", obj("three", 3))));
    app.get("/json/nested", (req, res) -> res.json(obj(
        "user", obj("id", 7, "name", "Zoë \"Z\" <admin>", "roles", List.of("admin", "dev"), "manager", null),
        "flags", obj("active", true, "deleted", false),
        "stats", obj("ratio", 0.25, "negative", -3, "big", 12345678901L),
        "empty", obj("object", obj(), "array", List.of()),
        "path", "a/b\\c",
        "unicode", "日本語 ✓")));
    app.get("/json/null", (req, res) -> res.json(null));
    app.get("/json/string", (req, res) -> res.json("a \"quoted\" string"));
    app.get("/json/number", (req, res) -> res.json(42));
    app.post("/json/created", (req, res) -> res.status(201).location("/json/created/42").json(obj("id", 42, "created", true)));
    app.get("/jsonp", (req, res) -> res.jsonp(obj("ok", true, "items", List.of(1, 2))));
    app.get("/status/:code", (req, res) -> {
      double code = jsNumber(req.param("code"));
      if (code != Math.rint(code) || Double.isInfinite(code)) {
        throw new IllegalArgumentException("Invalid status code: " + req.param("code") + ". Status code must be an integer.");
      }
      res.sendStatus((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, code)));
    });
    app.get("/end", (req, res) -> res.end());
    app.get("/no-content", (req, res) -> res.status(204).send("this body is dropped"));
    app.get("/reset-content", (req, res) -> res.status(205).send("this body is dropped too"));
    app.get("/stream", (req, res) -> {
      res.type("text");
      res.write("first chunk\n");
      res.write("second chunk\n");
      res.end("last chunk\n");
    });

    // 3. headers
    app.get("/headers/set", (req, res) -> {
      res.set("X-Custom", "one");
      res.set(obj("X-Multi-A", "a", "X-Multi-B", 2));
      res.append("X-List", "first");
      res.append("X-List", List.of("second", "third"));
      res.vary("Accept");
      res.vary("Accept-Encoding");
      res.vary("accept");
      res.set("Cache-Control", "no-store");
      res.send("headers set");
    });
    app.get("/headers/type", (req, res) -> {
      Object t = req.query().get("t");
      String type = t == null ? "undefined" : t instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : (String) t;
      res.type(type).send("typed body");
    });
    app.get("/headers/content-type", (req, res) -> {
      res.set("Content-Type", "text/csv");
      res.send("a,b\n1,2\n");
    });
    app.get("/headers/links", (req, res) -> {
      res.links(obj("next", "/items?page=2", "last", "/items?page=9"));
      res.json(obj("page", 1));
    });
    app.get("/location", (req, res) -> res.location("/café/new item?q=a b&ok=%20").status(201).send("created"));

    // 4. redirects
    app.get("/redirect", (req, res) -> res.redirect("/hello"));
    app.get("/redirect/permanent", (req, res) -> res.redirect(301, "/hello"));
    app.get("/redirect/external", (req, res) -> res.redirect("http://example.com/some path?q=<b>&r=1"));
    app.get("/redirect/relative", (req, res) -> res.redirect("../target"));
    app.post("/redirect/see-other", (req, res) -> res.redirect(303, "/hello"));

    // 5. cookies
    app.get("/cookies/set", (req, res) -> {
      res.cookie("plain", "v1");
      res.cookie("session", "abc123", CookieOptions.defaults().maxAge(Duration.ofHours(1)).httpOnly(true)
          .secure(true).sameSite("strict").path("/app"));
      res.cookie("prefs", obj("theme", "dark", "size", 2));
      res.cookie("scoped", "x y;z", CookieOptions.defaults().domain("example.com").sameSite("lax").path("/"));
      res.cookie("fixed", "until2030", CookieOptions.defaults().expires(Instant.parse("2030-01-01T12:00:00Z")));
      res.json(obj("set", 5));
    });
    app.get("/cookies/clear", (req, res) -> {
      res.clearCookie("session", CookieOptions.defaults().path("/app").maxAge(Duration.ofSeconds(1)));
      res.clearCookie("plain");
      res.send("cleared");
    });
    app.get("/cookies/echo", (req, res) -> res.json(obj("cookie", req.get("Cookie"))));

    // 6. files
    ParityFiles.register(app);
    app.get("/attachment", (req, res) -> res.attachment("exports/report.csv").send("id,name\n1,Ann\n"));
    app.get("/attachment/bare", (req, res) -> res.attachment().send("no file name"));

    // 7. content negotiation
    app.get("/format", (req, res) -> res.format(Format.of()
        .on("text/plain", () -> res.send("format: text"))
        .on("text/html", () -> res.send("<p>format: html</p>"))
        .on("application/json", () -> res.json(obj("format", "json")))));
    app.get("/format/default", (req, res) -> res.format(Format.of()
        .on("json", () -> res.json(obj("format", "json")))
        .otherwise(() -> res.status(200).type("text").send("format: fallback"))));
    app.get("/accepts", (req, res) -> res.json(obj(
        "type", orFalse(req.accepts("json", "html", "text")),
        "language", orFalse(req.acceptsLanguages("en", "fr", "de")),
        "charset", orFalse(req.acceptsCharsets("utf-8", "iso-8859-1")),
        "encoding", orFalse(req.acceptsEncodings("gzip", "br", "identity")))));

    // 8. request inspection
    app.get("/req/info", (req, res) -> res.json(obj(
        "method", req.method(), "url", req.url(), "path", req.path(), "originalUrl", req.originalUrl(),
        "baseUrl", req.baseUrl(), "hostname", req.hostname(), "ip", req.ip(), "protocol", req.protocol(),
        "secure", req.secure(), "xhr", req.xhr(), "subdomains", req.subdomains(), "query", req.query())));
    app.all("/req/method", (req, res) -> res.json(obj("method", req.method())));
    app.get("/req/header", (req, res) -> res.json(obj(
        "test", req.get("X-Test"), "referrer", req.get("Referrer"), "contentType", req.get("Content-Type"),
        "multi", req.get("X-Multi"), "userAgent", req.get("User-Agent"))));
    app.post("/req/is", (req, res) -> {
      if (!req.hasBody()) {
        res.json(obj("json", null, "anyText", null, "form", null, "html", null));
        return;
      }
      res.json(obj("json", orFalse(req.is("json")), "anyText", orFalse(req.is("text/*")),
          "form", orFalse(req.is("urlencoded", "multipart")), "html", orFalse(req.is("html"))));
    });
    app.get("/req/query", (req, res) -> res.json(req.query()));

    // 9. params
    app.get("/users/:id", (req, res) -> res.json(obj("route", "user", "params", req.params())));
    app.get("/users/:userId/books/:bookId", (req, res) -> res.json(obj("route", "book", "params", req.params())));
    app.get("/flights/:from-:to", (req, res) -> res.json(obj("route", "flight", "params", req.params())));
    app.get("/posts{/:slug}", (req, res) -> res.json(obj("route", "posts", "slug", req.params().get("slug"), "params", req.params())));
    app.get("/files/*path", (req, res) -> res.json(obj("route", "files", "path", req.params().get("path"))));
    app.get(Pattern.compile("^/re/(\\d+)$"), (req, res) -> res.json(obj("route", "regexp", "params", req.params())));
    app.param("uid", (req, res, next, uid, name) -> {
      trace(res).add("param:" + uid);
      if (!String.valueOf(uid).matches("\\d+")) {
        next.fail(new HttpError(404, "member not found"));
        return;
      }
      req.set(MEMBER, obj("id", Long.parseLong((String) uid), "name", "member-" + uid));
      next.run();
    });
    app.get("/members/:uid", (req, res, next) -> {
      trace(res).add("first");
      next.run();
    });
    app.get("/members/:uid", (req, res) -> res.json(obj("member", req.get(MEMBER), "trace", trace(res))));

    // 10. middleware
    app.use("/mw", (req, res, next) -> {
      res.set("X-Scoped", "mw");
      trace(res).add("scoped");
      res.locals().put("seen", obj("url", req.url(), "baseUrl", req.baseUrl(), "originalUrl", req.originalUrl()));
      next.run();
    });
    app.get("/mw/trace",
        (req, res, next) -> { trace(res).add("h1"); next.run(); },
        (req, res, next) -> { trace(res).add("h2"); next.run(); },
        (req, res, next) -> res.json(obj("trace", trace(res), "seenByScoped", res.locals().get("seen"))));
    Middleware stepA = (req, res, next) -> { trace(res).add("a"); next.run(); };
    Middleware stepB = (req, res, next) -> { trace(res).add("b"); next.run(); };
    app.get("/mw/array", stepA, stepB, (req, res, next) -> res.json(obj("trace", trace(res))));
    app.get("/mw/skip/:mode", (req, res, next) -> {
      trace(res).add("route1");
      if ("skip".equals(req.param("mode"))) {
        next.skipRoute();
        return;
      }
      res.json(obj("handler", "first", "trace", trace(res)));
    }, (req, res, next) -> res.json(obj("handler", "unreachable")));
    app.get("/mw/skip/:mode", (req, res) -> {
      trace(res).add("route2");
      res.json(obj("handler", "second", "trace", trace(res)));
    });
    app.use("/mw/prefix", (req, res, next) -> {
      res.set("X-Prefix", "matched");
      next.run();
    });
    app.get("/mw/prefix/inner", (req, res) -> res.json(obj("trace", trace(res))));
    app.get("/mw/prefixed", (req, res) -> res.json(obj("trace", trace(res))));
    app.use("/mw/gate", (req, res, next) -> {
      if ("letmein".equals(req.get("X-Pass"))) {
        next.run();
        return;
      }
      res.status(401).set("WWW-Authenticate", "Token").json(obj("error", "gate closed"));
    });
    app.get("/mw/gate", (req, res) -> res.json(obj("gate", "open", "trace", trace(res))));

    // 11. /api router
    List<Map<String, Object>> items = List.of(obj("id", 1, "name", "alpha"), obj("id", 2, "name", "beta"), obj("id", 3, "name", "gamma"));
    Router api = Web.router();
    api.use((req, res, next) -> {
      res.set("X-Api-Version", "1");
      trace(res).add("api");
      next.run();
    });
    api.param("id", (req, res, next, id, name) -> {
      if (!String.valueOf(id).matches("\\d+")) {
        next.fail(new HttpError(400, "id must be numeric"));
        return;
      }
      req.set(ITEM_ID, Integer.parseInt((String) id));
      next.run();
    });
    api.get("/items", (req, res) -> res.set("X-Total-Count", String.valueOf(items.size())).json(items));
    api.get("/items/:id", (req, res) -> {
      int id = req.get(ITEM_ID);
      Map<String, Object> item = items.stream().filter(i -> i.get("id").equals(id)).findFirst().orElse(null);
      if (item == null) {
        res.status(404).json(obj("error", "item not found", "id", id));
        return;
      }
      res.json(item);
    });
    api.post("/items", Web.json(), (req, res) -> {
      Object name = req.body() instanceof Map<?, ?> m ? m.get("name") : null;
      if (!(name instanceof String s) || s.isEmpty()) {
        res.status(422).json(obj("error", "name is required"));
        return;
      }
      res.status(201).location("/api/items/4").json(obj("id", 4, "name", name));
    });
    api.put("/items/:id", Web.json(), (req, res) -> res.json(obj("id", req.get(ITEM_ID), "replacedWith", req.body())));
    api.delete("/items/:id", (req, res) -> res.sendStatus(204));
    api.route("/things")
        .get((req, res) -> res.json(obj("things", List.of())))
        .post((req, res) -> res.status(201).json(obj("created", "thing")));
    api.get("/info", (req, res) -> res.json(obj("baseUrl", req.baseUrl(), "path", req.path(), "url", req.url(),
        "originalUrl", req.originalUrl(), "trace", trace(res))));
    Router posts = Web.router(RouterOptions.defaults().withMergeParams(true));
    posts.get("/", (req, res) -> res.json(obj("userId", req.params().get("userId"), "baseUrl", req.baseUrl(), "posts", List.of())));
    posts.get("/:postId", (req, res) -> res.json(obj("userId", req.params().get("userId"),
        "postId", req.params().get("postId"), "baseUrl", req.baseUrl())));
    api.use("/users/:userId/posts", posts);
    api.get("/exit", (req, res, next) -> {
      trace(res).add("api-exit");
      next.exitRouter();
    });
    api.get("/boom", (req, res) -> {
      throw new HttpError(409, "api conflict");
    });
    api.use((req, res) -> res.status(404).json(obj("error", "no such api route", "path", req.path())));
    api.use((Throwable err, Request req, dev.eddy.web.Response res, dev.eddy.web.Next next) -> {
      int status = statusOf(err);
      String message = err instanceof HttpError he && he.type() != null ? "bad request body: " + he.type() : err.getMessage();
      res.status(status).json(obj("error", message, "status", status));
    });
    app.use("/api", api);
    app.get("/api/exit", (req, res) -> res.json(obj("handledBy", "app", "trace", trace(res))));

    // 12. strict router
    Router strict = Web.router(RouterOptions.defaults().withStrict(true).withCaseSensitive(true));
    strict.get("/Exact", (req, res) -> res.send("exact match"));
    strict.get("/dir/", (req, res) -> res.send("directory form"));
    app.use("/strict", strict);

    // 13. /errors
    Router errors = Web.router();
    errors.get("/next", (req, res, next) -> next.fail(new HttpError(422, "validation failed")));
    errors.get("/throw", (req, res) -> {
      throw new RuntimeException("sync failure");
    });
    errors.get("/async", Web.async((req, res) -> {
      await(delay(5));
      throw new HttpError(503, "async failure");
    }));
    errors.get("/reject", Web.promise((req, res) -> Promise.reject(new HttpError(502, "rejected promise"))));
    errors.get("/reject-empty", Web.promise((req, res) -> Promise.reject(null)));
    errors.get("/string", (req, res, next) -> next.fail(new RuntimeException("plain string error")));
    errors.get("/skip",
        (req, res, next) -> { trace(res).add("fails"); next.fail(new RuntimeException("skip ahead")); },
        (req, res, next) -> { trace(res).add("skipped"); next.run(); });
    errors.get("/recover", (req, res, next) -> {
      trace(res).add("fails");
      next.fail(new HttpError(400, "recoverable"));
    });
    errors.use("/recover", (Throwable err, Request req, dev.eddy.web.Response res, dev.eddy.web.Next next) -> {
      trace(res).add("recovered:" + err.getMessage());
      next.run();
    });
    errors.get("/recover", (req, res) -> res.json(obj("recovered", true, "trace", trace(res))));
    errors.get("/chain", (req, res, next) -> next.fail(new HttpError(418, "short and stout")));
    errors.use("/chain", (Throwable err, Request req, dev.eddy.web.Response res, dev.eddy.web.Next next) -> {
      res.set("X-First-Handler", "saw " + statusOf(err));
      next.fail(err);
    });
    errors.use((Throwable err, Request req, dev.eddy.web.Response res, dev.eddy.web.Next next) -> {
      trace(res).add("error-handler");
      int status = statusOf(err);
      res.set("X-Error-Handler", "errors");
      res.status(status).json(obj("error", obj("message", err.getMessage(), "status", status), "trace", trace(res)));
    });
    app.use("/errors", errors);

    // 14. default error handler
    app.get("/boom", (req, res) -> {
      throw new RuntimeException("kaboom");
    });
    app.get("/boom/status", (req, res) -> {
      throw new HttpError(418, "teapot");
    });
    app.get("/boom/headers", (req, res) -> {
      throw new HttpError(429, "slow down").withHeader("Retry-After", "120").withHeader("X-Reason", "too-fast");
    });
    app.get("/boom/out-of-range", (req, res) -> {
      throw new HttpError(302, "not an error status");
    });
    app.get("/boom/res-status", (req, res) -> {
      res.status(409);
      throw new RuntimeException("status taken from the response");
    });
    app.get("/boom/async", Web.async((req, res) -> {
      await(delay(5));
      throw new RuntimeException("async kaboom");
    }));
    app.get("/boom/kept-headers", (req, res) -> {
      res.set("X-Before-Error", "kept");
      res.set("Content-Language", "en");
      throw new RuntimeException("headers set before the error");
    });

    // 15. body parsers
    Router bodies = Web.router();
    Middleware describe = (req, res, next) -> res.json(describeBody(req));
    bodies.post("/json", Web.json(), describe);
    bodies.post("/json/small", Web.json(BodyOptions.defaults().limit(64)), describe);
    bodies.post("/json/loose", Web.json(BodyOptions.defaults().strict(false)), describe);
    bodies.post("/urlencoded", Web.urlencoded(), describe);
    bodies.post("/text", Web.text(), describe);
    bodies.post("/raw", Web.raw(), describe);
    bodies.post("/raw/any", Web.raw(BodyOptions.defaults().type("*/*").limit(16)), describe);
    bodies.all("/multi", Web.json(), Web.urlencoded(), Web.text(), describe);
    bodies.use((Throwable err, Request req, dev.eddy.web.Response res, dev.eddy.web.Next next) -> {
      int status = statusOf(err);
      res.status(status).json(obj("error", obj("status", status, "type", err instanceof HttpError he ? he.type() : null)));
    });
    app.use("/body", bodies);
    app.post("/body-default/json", Web.json(BodyOptions.defaults().limit(64)), describe);

    // 16. static files
    ParityFiles.registerStatic(app);

    // 17. HEAD and OPTIONS
    app.head("/head/explicit", (req, res) -> {
      res.set("X-Head", "explicit handler");
      res.end();
    });
    app.get("/head/explicit", (req, res) -> res.set("X-Head", "get handler").send("get body"));
    app.options("/options/custom", (req, res) -> res.set("Allow", "GET, OPTIONS").sendStatus(204));
    app.get("/options/custom", (req, res) -> res.send("custom options target"));
    return app;
  }

  /** JavaScript's Number(string): trimmed, empty is 0, 0x/0o/0b prefixes, else a decimal literal or NaN. */
  static double jsNumber(String s) {
    String t = s.strip();
    if (t.isEmpty()) return 0;
    try {
      if (t.matches("0[xX][0-9a-fA-F]+")) return Long.parseLong(t.substring(2), 16);
      if (t.matches("0[oO][0-7]+")) return Long.parseLong(t.substring(2), 8);
      if (t.matches("0[bB][01]+")) return Long.parseLong(t.substring(2), 2);
      if (t.matches("[+-]?Infinity")) return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) return Double.NaN;
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static Object orFalse(Object v) {
    return v == null ? Boolean.FALSE : v;
  }

  private static Map<String, Object> describeBody(Request req) {
    if (!req.isBodyParsed()) return obj("hasBody", false, "body", null);
    Object body = req.body();
    if (body instanceof byte[] b) {
      return obj("hasBody", true, "kind", "bytes", "length", b.length, "base64", Base64.getEncoder().encodeToString(b));
    }
    String kind = body == null || body instanceof Map || body instanceof List ? "object"
        : body instanceof String ? "string" : body instanceof Number ? "number" : body instanceof Boolean ? "boolean" : "object";
    return obj("hasBody", true, "kind", kind, "body", body);
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "3000"));
    Eddy.main(() -> {
      App app = build();
      app.listen(port, "127.0.0.1", () -> System.out.println("eddy parity main app on 127.0.0.1:" + port));
    });
  }
}
