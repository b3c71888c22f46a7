package dev.eddy.web;

import dev.eddy.Eddy;
import dev.eddy.NodeException;
import dev.eddy.SystemException;
import dev.eddy.fs.FileReadStream;
import dev.eddy.fs.Fs;
import dev.eddy.fs.ReadStreamOptions;
import dev.eddy.fs.Stats;
import dev.eddy.http.IncomingMessage;
import dev.eddy.http.ServerResponse;
import dev.eddy.stream.Stream;
import dev.eddy.web.internal.ContentDisposition;
import dev.eddy.web.internal.ETags;
import dev.eddy.web.internal.EncodeUrl;
import dev.eddy.web.internal.EscapeHtml;
import dev.eddy.web.internal.Fresh;
import dev.eddy.web.internal.HttpDates;
import dev.eddy.web.internal.MimeTypes;
import dev.eddy.web.internal.RangeParser;
import dev.eddy.web.internal.SendPaths;
import dev.eddy.web.internal.StaticFileAttributes;
import dev.eddy.web.internal.UriCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * File answers: Express's {@code res.sendFile} and {@code res.download} (with Express's sendfile
 * wrapper) and {@code express.static} (serve-static), both on one transfer engine that behaves as
 * the {@code send} package does. Every step that touches the disk (stat, open, read) runs on the
 * blocking pool; the loop thread only decides and writes. Files are streamed with backpressure and
 * closed when the response finishes or its connection goes away.
 */
final class FileResponses {
  private FileResponses() {}

  private static final List<String> DEFAULT_INDEX = List.of("index.html");

  // ------------------------------------------------------------------ res.sendFile / res.download

  static void sendFile(Response res, String path, SendFileOptions options, Consumer<Throwable> callback) {
    SendFileOptions o = options == null ? SendFileOptions.defaults() : options;
    if (path == null || path.isEmpty()) throw new IllegalArgumentException("path argument is required to res.sendFile");
    if (o.root() == null && !path.startsWith("/")) {
      throw new IllegalArgumentException("path must be absolute or specify root to res.sendFile");
    }
    // Express passes encodeURI(path) to send, which decodes it again: the round trip is the
    // identity except that encodeURI rejects unpaired surrogates.
    checkWellFormed(path);
    Request req = res.req();
    Next next = req.next();
    Consumer<Throwable> done = callback != null ? callback : err -> defaultSendFileDone(err, next);
    SendFileHooks hooks = new SendFileHooks(res, o.headers(), done);
    Transfer t = new Transfer(req, res, path, true, hooks,
        o.acceptRanges(), o.cacheControl(), res.app().enabled("etag"), o.dotfiles(), List.of(),
        o.immutable(), DEFAULT_INDEX, o.lastModified(),
        SendFileOptions.cacheControlValue(o.maxAge(), o.immutable()),
        o.root() == null ? null : SendPaths.resolve(o.root().toAbsolutePath().toString()));
    hooks.watch();
    t.start();
  }

  private static void defaultSendFileDone(Throwable err, Next next) {
    if (err == null) return;
    if (err instanceof NodeException ne && "EISDIR".equals(ne.code())) {
      if (next != null) next.run();
      return;
    }
    if (isAbortOrWriteError(err)) return;
    if (next != null) next.fail(err);
  }

  private static boolean isAbortOrWriteError(Throwable err) {
    for (Throwable e = err; e != null; e = e.getCause()) {
      if (e instanceof NodeException ne && "ECONNABORTED".equals(ne.code())) return true;
      if (e instanceof SystemException se && "write".equals(se.syscall())) return true;
      if (e.getCause() == e) break;
    }
    return false;
  }

