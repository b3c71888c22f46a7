package dev.eddy.http;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.NodeException;
import dev.eddy.http.internal.OutBuf;
import dev.eddy.http.internal.StatusCodes;
import dev.eddy.net.Socket;
import dev.eddy.stream.StreamOptions;
import dev.eddy.stream.Writable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Node's {@code http.ServerResponse}: the answer to one request, as a {@link Writable} of body
 * bytes. Set {@link #statusCode(int)} and headers, then {@code write}/{@code end}; or {@link
 * #writeHead}. Without a Content-Length the body is sent chunked (HTTP/1.1) or delimited by the
 * close (HTTP/1.0); {@code end(chunk)} before the head is sent sets Content-Length itself, as
 * Node does. A {@code Date} header is added (cached once a second), and {@code Connection:
 * keep-alive} or {@code close} as the request allows.
 *
 * <p>Pipelined requests are answered in order: a response written early is held until the ones
 * before it have finished. Events: 'finish' when the whole response has been handed to the
 * connection, 'close' after it or when the connection closes first. Loop thread only. Header
 * names must be HTTP tokens and values must not hold CR, LF or NUL (ERR_INVALID_HTTP_TOKEN,
 * ERR_INVALID_CHAR): a response cannot be split by its own headers.
 */
public class ServerResponse extends Writable {
  /** Read by the stream constructor only, so one instance serves every response. */
  private static final StreamOptions OPTIONS = StreamOptions.defaults().autoDestroy(false).emitClose(false);

  final HttpConnection conn;
  final IncomingMessage req;
  private int statusCode = 200;
  private String statusMessage;
  // user headers in insertion order: the name as set and a String or an immutable List<String>;
  // plain arrays scanned case-insensitively (a response has a handful), no map or lower-casing
  private final OutgoingHeaders headers;
  private boolean headerComposed;
  private boolean headerWritten;
  // decided when the head is locked (writeHead or the first write), emitted at the first write
  private byte connectionLine; // 0: the user's own, 1: close, 2: keep-alive
  private long autoLength = -1;
  boolean hasBody = true;
  private boolean chunked;
  boolean last;
  boolean shouldKeepAlive;
  boolean useChunkedByDefault = true;
  private boolean sendDate = true;
  private long lengthHint = -1;
  private List<String[]> trailers;
  boolean finished;
  boolean expectContinue;
  /** This answers the last request maxRequestsPerSocket allows (Node's maxRequestsOnConnectionReached). */
  boolean maxRequestsReached;
  private boolean continueSent;
  /** Bytes written while an earlier response still holds the connection (pipelining). */
  OutBuf held;
  Consumer<Throwable> heldCallback;
  boolean closeEmitted;
  /** The {@link #whenDone} hooks: null, one Runnable, or a Runnable[]; DONE once they ran. */
  private Object doneHooks;
  private static final Object DONE = new Object();

  ServerResponse(HttpConnection conn, IncomingMessage req) {
    super(OPTIONS);
    this.conn = conn;
    this.req = req;
    this.headers = new OutgoingHeaders(conn.headersExpected);
    if ("HEAD".equals(req.method())) {
      hasBody = false;
    }
    if (req.httpVersionMajor() < 1 || req.httpVersionMinor() < 1) {
      String te = req.header("te");
      useChunkedByDefault = te != null && HttpConnection.containsWord(te, "chunked"); // Node's chunkExpression
    }
  }

  // ----------------------------------------------------------------------------------------------
  // status and headers
  // ----------------------------------------------------------------------------------------------

  /** The status code sent with the head (default 200). */
  public int statusCode() {
    return statusCode;
  }

  /** Sets the status code; the head has not been sent yet. */
  public ServerResponse statusCode(int code) {
    checkStatus(code);
    statusCode = code;
    return this;
  }

  /** The reason phrase, or Node's default for the code when none was set. */
  public String statusMessage() {
    return statusMessage != null ? statusMessage : StatusCodes.reason(statusCode);
  }

  /** Sets the reason phrase (no CR or LF). */
  public ServerResponse statusMessage(String message) {
    checkValue("statusMessage", message);
    statusMessage = message;
    return this;
  }

  /** Whether to add a Date header (default true). */
  public ServerResponse sendDate(boolean v) {
    sendDate = v;
    return this;
  }

  /**
   * Sets one header, replacing any value of the same name (case-insensitive).
   *
   * @throws NodeException ERR_HTTP_HEADERS_SENT after the head was sent, ERR_INVALID_HTTP_TOKEN
   *     for a bad name, ERR_INVALID_CHAR for a value holding CR, LF or another control character
   */
  public ServerResponse setHeader(String name, String value) {
    checkCanSet(name);
    checkValue(name, value);
    headers.put(name, value);
    return this;
  }

  /**
   * Sets every header of a pre-validated block, as {@link #setHeader(String, String)} would one by
   * one (an existing header of the same name is replaced in place).
   *
   * @throws NodeException ERR_HTTP_HEADERS_SENT once the head is composed
   */
  public ServerResponse setHeaders(HeaderBlock block) {
    if (headerComposed) {
      throw headersSentError("set");
    }
    headers.putBlock(block);
    return this;
  }

  /** Sets a header to a number. */
  public ServerResponse setHeader(String name, long value) {
    checkCanSet(name);
    // digits and a minus sign: nothing for checkValue to find
    headers.put(name, Long.toString(value));
    return this;
  }

  /** Sets a header sent as several lines (as Node's array values, e.g. several Set-Cookie). */
  public ServerResponse setHeader(String name, List<String> values) {
    checkCanSet(name);
    for (String v : values) {
      checkValue(name, v);
    }
    headers.put(name, List.copyOf(values));
    return this;
  }

  /** Adds a value to a header, keeping earlier ones (Node's appendHeader). */
  public ServerResponse appendHeader(String name, String value) {
    checkCanSet(name);
    checkValue(name, value);
    headers.append(name, value);
    return this;
  }

  /** The header's value (several values joined with ", "), or null. */
  public String getHeader(String name) {
    return headers.get(name);
  }

  /** Every value of the header, or an empty list. */
  public List<String> getHeaderValues(String name) {
    return headers.getAll(name);
  }

  /** The headers set so far, lower-case names to a String or a List of Strings. */
  public Map<String, Object> getHeaders() {
    return headers.toMap();
  }

  /** The lower-case names of the headers set so far. */
  public List<String> getHeaderNames() {
    return headers.lowerCaseNames();
  }

  public boolean hasHeader(String name) {
    return headers.find(name) >= 0;
  }

  /** Removes a header; after the head was sent it throws ERR_HTTP_HEADERS_SENT. */
  public ServerResponse removeHeader(String name) {
    if (headerComposed) {
      throw headersSentError("remove");
    }
    headers.remove(name);
    return this;
  }

  /** Whether the head has been composed (Node's {@code headersSent}: after writeHead or the first write). */
  public boolean headersSent() {
    return headerComposed;
  }

  /** Trailers to send after a chunked body (ignored when the body is not chunked). */
  public ServerResponse addTrailers(Map<String, String> fields) {
    if (trailers == null) {
      trailers = new ArrayList<>();
    }
    fields.forEach((k, v) -> {
      checkToken(k);
      checkValue(k, v);
      trailers.add(new String[] {k, v});
    });
    return this;
  }

  /** Writes the head with {@code statusCode}; headers set before are kept. */
  public ServerResponse writeHead(int statusCode) {
    return writeHead(statusCode, null, null);
  }

  /** Writes the head with {@code statusCode} and these extra headers. */
  public ServerResponse writeHead(int statusCode, Map<String, ?> headers) {
    return writeHead(statusCode, null, headers);
  }

  /**
   * Node's {@code writeHead(statusCode, statusMessage, headers)}: merges {@code headers} (values
   * are strings, numbers or lists) into those already set and composes the head; it is sent with
   * the first body bytes or at {@code end()}.
   *
   * @throws NodeException ERR_HTTP_HEADERS_SENT when called twice, ERR_HTTP_INVALID_STATUS_CODE
   *     for a code outside 100-999
   */
  public ServerResponse writeHead(int statusCode, String statusMessage, Map<String, ?> headers) {
    if (headerComposed) {
      throw new NodeException("Error", "ERR_HTTP_HEADERS_SENT",
          "Cannot write headers after they are sent to the client");
    }
    checkStatus(statusCode);
    this.statusCode = statusCode;
    if (statusMessage != null) {
      statusMessage(statusMessage);
    }
    if (headers != null) {
      headers.forEach((k, v) -> {
        if (v instanceof List<?> l) {
          setHeader(k, l.stream().map(String::valueOf).toList());
        } else {
          setHeader(k, String.valueOf(v));
        }
      });
    }
    composeHead();
    return this;
  }

  /** Sends {@code HTTP/1.1 100 Continue} (for a checkContinue handler). */
  public void writeContinue() {
    if (!continueSent) {
      continueSent = true;
      conn.writeInterim(this, CONTINUE);
    }
  }

  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  /** Sends the head now, without waiting for the body. */
  public void flushHeaders() {
    if (!headerComposed) {
      composeHead();
    }
    sendHeadIfNeeded();
    conn.scheduleFlush();
  }

  /** The request this answers. */
  public IncomingMessage req() {
    return req;
  }

  /** The connection (null after it was detached). */
  public Socket socket() {
    return conn.socket;
  }

  /**
   * Runs {@code hook} once when this response is over: just before its {@code 'close'} event, which
   * follows {@code 'finish'} when the answer went out, and comes alone when the connection closed
   * first ({@link #writableFinished()} tells the two apart). This is the on-finished idiom of
   * morgan, pino-http and response-time, without a listener registration per request: the way
   * for per-request instrumentation (metrics, tracing, request logs) to learn that a request is
   * done. Hooks run in the order they were added; one added after the close runs on the next tick.
   * A hook that throws is an uncaught exception, as a throwing listener is (the other hooks and
   * the close event still run).
   *
   * <p>Loop thread only.
   *
   * @param hook what to run
   * @return this response
   */
  public ServerResponse whenDone(Runnable hook) {
    java.util.Objects.requireNonNull(hook, "hook");
    Object h = doneHooks;
    if (h == null) {
      doneHooks = hook;
    } else if (h == DONE) {
      dev.eddy.Eddy.nextTick(hook);
    } else if (h instanceof Runnable one) {
      doneHooks = new Runnable[] {one, hook};
    } else {
      Runnable[] many = (Runnable[]) h;
      Runnable[] more = java.util.Arrays.copyOf(many, many.length + 1);
      more[many.length] = hook;
      doneHooks = more;
    }
    return this;
  }

  /** The close tick: the {@link #whenDone} hooks, then {@code 'close'}. */
  void emitDoneAndClose() {
    Object h = doneHooks;
    doneHooks = DONE;
    RuntimeException failed = null;
    if (h instanceof Runnable one) {
      failed = runHook(one, null);
    } else if (h instanceof Runnable[] many) {
      // every hook runs even when one throws: a failing metrics hook must not leave a span open
      for (Runnable r : many) {
        failed = runHook(r, failed);
      }
    }
    emit(dev.eddy.stream.Stream.CLOSE, null);
    if (failed != null) {
      throw failed;
    }
  }

  private static RuntimeException runHook(Runnable hook, RuntimeException failed) {
    try {
      hook.run();
    } catch (RuntimeException e) {
      if (failed == null) {
        return e;
      }
      failed.addSuppressed(e);
    }
    return failed;
  }

  /** Whether the whole response has been handed to the connection (Node's {@code writableEnded} and finished). */
  public boolean finished() {
    return finished;
  }

  // ----------------------------------------------------------------------------------------------
  // the Writable side
  // ----------------------------------------------------------------------------------------------

  // ----------------------------------------------------------------------------------------------
  // hooks for middleware (the on-headers package, and express-session's deferred end)
  // ----------------------------------------------------------------------------------------------

  private List<Runnable> headerHooks;
  private List<Consumer<Runnable>> endGates;
  private boolean ending;
  private boolean gating;

  /**
   * Runs {@code hook} just before the head is composed (by the first write, {@code end},
   * {@code writeHead} or {@code flushHeaders}), so it can still set status and headers, like the
   * on-headers package. Hooks run once, the last registered first. Loop thread only.
   */
  public ServerResponse onHeaders(Runnable hook) {
    if (headerComposed) {
      throw new IllegalStateException("onHeaders: the head is already composed");
    }
    if (headerHooks == null) {
      headerHooks = new ArrayList<>(2);
    }
    headerHooks.add(hook);
    return this;
  }

  private void runHeaderHooks() {
    List<Runnable> hooks = headerHooks;
    if (hooks == null) {
      return;
    }
    headerHooks = null;
    for (int i = hooks.size() - 1; i >= 0; i--) {
      hooks.get(i).run();
    }
  }

  /**
   * Lets asynchronous work finish before the answer ends (express-session saves the session this
   * way): when {@code end} is called, each gate in registration order receives a continuation and
   * must run it exactly once, on the loop thread, when its work is done; the end (its last chunk,
   * head included when not yet sent) happens after the last gate continues. A second {@code end}
   * while gates run is ignored.
   */
  public ServerResponse beforeEnd(Consumer<Runnable> gate) {
    if (ending || writableEnded()) {
      throw new IllegalStateException("beforeEnd: the response is already ending");
    }
    if (endGates == null) {
      endGates = new ArrayList<>(1);
    }
    endGates.add(gate);
    return this;
  }

  /** Whether {@code end} was called (possibly still waiting for a {@link #beforeEnd} gate). */
  public boolean endCalled() {
    return ending || writableEnded();
  }

  @Override
  public void end(Object chunk, Consumer<Throwable> callback) {
    if (gating) {
      return;
    }
    if (endGates != null && !writableEnded()) {
      ending = true;
      gating = true;
      List<Consumer<Runnable>> gates = endGates;
      endGates = null;
      runGate(gates, 0, () -> {
        gating = false;
        end(chunk, callback);
      });
      return;
    }
    ending = true;
    if (!headerComposed && !writableEnded()) {
      // as Node: a body given whole to end() gets a Content-Length instead of chunking
      lengthHint = OutgoingHeaders.bodyLength(chunk);
    }
    super.end(chunk instanceof byte[] a ? Buffer.wrap(a) : chunk, callback);
  }

  private static void runGate(List<Consumer<Runnable>> gates, int i, Runnable last) {
    if (i == gates.size()) {
      last.run();
      return;
    }
    boolean[] once = new boolean[1];
    gates.get(i).accept(() -> {
      if (!once[0]) {
        once[0] = true;
        runGate(gates, i + 1, last);
      }
    });
  }

  @Override
  protected void doWrite(Object chunk, Consumer<Throwable> callback) {
    if (!headerComposed) {
      composeHead();
    }
    Buffer b = (Buffer) chunk;
    if (!hasBody || b.length() == 0) {
      sendHeadIfNeeded();
      callback.accept(null);
      return;
    }
    OutBuf out = conn.outFor(this);
    sendHeadIfNeeded();
    int len = b.length();
    if (chunked) {
      out.writeHex(len).crlf();
    }
    conn.writeBody(this, b);
    if (chunked) {
      conn.outFor(this).crlf();
    }
    conn.afterWrite(this, callback);
  }

  @Override
  protected boolean hasFinal() {
    return true;
  }

  @Override
  protected void doFinal(Consumer<Throwable> callback) {
    if (conn.isClosed() && closeEmitted) {
      // as Node: an answer ended after its connection closed neither throws nor emits 'finish'
      finished = true;
      return;
    }
    if (!headerComposed) {
      lengthHint = Math.max(lengthHint, 0);
      composeHead();
    }
    sendHeadIfNeeded();
    if (chunked) {
      OutBuf out = conn.outFor(this);
      out.writeByte('0').crlf();
      if (trailers != null) {
        for (String[] t : trailers) {
          out.writeLatin1(t[0]).writeByte(':').writeByte(' ').writeLatin1(t[1]).crlf();
        }
      }
      out.crlf();
    }
    finished = true;
    conn.scheduleFlush();
    callback.accept(null);
    conn.responseFinished(this);
  }

  @Override
  protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
    if (!finished) {
      conn.socket.destroy(error);
    }
    callback.accept(error);
  }

  // ----------------------------------------------------------------------------------------------
  // composing the head (Node's _storeHeader)
  // ----------------------------------------------------------------------------------------------

  private void composeHead() {
    runHeaderHooks();
    headerComposed = true;
    if (conn.closingAfterResponse()) {
      shouldKeepAlive = false;
    }
    if (expectContinue && !continueSent) {
      // as Node's writeHead: a final status instead of 100 Continue closes the connection, since
      // the client may still send the body it held back
      shouldKeepAlive = false;
    }
    if (statusCode == 204 || statusCode == 304 || (statusCode >= 100 && statusCode <= 199)) {
      hasBody = false;
    }
    boolean hasConnection = false;
    boolean hasContentLength = false;
    boolean hasTe = false;
    // answers on one connection tend to look alike: the next one makes room for as many at once
    conn.headersExpected = Math.min(headers.size(), 32);
    for (int i = 0, count = headers.size(); i < count; i++) {
      String n = headers.name(i);
      switch (n.length()) {
        case 10 -> {
          if (n.equalsIgnoreCase("connection")) {
            hasConnection = true;
            for (String v : OutgoingHeaders.valuesOf(headers.value(i))) {
              if (hasToken(v, "close")) {
                last = true;
              }
            }
          }
        }
        case 14 -> hasContentLength |= n.equalsIgnoreCase("content-length");
        case 17 -> {
          if (n.equalsIgnoreCase("transfer-encoding")) {
            hasTe = true;
            for (String v : OutgoingHeaders.valuesOf(headers.value(i))) {
              if (v.toLowerCase(java.util.Locale.ROOT).trim().endsWith("chunked")) {
                chunked = true;
              }
            }
          }
        }
        default -> { }
      }
    }
    if (!hasConnection) {
      boolean sendKeepAlive = shouldKeepAlive && (hasContentLength || useChunkedByDefault);
      if (sendKeepAlive && maxRequestsReached) {
        // as Node (maxRequestsOnConnectionReached): say close but keep reading, so that requests
        // already pipelined behind this one get their 503 instead of a dropped connection
        connectionLine = 1;
      } else if (sendKeepAlive) {
        connectionLine = 2;
      } else {
        last = true;
        connectionLine = 1;
      }
    } else if (!shouldKeepAlive) {
      last = true;
    }
    if (!hasContentLength && !hasTe) {
      if (!hasBody) {
        chunked = false;
      } else if (!useChunkedByDefault) {
        last = true;
      } else if (trailers == null && lengthHint >= 0) {
        autoLength = lengthHint;
      } else {
        chunked = true;
      }
    }
    if (!hasBody) {
      chunked = false;
    }
  }

  /** Writes the locked head into {@code h}: status line, the headers, Date, Connection, framing. */
  private void emitHead(OutBuf h) {
    byte[] line = StatusCodes.line(statusCode, statusMessage);
    if (line != null) {
      h.write(line);
    } else {
      h.writeLatin1("HTTP/1.1 ").writeDecimal(statusCode).writeByte(' ');
      String msg = statusMessage();
      h.writeLatin1(msg == null ? "unknown" : msg).crlf();
    }
    headers.writeTo(h);
    if (headers.find("date") < 0 && sendDate) {
      h.write(conn.dateLine());
    }
    if (connectionLine == 1) {
      h.write(CONNECTION_CLOSE);
    } else if (connectionLine == 2) {
      h.write(conn.keepAliveLines());
    }
    if (autoLength >= 0) {
      h.write(CONTENT_LENGTH).writeDecimal(autoLength).crlf();
    } else if (chunked && headers.find("transfer-encoding") >= 0) {
      // the user's own Transfer-Encoding header already says chunked
    } else if (chunked) {
      h.write(TE_CHUNKED);
    }
    h.crlf();
  }

  /** Whether any byte of the head has been handed to the connection (Node's {@code _headerSent}). */
  boolean headWritten() {
    return headerWritten;
  }

  private void sendHeadIfNeeded() {
    if (!headerWritten) {
      headerWritten = true;
      emitHead(conn.outFor(this));
    }
  }

  private static final byte[] CONNECTION_CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] TE_CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.ISO_8859_1);

  static boolean hasToken(String value, String token) {
    for (String part : value.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }


  private void checkCanSet(String name) {
    if (headerComposed) {
      throw headersSentError("set");
    }
    checkToken(name);
  }

  private static NodeException headersSentError(String what) {
    return new NodeException("Error", "ERR_HTTP_HEADERS_SENT",
        "Cannot " + what + " headers after they are sent to the client");
  }

  /**
   * Strings already validated, by identity: applications set the same constant names and values
   * on every response, and a String never changes, so a racy read of this table can only skip a
   * check for the very string that passed it.
   */
  private static final String[] VALIDATED = new String[512];

  private static boolean validated(String s) {
    return VALIDATED[System.identityHashCode(s) & 511] == s;
  }

  private static void markValidated(String s) {
    VALIDATED[System.identityHashCode(s) & 511] = s;
  }

  static void checkToken(String name) {
    if (name != null && validated(name)) {
      return;
    }
    checkTokenChars(name);
    markValidated(name);
  }

  private static void checkTokenChars(String name) {
    boolean ok = name != null && !name.isEmpty();
    for (int i = 0; ok && i < name.length(); i++) {
      ok = isTchar(name.charAt(i));
    }
    if (!ok) {
      throw new NodeException("TypeError", "ERR_INVALID_HTTP_TOKEN",
          "Header name must be a valid HTTP token [\"" + name + "\"]");
    }
  }

  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  static boolean isTchar(char c) {
    return c < 128 && TCHAR[c];
  }

  static void checkValue(String name, String value) {
    if (value == null) {
      throw new NodeException("TypeError", "ERR_HTTP_INVALID_HEADER_VALUE",
          "Invalid value \"undefined\" for header \"" + name + "\"");
    }
    if (value.length() > 16 && validated(value)) {
      return;
    }
    checkValueChars(name, value);
    if (value.length() > 16) {
      markValidated(value);
    }
  }

  private static void checkValueChars(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // Node's checkInvalidHeaderChar: HTAB and visible Latin-1 only
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        throw new NodeException("TypeError", "ERR_INVALID_CHAR",
            "Invalid character in header content [\"" + name + "\"]");
      }
    }
  }

  private static void checkStatus(int code) {
    if (code < 100 || code > 999) {
      throw new NodeException("RangeError", "ERR_HTTP_INVALID_STATUS_CODE", "Invalid status code: " + code);
    }
  }

  static void tick(Runnable r) {
    Eddy.nextTick(r);
  }
}
