package dev.eddy.web;

import dev.eddy.Buffer;
import dev.eddy.EventEmitter;
import dev.eddy.http.IncomingMessage;
import dev.eddy.stream.Stream;
import dev.eddy.web.internal.ContentType;
import dev.eddy.web.internal.TypeIs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The shared reading step of the body parsers (body-parser's {@code read}): decides whether to
 * parse, checks the charset and content encoding, collects the body within the limit without
 * ever holding more than the limit (plus the compressed input, itself bounded), decodes it and
 * hands it to the parser. Every failure is an {@link HttpError} with body-parser's status and
 * type, passed on only after the rest of the request has been read and discarded, so the
 * connection stays usable.
 */
final class BodyReader {
  /** Turns the decoded text (or bytes for raw) into req.body; throws to answer 400. */
  interface Parse {
    Object parse(Object body, String charset) throws Exception;
  }

  private final BodyOptions options;
  private final Predicate<Request> shouldParse;
  private final Predicate<String> validCharset;
  private final String defaultCharset;
  private final boolean skipCharset;
  private final Parse parse;

  BodyReader(BodyOptions options, String defaultType, Predicate<String> validCharset, boolean skipCharset, Parse parse) {
    this.options = options;
    List<String> types = options.types().isEmpty() ? List.of(defaultType) : options.types();
    this.shouldParse = options.typeMatcher() != null
        ? options.typeMatcher()
        : req -> TypeIs.is(req.raw().header("content-type"), types) != null;
    this.validCharset = validCharset;
    this.defaultCharset = options.defaultCharset();
    this.skipCharset = skipCharset;
    this.parse = parse;
  }

  Middleware middleware() {
    return this::read;
  }

  private void read(Request req, Response res, Next next) {
    IncomingMessage in = req.raw();
    if (in.readableEnded()) {
      next.run();
      return;
    }
    if (!req.hasBody() || !shouldParse.test(req)) {
      next.run();
      return;
    }
    String encoding = null;
    if (!skipCharset) {
      String cs = ContentType.parameter(in.header("content-type"), "charset");
      encoding = cs != null ? cs.toLowerCase(Locale.ROOT) : defaultCharset;
      if (validCharset != null && !validCharset.test(encoding)) {
        next.fail(charsetError(encoding));
        return;
      }
      if (options.verify() != null && charset(encoding) == null) {
        next.fail(charsetError(encoding));
        return;
      }
    }
    String ce = in.header("content-encoding");
    String contentEncoding = ce == null ? "identity" : ce.toLowerCase(Locale.ROOT);
    if (!options.inflate() && !contentEncoding.equals("identity")) {
      next.fail(new HttpError(415, "content encoding unsupported", "encoding.unsupported", Map.of(), null));
      return;
    }
    if (!contentEncoding.equals("identity") && !contentEncoding.equals("gzip")
        && !contentEncoding.equals("deflate") && !contentEncoding.equals("br")) {
      next.fail(new HttpError(415, "unsupported content encoding \"" + contentEncoding + "\"", "encoding.unsupported", Map.of(), null));
      return;
    }
    long limit = options.limit();
    Long length = null;
    if (contentEncoding.equals("identity")) {
      String cl = in.header("content-length");
      if (cl != null) {
        try {
          length = Long.parseLong(cl.trim());
        } catch (NumberFormatException ignored) {
          // the HTTP parser already refused malformed lengths
        }
      }
      if (length != null && length > limit) {
        fail(req, next, tooLarge());
        return;
      }
    }
    new Collector(req, res, next, contentEncoding, encoding, length, limit).start();
  }

  private static HttpError tooLarge() {
    return new HttpError(413, "request entity too large", "entity.too.large", Map.of(), null);
  }

  private static HttpError charsetError(String encoding) {
    return new HttpError(415, "unsupported charset \"" + encoding.toUpperCase(Locale.ROOT) + "\"", "charset.unsupported", Map.of(), null);
  }

  /** Reads and discards the rest of the request, then passes the error on (body-parser's dump). */
  static void fail(Request req, Next next, Throwable err) {
    IncomingMessage in = req.raw();
    if (in.readableEnded() || in.destroyed()) {
      next.fail(err);
      return;
    }
    boolean[] done = new boolean[1];
    Runnable once = () -> {
      if (!done[0]) {
        done[0] = true;
        next.fail(err);
      }
    };
    in.removeAllListeners(Stream.DATA);
    in.on(Stream.DATA, chunk -> {});
    in.once(Stream.END, v -> once.run());
    in.once(Stream.CLOSE, v -> once.run());
    in.resume();
  }

  /** Collects one body. */
  private final class Collector {
    private final Request req;
    private final Response res;
    private final Next next;
    private final String contentEncoding;
    private final String encoding;
    private final Long length;
    private final long limit;
    private final boolean compressed;
    private final long inputCap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long received;
    private boolean finished;

    Collector(Request req, Response res, Next next, String contentEncoding, String encoding, Long length, long limit) {
      this.req = req;
      this.res = res;
      this.next = next;
      this.contentEncoding = contentEncoding;
      this.encoding = encoding;
      this.length = length;
      this.limit = limit;
      this.compressed = !contentEncoding.equals("identity");
      // compressed input of a body within the limit is at most the limit plus deflate's framing
      this.inputCap = compressed ? limit + limit / 100 + 4096 : limit;
    }

    void start() {
      IncomingMessage in = req.raw();
      in.on(Stream.DATA, this::onData);
      in.once(Stream.END, v -> onEnd());
      in.once(IncomingMessage.ABORTED, v -> onAborted());
      in.once(Stream.CLOSE, v -> onAborted());
      in.once(EventEmitter.ERROR, this::onError);
    }

    private void onData(Object chunk) {
      if (finished) return;
      Buffer b = (Buffer) chunk;
      received += b.length();
      if (received > inputCap) {
        stop(tooLarge());
        return;
      }
      byte[] arr = new byte[b.length()];
      b.copyTo(arr, 0);
      bytes.write(arr, 0, arr.length);
    }

    private void onAborted() {
      if (finished) return;
      finished = true;
      detach();
      next.fail(new HttpError(400, "request aborted", "request.aborted", Map.of(), null));
    }

    private void onError(Throwable err) {
      if (finished) return;
      finished = true;
      detach();
      next.fail(new HttpError(400, err.getMessage(), null, Map.of(), err));
    }

    private void stop(HttpError err) {
      finished = true;
      detach();
      fail(req, next, err);
    }

    private void detach() {
      IncomingMessage in = req.raw();
      in.removeAllListeners(Stream.DATA);
    }

    private void onEnd() {
      if (finished) return;
      finished = true;
      detach();
      byte[] body = bytes.toByteArray();
      if (!compressed && length != null && body.length != length) {
        next.fail(new HttpError(400, "request size did not match content length", "request.size.invalid", Map.of(), null));
        return;
      }
      if (compressed) {
        try {
          body = inflate(contentEncoding, body, limit);
        } catch (HttpError e) {
          next.fail(e);
          return;
        } catch (IOException e) {
          next.fail(new HttpError(400, e.getMessage() == null ? "invalid compressed data" : e.getMessage(), null, Map.of(), e));
          return;
        }
      }
      if (body.length > limit) {
        next.fail(tooLarge());
        return;
      }
      if (options.verify() != null) {
        try {
          options.verify().verify(req, res, body, encoding);
        } catch (Throwable e) {
          String type = e instanceof HttpError he && he.type() != null ? he.type() : "entity.verify.failed";
          next.fail(new HttpError(403, e.getMessage(), type, Map.of(), e));
          return;
        }
      }
      Object value;
      try {
        Object input = body;
        if (encoding != null) {
          Charset cs = charset(encoding);
          if (cs == null) {
            next.fail(charsetError(encoding));
            return;
          }
          String text = new String(body, cs);
          if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
          input = text;
        }
        value = parse.parse(input, encoding);
      } catch (HttpError e) {
        next.fail(e);
        return;
      } catch (Throwable e) {
        next.fail(new HttpError(400, e.getMessage(), "entity.parse.failed", Map.of(), e));
        return;
      }
      req.body(value);
      next.run();
    }
  }

  /** Decompresses a whole body, stopping as soon as the output passes the limit (413). */
  static byte[] inflate(String contentEncoding, byte[] body, long limit) throws IOException {
    InputStream in = switch (contentEncoding) {
      case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
      case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
      case "br" -> new org.brotli.dec.BrotliInputStream(new ByteArrayInputStream(body));
      default -> throw new IllegalStateException(contentEncoding);
    };
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) != -1) {
        out.write(buf, 0, n);
        if (out.size() > limit) throw tooLarge();
      }
      return out.toByteArray();
    } catch (java.io.EOFException e) {
      throw new IOException("unexpected end of file", e);
    }
  }

  /** A Java charset for an iconv-lite name, or null when unknown. */
  static Charset charset(String name) {
    String n = switch (name) {
      case "ucs2", "ucs-2", "utf16le", "utf-16le" -> "UTF-16LE";
      case "binary", "latin1" -> "ISO-8859-1";
      case "utf16", "utf-16" -> "UTF-16LE";
      default -> name;
    };
    try {
      return Charset.forName(n);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
