package dev.eddy.web;

import dev.eddy.Eddy;
import dev.eddy.web.internal.JsJson;

/**
 * Entry points of the web framework, in the place of Express's {@code express} object: {@code
 * Web.app()} is {@code express()}, {@code Web.router()} is {@code express.Router()}, and the
 * middleware factories ({@code json()}, {@code urlencoded()}, {@code serveStatic(...)}, ...) are
 * Express's built-in middleware.
 *
 * <pre>{@code
 * App app = Web.app();
 * app.use(Web.json());
 * app.get("/users/:id", (req, res) -> res.json(Map.of("id", req.param("id"))));
 * app.listen(3000, () -> System.out.println("listening"));
 * }</pre>
 */
public final class Web {
  private Web() {}

  /** A new application: Express's {@code express()}. */
  public static App app() {
    return new App();
  }

  /** A new router with Express's defaults (case-insensitive, non-strict). */
  public static Router router() {
    return new Router(RouterOptions.defaults());
  }

  /** A new router with options. */
  public static Router router(RouterOptions options) {
    return new Router(options);
  }

  /** A terminal handler as middleware (it never calls next). */
  public static Middleware middleware(Handler handler) {
    if (handler == null) throw new IllegalArgumentException("argument handler is required");
    return (req, res, next) -> handler.handle(req, res);
  }

  /**
   * A handler whose body runs as an Eddy async body (it may {@code await}); a throw or an
   * uncaught rejection reaches the error middleware, as Express 5 does for async functions.
   */
  public static Middleware async(AsyncHandler handler) {
    if (handler == null) throw new IllegalArgumentException("argument handler is required");
    return (req, res, next) -> Layer.forwardRejection(Eddy.async(() -> handler.handle(req, res)), next);
  }

  /** A handler returning a promise: its rejection reaches the error middleware. */
  public static Middleware promise(PromiseHandler handler) {
    if (handler == null) throw new IllegalArgumentException("argument handler is required");
    return (req, res, next) -> Layer.forwardRejection(handler.handle(req, res), next);
  }

  /** Async middleware: like {@link #async(AsyncHandler)} with a {@link Next}. */
  public static Middleware async(AsyncMiddleware handler) {
    if (handler == null) throw new IllegalArgumentException("argument handler is required");
    return (req, res, next) -> Layer.forwardRejection(Eddy.async(() -> handler.handle(req, res, next)), next);
  }

  // ------------------------------------------------------------------ body parsers

  /** {@code express.json()}: parses {@code application/json} bodies into {@code req.body} (limit 100 KiB, strict). */
  public static Middleware json() {
    return json(BodyOptions.defaults());
  }

  /**
   * {@code express.json(options)}. Errors (passed to the error middleware as {@link HttpError}):
   * 400 {@code entity.parse.failed}, 413 {@code entity.too.large}, 415 {@code charset.unsupported}
   * (only {@code utf-*} charsets) or {@code encoding.unsupported}. An empty body gives an empty map.
   */
  public static Middleware json(BodyOptions options) {
    boolean strict = options.strict();
    return new BodyReader(options, "application/json", cs -> cs.startsWith("utf-"), false, (body, charset) -> {
      String text = (String) body;
      if (text.isEmpty()) return new java.util.LinkedHashMap<String, Object>();
      if (strict) {
        int i = 0;
        while (i < text.length() && isJsonSpace(text.charAt(i))) i++;
        char first = i < text.length() ? text.charAt(i) : 0;
        if (first != '{' && first != '[') throw strictViolation(text, i < text.length() ? i : -1);
      }
      return JsJson.standard().parse(text);
    }).middleware();
  }

