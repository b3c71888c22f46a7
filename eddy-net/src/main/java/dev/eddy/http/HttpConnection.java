package dev.eddy.http;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.Loop;
import dev.eddy.NodeException;
import dev.eddy.Timeout;
import dev.eddy.http.internal.HttpDate;
import dev.eddy.http.internal.HttpHead;
import dev.eddy.http.internal.HttpParseError;
import dev.eddy.http.internal.HttpParser;
import dev.eddy.http.internal.OutBuf;
import dev.eddy.net.NetException;
import dev.eddy.net.Socket;
import dev.eddy.net.internal.Channel;
import dev.eddy.net.internal.NetAccess;
import dev.eddy.stream.Stream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One server-side HTTP/1.1 connection: parses what the socket reads, emits requests, writes the
 * answers in request order, and keeps Node's connection rules (keep-alive, pipelining, the error
 * statuses, timeouts). Output is gathered in one buffer and flushed once per batch of work (a
 * tick after the read that caused it), so pipelined answers leave in one write.
 */
final class HttpConnection implements Channel.Sink, HttpParser.Listener {
  /** Above this much unflushed output a write flushes at once and waits for the kernel. */
  private static final int HIGH_WATER = 64 * 1024;
  /** Bodies larger than this are written from the caller's buffer instead of being copied. */
  private static final int COPY_LIMIT = 16 * 1024;

  final HttpServer server;
  final Socket socket;
  final Channel tcp;
  private final Loop loop;
  private final HttpParser parser;
  /** Unflushed output; taken from the loop thread's pool on the first write, returned when flushed. */
  private OutBuf out;
  private final java.util.function.Consumer<IncomingMessage> resumeBodyFn = this::resumeBody;
  private final ArrayDeque<ServerResponse> outgoing = new ArrayDeque<>(2);
  private ServerResponse active;
  private IncomingMessage incoming;
  private ServerResponse incomingResponse;
  private int requestCount;
  private boolean flushScheduled;
  private boolean closed;
  private boolean ending;
  private Consumer<Throwable> drainCallback;
  private boolean pausedForBody;
  /** Reading stopped because answers are piling up unsent (Node's socket._paused). */
  private boolean pausedForOutput;
  /** Node's socket writableHighWaterMark: more unsent answer bytes than this pause reading. */
  private static final int OUTPUT_PAUSE = 16 * 1024;
  // timeouts
  long messageStart;
  boolean headersDone;
  private boolean idle;
  private Timeout keepAliveTimer;
  // upgrade / CONNECT handling inside one execute
  private int upgradeKind; // 0 none, 1 upgrade, 2 connect
  /** The request that upgrades (kept apart: onMessageComplete clears {@code incoming} first). */
  private IncomingMessage upgradeRequest;
  private boolean discardRestOfRead;

  HttpConnection(HttpServer server, Socket socket) {
    this.server = server;
    this.socket = socket;
    this.tcp = NetAccess.tcp(socket);
    this.loop = tcp.loop();
    this.parser = new HttpParser(HttpParser.Kind.REQUEST, this, server.options.maxHeaderSize);
    parser.setMaxStoredHeaders(server.options.maxStoredHeaders());
    this.messageStart = loop.now();
    tcp.sink(this);
    tcp.readStart();
    socket.on(Stream.CLOSE, v -> onSocketClose());
    socket.on(Socket.ERROR, e -> { }); // reported through the sink; never uncaught
  }

  // ----------------------------------------------------------------------------------------------
  // reading
  // ----------------------------------------------------------------------------------------------

  @Override
  public void onConnect() {
    // server sockets are connected already
  }

  @Override
  public void onData(byte[] buf, int off, int len) {
    if (closed || ending) {
      return;
    }
    int end = off + len;
    int pos = off;
    while (pos < end && !closed) {
      int n = parser.execute(buf, pos, end - pos);
      pos += n;
      if (parser.error() != null) {
        parseError(parser.error());
        return;
      }
      if (upgradeKind != 0) {
        upgrade(buf, pos, end - pos);
        return;
      }
      if (discardRestOfRead) {
        // Node drops what follows a no-listener Upgrade request in the same read
        discardRestOfRead = false;
        parser.resume();
        return;
      }
      if (parser.isPaused()) {
        parser.resume();
      }
      if (n == 0 && pos < end) {
        return; // defensive: no progress possible
      }
    }
  }

