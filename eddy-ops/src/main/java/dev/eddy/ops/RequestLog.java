package dev.eddy.ops;

import dev.eddy.web.Middleware;
import dev.eddy.web.Request;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Request logging in the spirit of pino-http: one line per answered request, with the request id
 * ({@code X-Request-Id} taken from the request when it looks like an id, else a random UUID, and
 * set on the response), method, path (the query string is dropped, it often carries tokens),
 * status, response time in milliseconds, bytes sent and the client address, as SLF4J key-value
 * pairs (fields of the JSON line in production, see {@link Logging}). Headers are not logged unless
 * asked for, and then {@code Authorization}, {@code Cookie}, {@code Set-Cookie}, {@code
 * Proxy-Authorization} and {@code X-Api-Key} are written as {@code [Redacted]}. 5xx answers log at
 * WARN, others at INFO. The request id is on the request under {@link #ID}.
 */
public final class RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.eddy.ops.RequestLog");
  private static final Set<String> REDACTED = Set.of("authorization", "cookie", "set-cookie", "proxy-authorization", "x-api-key");

  /** The request's id. */
  public static final Request.Key<String> ID = Request.Key.of("requestId");

  private RequestLog() {}

  /** The middleware without headers in the log line. */
  public static Middleware middleware() {
    return middleware(List.of());
  }

  /** The middleware, also logging these request headers (sensitive ones redacted). */
  public static Middleware middleware(List<String> headers) {
    List<String> logged = headers.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    return (req, res, next) -> {
      long start = System.nanoTime();
      String id = requestId(req.get("x-request-id"));
      req.set(ID, id);
      var raw = res.raw();
      raw.setHeader("X-Request-Id", id);
      raw.whenDone(() -> {
        int status = raw.statusCode();
        LoggingEventBuilder e = status >= 500 ? LOG.atWarn() : LOG.atInfo();
        e = e.addKeyValue("reqId", id)
            .addKeyValue("method", req.method())
            .addKeyValue("path", req.originalPath())
            .addKeyValue("status", raw.writableFinished() ? status : "aborted")
            .addKeyValue("responseTimeMs", (System.nanoTime() - start) / 1_000_000.0)
            .addKeyValue("remoteAddress", req.ip());
        List<String> trace = Tracing.ids(req);
        if (!trace.isEmpty()) {
          e = e.addKeyValue("traceId", trace.get(0)).addKeyValue("spanId", trace.get(1));
        }
        for (String h : logged) {
          String v = req.get(h);
          if (v != null) e = e.addKeyValue("header." + h, REDACTED.contains(h) ? "[Redacted]" : v);
        }
        e.log(status >= 500 ? "request failed" : "request completed");
      });
      next.run();
    };
  }

  /** The incoming id when it is short and made of id characters, else a new UUID. */
  static String requestId(String incoming) {
    if (incoming != null && !incoming.isEmpty() && incoming.length() <= 128) {
      boolean ok = true;
      for (int i = 0; ok && i < incoming.length(); i++) {
        char c = incoming.charAt(i);
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
      }
      if (ok) return incoming;
    }
    return UUID.randomUUID().toString();
  }
}