  private static boolean isJsonSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * body-parser's strict-mode error: JSON.parse's message for the body with everything from the
   * offending character on masked by {@code #}, the masked runs then given back their text.
   */
  private static HttpError strictViolation(String text, int index) {
    String partial = index < 0 ? "" : text.substring(0, index) + "#".repeat(text.length() - index);
    String message;
    try {
      JsJson.standard().parse(partial);
      message = "strict violation";
    } catch (JsJson.ParseException e) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("#+").matcher(e.getMessage());
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        int len = m.end() - m.start();
        String original = index < 0 ? "" : text.substring(index, Math.min(text.length(), index + len));
        m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(original));
      }
      m.appendTail(sb);
      message = sb.toString();
    }
    return new HttpError(400, message, "entity.parse.failed", java.util.Map.of(), null);
  }

  /** {@code express.urlencoded()}: flat form fields ({@code application/x-www-form-urlencoded}) into a map. */
  public static Middleware urlencoded() {
    return urlencoded(BodyOptions.defaults());
  }

  /** {@code express.urlencoded({extended: false, ...})}; more than {@code parameterLimit} fields is a 413. */
  public static Middleware urlencoded(BodyOptions options) {
    String dc = options.defaultCharset();
    if (!dc.equals("utf-8") && !dc.equals("iso-8859-1")) {
      throw new IllegalArgumentException("option defaultCharset must be either utf-8 or iso-8859-1");
    }
    int parameterLimit = options.parameterLimit();
    return new BodyReader(options, "application/x-www-form-urlencoded",
        cs -> cs.equals("utf-8") || cs.equals("iso-8859-1"), false,
        (body, charset) -> FormParser.parse((String) body, parameterLimit, charset)).middleware();
  }

  /** {@code express.text()}: {@code text/plain} bodies as a String in the request's charset. */
  public static Middleware text() {
    return text(BodyOptions.defaults());
  }

  public static Middleware text(BodyOptions options) {
    return new BodyReader(options, "text/plain", null, false, (body, charset) -> body).middleware();
  }

  /** {@code express.raw()}: {@code application/octet-stream} bodies as {@code byte[]}. */
  public static Middleware raw() {
    return raw(BodyOptions.defaults());
  }

  public static Middleware raw(BodyOptions options) {
    return new BodyReader(options, "application/octet-stream", null, true, (body, charset) -> body).middleware();
  }

  // ------------------------------------------------------------------ static files

  /**
   * {@code express.static(root)}: serves the files under {@code root} for GET and HEAD with
   * serve-static's defaults (index.html, directory redirects, dotfiles ignored, fall-through).
   * Requests it cannot answer (missing files, other methods) go to the next middleware. The
   * middleware is thread-safe; files are read off the loop thread.
   *
   * @throws IllegalArgumentException when {@code root} is null
   */
  public static Middleware serveStatic(java.nio.file.Path root) {
    return FileResponses.serveStatic(root, StaticOptions.defaults());
  }

  /**
   * {@code express.static(root, options)}.
   *
   * @throws IllegalArgumentException when {@code root} is null
   */
  public static Middleware serveStatic(java.nio.file.Path root, StaticOptions options) {
    return FileResponses.serveStatic(root, options);
  }

  // ------------------------------------------------------------------ uploads

  /**
   * multer: {@code Web.multipart(options).single("avatar")} and friends parse {@code
   * multipart/form-data} bodies, streaming files to disk (or memory) within the limits; see
   * {@link Multipart}.
   */
  public static Multipart multipart(MultipartOptions options) {
    return Multipart.create(options);
  }

  // ------------------------------------------------------------------ cookies

  /** cookie-parser without secrets: fills {@link Request#cookies()} ({@code j:} values parsed as JSON). */
  public static Middleware cookieParser() {
    return cookieParser(java.util.List.of());
  }

  /** cookie-parser with one secret: also verifies {@code s:} cookies into {@link Request#signedCookies()}. */
  public static Middleware cookieParser(String secret) {
    return cookieParser(secret == null || secret.isEmpty() ? java.util.List.of() : java.util.List.of(secret));
  }

  /**
   * cookie-parser with several secrets (newest first: the first signs new cookies, every one
   * verifies, so secrets can be rotated).
   */
  public static Middleware cookieParser(java.util.List<String> secrets) {
    java.util.List<String> s = java.util.List.copyOf(secrets);
    return (req, res, next) -> {
      if (req.cookiesParsed()) {
        next.run();
        return;
      }
      String header = req.raw().header("cookie");
      if (header == null) {
        req.cookies(new java.util.LinkedHashMap<>(), new java.util.LinkedHashMap<>(), s);
        next.run();
        return;
      }
      dev.eddy.web.internal.Cookies.RequestCookies parsed = dev.eddy.web.internal.Cookies.parseRequest(header, s);
      req.cookies(unwrapJson(parsed.cookies()), unwrapJson(parsed.signedCookies()), s);
      next.run();
    };
  }

  private static java.util.Map<String, Object> unwrapJson(java.util.Map<String, Object> m) {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof dev.eddy.web.internal.Cookies.JsonCookie j ? j.value() : v));
    return out;
  }

  /** The JSON writer/reader of an app: its {@code json mapper} setting (a Jackson ObjectMapper) or the standard one. */
  static JsJson json(App app) {
    Object mapper = app == null ? null : app.settings().get("json mapper");
    if (mapper instanceof com.fasterxml.jackson.databind.ObjectMapper m) return app.settings().jsJson(m);
    return JsJson.standard();
  }
}
