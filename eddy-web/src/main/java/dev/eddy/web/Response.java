package dev.eddy.web;

import dev.eddy.Buffer;
import dev.eddy.http.ServerResponse;
import dev.eddy.web.internal.ContentDisposition;
import dev.eddy.web.internal.ContentType;
import dev.eddy.web.internal.CookieSignature;
import dev.eddy.web.internal.Cookies;
import dev.eddy.web.internal.ETags;
import dev.eddy.web.internal.EncodeUrl;
import dev.eddy.web.internal.EscapeHtml;
import dev.eddy.web.internal.JsJson;
import dev.eddy.web.internal.MimeTypes;
import dev.eddy.web.internal.Statuses;
import dev.eddy.web.internal.Vary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The response as handlers see it: Express's {@code res}. Wraps Eddy's {@link ServerResponse}
 * (reachable with {@link #raw()}, a Writable for streaming) and adds Express's helpers with their
 * exact header and body rules: {@link #send(String)} and {@link #json(Object)} set Content-Type,
 * Content-Length and a weak ETag and answer 304 when the request is fresh.
 *
 * <p>An answer is sent once: a second {@code send}, {@code json}, {@code end}, {@code redirect} or
 * {@code sendStatus} throws {@link IllegalStateException} at its call site and writes nothing.
 * Use it on the loop thread that received the request.
 */
public final class Response {
  private final ServerResponse raw;
  private final Request req;
  private App app;
  private Map<String, Object> locals;

  Response(App app, Request req, ServerResponse raw) {
    this.app = app;
    this.req = req;
    this.raw = raw;
  }

  /** The underlying response: a Writable for streamed bodies. */
  public ServerResponse raw() {
    return raw;
  }

  public Request req() {
    return req;
  }

  public App app() {
    return app;
  }

  void app(App app) {
    this.app = app;
  }

  /** Per-request values for the handlers of this request, Express's {@code res.locals}. */
  public Map<String, Object> locals() {
    if (locals == null) locals = new HashMap<>();
    return locals;
  }

  /** Whether the status line and headers have been written. */
  public boolean headersSent() {
    return raw.headersSent();
  }

  // ------------------------------------------------------------------ status and headers

  /**
   * Sets the status code.
   *
   * @throws IllegalArgumentException when not in 100..999 (Express's RangeError)
   */
  public Response status(int code) {
    if (code < 100 || code > 999) {
      throw new IllegalArgumentException("Invalid status code: " + code
          + ". Status code must be greater than 99 and less than 1000.");
    }
    raw.statusCode(code);
    return this;
  }

  public int statusCode() {
    return raw.statusCode();
  }

  /**
   * Sets a header (Express's {@code res.set}); a Content-Type gets a charset when the MIME
   * database has one ({@code text/csv} becomes {@code text/csv; charset=utf-8}).
   */
  public Response set(String name, String value) {
    if (name.equalsIgnoreCase("content-type")) {
      String ct = MimeTypes.contentType(value);
      raw.setHeader(name, ct == null ? "false" : ct);
    } else {
      raw.setHeader(name, value);
    }
    return this;
  }

  /** Sets a header sent as several lines. */
  public Response set(String name, List<String> values) {
    if (name.equalsIgnoreCase("content-type")) {
      throw new IllegalArgumentException("Content-Type cannot be set to an Array");
    }
    raw.setHeader(name, List.copyOf(values));
    return this;
  }

  /** Sets several headers. */
  public Response set(Map<String, ?> headers) {
    headers.forEach((k, v) -> {
      if (v instanceof List<?> l) set(k, l.stream().map(String::valueOf).toList());
      else set(k, String.valueOf(v));
    });
    return this;
  }

  /** Same as {@link #set(String, String)}. */
  public Response header(String name, String value) {
    return set(name, value);
  }

  /** A response header's value (several lines joined with {@code ", "}), or null. */
  public String get(String name) {
    return raw.getHeader(name);
  }

  /** Adds a value to a header, keeping earlier ones as separate lines (Express's {@code res.append}). */
  public Response append(String name, String value) {
    List<String> prev = raw.getHeaderValues(name);
    if (prev == null || prev.isEmpty()) return set(name, value);
    List<String> all = new ArrayList<>(prev);
    all.add(value);
    return set(name, all);
  }

  /** Adds several values to a header, each as its own line. */
  public Response append(String name, List<String> values) {
    List<String> all = new ArrayList<>();
    List<String> prev = raw.getHeaderValues(name);
    if (prev != null) all.addAll(prev);
    all.addAll(values);
    return set(name, all);
  }

  /** Removes a header. */
  public Response remove(String name) {
    raw.removeHeader(name);
    return this;
  }

  /**
   * Sets Content-Type from a full type or an extension/shorthand ({@code "json"}, {@code ".html"},
   * {@code "png"}); unknown extensions give {@code application/octet-stream}.
   */
  public Response type(String type) {
    String ct = type.indexOf('/') == -1 ? orDefault(MimeTypes.contentType(type)) : type;
    return set("Content-Type", ct);
  }

  private static String orDefault(String ct) {
    return ct == null ? "application/octet-stream" : ct;
  }

  /** Adds a field to Vary without duplicates. */
  public Response vary(String field) {
    String current = raw.getHeader("Vary");
    String v = Vary.append(current == null ? "" : current, field);
    if (v != null && !v.isEmpty()) raw.setHeader("Vary", v);
    return this;
  }

  /** Sets Location, percent-encoding what a URL may not contain and keeping existing escapes. */
  public Response location(String url) {
    return set("Location", EncodeUrl.encode(url));
  }

  /** Adds {@code Link} entries: relation to URL, in the map's order. */
  public Response links(Map<String, ?> links) {
    String link = get("Link");
    StringBuilder sb = new StringBuilder(link == null ? "" : link.isEmpty() ? "" : link + ", ");
    boolean first = true;
    for (Map.Entry<String, ?> e : links.entrySet()) {
      List<?> urls = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
      for (Object u : urls) {
        if (!first) sb.append(", ");
        first = false;
        sb.append('<').append(u).append(">; rel=\"").append(e.getKey()).append('"');
      }
    }
    return set("Link", sb.toString());
  }

  /** {@code Content-Disposition: attachment}, without a file name. */
  public Response attachment() {
    return set("Content-Disposition", ContentDisposition.format("attachment", null, true));
  }

  /** {@code Content-Disposition: attachment; filename=...} for the base name, and its Content-Type. */
  public Response attachment(String filename) {
    String name = basename(filename);
    if (!name.isEmpty()) {
      int dot = name.lastIndexOf('.');
      type(dot > 0 ? name.substring(dot) : "");
    }
    return set("Content-Disposition", ContentDisposition.format("attachment", name.isEmpty() ? null : name, true));
  }

  static String basename(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
    int slash = p.lastIndexOf('/');
    return slash == -1 ? p : p.substring(slash + 1);
  }

  // ------------------------------------------------------------------ files

  /**
   * Sends a file (Express's {@code res.sendFile(path)}): Content-Type from the extension, weak
   * ETag (when the app's {@code etag} setting is on), Last-Modified, {@code Cache-Control: public,
   * max-age=0}, Accept-Ranges; answers conditional requests (304, 412) and single byte ranges (206,
   * 416). The file is read off the loop and streamed. Failures go to {@code req.next()} as
   * {@link HttpError}s (404 missing or dotfile, 403 {@code ..}, 400, 412, 416); a directory calls
   * {@code next()}; an aborted request is ignored. Call on the loop thread.
   *
   * @param path an absolute path
   * @throws IllegalArgumentException when {@code path} is null, empty or not absolute
   */
  public void sendFile(String path) {
    FileResponses.sendFile(this, path, null, null);
  }

  /**
   * {@link #sendFile(String)} with options ({@code root} for relative paths, {@code maxAge},
   * {@code headers}, {@code dotfiles}, ...).
   *
   * @throws IllegalArgumentException when {@code path} is null or empty, or relative without a root
   */
  public void sendFile(String path, SendFileOptions options) {
    FileResponses.sendFile(this, path, options, null);
  }

  /**
   * {@link #sendFile(String, SendFileOptions)} reporting to {@code callback} instead of {@code
   * next}: null once the file was sent (or a 304/HEAD answer finished), else the error (an {@link
   * HttpError}, a {@link dev.eddy.NodeException} with code {@code EISDIR} for a directory or
   * {@code ECONNABORTED} when the client went away). Called once, on the loop thread; the callback
   * answers the request itself when it wants to (check {@link #headersSent()}).
   *
   * @throws IllegalArgumentException when {@code path} is null or empty, or relative without a root
   */
  public void sendFile(String path, SendFileOptions options, java.util.function.Consumer<Throwable> callback) {
    FileResponses.sendFile(this, path, options, callback);
  }

  /**
   * Sends a file as an attachment (Express's {@code res.download(path)}): {@code
   * Content-Disposition: attachment; filename=<base name>} plus everything {@link
   * #sendFile(String)} does. A relative path is taken from the working directory.
   *
   * @throws IllegalArgumentException when {@code path} is null
   */
  public void download(String path) {
    FileResponses.download(this, path, null, null, null);
  }

  /**
   * {@link #download(String)} with the name the client should save it under (its base name is
   * used; non-ASCII names get an ASCII fallback plus {@code filename*}).
   *
   * @throws IllegalArgumentException when {@code path} is null
   */
  public void download(String path, String filename) {
    FileResponses.download(this, path, filename, null, null);
  }

  /**
   * The full {@code res.download(path, filename, options, callback)}: a null {@code filename}
   * means the path's base name; a {@code Content-Disposition} among the options' headers is
   * replaced; with a {@code root} the path is relative to it; the callback is as for {@link
   * #sendFile(String, SendFileOptions, java.util.function.Consumer)} (null: errors go to {@code
   * req.next()}).
   *
   * @throws IllegalArgumentException when {@code path} is null
   */
  public void download(String path, String filename, SendFileOptions options,
      java.util.function.Consumer<Throwable> callback) {
    FileResponses.download(this, path, filename, options, callback);
  }

  // ------------------------------------------------------------------ cookies

  /**
   * Adds a Set-Cookie: a String value as is, any other value as {@code j:} + its JSON; signed with
   * the cookie parser's first secret when {@code options.signed()}.
   *
   * @throws IllegalStateException when signing without a cookie parser secret
   * @throws IllegalArgumentException for an invalid name, value, domain or path
   */
  public Response cookie(String name, Object value, CookieOptions options) {
    CookieOptions o = options == null ? CookieOptions.defaults() : options;
    String val = value instanceof String s ? s : "j:" + jsonText(value);
    if (o.signed()) {
      List<String> secrets = req.secrets();
      if (secrets.isEmpty()) throw new IllegalStateException("cookieParser(\"secret\") required for signed cookies");
      val = "s:" + CookieSignature.sign(val, secrets.get(0));
    }
    Long maxAgeSeconds = null;
    Instant expires = o.expires();
    if (o.maxAge() != null) {
      long ms = o.maxAge().toMillis();
      expires = Instant.ofEpochMilli(System.currentTimeMillis() + ms);
      maxAgeSeconds = Math.floorDiv(ms, 1000);
    }
    String path = o.path() == null ? "/" : o.path();
    Cookies.Options co = new Cookies.Options(maxAgeSeconds, o.domain(), path, expires, o.httpOnly(), o.secure(),
        o.partitioned(), o.priority(), o.sameSite());
    return append("Set-Cookie", Cookies.serialize(name, val, co));
  }

  public Response cookie(String name, Object value) {
    return cookie(name, value, CookieOptions.defaults());
  }

  /** Expires a cookie now (Express's {@code res.clearCookie}); a maxAge in the options is ignored. */
  public Response clearCookie(String name, CookieOptions options) {
    CookieOptions o = (options == null ? CookieOptions.defaults() : options)
        .maxAge(null).expires(Instant.ofEpochMilli(1));
    if (o.path() == null) o = o.path("/");
    return cookie(name, "", o);
  }

  public Response clearCookie(String name) {
    return clearCookie(name, null);
  }

  // ------------------------------------------------------------------ answers

  private void ensureUnsent(String what) {
    if (raw.headersSent() || raw.endCalled()) {
      throw new IllegalStateException("Cannot " + what + ": the response to " + req.method() + " "
          + req.originalUrl() + " was already sent (return after answering, or check res.headersSent())");
    }
  }

  private void ensureNotEnded() {
    if (raw.endCalled()) {
      throw new IllegalStateException("Cannot end: the response to " + req.method() + " " + req.originalUrl()
          + " was already ended (return after answering, or check res.headersSent())");
    }
  }

  /** Sends a text body: Content-Type {@code text/html} unless set, always with {@code charset=utf-8}. */
  public Response send(String body) {
    ensureUnsent("send");
    if (body == null) return sendBody(new byte[0], false, true);
    if (get("Content-Type") == null) type("html");
    return sendBody(body.getBytes(StandardCharsets.UTF_8), true, false);
  }

  /** Sends bytes: Content-Type {@code application/octet-stream} unless set. */
  public Response send(byte[] body) {
    ensureUnsent("send");
    if (get("Content-Type") == null) type("bin");
    return sendBody(body, false, false);
  }

  public Response send(Buffer body) {
    byte[] bytes = new byte[body.length()];
    body.copyTo(bytes, 0);
    return send(bytes);
  }

  /** Sends a value as JSON ({@link #json(Object)}); a String, byte[] or Buffer goes to its own overload. */
  public Response send(Object body) {
    if (body instanceof String s) return send(s);
    if (body instanceof byte[] b) return send(b);
    if (body instanceof Buffer b) return send(b);
    if (body == null) {
      ensureUnsent("send");
      return sendBody(new byte[0], false, true);
    }
    return json(body);
  }

  /** Ends with no body: Express's {@code res.end()}. */
  public void end() {
    ensureNotEnded();
    raw.end();
  }

  /** Ends with a last chunk (String or bytes), no headers added: Express's {@code res.end(chunk)}. */
  public void end(Object chunk) {
    ensureNotEnded();
    raw.end(chunk);
  }

  /** Writes a chunk of a streamed (chunked) body; false asks the caller to wait for 'drain'. */
  public boolean write(Object chunk) {
    return raw.write(chunk);
  }

  /**
   * Sends {@code value} as JSON, written as JavaScript's {@code JSON.stringify} writes it (with the
   * app's {@code json spaces} and {@code json escape}); Content-Type {@code application/json}
   * unless set.
   */
  public Response json(Object value) {
    ensureUnsent("send JSON");
    byte[] body = jsonBytes(value);
    if (get("Content-Type") == null) raw.setHeader("Content-Type", "application/json; charset=utf-8");
    return sendBody(body, true, false);
  }

  private byte[] jsonBytes(Object value) {
    Settings s = app.settings();
    return Web.json(app).stringify(value, s.intValue("json spaces", 0), s.enabled("json escape"));
  }

  private String jsonText(Object value) {
    return Web.json(app).stringifyToString(value, 0, false);
  }

  /** JSON with JSONP support: with a {@code callback} query value, a script calling it. */
  public Response jsonp(Object value) {
    ensureUnsent("send JSONP");
    String body = new String(jsonBytes(value), StandardCharsets.UTF_8);
    Object cb = req.query().get(String.valueOf(app.settings().get("jsonp callback name")));
    if (cb instanceof List<?> l) cb = l.isEmpty() ? null : l.get(0);
    if (get("Content-Type") == null) {
      raw.setHeader("X-Content-Type-Options", "nosniff");
      set("Content-Type", "application/json");
    }
    if (cb instanceof String callback && !callback.isEmpty()) {
      raw.setHeader("X-Content-Type-Options", "nosniff");
      set("Content-Type", "text/javascript");
      StringBuilder clean = new StringBuilder();
      for (int i = 0; i < callback.length(); i++) {
        char c = callback.charAt(i);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '_' || c == '$' || c == '.' || c == '[' || c == ']') clean.append(c);
      }
      String fn = clean.toString();
      body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
      body = "/**/ typeof " + fn + " === 'function' && " + fn + "(" + body + ");";
    }
    String ct = get("Content-Type");
    if (ct != null) raw.setHeader("Content-Type", setCharset(ct));
    return sendBody(body.getBytes(StandardCharsets.UTF_8), true, false);
  }

  /** Sets the status and sends its reason phrase as text ({@code 299} when there is none). */
  public Response sendStatus(int status) {
    ensureUnsent("send a status");
    String body = Statuses.message(status);
    status(status);
    type("txt");
    return send(body != null ? body : Integer.toString(status));
  }

  /**
   * The end of {@code res.send}: charset, Content-Length, ETag, freshness (304), body-less
   * statuses and HEAD.
   */
  private Response sendBody(byte[] chunk, boolean text, boolean noType) {
    if (text) {
      String ct = get("Content-Type");
      if (ct != null) raw.setHeader("Content-Type", setCharset(ct));
    }
    Object etagSetting = app.settings().get("etag");
    boolean generate = raw.getHeader("ETag") == null && etagSetting != null && !Boolean.FALSE.equals(etagSetting);
    raw.setHeader("Content-Length", chunk.length);
    if (generate) {
      raw.setHeader("ETag", ETags.of(chunk, 0, chunk.length, !"strong".equals(etagSetting)));
    }
    if (req.fresh()) raw.statusCode(304);
    int status = raw.statusCode();
    if (status == 204 || status == 304) {
      raw.removeHeader("Content-Type");
      raw.removeHeader("Content-Length");
      raw.removeHeader("Transfer-Encoding");
      chunk = new byte[0];
    }
    if (status == 205) {
      raw.setHeader("Content-Length", "0");
      raw.removeHeader("Transfer-Encoding");
      chunk = new byte[0];
    }
    if (req.method().equals("HEAD") || chunk.length == 0) raw.end();
    else raw.end(chunk);
    return this;
  }

  /** The last Content-Type given a charset and the result: the same constant types repeat. */
  private record CharsetMemo(String in, String out) {}

  private static CharsetMemo charsetMemo = new CharsetMemo("", "");

  static String setCharset(String type) {
    CharsetMemo memo = charsetMemo;
    if (memo.in == type) return memo.out;
    String out = ContentType.setCharset(type, "utf-8");
    charsetMemo = new CharsetMemo(type, out);
    return out;
  }

  /** Redirects with 302 (Express's {@code res.redirect(url)}). */
  public void redirect(String url) {
    redirect(302, url);
  }

  /**
   * Redirects: sets Location (encoded), and a short body chosen by the Accept header (text,
   * HTML, or none).
   */
  public void redirect(int status, String url) {
    ensureUnsent("redirect");
    String address = location(url).get("Location");
    String reason = Statuses.message(status);
    String[] body = new String[1];
    format(Format.of()
        .on("text", () -> body[0] = reason + ". Redirecting to " + address)
        .on("html", () -> {
          String u = EscapeHtml.escape(address);
          body[0] = "<!DOCTYPE html><head><title>" + reason + "</title></head>"
              + "<body><p>" + reason + ". Redirecting to " + u + "</p></body>";
        })
        .otherwise(() -> body[0] = ""));
    status(status);
    byte[] bytes = body[0] == null ? new byte[0] : body[0].getBytes(StandardCharsets.UTF_8);
    raw.setHeader("Content-Length", bytes.length);
    if (req.method().equals("HEAD") || bytes.length == 0) raw.end();
    else raw.end(bytes);
  }

  /**
   * Runs the handler for the best type the client accepts (Express's {@code res.format}); adds
   * {@code Vary: Accept}; without a match and without {@code otherwise}, passes a 406 error on.
   */
  public Response format(Format format) {
    String key = format.types.isEmpty() ? null : req.accepts(format.types.toArray(String[]::new));
    vary("Accept");
    if (key != null) {
      String value = key.indexOf('/') != -1 ? stripParams(key) : orDefault(MimeTypes.lookup(key));
      set("Content-Type", value);
      format.handlers.get(format.types.indexOf(key)).run();
    } else if (format.otherwise != null) {
      format.otherwise.run();
    } else {
      throw new HttpError(406, null, null, Map.of(), null);
    }
    return this;
  }

  private static String stripParams(String type) {
    int semi = type.indexOf(';');
    return semi == -1 ? type : type.substring(0, semi).trim();
  }
}
