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

  /**
   * Node's {@code http.request(url, callback)}: a request to {@code url}; write a body (or not)
   * and call {@code end()}. {@code onResponse} (may be null) is added for 'response'.
   */
  public static ClientRequest request(String url, java.util.function.Consumer<IncomingMessage> onResponse) {
    return new ClientRequest(ClientRequest.Options.of(url), onResponse);
  }

  /** Node's {@code http.request(options, callback)}. */
  public static ClientRequest request(ClientRequest.Options options,
      java.util.function.Consumer<IncomingMessage> onResponse) {
    return new ClientRequest(options, onResponse);
  }

  /** Node's {@code http.get}: a GET that is ended at once. */
  public static ClientRequest get(String url, java.util.function.Consumer<IncomingMessage> onResponse) {
    ClientRequest r = request(url, onResponse);
    r.end();
    return r;
  }

  /** A server with the given options. */
  public static HttpServer createServer(HttpServer.Options options, RequestHandler handler) {
    return new HttpServer(options, handler);
  }
}