  @Override
  public void onEof() {
    if (closed) {
      return;
    }
    HttpParseError err = parser.finish();
    if (err != null && parser.messageInProgress()) {
      // Node's socketOnEnd passes parser.finish()'s error on without prepareError: plain "Parse Error"
      parseError(err, "Parse Error");
      return;
    }
    // Node's socketOnEnd without httpAllowHalfOpen: abort what is still being answered, then end
    abortIncoming();
    endSocket();
  }

  @Override
  public void onError(NetException error) {
    socket.destroy(error);
  }

  /** Reads while neither a request body nor the unsent answers hold the connection back. */
  private void updateReading() {
    if (closed || ending) {
      return;
    }
    if (pausedForBody || pausedForOutput) {
      tcp.readStop();
    } else {
      tcp.readStart();
    }
  }

  /** Bytes of answers waiting behind the one being sent (Node's state.outgoingData). */
  private long heldBytes() {
    long n = 0;
    for (ServerResponse r : outgoing) {
      if (r.held != null) {
        n += r.held.size();
      }
    }
    return n;
  }

  private void maybeResumeForOutput() {
    if (pausedForOutput && tcp.queuedBytes() == 0 && heldBytes() <= OUTPUT_PAUSE) {
      pausedForOutput = false;
      updateReading();
    }
  }

  /** Whether the connection is gone (closed, or handed over by an upgrade). */
  boolean isClosed() {
    return closed;
  }