  static void download(Response res, String path, String filename, SendFileOptions options,
      Consumer<Throwable> callback) {
    if (path == null) throw new IllegalArgumentException("path argument is required to res.download");
    SendFileOptions o = options == null ? SendFileOptions.defaults() : options;
    String name = filename == null || filename.isEmpty() ? path : filename;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Disposition", ContentDisposition.format("attachment", SendPaths.basename(name), true));
    o.headers().forEach((k, v) -> {
      if (!k.equalsIgnoreCase("content-disposition")) headers.put(k, v);
    });
    String full = o.root() == null ? SendPaths.resolve(path) : path;
    sendFile(res, full, o.headers(headers), callback);
  }

  private static void checkWellFormed(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("URI malformed");
      }
    }
  }

  /** Express's sendfile(): turns the transfer's events into one callback. */
  private static final class SendFileHooks extends Hooks {
    private final Response res;
    private final Map<String, String> headers;
    private final Consumer<Throwable> callback;
    private boolean done;
    /** null until a file is found; false once found, true once it streams. */
    private Boolean streaming;

    SendFileHooks(Response res, Map<String, String> headers, Consumer<Throwable> callback) {
      this.res = res;
      this.headers = headers;
      this.callback = callback;
    }

    void watch() {
      ServerResponse raw = res.raw();
      boolean[] fired = new boolean[1];
      Consumer<Void> onFinished = v -> {
        if (fired[0]) return;
        fired[0] = true;
        Eddy.setImmediate(() -> {
          if (done) return;
          if (streaming != Boolean.FALSE) {
            finish(new NodeException("Error", "ECONNABORTED", "Request aborted"));
          } else {
            finish(null);
          }
        });
      };
      if (raw.finished()) {
        onFinished.accept(null);
      } else {
        raw.once(Stream.FINISH, onFinished);
        raw.once(Stream.CLOSE, onFinished);
      }
    }

    private void finish(Throwable err) {
      if (done) return;
      done = true;
      callback.accept(err);
    }

    @Override
    void directory(Transfer t) {
      finish(new NodeException("Error", "EISDIR", "EISDIR, read"));
    }

    @Override
    void headers(Transfer t, String path, Stats stat) {
      ServerResponse raw = res.raw();
      headers.forEach(raw::setHeader);
    }

    @Override
    void file() {
      streaming = Boolean.FALSE;
    }

    @Override
    void stream() {
      streaming = Boolean.TRUE;
    }

    @Override
    void end() {
      finish(null);
    }

    @Override
    void error(Throwable err) {
      finish(err);
    }
  }

  // ------------------------------------------------------------------ express.static

  static Middleware serveStatic(Path root, StaticOptions options) {
    if (root == null) throw new IllegalArgumentException("root path required");
    StaticOptions o = options == null ? StaticOptions.defaults() : options;
    String rootPath = SendPaths.resolve(root.toAbsolutePath().toString());
    String cacheControl = SendFileOptions.cacheControlValue(o.maxAge(), o.immutable());
    return (req, res, next) -> {
      String method = req.method();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        if (o.fallthrough()) {
          next.run();
          return;
        }
        ServerResponse raw = res.raw();
        raw.statusCode(405);
        raw.setHeader("Allow", "GET, HEAD");
        raw.setHeader("Content-Length", "0");
        raw.end();
        return;
      }
      String path = req.path();
      if (path == null) path = "";
      // a request for the mount point itself ("/static") must reach the directory redirect
      if (path.equals("/")) {
        String original = Urls.split(req.originalUrl())[0];
        if (original == null || !original.endsWith("/")) path = "";
      }
      StaticHooks hooks = new StaticHooks(res, o, next);
      new Transfer(req, res, path, false, hooks, o.acceptRanges(), o.cacheControl(), o.etag(), o.dotfiles(),
          o.extensions(), o.immutable(), o.index(), o.lastModified(), cacheControl, rootPath).start();
    };
  }

  /** serve-static's listeners: fall-through, the setHeaders hook and the directory redirect. */
  private static final class StaticHooks extends Hooks {
    private final Response res;
    private final StaticOptions options;
    private final Next next;
    private boolean forwardError;

    StaticHooks(Response res, StaticOptions options, Next next) {
      this.res = res;
      this.options = options;
      this.next = next;
      this.forwardError = !options.fallthrough();
    }

    @Override
    void directory(Transfer t) {
      if (!options.redirect() || t.hasTrailingSlash()) {
        t.error(404, null, null);
        return;
      }
      String loc = EncodeUrl.encode(redirectTarget(t.req.originalUrl()));
      byte[] doc = htmlDocument("Redirecting", "Redirecting to " + EscapeHtml.escape(loc));
      ServerResponse raw = res.raw();
      raw.statusCode(301);
      raw.setHeader("Content-Type", "text/html; charset=UTF-8");
      raw.setHeader("Content-Length", doc.length);
      raw.setHeader("Content-Security-Policy", "default-src 'none'");
      raw.setHeader("X-Content-Type-Options", "nosniff");
      raw.setHeader("Location", loc);
      raw.end(doc);
    }

    @Override
    void headers(Transfer t, String path, Stats stat) throws Exception {
      StaticOptions.SetHeaders hook = options.setHeaders();
      if (hook != null) hook.set(res, Path.of(path), new StaticFileAttributes(stat));
    }

    @Override
    void file() {
      // once a file is found its errors (412, 416, read failures) are always the app's business
      if (options.fallthrough()) forwardError = true;
    }

    @Override
    void error(Throwable err) {
      if (forwardError || !(err instanceof HttpError he) || he.status() >= 500) {
        next.fail(err);
      } else {
        next.run();
      }
    }
  }

  /**
   * The original URL with a slash appended to its path, query and fragment kept, leading slashes
   * collapsed: what {@code url.format} gives for the parsed original URL in serve-static.
   */
  static String redirectTarget(String originalUrl) {
    String url = originalUrl;
    String prefix = "";
    int pathStart = 0;
    if (!url.startsWith("/")) {
      int scheme = url.indexOf("://");
      if (scheme != -1) {
        int slash = -1;
        for (int i = scheme + 3; i < url.length(); i++) {
          char c = url.charAt(i);
          if (c == '/' || c == '?' || c == '#') {
            slash = i;
            break;
          }
        }
        int authorityEnd = slash == -1 ? url.length() : slash;
        // url.parse lower-cases the scheme and the host name
        String authority = url.substring(scheme + 3, authorityEnd);
        int at = authority.lastIndexOf('@');
        prefix = url.substring(0, scheme).toLowerCase(Locale.ROOT) + "://"
            + authority.substring(0, at + 1) + authority.substring(at + 1).toLowerCase(Locale.ROOT);
        pathStart = authorityEnd;
      }
    }
    int end = url.length();
    int hash = url.indexOf('#', pathStart);
    int query = url.indexOf('?', pathStart);
    if (hash != -1 && query > hash) query = -1;
    int pathEnd = query != -1 ? query : hash != -1 ? hash : end;
    String pathname = url.substring(pathStart, pathEnd);
    if (pathname.isEmpty() && !prefix.isEmpty()) pathname = "/";
    String rest = url.substring(pathEnd);
    return prefix + collapseLeadingSlashes(pathname + "/") + rest;
  }

  private static String collapseLeadingSlashes(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '/') i++;
    return i > 1 ? "/" + s.substring(i) : s;
  }

  static byte[] htmlDocument(String title, String body) {
    String doc = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title
        + "</title>\n</head>\n<body>\n<pre>" + body + "</pre>\n</body>\n</html>\n";
    return doc.getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ the transfer (send)

  /** The listeners of one transfer; send's events. */
  abstract static class Hooks {
    /** The path is a directory. */
    abstract void directory(Transfer t);

    /** The file was found; set custom headers before the standard ones. */
    void headers(Transfer t, String path, Stats stat) throws Exception {}

    /** The file was found. */
    void file() {}

    /** The file starts streaming. */
    void stream() {}

    /** The file was read to its end. */
    void end() {}

    /** The transfer failed: an {@link HttpError} with send's status, or a hook's exception. */
    abstract void error(Throwable err);
  }

  /** One file answer, as a SendStream of the send package. Loop thread only. */
  static final class Transfer {
    final Request req;
    final ServerResponse raw;
    private final String path;
    private final boolean decoded;
    private final Hooks hooks;
    private final boolean acceptRanges;
    private final boolean cacheControl;
    private final boolean etag;
    private final SendFileOptions.Dotfiles dotfiles;
    private final List<String> extensions;
    private final List<String> index;
    private final boolean lastModified;
    private final String cacheControlValue;
    private final String root;
    /** The response's connection closed before it finished. */
    private boolean closed;

    Transfer(Request req, Response res, String path, boolean decoded, Hooks hooks, boolean acceptRanges,
        boolean cacheControl, boolean etag, SendFileOptions.Dotfiles dotfiles, List<String> extensions,
        boolean immutable, List<String> index, boolean lastModified, String cacheControlValue, String root) {
      this.req = req;
      this.raw = res.raw();
      this.path = path;
      this.decoded = decoded;
      this.hooks = hooks;
      this.acceptRanges = acceptRanges;
      this.cacheControl = cacheControl;
      this.etag = etag;
      this.dotfiles = dotfiles;
      this.extensions = extensions;
      this.index = index;
      this.lastModified = lastModified;
      this.cacheControlValue = cacheControlValue;
      this.root = root;
    }

    boolean hasTrailingSlash() {
      return !path.isEmpty() && path.charAt(path.length() - 1) == '/';
    }

    void error(int status, Throwable cause, Map<String, String> headers) {
      String message = cause != null && cause.getMessage() != null ? cause.getMessage() : null;
      hooks.error(new HttpError(status, message, null, headers == null ? Map.of() : headers, cause));
    }

    private void statError(Throwable err) {
      String code = err instanceof NodeException ne ? ne.code() : null;
      if ("ENAMETOOLONG".equals(code) || "ENOENT".equals(code) || "ENOTDIR".equals(code)) error(404, err, null);
      else error(500, err, null);
    }

    /** send's pipe(): checks the path, then looks the file up. */
    void start() {
      if (!raw.finished()) raw.once(Stream.CLOSE, v -> closed = !raw.finished());
      String p = path;
      if (!decoded) {
        try {
          p = UriCodec.decodeURIComponent(p);
        } catch (IllegalArgumentException e) {
          error(400, null, null);
          return;
        }
      }
      if (p.indexOf('\0') != -1) {
        error(400, null, null);
        return;
      }
      boolean dotfile;
      if (root != null) {
        if (!p.isEmpty()) p = SendPaths.normalize("./" + p);
        if (SendPaths.hasUpSegment(p)) {
          error(403, null, null);
          return;
        }
        dotfile = SendPaths.containsDotFile(p);
        p = SendPaths.join(root, p);
      } else {
        if (SendPaths.hasUpSegment(p)) {
          error(403, null, null);
          return;
        }
        dotfile = SendPaths.containsDotFile(SendPaths.normalize(p));
        p = SendPaths.resolve(p);
      }
      if (dotfile) {
        switch (dotfiles) {
          case ALLOW -> {}
          case DENY -> {
            error(403, null, null);
            return;
          }
          default -> {
            error(404, null, null);
            return;
          }
        }
      }
      if (!index.isEmpty() && hasTrailingSlash()) sendIndex(p, 0, null);
      else sendFile(p);
    }

    private void sendFile(String p) {
      Fs.stat(p, (err, stat) -> guarded(() -> {
        boolean endsWithSep = p.endsWith("/");
        if (err != null && isCode(err, "ENOENT") && SendPaths.extname(p).isEmpty() && !endsWithSep) {
          tryExtension(p, 0, err);
          return;
        }
        if (err != null) {
          statError(err);
          return;
        }
        if (stat.isDirectory()) {
          hooks.directory(this);
          return;
        }
        if (endsWithSep) {
          error(404, null, null);
          return;
        }
        hooks.file();
        send(p, stat);
      }));
    }

    private void tryExtension(String p, int i, Throwable lastErr) {
      if (i >= extensions.size()) {
        if (lastErr != null) statError(lastErr);
        else error(404, null, null);
        return;
      }
      String candidate = p + "." + extensions.get(i);
      Fs.stat(candidate, (err, stat) -> guarded(() -> {
        if (err != null) {
          tryExtension(p, i + 1, err);
        } else if (stat.isDirectory()) {
          tryExtension(p, i + 1, null);
        } else {
          hooks.file();
          send(candidate, stat);
        }
      }));
    }

    private void sendIndex(String dir, int i, Throwable lastErr) {
      if (i >= index.size()) {
        if (lastErr != null) statError(lastErr);
        else error(404, null, null);
        return;
      }
      String candidate = SendPaths.join(dir, index.get(i));
      Fs.stat(candidate, (err, stat) -> guarded(() -> {
        if (err != null) {
          sendIndex(dir, i + 1, err);
        } else if (stat.isDirectory()) {
          sendIndex(dir, i + 1, null);
        } else {
          hooks.file();
          send(candidate, stat);
        }
      }));
    }

    private interface Step {
      void run() throws Exception;
    }

    /** A hook that throws fails the transfer rather than the loop. */
    private void guarded(Step step) {
      try {
        step.run();
      } catch (Exception e) {
        hooks.error(e);
      }
    }

    private static boolean isCode(Throwable err, String code) {
      return err instanceof NodeException ne && code.equals(ne.code());
    }

    /** send's send(): headers, preconditions, freshness, ranges, then the body. */
    private void send(String p, Stats stat) throws Exception {
      if (raw.headersSent()) {
        error(500, new IllegalStateException("Can't set headers after they are sent."), null);
        return;
      }
      hooks.headers(this, p, stat);
      long mtime = stat.mtime().toEpochMilli();
      if (acceptRanges && raw.getHeader("Accept-Ranges") == null) raw.setHeader("Accept-Ranges", "bytes");
      if (cacheControl && raw.getHeader("Cache-Control") == null) raw.setHeader("Cache-Control", cacheControlValue);
      if (lastModified && raw.getHeader("Last-Modified") == null) raw.setHeader("Last-Modified", HttpDates.format(mtime));
      if (etag && raw.getHeader("ETag") == null) raw.setHeader("ETag", ETags.ofFile(stat.size(), mtime, true));
      if (raw.getHeader("Content-Type") == null) {
        String type = MimeTypes.contentType(SendPaths.extname(p));
        raw.setHeader("Content-Type", type == null ? "application/octet-stream" : type);
      }

      IncomingMessage in = req.raw();
      if (isConditionalGet(in)) {
        if (isPreconditionFailure(in)) {
          error(412, null, null);
          return;
        }
        int status = raw.statusCode();
        boolean cachable = (status >= 200 && status < 300) || status == 304;
        if (cachable && Fresh.isFresh(in.header("if-none-match"), in.header("if-modified-since"),
            in.header("cache-control"), raw.getHeader("ETag"), raw.getHeader("Last-Modified"))) {
          raw.removeHeader("Content-Encoding");
          raw.removeHeader("Content-Language");
          raw.removeHeader("Content-Length");
          raw.removeHeader("Content-Range");
          raw.removeHeader("Content-Type");
          raw.statusCode(304);
          raw.end();
          return;
        }
      }

      long len = stat.size();
      long offset = 0;
      String range = in.header("range");
      if (acceptRanges && range != null && isBytesRange(range)) {
        RangeParser.Result ranges = RangeParser.parse(len, range, true);
        int outcome = ranges.status();
        if (!isRangeFresh(in)) outcome = RangeParser.MALFORMED;
        if (outcome == RangeParser.UNSATISFIABLE) {
          String contentRange = "bytes */" + len;
          raw.setHeader("Content-Range", contentRange);
          error(416, null, Map.of("Content-Range", contentRange));
          return;
        }
        if (outcome == RangeParser.OK && ranges.ranges().size() == 1) {
          RangeParser.Range r = ranges.ranges().get(0);
          raw.statusCode(206);
          raw.setHeader("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + len);
          offset = r.start();
          len = r.end() - r.start() + 1;
        }
      }
      long end = Math.max(offset, offset + len - 1);
      raw.setHeader("Content-Length", len);
      if (req.method().equals("HEAD")) {
        raw.end();
        return;
      }
      stream(p, offset, end);
    }

    private void stream(String p, long start, long end) {
      if (closed) {
        // the client is gone: nothing will read the file (send would open it and close it at once)
        hooks.stream();
        return;
      }
      FileReadStream file = Fs.createReadStream(p, ReadStreamOptions.defaults().start(start).end(end));
      hooks.stream();
      Consumer<Void> cleanup = v -> {
        if (!file.destroyed()) file.destroy();
      };
      raw.once(Stream.FINISH, cleanup);
      raw.once(Stream.CLOSE, cleanup);
      file.on(Stream.ERROR, err -> {
        cleanup.accept(null);
        statError(err);
      });
      file.on(Stream.END, v -> hooks.end());
      file.pipe(raw);
    }

    private static boolean isConditionalGet(IncomingMessage in) {
      return nonEmpty(in.header("if-match")) || nonEmpty(in.header("if-unmodified-since"))
          || nonEmpty(in.header("if-none-match")) || nonEmpty(in.header("if-modified-since"));
    }

    private static boolean nonEmpty(String s) {
      return s != null && !s.isEmpty();
    }

    private boolean isPreconditionFailure(IncomingMessage in) {
      String match = in.header("if-match");
      if (nonEmpty(match)) {
        String tag = raw.getHeader("ETag");
        if (tag == null || tag.isEmpty()) return true;
        if (match.equals("*")) return false;
        for (String m : tokenList(match)) {
          if (m.equals(tag) || ("W/" + m).equals(tag) || m.equals("W/" + tag)) return false;
        }
        return true;
      }
      long unmodifiedSince = HttpDates.parse(in.header("if-unmodified-since"));
      if (unmodifiedSince != HttpDates.INVALID) {
        long modified = HttpDates.parse(raw.getHeader("Last-Modified"));
        return modified == HttpDates.INVALID || modified > unmodifiedSince;
      }
      return false;
    }

    private boolean isRangeFresh(IncomingMessage in) {
      String ifRange = in.header("if-range");
      if (ifRange == null || ifRange.isEmpty()) return true;
      if (ifRange.indexOf('"') != -1) {
        String tag = raw.getHeader("ETag");
        return tag != null && !tag.isEmpty() && ifRange.contains(tag);
      }
      long modified = HttpDates.parse(raw.getHeader("Last-Modified"));
      long since = HttpDates.parse(ifRange);
      return modified != HttpDates.INVALID && since != HttpDates.INVALID && modified <= since;
    }

    /** send's {@code /^ *bytes=/}. */
    private static boolean isBytesRange(String range) {
      int i = 0;
      while (i < range.length() && range.charAt(i) == ' ') i++;
      return range.startsWith("bytes=", i);
    }

    /** send's parseTokenList: comma-separated, spaces around entries dropped. */
    private static List<String> tokenList(String s) {
      java.util.ArrayList<String> list = new java.util.ArrayList<>();
      int start = 0;
      int end = 0;
      for (int i = 0, n = s.length(); i < n; i++) {
        char c = s.charAt(i);
        if (c == ' ') {
          if (start == end) start = end = i + 1;
        } else if (c == ',') {
          if (start != end) list.add(s.substring(start, end));
          start = end = i + 1;
        } else {
          end = i + 1;
        }
      }
      if (start != end) list.add(s.substring(start, end));
      return list;
    }
  }
}
