package dev.eddy.http;

import dev.eddy.NodeException;
import dev.eddy.http.internal.HttpHead;
import dev.eddy.http.internal.HttpParseError;
import dev.eddy.http.internal.HttpParser;
import dev.eddy.net.NetException;
import dev.eddy.net.Socket;
import dev.eddy.net.internal.Channel;
import dev.eddy.net.internal.NetAccess;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * One client connection of an {@link Agent}: carries one request at a time, parses the response
 * and hands the connection back to the agent when both are done.
 */
final class ClientConnection implements Channel.Sink, HttpParser.Listener {
  final Agent agent;
  final String key;
  final Socket socket;
  private Channel tcp;
  private boolean connected;
  private final HttpParser parser;
  private ClientRequest req;
  private IncomingMessage res;
  private boolean responseDone;
  private boolean responseKeepAlive;
  private boolean pausedForBody;
  private Consumer<Throwable> drainCallback;
  private boolean parked;

  ClientConnection(Agent agent, String key, Socket socket) {
    this.agent = agent;
    this.key = key;
    this.socket = socket;
    this.parser = new HttpParser(HttpParser.Kind.RESPONSE, this, 16 * 1024);
    socket.on(Socket.CONNECT, v -> connected());
    socket.on(Socket.ERROR, this::socketError);
    socket.on(Socket.TIMEOUT, v -> {
      if (parked) {
        socket.destroy();
      } else if (req != null) {
        req.emit(ClientRequest.TIMEOUT, null);
      }
    });
  }

  private void connected() {
    connected = true;
    tcp = NetAccess.tcp(socket);
    tcp.sink(this);
    tcp.readStart();
    if (req != null) {
      req.socketReady();
    }
  }

  boolean isConnected() {
    return connected && !socket.destroyed();
  }

  boolean holdsRequest() {
    return req != null;
  }

  void assign(ClientRequest r) {
    this.req = r;
    this.res = null;
    this.responseDone = false;
    this.parked = false;
    parser.reset();
    parser.expectResponseTo(r.method);
    r.attach(this);
    if (connected) {
      r.socketReady();
    }
  }

  /** Back in the pool: idle, unref'd, closed after {@code timeoutMs} (0: never). */
  void park(long timeoutMs) {
    req = null;
    res = null;
    parked = true;
    socket.unref();
    socket.setTimeout(timeoutMs, null);
  }

  /** Taken from the pool for a new request. */
  void reuse() {
    parked = false;
    socket.ref();
    socket.setTimeout(0, null);
  }

  /** Writes request bytes; returns true when they reached the kernel. */
  boolean write(ByteBuffer bytes, Consumer<Throwable> cb) {
    if (tcp.write(bytes)) {
      return true;
    }
    drainCallback = cb;
    return false;
  }

  /** The request's last byte has been written. */
  void requestFinished() {
    maybeRelease();
  }

  private void maybeRelease() {
    ClientRequest r = req;
    if (r == null || !responseDone || !r.writeFinished()) {
      return;
    }
    boolean reusable = responseKeepAlive && r.shouldKeepAlive && !socket.destroyed() && parser.error() == null;
    req = null;
    r.detach();
    agent.release(this, reusable);
  }

  void releasedByClose() {
    req = null;
  }

  // ----------------------------------------------------------------------------------------------
  // socket events
  // ----------------------------------------------------------------------------------------------

  private void socketError(Throwable e) {
    ClientRequest r = req;
    if (r != null) {
      r.fail(e);
    }
  }

  @Override
  public void onConnect() {
    // connects are seen through the socket's CONNECT event
  }

  @Override
  public void onData(byte[] buf, int off, int len) {
    if (req == null) {
      // data on an idle pooled connection is a protocol error: drop the connection
      socket.destroy();
      return;
    }
    int n = parser.execute(buf, off, len);
    HttpParseError err = parser.error();
    if (err != null) {
      NodeException e = new NodeException("Error", err.name(), "Parse Error: " + parser.errorReason());
      ClientRequest r = req;
      socket.destroy();
      if (r != null) {
        r.fail(e);
      }
      return;
    }
    if (n < len && req != null && !parser.isPaused()) {
      socket.destroy(); // an upgrade answer we do not handle
    }
  }

  @Override
  public void onEof() {
    if (req != null) {
      HttpParseError err = parser.finish();
      if (res == null || !responseDone) {
        ClientRequest r = req;
        IncomingMessage m = res;
        socket.destroy();
        if (m != null && !m.complete()) {
          m.destroy(new NodeException("Error", "ECONNRESET", "aborted"));
        } else if (r != null) {
          r.fail(err != null && res != null
              ? new NodeException("Error", err.name(), "Parse Error: " + parser.errorReason())
              : hangUp());
        }
        return;
      }
    }
    socket.destroy();
  }

  static NodeException hangUp() {
    return new NodeException("Error", "ECONNRESET", "socket hang up");
  }

  @Override
  public void onError(NetException error) {
    socket.destroy(error);
  }

  @Override
  public void onDrain() {
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
  }

  @Override
  public int onHeadersComplete(HttpHead head) {
    ClientRequest r = req;
    int status = head.statusCode();
    if (status >= 100 && status < 200 && status != 101) {
      if (r != null) {
        r.information(new IncomingMessage(head, socket, null));
      }
      return HttpParser.Listener.NORMAL;
    }
    IncomingMessage m = new IncomingMessage(head, socket, this::resumeBody);
    res = m;
    responseKeepAlive = head.shouldKeepAlive();
    if (r != null) {
      r.response(m);
    }
    return HttpParser.Listener.NORMAL;
  }

  @Override
  public void onBody(byte[] buf, int off, int len) {
    IncomingMessage m = res;
    if (m == null || m.destroyed()) {
      return;
    }
    if (m.pushBody(buf, off, len)) {
      pausedForBody = true;
      tcp.readStop();
    }
  }

  private void resumeBody(IncomingMessage m) {
    if (pausedForBody && tcp != null && !tcp.isClosed()) {
      pausedForBody = false;
      tcp.readStart();
    }
  }

  @Override
  public void onMessageComplete(HttpHead trailers) {
    IncomingMessage m = res;
    if (m == null) {
      return; // an interim (1xx) answer
    }
    m.completed(trailers);
    responseDone = true;
    if (!m.destroyed()) {
      m.push(null);
    }
    parser.pause(); // one response per request: anything after it waits for the next request
    // released after this parse returns: the next request resets the parser
    dev.eddy.Eddy.nextTick(this::maybeRelease);
  }
}