  @Override
  public void onDrain() {
    maybeResumeForOutput();
    Consumer<Throwable> cb = drainCallback;
    if (cb != null) {
      drainCallback = null;
      cb.accept(null);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // parser events
  // ----------------------------------------------------------------------------------------------

  @Override
  public void onMessageBegin() {
    messageStart = loop.now();
    headersDone = false;
    idle = false;
  }

  @Override
  public int onHeadersComplete(HttpHead head) {
    headersDone = true;
    IncomingMessage req = new IncomingMessage(head, socket, resumeBodyFn);
    req.headersLimit = server.options.maxHeadersCount;
    String method = head.method();
    if (head.isUpgrade()) {
      if ("CONNECT".equals(method)) {
        upgradeKind = 2;
        incoming = req;
        upgradeRequest = req;
        return HttpParser.Listener.UPGRADE;
      }
      if (server.upgradeHandler != null) {
        upgradeKind = 1;
        incoming = req;
        upgradeRequest = req;
        return HttpParser.Listener.UPGRADE;
      }
    }
    if (!pausedForOutput && (tcp.queuedBytes() > 0 || heldBytes() >= OUTPUT_PAUSE)) {
      // as Node's parserOnIncoming: a client that pipelines without reading its answers is not
      // read further until they drain, so held answers cannot grow without bound
      pausedForOutput = true;
      updateReading();
      if (server.outputPauseHook != null) {
        server.outputPauseHook.run();
      }
    }
    ServerResponse res = new ServerResponse(this, req);
    res.shouldKeepAlive = head.shouldKeepAlive();
    incoming = req;
    incomingResponse = res;
    if (active == null) {
      active = res;
    } else {
      outgoing.addLast(res);
    }
    if (head.versionMajor() == 1 && head.versionMinor() == 1) {
      // one pass for the two names the server itself looks at
      boolean hasHost = false;
      boolean hasExpect = false;
      for (int i = 0, n = head.size(); i < n; i++) {
        if (!hasHost && head.nameEqualsIgnoreCase(i, "host")) {
          hasHost = true;
        } else if (!hasExpect && head.nameEqualsIgnoreCase(i, "expect")) {
          hasExpect = true;
        }
      }
      if (server.options.requireHostHeader && !hasHost) {
        res.writeHead(400, null, java.util.Map.of("Connection", "close"));
        res.end();
        return HttpParser.Listener.NORMAL;
      }
      // as Node: only HTTP/1.1 requests count, and each answer remembers whether it was the last
      int max = server.options.maxRequestsPerSocket;
      if (max > 0) {
        requestCount++;
        res.maxRequestsReached = requestCount >= max;
      }
      if (max > 0 && requestCount > max) {
        res.shouldKeepAlive = false; // Node keeps the socket until keepAliveTimeout; Eddy ends it here
        res.writeHead(503);
        res.end();
        return HttpParser.Listener.NORMAL;
      }
      String expect = hasExpect ? req.header("expect") : null;
      if (expect != null) {
        if (isContinue(expect)) {
          res.expectContinue = true;
          if (server.checkContinueHandler != null) {
            server.dispatch(server.checkContinueHandler, req, res);
          } else {
            res.writeContinue();
            server.dispatch(server.requestHandler, req, res);
          }
        } else if (server.checkExpectationHandler != null) {
          server.dispatch(server.checkExpectationHandler, req, res);
        } else {
          res.writeHead(417);
          res.end();
        }
        return HttpParser.Listener.NORMAL;
      }
    }
    server.dispatch(server.requestHandler, req, res);
    return HttpParser.Listener.NORMAL;
  }

  /** Node's continueExpression: the word 100-continue, case-insensitive, between non-word chars. */
  static boolean isContinue(String expect) {
    return containsWord(expect, "100-continue");
  }

  /** {@code /(?:^|\W)word(?:$|\W)/i}, as Node's continueExpression and chunkExpression. */
  static boolean containsWord(String value, String word) {
    String v = value.toLowerCase(java.util.Locale.ROOT);
    int i = v.indexOf(word);
    while (i >= 0) {
      boolean before = i == 0 || !isWord(v.charAt(i - 1));
      int after = i + word.length();
      boolean afterOk = after == v.length() || !isWord(v.charAt(after));
      if (before && afterOk) {
        return true;
      }
      i = v.indexOf(word, i + 1);
    }
    return false;
  }

  private static boolean isWord(char c) {
    return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  @Override
  public void onBody(byte[] buf, int off, int len) {
    IncomingMessage req = incoming;
    if (req == null || req.destroyed()) {
      return;
    }
    if (req.pushBody(buf, off, len)) {
      pausedForBody = true;
      updateReading();
    }
  }

  @Override
  public void onMessageComplete(HttpHead trailers) {
    if (upgradeKind != 0) {
      return; // the parser completes an upgrade request before handing the rest over
    }
    messageStart = -1;
    IncomingMessage req = incoming;
    incoming = null;
    ServerResponse res = incomingResponse;
    incomingResponse = null;
    if (req == null) {
      return;
    }
    req.completed(trailers);
    if (!req.destroyed()) {
      req.push(null);
    }
    if (pausedForBody) {
      // the body is whole: its backpressure no longer applies, and the Readable will not ask
      // again (no _read after the end), so reading must restart here or the next request hangs
      pausedForBody = false;
      updateReading();
    }
    if (req.head.isUpgrade() && "CONNECT".equals(req.method()) == false && server.upgradeHandler == null) {
      discardRestOfRead = true;
      parser.pause();
    }
    if (res != null && res.finished && res == active) {
      maybeDump(res);
    }
  }

  private void resumeBody(IncomingMessage req) {
    if (pausedForBody) {
      pausedForBody = false;
      updateReading();
    }
  }

  // ----------------------------------------------------------------------------------------------
  // errors, upgrade, close
  // ----------------------------------------------------------------------------------------------

  private void parseError(HttpParseError err) {
    parseError(err, "Parse Error: " + parser.errorReason());
  }

  private void parseError(HttpParseError err, String message) {
    NodeException e = new NodeException("Error", err.name(), message);
    if (server.clientErrorHandler != null) {
      server.clientErrorHandler.accept(e, socket);
      return;
    }
    clientError(err.status());
  }

  /** Node's socketOnError without a clientError listener: an error status if nothing was sent, then destroy. */
  void clientError(int status) {
    if (closed) {
      return;
    }
    if (active == null || !active.headWritten()) {
      out().write(errorResponse(status));
    }
    flushNow();
    socket.destroy();
  }

  private static byte[] errorResponse(int status) {
    String reason = dev.eddy.http.internal.StatusCodes.reason(status);
    return ("HTTP/1.1 " + status + " " + reason + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  private void upgrade(byte[] buf, int off, int len) {
    IncomingMessage req = upgradeRequest;
    upgradeRequest = null;
    incoming = null;
    int kind = upgradeKind;
    upgradeKind = 0;
    UpgradeHandler h = kind == 2 ? server.connectHandler : server.upgradeHandler;
    if (h == null) {
      // CONNECT without a handler: Node closes without an answer
      socket.destroy();
      return;
    }
    flushNow(); // answers finished before the upgrade (pipelined) still go out first, as in Node
    closedForHttp();
    NetAccess.restoreSink(socket);
    Buffer head = Buffer.wrap(java.util.Arrays.copyOfRange(buf, off, off + len));
    req.completed(null);
    try {
      h.handle(req, socket, head);
    } catch (Throwable t) {
      server.handlerFailed(t);
      socket.destroy();
    }
  }

  /** The connection leaves HTTP (upgrade): stop tracking it. */
  private void closedForHttp() {
    closed = true;
    clearKeepAlive();
    server.connectionClosed(this);
  }

  private void onSocketClose() {
    if (!closed) {
      closed = true;
      server.connectionClosed(this);
    }
    clearKeepAlive();
    abortIncoming();
  }

  private void abortIncoming() {
    // Node's abortIncoming: every request whose answer has not finished is destroyed with
    // ECONNRESET 'aborted' (it hears 'aborted' unless it was complete and read to its end)
    IncomingMessage req = incoming;
    incoming = null;
    if (req != null && !req.destroyed()) {
      req.destroy(connReset());
    }
    ServerResponse a = active;
    if (a != null) {
      if (!a.finished && !a.req.destroyed()) {
        a.req.destroy(connReset());
      }
      emitResponseClose(a);
    }
    for (ServerResponse r : outgoing) {
      if (!r.finished && !r.req.destroyed()) {
        r.req.destroy(connReset());
      }
      emitResponseClose(r);
    }
  }

  private static NodeException connReset() {
    return new NodeException("Error", "ECONNRESET", "aborted");
  }

  private static final dev.eddy.internal.TickTask<ServerResponse> EMIT_RESPONSE_CLOSE = ServerResponse::emitDoneAndClose;

  private void emitResponseClose(ServerResponse res) {
    if (!res.closeEmitted) {
      res.closeEmitted = true;
      dev.eddy.internal.LoopIo.nextTick(loop, EMIT_RESPONSE_CLOSE, res);
    }
  }

  /** Ends the connection once the output is flushed (Node's destroySoon). */
  private void endSocket() {
    if (ending || closed) {
      return;
    }
    ending = true;
    flushNow();
    tcp.shutdownOutput(() -> socket.destroy());
  }

  // ----------------------------------------------------------------------------------------------
  // writing
  // ----------------------------------------------------------------------------------------------

  // this loop thread's output buffers and Date line, looked up once (all writes run on the loop)
  private OutBuf.Pool pool;
  private HttpDate date;

  private OutBuf.Pool pool() {
    OutBuf.Pool p = pool;
    if (p == null) {
      pool = p = OutBuf.pool();
    }
    return p;
  }

  /** The Date header line for now, from this loop's cache. */
  byte[] dateLine() {
    HttpDate d = date;
    if (d == null) {
      date = d = HttpDate.current();
    }
    return d.line();
  }

  private OutBuf out() {
    OutBuf o = out;
    if (o == null) {
      out = o = pool().acquire();
    }
    return o;
  }

  /** Where {@code res} writes: the connection's buffer when it is the answer being sent, else its own. */
  OutBuf outFor(ServerResponse res) {
    if (res == active) {
      return out();
    }
    if (res.held == null) {
      res.held = new OutBuf(1024);
    }
    return res.held;
  }

  void writeBody(ServerResponse res, Buffer body) {
    if (res == active && body.length() > COPY_LIMIT && !closed) {
      flushNow();
      if (!tcp.write(body.asByteBuffer())) {
        out = null; // the channel keeps the array until it is written
      }
      return;
    }
    outFor(res).write(body);
  }

  void writeInterim(ServerResponse res, byte[] bytes) {
    outFor(res).write(bytes);
    scheduleFlush();
  }

  /** After a body write: call back now, or once the kernel took the backlog. */
  void afterWrite(ServerResponse res, Consumer<Throwable> cb) {
    if (closed) {
      cb.accept(null);
      return;
    }
    if (res != active) {
      if (res.held.size() > HIGH_WATER) {
        res.heldCallback = cb;
      } else {
        cb.accept(null);
      }
      return;
    }
    if (out != null && out.size() >= HIGH_WATER) {
      flushNow();
    } else {
      scheduleFlush();
    }
    if (tcp.queuedBytes() > 0) {
      drainCallback = cb;
    } else {
      cb.accept(null);
    }
  }

  void scheduleFlush() {
    if (!flushScheduled && !closed) {
      flushScheduled = true;
      dev.eddy.internal.LoopIo.nextTick(loop, FLUSH_NT, this); // the loop known: no thread-local lookup
    }
  }

  private static final dev.eddy.internal.TickTask<HttpConnection> FLUSH_NT = HttpConnection::flushFromTick;

  private void flushFromTick() {
    flushScheduled = false;
    flushNow();
  }

  void flushNow() {
    OutBuf o = out;
    if (o == null) {
      return;
    }
    if (o.size() == 0 || closed) {
      if (closed) {
        out = null;
      }
      return;
    }
    ByteBuffer b = o.bytes();
    if (tcp.write(b)) {
      out = null;
      pool().release(o);
    } else {
      out = null; // the channel keeps the old array until it is written: not returned to the pool
    }
  }

  /** Headers the previous answer on this connection had: how many slots the next one starts with. */
  int headersExpected;

  /** The response whose body is done: detach it and give the connection to the next one. */
  void responseFinished(ServerResponse res) {
    if (res != active) {
      return; // finishes when its turn comes (activate)
    }
    while (true) {
      ServerResponse done = active;
      active = null;
      maybeDump(done);
      emitResponseClose(done);
      if (done.last || closeWhenDone && outgoing.isEmpty()) {
        endSocket();
        return;
      }
      ServerResponse next = outgoing.pollFirst();
      if (next == null) {
        maybeResumeForOutput();
        startKeepAlive();
        return;
      }
      active = next;
      if (next.held != null) {
        out().write(next.held.array(), 0, next.held.size());
        next.held = null;
        scheduleFlush();
      }
      maybeResumeForOutput();
      Consumer<Throwable> cb = next.heldCallback;
      if (cb != null) {
        next.heldCallback = null;
        cb.accept(null);
      }
      if (!next.finished) {
        return;
      }
    }
  }

  private void maybeDump(ServerResponse res) {
    IncomingMessage req = res.req;
    // Node's req._dump(): an unread body is drained and discarded so the next request can be parsed
    if (!req.readableEnded() && req.readableFlowing() == null && !req.dumped) {
      req.dumped = true;
      req.resume();
    }
  }

  /** Whether {@code res} answers the last request allowed on this connection (maxRequestsPerSocket). */
  boolean lastAllowedRequest(ServerResponse res) {
    return res.maxRequestsReached;
  }

  byte[] keepAliveLines() {
    return server.keepAliveLines;
  }

  // ----------------------------------------------------------------------------------------------
  // keep-alive and request timeouts
  // ----------------------------------------------------------------------------------------------

  static final long KEEP_ALIVE_BUFFER_MS = 1000;

  private void startKeepAlive() {
    idle = true;
    long ms = server.options.keepAliveTimeoutMs;
    if (ms <= 0 || closed || ending) {
      return;
    }
    if (keepAliveTimer == null) {
      // as Node: the socket waits a second longer than advertised (HTTP_SERVER_KEEP_ALIVE_TIMEOUT_BUFFER)
      keepAliveTimer = Eddy.setTimeout(this::keepAliveExpired, (double) (ms + KEEP_ALIVE_BUFFER_MS)).unref();
    } else {
      keepAliveTimer.refresh();
    }
  }

  private void keepAliveExpired() {
    if (idle && !closed && incoming == null && active == null) {
      socket.destroy();
    }
  }

  private void clearKeepAlive() {
    if (keepAliveTimer != null) {
      keepAliveTimer.close();
      keepAliveTimer = null;
    }
  }

  /** Whether this connection is between requests with nothing to send (closeIdleConnections). */
  boolean isIdle() {
    return !closed && active == null && incoming == null && !parser.messageInProgress();
  }

  /** Called by the server's periodic check: 408 for a request too slow to arrive. */
  void checkTimeouts(long now) {
    if (closed || messageStart < 0) {
      return;
    }
    long headersTimeout = server.options.headersTimeoutMs;
    long requestTimeout = server.options.requestTimeoutMs;
    boolean expired = (!headersDone && headersTimeout > 0 && now - messageStart >= headersTimeout)
        || (requestTimeout > 0 && now - messageStart >= requestTimeout);
    if (expired) {
      if (server.clientErrorHandler != null) {
        server.clientErrorHandler.accept(new NodeException("Error", "ERR_HTTP_REQUEST_TIMEOUT",
            "Request timeout"), socket);
      } else {
        clientError(408);
      }
    }
  }

  private boolean closeWhenDone;

  /** Server close: answers in flight finish with {@code Connection: close}, then the connection ends. */
  void closeWhenDone() {
    closeWhenDone = true;
    if (isIdle()) {
      socket.destroy();
    }
  }

  /**
   * Server drain: like {@link #closeWhenDone()}, but an idle connection gets {@code graceMs} for
   * a request that may already be on its way (answered, with {@code Connection: close}) before it
   * is closed.
   */
  void drainWhenDone(long graceMs) {
    closeWhenDone = true;
    if (isIdle()) {
      if (graceMs == 0) {
        socket.destroy();
      } else {
        Eddy.setTimeout(() -> {
          if (isIdle()) {
            socket.destroy();
          }
        }, (double) graceMs).unref();
      }
    }
  }

  boolean closingAfterResponse() {
    return closeWhenDone;
  }

  /** Closes the connection at once (closeAllConnections). */
  void destroy() {
    socket.destroy();
  }

  @SuppressWarnings("unused")
  private static String describe(Object o) {
    return String.valueOf(o);
  }
}
