package dev.eddy.http;

import dev.eddy.http.internal.StatusCodes;
import java.util.Map;

/**
 * Node's {@code http} module: {@link #createServer}. Call on a loop thread.
 *
 * <pre>{@code
 * Http.createServer((req, res) -> res.end("Hello")).listen(3000, null);
 * }</pre>
 */
public final class Http {
  private Http() {}

  /** Node's {@code http.STATUS_CODES}. */
  public static final Map<Integer, String> STATUS_CODES = StatusCodes.asMap();

  /** A server with Node's default options; call {@code listen} on it. */
  public static HttpServer createServer(RequestHandler handler) {
    return new HttpServer(new HttpServer.Options(), handler);
  }

  /** A server with the given options. */
  public static HttpServer createServer(HttpServer.Options options, RequestHandler handler) {
    return new HttpServer(options, handler);
  }
}
