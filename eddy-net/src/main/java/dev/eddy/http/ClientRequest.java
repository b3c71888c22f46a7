package dev.eddy.http;

import dev.eddy.Buffer;
import dev.eddy.Event;
import dev.eddy.NodeException;
import dev.eddy.http.internal.OutBuf;
import dev.eddy.net.Socket;
import dev.eddy.stream.StreamOptions;
import dev.eddy.stream.Writable;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Node's {@code http.ClientRequest}: an outgoing request as a {@link Writable} of body bytes.
 * Set headers, write the body (or none) and {@code end()}; the answer arrives as {@link
 * #RESPONSE} with an {@link IncomingMessage} to read. Without a Content-Length a POST/PUT/PATCH
 * body is sent chunked; {@code end(body)} before anything was sent sets Content-Length. Redirects
 * are not followed (as Node). Errors ('error'): connect failures (ECONNREFUSED, ENOTFOUND), a
 * connection closed before the answer ({@code ECONNRESET "socket hang up"}), a malformed answer
 * ({@code HPE_*}). Loop thread only.
 */
public class ClientRequest extends Writable {
  /** The response head arrived; read the body from the message. */
  public static final Event<IncomingMessage> RESPONSE = Event.of("response");
  /** An interim 1xx answer (other than 101). */
  public static final Event<IncomingMessage> INFORMATION = Event.of("information");
  /** The server sent {@code 100 Continue}. */
  public static final Event<Void> CONTINUE = Event.of("continue");
  /** The request got a connection. */
  public static final Event<Socket> SOCKET = Event.of("socket");
  /** The connection was idle for the {@link Options#timeout} (the request is not aborted). */
  public static final Event<Void> TIMEOUT = Event.of("timeout");

  /** Request settings (Node's {@code http.request(options)}). */
  public static final class Options {
    String method = "GET";
    String host = "localhost";
    int port = 80;
    String path = "/";
    final LinkedHashMap<String, Object> headers = new LinkedHashMap<>();
    Agent agent;
    boolean noAgent;
    long timeoutMs;
    boolean setHost = true;

    /** Options from an {@code http://host:port/path?query} URL. */
    public static Options of(String url) {
      URI u = URI.create(url);
      if (!"http".equalsIgnoreCase(u.getScheme())) {
        throw new NodeException("TypeError", "ERR_INVALID_PROTOCOL",
            "Protocol \"" + u.getScheme() + ":\" not supported. Expected \"http:\"");
      }
      Options o = new Options();
      o.host = u.getHost();
      if (o.host != null && o.host.startsWith("[")) {
        o.host = o.host.substring(1, o.host.length() - 1);
      }
      o.port = u.getPort() < 0 ? 80 : u.getPort();
      String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      o.path = u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
      return o;
    }

    public Options method(String m) {
      method = m.toUpperCase(Locale.ROOT);
      return this;
    }

    public Options host(String h) {
      host = h;
      return this;
    }

    public Options port(int p) {
      port = p;
      return this;
    }

    /** The request target: path and query, as sent. No spaces or control characters. */
    public Options path(String p) {
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) <= ' ' || p.charAt(i) > '~') {
          throw new NodeException("TypeError", "ERR_UNESCAPED_CHARACTERS",
              "Request path contains unescaped characters");
        }
      }
      path = p;
      return this;
    }

    public Options header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Options headers(Map<String, ?> h) {
      headers.putAll(h);
      return this;
    }

    /** The agent to pool the connection in (default: {@link Agent#global()}). */
    public Options agent(Agent a) {
      agent = a;
      noAgent = false;
      return this;
    }

    /** A fresh connection just for this request, closed after it (Node's {@code agent: false}). */
    public Options noAgent() {
      agent = null;
      noAgent = true;
      return this;
    }

    /** Idle time on the connection before 'timeout' is emitted. */
    public Options timeout(Duration d) {
      timeoutMs = d.toMillis();
      return this;
    }

    /** Whether to add a Host header (default true). */
    public Options setHost(boolean v) {
      setHost = v;
      return this;
    }
  }

  final String method;
  final String host;
  final int port;
  final String path;
  private final Agent agent;
  private final OutgoingHeaders headers = new OutgoingHeaders();
  boolean shouldKeepAlive;
  private final boolean useChunkedByDefault;
  private boolean headerSent;
  private boolean chunked;
  private long lengthHint = -1;
  private ClientConnection conn;
  private boolean socketReady;
  private final List<Object[]> pending = new ArrayList<>();
  private Consumer<Throwable> pendingFinal;
  private boolean writeFinished;
  private IncomingMessage res;
  private boolean failed;
  private final long timeoutMs;

  ClientRequest(Options o, Consumer<IncomingMessage> onResponse) {
    super(StreamOptions.defaults().autoDestroy(false));
    this.method = o.method;
    this.host = o.host;
    this.port = o.port;
    this.path = o.path;
    this.timeoutMs = o.timeoutMs;
    this.agent = o.noAgent ? new Agent(new Agent.Options()) : o.agent != null ? o.agent : Agent.global();
    this.shouldKeepAlive = agent.options.keepAlive;
    this.useChunkedByDefault = switch (method) {
      case "GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT" -> false;
      default -> true;
    };
    o.headers.forEach((k, v) -> {
      if (v instanceof List<?> l) {
        setHeader(k, l.stream().map(String::valueOf).toList());
      } else {
        setHeader(k, String.valueOf(v));
      }
    });
    if (o.setHost && getHeader("host") == null) {
      String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      setHeader("Host", port == 80 ? h : h + ":" + port);
    }
    if (onResponse != null) {
      once(RESPONSE, onResponse);
    }
    dev.eddy.Eddy.nextTick(() -> {
      if (!destroyed()) {
        agent.addRequest(this);
      }
    });
  }

  String originKey() {
    return host + ":" + port;
  }

  // ----------------------------------------------------------------------------------------------
  // headers
  // ----------------------------------------------------------------------------------------------

  /** Sets a header before the head is sent (ERR_HTTP_HEADERS_SENT after). */
  public ClientRequest setHeader(String name, String value) {
    return setHeader(name, List.of(value));
  }

  /** Sets a header sent as several lines. */
  public ClientRequest setHeader(String name, List<String> values) {
    if (headerSent) {
      throw new NodeException("Error", "ERR_HTTP_HEADERS_SENT", "Cannot set headers after they are sent to the client");
    }
    ServerResponse.checkToken(name);
    for (String v : values) {
      ServerResponse.checkValue(name, v);
    }
    headers.put(name, values.size() == 1 ? values.get(0) : List.copyOf(values));
    return this;
  }

  /** The header's value (several joined with ", "), or null. */
  public String getHeader(String name) {
    return headers.get(name);
  }

  public ClientRequest removeHeader(String name) {
    if (headerSent) {
      throw new NodeException("Error", "ERR_HTTP_HEADERS_SENT", "Cannot remove headers after they are sent to the client");
    }
    headers.remove(name);
    return this;
  }

  /** The method, e.g. "GET". */
  public String method() {
    return method;
  }

  /** The request target. */
  public String path() {
    return path;
  }

  /** The response, once it arrived. */
  public IncomingMessage response() {
    return res;
  }

  // ----------------------------------------------------------------------------------------------
  // body
  // ----------------------------------------------------------------------------------------------

  @Override
  public void end(Object chunk, Consumer<Throwable> callback) {
    if (!headerSent && !writableEnded()) {
      lengthHint = OutgoingHeaders.bodyLength(chunk);
    }
    super.end(chunk instanceof byte[] a ? Buffer.wrap(a) : chunk, callback);
  }

  @Override
  protected void doWrite(Object chunk, Consumer<Throwable> callback) {
    Buffer b = (Buffer) chunk;
    OutBuf out = new OutBuf(b.length() + 512);
    if (!headerSent) {
      composeHead(out);
    }
    if (b.length() > 0) {
      if (chunked) {
        out.writeHex(b.length()).crlf();
      }
      out.write(b.asByteBuffer());
      if (chunked) {
        out.crlf();
      }
    }
    send(out, callback);
  }

  @Override
  protected boolean hasFinal() {
    return true;
  }

  @Override
  protected void doFinal(Consumer<Throwable> callback) {
    OutBuf out = new OutBuf(256);
    if (!headerSent) {
      lengthHint = Math.max(0, lengthHint);
      composeHead(out);
    }
    if (chunked) {
      out.writeByte('0').crlf().crlf();
    }
    if (out.size() == 0) {
      finalDone(callback);
      return;
    }
    send(out, e -> finalDone(callback));
  }

  private void finalDone(Consumer<Throwable> callback) {
    writeFinished = true;
    callback.accept(null);
    if (conn != null && socketReady) {
      conn.requestFinished();
    }
  }

  boolean writeFinished() {
    return writeFinished;
  }

  private void send(OutBuf out, Consumer<Throwable> cb) {
    ByteBuffer bytes = ByteBuffer.wrap(out.array(), 0, out.size());
    if (conn == null || !socketReady) {
      pending.add(new Object[] {bytes, cb});
      return;
    }
    if (conn.write(bytes, cb)) {
      cb.accept(null);
    }
  }

  private void composeHead(OutBuf h) {
    headerSent = true;
    h.writeLatin1(method).writeByte(' ').writeLatin1(path).writeLatin1(" HTTP/1.1").crlf();
    boolean hasConnection = false;
    boolean hasLength = false;
    boolean hasTe = false;
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      List<String> v = OutgoingHeaders.valuesOf(headers.value(i));
      if (name.equalsIgnoreCase("connection")) {
        hasConnection = true;
        for (String each : v) {
          if (ServerResponse.hasToken(each, "close")) {
            shouldKeepAlive = false;
          }
        }
      } else if (name.equalsIgnoreCase("content-length")) {
        hasLength = true;
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        hasTe = true;
        chunked = v.get(v.size() - 1).toLowerCase(Locale.ROOT).trim().endsWith("chunked");
      }
    }
    headers.writeTo(h);
    if (!hasConnection) {
      h.writeLatin1(shouldKeepAlive ? "Connection: keep-alive" : "Connection: close").crlf();
    }
    if (!hasLength && !hasTe && useChunkedByDefault) {
      if (lengthHint >= 0) {
        h.writeLatin1("Content-Length: ").writeDecimal(lengthHint).crlf();
      } else {
        h.writeLatin1("Transfer-Encoding: chunked").crlf();
        chunked = true;
      }
    }
    h.crlf();
  }

  // ----------------------------------------------------------------------------------------------
  // connection events (from ClientConnection)
  // ----------------------------------------------------------------------------------------------

  void attach(ClientConnection c) {
    this.conn = c;
    emit(SOCKET, c.socket);
    if (timeoutMs > 0) {
      c.socket.setTimeout(timeoutMs, null);
    }
  }

  void socketReady() {
    socketReady = true;
    List<Object[]> queued = new ArrayList<>(pending);
    pending.clear();
    for (Object[] p : queued) {
      @SuppressWarnings("unchecked")
      Consumer<Throwable> cb = (Consumer<Throwable>) p[1];
      if (conn.write((ByteBuffer) p[0], cb)) {
        cb.accept(null);
      }
    }
    if (writeFinished) {
      conn.requestFinished();
    }
  }

  void detach() {
    if (timeoutMs > 0 && conn != null) {
      conn.socket.setTimeout(0, null);
    }
    conn = null;
  }

  void information(IncomingMessage m) {
    if (m.statusCode() == 100) {
      emit(CONTINUE, null);
    }
    emit(INFORMATION, m);
  }

  void response(IncomingMessage m) {
    res = m;
    if (listenerCount(RESPONSE) == 0) {
      m.dumped = true;
      m.resume(); // as Node: an answer nobody reads is drained so the connection can be reused
    } else {
      emit(RESPONSE, m);
    }
  }

  void fail(Throwable e) {
    if (failed) {
      return;
    }
    failed = true;
    if (res != null && !res.complete()) {
      res.destroy(e);
      return;
    }
    if (res == null) {
      emit(ERROR, e);
    }
  }

  @Override
  protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
    if (conn != null) {
      conn.socket.destroy();
    } else {
      agent.requestAborted(this);
    }
    callback.accept(error);
  }
}
