package dev.eddy.http;

import dev.eddy.Eddy;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import dev.eddy.Timeout;
import dev.eddy.net.Server;
import dev.eddy.net.Socket;
import dev.eddy.net.internal.MemoryChannel;
import dev.eddy.net.internal.NetAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Node's {@code http.Server}: an HTTP/1.1 server on one loop. Requests go to the {@link
 * RequestHandler}; keep-alive and pipelining are on (answers leave in request order); malformed
 * requests get Node's status (400, 431, 413) and a closed connection; a request without its head
 * after {@link Options#headersTimeout} or without its body after {@link Options#requestTimeout}
 * gets 408.
 *
 * <p>Events: {@link #LISTENING}, {@link #CONNECTION}, {@link #CLOSE}, 'error'. Hooks for the
 * rarer events: {@link #onCheckContinue}, {@link #onCheckExpectation}, {@link #onUpgrade},
 * {@link #onConnect}, {@link #onClientError}. Loop thread only.
 */
public class HttpServer extends EventEmitter {
  public static final Event<Void> LISTENING = Server.LISTENING;
  public static final Event<Socket> CONNECTION = Server.CONNECTION;
  public static final Event<Void> CLOSE = Server.CLOSE;

  /** Server settings; Node's defaults. */
  public static final class Options {
    int maxHeaderSize = 16 * 1024;
    long headersTimeoutMs = 60_000;
    long requestTimeoutMs = 300_000;
    long keepAliveTimeoutMs = 5_000;
    long connectionsCheckingIntervalMs = 30_000;
    int maxRequestsPerSocket;
    int maxHeadersCount = 2000;
    boolean requireHostHeader = true;
    boolean noDelay = true;

    /** Bytes of target, header names and values allowed per request (default 16 KiB; 431 beyond). */
    public Options maxHeaderSize(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxHeaderSize must be positive, got " + bytes);
      }
      maxHeaderSize = bytes;
      return this;
    }

    /** Time to receive a request's head (default 60 s; 0 disables). */
    public Options headersTimeout(Duration d) {
      headersTimeoutMs = nonNegative(d, "headersTimeout");
      return this;
    }

    /** Time to receive a whole request (default 300 s; 0 disables). */
    public Options requestTimeout(Duration d) {
      requestTimeoutMs = nonNegative(d, "requestTimeout");
      return this;
    }

    /** How long an idle keep-alive connection stays open (default 5 s; 0 keeps it forever). */
    public Options keepAliveTimeout(Duration d) {
      keepAliveTimeoutMs = nonNegative(d, "keepAliveTimeout");
      return this;
    }

    /** How often headers and request timeouts are checked (default 30 s). */
    public Options connectionsCheckingInterval(Duration d) {
      connectionsCheckingIntervalMs = Math.max(1, nonNegative(d, "connectionsCheckingInterval"));
      return this;
    }

    /** Requests served per connection before it closes (0, the default: no limit; 503 beyond). */
    public Options maxRequestsPerSocket(int n) {
      maxRequestsPerSocket = Math.max(0, n);
      return this;
    }

    /** Header lines kept per request (Node's maxHeadersCount, default 2000 strings). */
    public Options maxHeadersCount(int n) {
      maxHeadersCount = Math.max(0, n);
      return this;
    }

    /** Answer HTTP/1.1 requests without Host with 400 (default true, as Node). */
    public Options requireHostHeader(boolean v) {
      requireHostHeader = v;
      return this;
    }

    /** TCP_NODELAY on accepted connections (default true, as Node's http). */
    public Options noDelay(boolean v) {
      noDelay = v;
      return this;
    }

    /** Node hands header lines over in batches of 31 until it holds maxHeadersCount strings. */
    int maxStoredHeaders() {
      if (maxHeadersCount == 0) {
        return Integer.MAX_VALUE;
      }
      int batches = (maxHeadersCount + 61) / 62;
      return batches * 31;
    }

    private static long nonNegative(Duration d, String name) {
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + d);
      }
      return d.toMillis();
    }
  }

  final Options options;
  final Server net;
  RequestHandler requestHandler;
  RequestHandler checkContinueHandler;
  RequestHandler checkExpectationHandler;
  UpgradeHandler upgradeHandler;
  UpgradeHandler connectHandler;
  BiConsumer<Throwable, Socket> clientErrorHandler;
  final byte[] keepAliveLines;
  private final Set<HttpConnection> connections = Collections.newSetFromMap(new IdentityHashMap<>());
  private Timeout checker;
  /** Test hook: runs when a connection stops reading because its answers pile up unsent. */
  Runnable outputPauseHook;
  private boolean closing;
  private final dev.eddy.Loop loop;

  HttpServer(Options options, RequestHandler handler) {
    this.options = options;
    this.requestHandler = handler != null ? handler : (req, res) -> {
      res.statusCode(404);
      res.end();
    };
    String ka = "Connection: keep-alive\r\n";
    if (options.keepAliveTimeoutMs > 0) {
      ka += "Keep-Alive: timeout=" + (options.keepAliveTimeoutMs / 1000)
          + (options.maxRequestsPerSocket > 0 ? ", max=" + options.maxRequestsPerSocket : "") + "\r\n";
    }
    this.keepAliveLines = ka.getBytes(StandardCharsets.ISO_8859_1);
    this.net = new Server(null);
    this.loop = dev.eddy.Loop.current();
    NetAccess.acceptHook(net, this::accepted);
    NetAccess.drain(net, (graceMs, done) -> drain(Duration.ofMillis(graceMs), err -> done.run()));
    net.on(Server.LISTENING, v -> {
      startChecker();
      emit(LISTENING, null);
    });
    net.on(Server.CLOSE, v -> emit(CLOSE, null));
    net.on(ERROR, e -> emit(ERROR, e));
  }

  private long drainGraceMs = -1;

  private void accepted(Socket socket) {
    if (options.noDelay) {
      socket.setNoDelay(true);
    }
    HttpConnection c = new HttpConnection(this, socket);
    connections.add(c);
    if (drainGraceMs >= 0) {
      c.drainWhenDone(drainGraceMs);
    }
    if (listenerCount(CONNECTION) > 0) {
      emit(CONNECTION, socket);
    }
  }

  void connectionClosed(HttpConnection c) {
    connections.remove(c);
  }

  void dispatch(RequestHandler h, IncomingMessage req, ServerResponse res) {
    try {
      h.handle(req, res);
    } catch (Throwable t) {
      handlerFailed(t);
      if (!res.headersSent()) {
        try {
          res.writeHead(500, null, java.util.Map.of("Connection", "close"));
          res.end();
        } catch (RuntimeException ignored) {
          res.destroy();
        }
      } else {
        res.destroy();
      }
    }
  }

  void handlerFailed(Throwable t) {
    if (t.getClass().getName().equals("dev.eddy.ExitSignal")) {
      throw (Error) t; // process.exit() inside a handler ends the loop as it should
    }
    System.err.println("eddy http: a request handler threw " + t);
    t.printStackTrace(System.err);
  }

  private void startChecker() {
    if (checker != null || (options.headersTimeoutMs <= 0 && options.requestTimeoutMs <= 0)) {
      return;
    }
    checker = Eddy.setInterval(this::checkConnections, (double) options.connectionsCheckingIntervalMs).unref();
  }

  private void checkConnections() {
    long now = dev.eddy.Loop.current().now();
    for (HttpConnection c : new ArrayList<>(connections)) {
      c.checkTimeouts(now);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // hooks
  // ----------------------------------------------------------------------------------------------

  /** Handles requests that carry {@code Expect: 100-continue}: call {@code res.writeContinue()} to get the body. */
  public HttpServer onCheckContinue(RequestHandler h) {
    checkContinueHandler = h;
    return this;
  }

  /** Handles requests with another Expect value (default: 417). */
  public HttpServer onCheckExpectation(RequestHandler h) {
    checkExpectationHandler = h;
    return this;
  }

  /** Takes over connections that ask to upgrade (WebSocket and others). Without it they are answered as plain requests. */
  public HttpServer onUpgrade(UpgradeHandler h) {
    upgradeHandler = h;
    return this;
  }

  /** Takes over CONNECT requests (proxies). Without it a CONNECT closes the connection. */
  public HttpServer onConnect(UpgradeHandler h) {
    connectHandler = h;
    return this;
  }

  /** Handles malformed requests and timeouts yourself (default: Node's status and a close). */
  public HttpServer onClientError(BiConsumer<Throwable, Socket> h) {
    clientErrorHandler = h;
    return this;
  }

  // ----------------------------------------------------------------------------------------------
  // listening and closing
  // ----------------------------------------------------------------------------------------------

  /** Listens on {@code port} (0: a free one) of every interface. */
  public HttpServer listen(int port, Runnable onListening) {
    net.listen(port, onListening);
    return this;
  }

  /** Listens on {@code host:port}. */
  public HttpServer listen(int port, String host, Runnable onListening) {
    net.listen(port, host, onListening);
    return this;
  }

  /** Listens with options (backlog, reusePort). */
  public HttpServer listen(Server.ListenOptions listen, Runnable onListening) {
    net.listen(listen, onListening);
    return this;
  }

  /** The bound address, or null. */
  public Server.SocketAddress address() {
    return net.address();
  }

  /**
   * Stops accepting and closes idle keep-alive connections; requests in flight finish, then
   * their connections close. {@code callback} (may be null) runs when the last one has closed.
   */
  public HttpServer close(Consumer<Throwable> callback) {
    closing = true;
    net.close(callback);
    closeIdleConnections();
    if (checker != null) {
      checker.close();
      checker = null;
    }
    for (HttpConnection c : new ArrayList<>(connections)) {
      c.closeWhenDone();
    }
    return this;
  }

  public HttpServer close() {
    return close(null);
  }

  /**
   * Closes the server politely, for a rolling restart or a shutdown under load, where {@link
   * #close} would reset the requests that are on their way: takes the connections already queued
   * on the listening socket, stops accepting, answers every request in flight and every request
   * that arrives within {@code idleGrace} on an idle keep-alive connection with {@code Connection:
   * close}, and closes a connection that stays idle for {@code idleGrace}. Clients that keep their
   * connections busy thus see each one end after a complete answer and reconnect elsewhere (to
   * another worker sharing the port). {@code callback} (may be null) runs when the last
   * connection has closed; bound the wait with {@link #closeAllConnections()}. Loop thread only.
   *
   * @param idleGrace how long an idle keep-alive connection may wait for its next request
   * @throws IllegalArgumentException if {@code idleGrace} is negative
   */
  public HttpServer drain(Duration idleGrace, Consumer<Throwable> callback) {
    if (idleGrace.isNegative()) {
      throw new IllegalArgumentException("drain: idleGrace must not be negative, got " + idleGrace);
    }
    drainGraceMs = idleGrace.toMillis();
    NetAccess.acceptPending(net); // connections already queued would be reset by the close
    closing = true;
    net.close(callback);
    if (checker != null) {
      checker.close();
      checker = null;
    }
    for (HttpConnection c : new ArrayList<>(connections)) {
      c.drainWhenDone(drainGraceMs);
    }
    return this;
  }

  /** Closes every connection that is not sending or receiving a request. */
  public void closeIdleConnections() {
    for (HttpConnection c : new ArrayList<>(connections)) {
      if (c.isIdle()) {
        c.destroy();
      }
    }
  }

  /** Closes every connection at once, in flight or not. */
  public void closeAllConnections() {
    for (HttpConnection c : new ArrayList<>(connections)) {
      c.destroy();
    }
  }

  /**
   * Opens a connection to this server in memory, without a socket: the server serves it as an
   * accepted connection through the same HTTP code (parser, keep-alive, pipelining, limits,
   * timeouts), counts it in {@link #connectionCount()}, and ends it on {@link #close} and {@link
   * #closeAllConnections()}. The server need not listen. Returns the client's end, a {@link
   * Socket} on this loop already reading: write request bytes to it and read the answer from its
   * 'data' events, as a TCP client would. Both ends report {@code 127.0.0.1}; the server's port
   * is the listening port, or 80 when not listening. Bytes cross over in the loop's pending phase,
   * never inside a write; a destroy on one end is an orderly end for the other, {@link
   * Socket#resetAndDestroy()} a reset (ECONNRESET). When {@link #maxConnections} is reached the
   * connection is dropped at once (the client's end hears 'end'). Loop thread only (this server's).
   *
   * @throws IllegalStateException when called off this server's loop thread
   */
  public Socket injectConnection() {
    if (dev.eddy.Loop.current() != loop) {
      throw new IllegalStateException("injectConnection() runs on the server's loop thread");
    }
    Server.SocketAddress at = net.address();
    MemoryChannel.Pair pair = MemoryChannel.pair(loop, at != null ? at.port() : 80);
    Socket client = NetAccess.socket(pair.client(), false);
    if (!closing) {
      startChecker(); // headers and request timeouts apply as to accepted connections
    }
    NetAccess.adopt(net, pair.server());
    return client;
  }

  boolean closing() {
    return closing;
  }

  public HttpServer ref() {
    net.ref();
    return this;
  }

  public HttpServer unref() {
    net.unref();
    return this;
  }

  /** Connections beyond this many are dropped at accept; negative: no limit. */
  public HttpServer maxConnections(int n) {
    net.maxConnections(n);
    return this;
  }

  /** Open HTTP connections. */
  public int connectionCount() {
    return connections.size();
  }

  public Options options() {
    return options;
  }

  static List<String> none() {
    return List.of();
  }
}
