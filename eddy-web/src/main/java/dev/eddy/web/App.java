package dev.eddy.web;

import dev.eddy.Eddy;
import dev.eddy.http.Http;
import dev.eddy.http.HttpServer;
import dev.eddy.http.IncomingMessage;
import dev.eddy.http.RequestHandler;
import dev.eddy.http.ServerResponse;
import dev.eddy.stream.Stream;
import dev.eddy.web.internal.EscapeHtml;
import dev.eddy.web.internal.Statuses;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Express-compatible application: {@code Web.app()} is {@code express()}.
 *
 * <p>Register middleware and routes with the {@link Routing} methods, configure it with {@link
 * #set(String, Object)}, then {@link #listen(int, Runnable)} or hand {@link #handler()} to {@link
 * Http#createServer(RequestHandler)}. An app can be mounted in another app or router like
 * middleware ({@code parent.use("/admin", adminApp)}); it then answers with its own settings.
 *
 * <p>Threading: configure the app on one thread before serving; requests are handled on the loop
 * thread of the server that received them. One app may serve several loops (several servers on
 * one port with {@code reusePort}) as long as its handlers don't share unsynchronized state.
 */
public final class App extends Routing<App> implements Middleware {
  private static final System.Logger LOG = System.getLogger("dev.eddy.web");

  private volatile Router router;
  private final Settings settings = new Settings();
  private final Map<String, Object> locals = new ConcurrentHashMap<>();
  private App parent;
  private String mountPath = "/";

  App() {}

  /** Created at first use with the routing settings of that moment, as Express does. */
  @Override
  Router router() {
    Router r = router;
    if (r == null) {
      router = r = new Router(new RouterOptions(
          settings.enabled("case sensitive routing"), settings.enabled("strict routing"), false));
    }
    return r;
  }

  @Override
  void mounted(Object path, Middleware handler) {
    if (handler instanceof App child) child.mountedIn(this, String.valueOf(path));
  }

  /** Settings: see {@link Settings} for the names Express knows and their values. */
  public App set(String name, Object value) {
    settings.set(name, value);
    return this;
  }

  /** A setting's value (inherited from the parent app when mounted and not set here). */
  public Object setting(String name) {
    return settings.get(name);
  }

  /** Sets a boolean setting to true. */
  public App enable(String name) {
    return set(name, true);
  }

  /** Sets a boolean setting to false. */
  public App disable(String name) {
    return set(name, false);
  }

  /** Whether a setting is truthy, as Express's {@code app.enabled}. */
  public boolean enabled(String name) {
    return settings.enabled(name);
  }

  public boolean disabled(String name) {
    return !enabled(name);
  }

  /** Application-wide values, Express's {@code app.locals}; thread-safe. */
  public Map<String, Object> locals() {
    return locals;
  }

  /** The path this app is mounted at, {@code "/"} for a top-level app. */
  public String mountPath() {
    return mountPath;
  }

  /** The app this one is mounted in, or null. */
  public App parent() {
    return parent;
  }

  Settings settings() {
    return settings;
  }

  /** This app as a request handler for {@link Http#createServer(RequestHandler)}. */
  public RequestHandler handler() {
    return this::handle;
  }

  /**
   * Creates an HTTP server for this app on the current loop and listens on all interfaces.
   *
   * @param onListening runs on the loop thread once the port is bound (may be null)
   * @return the server (close it to stop)
   */
  public HttpServer listen(int port, Runnable onListening) {
    return Http.createServer(handler()).listen(port, onListening);
  }

  /** Like {@link #listen(int, Runnable)} on one host, e.g. {@code "127.0.0.1"}. */
  public HttpServer listen(int port, String host, Runnable onListening) {
    return Http.createServer(handler()).listen(port, host, onListening);
  }

  /**
   * Like {@link #listen(int, Runnable)} with Node's listen options: host, port, backlog and
   * {@code reusePort}, with which one app serves from several loops of this JVM on one port (see
   * {@code dev.eddy.ops.LoopGroup}).
   */
  public HttpServer listen(dev.eddy.net.Server.ListenOptions options, Runnable onListening) {
    return Http.createServer(handler()).listen(options, onListening);
  }

  /** Handles one request from Eddy's HTTP server: the entry point of a top-level app. */
  public void handle(IncomingMessage raw, ServerResponse rawRes) {
    Request req = new Request(this, raw);
    Response res = new Response(this, req, rawRes);
    req.response(res);
    run(req, res, err -> finalHandler(err, req, res));
  }

  private void run(Request req, Response res, RouterDispatch.Done done) {
    if (settings.enabled("x-powered-by")) res.raw().setHeader("X-Powered-By", "Eddy");
    router().handle(req, res, done);
  }

  /** As middleware in a parent app or router: runs this app's stack with this app's settings. */
  @Override
  public void handle(Request req, Response res, Next next) {
    App previous = req.app();
    req.app(this);
    res.app(this);
    run(req, res, err -> {
      req.app(previous);
      res.app(previous);
      if (err == null) next.run();
      else next.fail(err);
    });
  }

  /** Called by {@link Routing#use} when this app is mounted. */
  void mountedIn(App parent, String path) {
    this.parent = parent;
    this.mountPath = path;
    settings.parent(parent.settings);
  }

  // ------------------------------------------------------------------ finalhandler

  private void finalHandler(Throwable err, Request req, Response res) {
    ServerResponse raw = res.raw();
    int status;
    Map<String, String> headers = null;
    String msg;
    if (err == null && raw.headersSent()) return;
    if (err != null) {
      Integer s = errorStatus(err);
      if (s == null) {
        int rs = raw.statusCode();
        status = rs < 400 || rs > 599 ? 500 : rs;
      } else {
        status = s;
        if (err instanceof HttpError he) headers = he.headers();
      }
      msg = errorMessage(err, status);
      if (!"test".equals(settings.get("env"))) {
        LOG.log(Level.ERROR, "unhandled error in " + req.method() + " " + req.originalUrl(), err);
      }
    } else {
      status = 404;
      msg = "Cannot " + req.method() + " " + dev.eddy.web.internal.EncodeUrl.encode(req.originalPath());
    }
    if (raw.headersSent()) {
      req.raw().socket().destroy();
      return;
    }
    Map<String, String> h = headers;
    String m = msg;
    Runnable write = () -> writeErrorPage(req, res, status, h, m);
    IncomingMessage in = req.raw();
    if (in.complete() || in.readableEnded()) {
      write.run();
    } else {
      in.unpipe();
      boolean[] done = new boolean[1];
      Runnable once = () -> {
        if (!done[0]) {
          done[0] = true;
          write.run();
        }
      };
      in.once(Stream.END, v -> once.run());
      in.once(Stream.CLOSE, v -> once.run());
      in.resume();
    }
  }

  static Integer errorStatus(Throwable err) {
    if (err instanceof HttpError he && he.status() >= 400 && he.status() < 600) return he.status();
    return null;
  }

  private String errorMessage(Throwable err, int status) {
    if (!"production".equals(settings.get("env"))) {
      java.io.StringWriter sw = new java.io.StringWriter();
      err.printStackTrace(new java.io.PrintWriter(sw));
      String stack = sw.toString().stripTrailing();
      if (!stack.isEmpty()) return stack;
    }
    String m = Statuses.message(status);
    return m != null ? m : Integer.toString(status);
  }

  static String errorDocument(String message) {
    String body = EscapeHtml.escape(message).replace("\n", "<br>").replace("  ", " &nbsp;");
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n"
        + "</head>\n<body>\n<pre>" + body + "</pre>\n</body>\n</html>\n";
  }

  private static void writeErrorPage(Request req, Response res, int status, Map<String, String> headers, String message) {
    ServerResponse raw = res.raw();
    if (raw.headersSent() || raw.writableEnded()) return;
    byte[] body = errorDocument(message).getBytes(StandardCharsets.UTF_8);
    raw.statusCode(status);
    String reason = Statuses.message(status);
    if (reason != null) raw.statusMessage(reason);
    raw.removeHeader("Content-Encoding");
    raw.removeHeader("Content-Language");
    raw.removeHeader("Content-Range");
    if (headers != null) headers.forEach(raw::setHeader);
    raw.setHeader("Content-Security-Policy", "default-src 'none'");
    raw.setHeader("X-Content-Type-Options", "nosniff");
    raw.setHeader("Content-Type", "text/html; charset=utf-8");
    raw.setHeader("Content-Length", body.length);
    if (req.method().equals("HEAD")) raw.end();
    else raw.end(body);
  }

  static void runLater(Runnable r) {
    Eddy.setImmediate(r);
  }
}
