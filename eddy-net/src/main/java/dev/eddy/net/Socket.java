package dev.eddy.net;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.Event;
import dev.eddy.Loop;
import dev.eddy.Timeout;
import dev.eddy.internal.LoopIo;
import dev.eddy.net.internal.Channel;
import dev.eddy.net.internal.NetErrors;
import dev.eddy.net.internal.TcpChannel;
import dev.eddy.stream.Duplex;
import dev.eddy.stream.StreamOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Consumer;

/**
 * Node's {@code net.Socket}: a TCP connection as a {@link Duplex} stream of {@link Buffer}s.
 * Reads arrive as 'data' chunks while the stream flows (backpressure stops reading from the
 * kernel); {@code write} returns false past the high-water mark and 'drain' follows. Events:
 * {@link #CONNECT}, {@link #READY}, {@link #TIMEOUT}, {@link #LOOKUP} and the stream events
 * ('data', 'end', 'finish', 'close', 'error', 'drain').
 *
 * <p>Create one with {@link Net#connect} or receive one from a {@link Server}'s 'connection' (or,
 * for an in-memory connection, from {@code HttpServer.injectConnection()}).
 * Every method is for the loop thread that created the socket. Errors carry Node's codes in a
 * {@link NetException}: ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT, ENOTFOUND.
 */
public class Socket extends Duplex {
  /** The connection is established (client sockets). */
  public static final Event<Void> CONNECT = Event.of("connect");
  /** Emitted right after 'connect', as Node does. */
  public static final Event<Void> READY = Event.of("ready");
  /** The socket has been idle for the {@link #setTimeout} delay; it stays open. */
  public static final Event<Void> TIMEOUT = Event.of("timeout");
  /** A host name was resolved before connecting (the address chosen). */
  public static final Event<InetAddress> LOOKUP = Event.of("lookup");

  static {
    dev.eddy.net.internal.NetAccess.install(new dev.eddy.net.internal.NetAccess.Bridge() {
      @Override
      public Channel tcp(Socket socket) {
        return socket.tcp;
      }

      @Override
      public Socket socket(Channel channel, boolean allowHalfOpen) {
        return new Socket(channel, allowHalfOpen);
      }

      @Override
      public Socket adopt(Server server, Channel channel) {
        return server.adopt(channel);
      }

      @Override
      public void restoreSink(Socket socket) {
        socket.tcp.sink(socket.sink);
      }

      @Override
      public void acceptHook(Server server, Consumer<Socket> hook) {
        server.acceptHook(hook);
      }

      @Override
      public void drain(Server server, dev.eddy.net.internal.ListeningServers.Drain drain) {
        server.drainHook(drain);
      }

      @Override
      public void acceptPending(Server server) {
        server.acceptPending();
      }
    });
  }

  private final Loop loop;
  private Channel tcp;
  private boolean connecting;
  private Timeout idleTimer;
  private long idleMs;
  private Object pendingChunk;
  private Consumer<Throwable> pendingCallback;
  private Consumer<Throwable> finalPending;
  private InetSocketAddress remote;
  /** {@link #remoteAddress()}'s text, for the {@code remote} it was made from. */
  private String remoteText;
  private InetSocketAddress remoteTextOf;
  private InetSocketAddress local;
  Server server;

  /** An unconnected socket on the current loop; call {@link #connect}. */
  public Socket() {
    this(new Options());
  }

  /** An unconnected socket with {@code options}; call {@link #connect}. */
  public Socket(Options options) {
    super(streamOptions(options));
    this.loop = loopRequired();
  }

  /** A socket over a connected channel (accepted, or one end of an in-memory pair). */
  Socket(Channel tcp, boolean allowHalfOpen) {
    super(StreamOptions.defaults().allowHalfOpen(allowHalfOpen));
    this.loop = tcp.loop();
    attach(tcp);
    // as Node: a new connection starts reading at once, so that the peer's FIN or RST is seen
    // even when nobody consumes the stream yet (the buffer stops at highWaterMark)
    read(0);
  }

  private static Loop loopRequired() {
    Loop l = Loop.current();
    if (l == null) {
      throw new IllegalStateException("a Socket is created on a loop thread: run the code inside "
          + "Loop.run(...) or a callback of a loop");
    }
    return l;
  }

  private static StreamOptions streamOptions(Options o) {
    return StreamOptions.defaults().allowHalfOpen(o.allowHalfOpen);
  }

  /** Options of a client socket (Node's {@code new net.Socket(options)} and connect options). */
  public static final class Options {
    boolean allowHalfOpen;
    boolean noDelay;
    boolean keepAlive;
    long keepAliveInitialDelayMs;
    long timeoutMs;

    /** Keep the writable side open after the peer's FIN (default false: end it too). */
    public Options allowHalfOpen(boolean v) {
      allowHalfOpen = v;
      return this;
    }

    /** Disable Nagle's algorithm once connected (default false, as Node's net). */
    public Options noDelay(boolean v) {
      noDelay = v;
      return this;
    }

    /** Enable TCP keep-alive once connected. */
    public Options keepAlive(boolean v) {
      keepAlive = v;
      return this;
    }

    /** Idle timeout, as {@link Socket#setTimeout} (0 disables; default 0). */
    public Options timeout(java.time.Duration d) {
      timeoutMs = d.toMillis();
      return this;
    }
  }

  private final Channel.Sink sink = new Channel.Sink() {
    @Override
    public void onConnect() {
      connected();
    }

    @Override
    public void onData(byte[] buf, int off, int len) {
      touch();
      if (!push(Buffer.wrap(java.util.Arrays.copyOfRange(buf, off, off + len)))) {
        tcp.readStop();
      }
    }

    @Override
    public void onEof() {
      push(null);
      // as Node's onStreamRead: a read(0) lets 'end' be emitted when the buffer is already empty
      read(0);
    }

    @Override
    public void onError(NetException error) {
      destroy(error);
    }

    @Override
    public void onDrain() {
      touch();
      Consumer<Throwable> cb = pendingCallback;
      if (cb != null) {
        pendingCallback = null;
        cb.accept(null);
      }
    }
  };

  void attach(Channel channel) {
    this.tcp = channel;
    channel.sink(sink);
    // addresses stay unknown (null) on a socket that is already gone
    remote = channel.remoteAddress();
    local = channel.localAddress();
  }

  // ----------------------------------------------------------------------------------------------
  // connect
  // ----------------------------------------------------------------------------------------------

  /**
   * Connects to {@code host:port}; {@code listener} (may be null) is added once for 'connect'.
   * A host name is resolved on the blocking pool first ('lookup'); failures are emitted as
   * 'error' (ECONNREFUSED, ENOTFOUND, ...) and the socket is destroyed.
   *
   * @throws IllegalStateException if the socket is already connected or connecting
   */
  public Socket connect(int port, String host, Runnable listener) {
    if (tcp != null || connecting) {
      throw new IllegalStateException("Socket is already connected or connecting");
    }
    if (port < 0 || port > 65535) {
      throw new dev.eddy.NodeException("RangeError", "ERR_SOCKET_BAD_PORT",
          "Port should be >= 0 and < 65536. Received type number (" + port + ").");
    }
    String h = host == null ? "localhost" : host;
    if (listener != null) {
      once(CONNECT, v -> listener.run());
    }
    connecting = true;
    if (idleMs > 0) {
      setTimeout(idleMs, null);
    }
    InetAddress literal = literalAddress(h);
    if (literal != null) {
      startConnect(new InetSocketAddress(literal, port), h, port);
    } else {
      LoopIo.ref(loop);
      Eddy.blocking(() -> InetAddress.getByName(h), (err, addr) -> {
        LoopIo.unref(loop);
        if (destroyed()) {
          return;
        }
        if (err != null) {
          connecting = false;
          destroy(NetErrors.of(err instanceof IOException io ? io : new IOException(err), "getaddrinfo", h, -1));
          return;
        }
        emit(LOOKUP, addr);
        startConnect(new InetSocketAddress(addr, port), addr.getHostAddress(), port);
      });
    }
    return this;
  }

  /** Connects to {@code localhost:port}. */
  public Socket connect(int port) {
    return connect(port, null, null);
  }

  private static InetAddress literalAddress(String h) {
    if ("localhost".equalsIgnoreCase(h)) {
      return InetAddress.getLoopbackAddress();
    }
    boolean ipv4 = !h.isEmpty();
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        ipv4 = false;
        break;
      }
    }
    if (ipv4 || h.indexOf(':') >= 0) {
      try {
        return InetAddress.getByName(h); // a literal: no lookup happens
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  private Options connectOptions = new Options();

  Socket options(Options o) {
    connectOptions = o;
    if (o.timeoutMs > 0) {
      idleMs = o.timeoutMs;
    }
    return this;
  }

  private void startConnect(InetSocketAddress to, String host, int port) {
    SocketChannel ch;
    try {
      ch = SocketChannel.open();
    } catch (IOException e) {
      connecting = false;
      destroy(NetErrors.of(e, "socket", null, -1));
      return;
    }
    TcpChannel channel = new TcpChannel(loop, ch, sink);
    this.tcp = channel;
    channel.connect(to, host, port);
  }

  private void connected() {
    connecting = false;
    // unknown (null) when the connection already failed: reported by the first read or write
    remote = tcp.remoteAddress();
    local = tcp.localAddress();
    if (connectOptions.noDelay) {
      setNoDelay(true);
    }
    if (connectOptions.keepAlive) {
      setKeepAlive(true, 0);
    }
    touch();
    if (pendingChunk != null) {
      Object c = pendingChunk;
      Consumer<Throwable> cb = pendingCallback;
      pendingChunk = null;
      pendingCallback = null;
      doWrite(c, cb);
    }
    if (finalPending != null) {
      Consumer<Throwable> cb = finalPending;
      finalPending = null;
      doFinal(cb);
    }
    if (readRequested) {
      readRequested = false;
      tcp.readStart();
    } else if (!isPaused()) {
      read(0);
    }
    emit(CONNECT, null);
    emit(READY, null);
  }

  /** Whether a connect is in progress (Node's {@code socket.connecting}). */
  public boolean connecting() {
    return connecting;
  }

  // ----------------------------------------------------------------------------------------------
  // stream hooks
  // ----------------------------------------------------------------------------------------------

  @Override
  protected void doRead(int size) {
    if (tcp != null && !connecting) {
      tcp.readStart();
    } else {
      readRequested = true;
    }
  }

  private boolean readRequested;

  @Override
  protected void doWrite(Object chunk, Consumer<Throwable> callback) {
    if (connecting || tcp == null) {
      pendingChunk = chunk;
      pendingCallback = callback;
      return;
    }
    ByteBuffer b = ((Buffer) chunk).asByteBuffer();
    if (tcp.write(b)) {
      touch();
      callback.accept(null);
    } else if (!tcp.isClosed()) {
      pendingCallback = callback;
    }
  }

  @Override
  protected boolean hasWritev() {
    return true;
  }

  @Override
  protected void doWritev(List<Object> chunks, Consumer<Throwable> callback) {
    if (connecting || tcp == null) {
      doWrite(Buffer.concat(chunks.stream().map(c -> (Buffer) c).toList()), callback);
      return;
    }
    ByteBuffer[] bufs = new ByteBuffer[chunks.size()];
    for (int i = 0; i < bufs.length; i++) {
      bufs[i] = ((Buffer) chunks.get(i)).asByteBuffer();
    }
    if (tcp.write(bufs)) {
      touch();
      callback.accept(null);
    } else if (!tcp.isClosed()) {
      pendingCallback = callback;
    }
  }

  @Override
  protected boolean hasFinal() {
    return true;
  }

  @Override
  protected void doFinal(Consumer<Throwable> callback) {
    if (connecting || tcp == null) {
      finalPending = callback;
      return;
    }
    tcp.shutdownOutput(() -> callback.accept(null));
  }

  @Override
  protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
    connecting = false;
    clearIdleTimer();
    Channel t = tcp;
    if (t != null && !t.isClosed()) {
      t.close();
      if (server != null) {
        server.connectionClosed(this);
      }
      LoopIo.onClose(loop, () -> callback.accept(error));
    } else {
      callback.accept(error);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // options and state
  // ----------------------------------------------------------------------------------------------

  /**
   * Emits 'timeout' after {@code ms} of inactivity (no read or write); 0 disables. The socket is
   * not closed: the listener decides (usually {@code destroy()}). The timer does not keep the loop
   * alive.
   */
  public Socket setTimeout(long ms, Runnable listener) {
    if (ms < 0) {
      throw new dev.eddy.NodeException("RangeError", "ERR_OUT_OF_RANGE",
          "The value of \"msecs\" is out of range. It must be a non-negative finite number. Received " + ms);
    }
    idleMs = ms;
    clearIdleTimer();
    if (listener != null && ms > 0) {
      once(TIMEOUT, v -> listener.run());
    }
    if (ms > 0 && !destroyed()) {
      idleTimer = Eddy.setTimeout(this::onIdle, (double) ms).unref();
    }
    return this;
  }

  /** Same as {@link #setTimeout(long, Runnable)} with a {@code Duration}. */
  public Socket setTimeout(java.time.Duration d) {
    return setTimeout(d.toMillis(), null);
  }

  /** The idle timeout in milliseconds (0: none), Node's {@code socket.timeout}. */
  public long timeout() {
    return idleMs;
  }

  private void onIdle() {
    idleTimer = null;
    if (destroyed()) {
      return;
    }
    // reads and writes that bypass the stream (Eddy's HTTP layer) only stamp the channel
    long idleFor = tcp == null ? idleMs : loop.now() - tcp.lastActivity();
    if (tcp != null && idleFor < idleMs) {
      idleTimer = Eddy.setTimeout(this::onIdle, (double) (idleMs - idleFor)).unref();
      return;
    }
    emit(TIMEOUT, null);
  }

  private void touch() {
    Timeout t = idleTimer;
    if (t != null) {
      t.refresh();
    }
  }

  private void clearIdleTimer() {
    if (idleTimer != null) {
      idleTimer.close();
      idleTimer = null;
    }
  }

  /** Sets TCP_NODELAY (Nagle off when true). */
  public Socket setNoDelay(boolean noDelay) {
    if (tcp != null && !tcp.isClosed()) {
      try {
        tcp.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
      } catch (IOException ignored) {
        // a closed socket has no options to set; Node ignores this too
      }
    } else {
      connectOptions.noDelay = noDelay;
    }
    return this;
  }

  /**
   * Enables or disables TCP keep-alive probes. The initial delay is applied where the platform
   * allows (Linux TCP_KEEPIDLE, in whole seconds).
   */
  public Socket setKeepAlive(boolean enable, long initialDelayMs) {
    if (tcp != null && !tcp.isClosed()) {
      try {
        tcp.setOption(StandardSocketOptions.SO_KEEPALIVE, enable);
        if (enable && initialDelayMs >= 1000) {
          tcp.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, (int) (initialDelayMs / 1000));
        }
      } catch (IOException | UnsupportedOperationException ignored) {
        // best effort, as libuv
      }
    } else {
      connectOptions.keepAlive = enable;
      connectOptions.keepAliveInitialDelayMs = initialDelayMs;
    }
    return this;
  }

  /** Lets the loop end while this socket is open. */
  public Socket unref() {
    if (tcp != null) {
      tcp.unref();
    }
    return this;
  }

  /** Undoes {@link #unref()}. */
  public Socket ref() {
    if (tcp != null) {
      tcp.ref();
    }
    return this;
  }

  /** Closes with a TCP RST instead of a FIN, then destroys the stream. */
  public Socket resetAndDestroy() {
    if (tcp != null) {
      tcp.reset();
    }
    destroy();
    return this;
  }

  /** The peer's IP address, or null before connect / after a failure. */
  public String remoteAddress() {
    InetSocketAddress r = remote;
    if (r == null) return null;
    // kept: rate limiters and loggers ask on every request, and formatting allocates a new String
    // whose hash code is then computed again
    if (r != remoteTextOf) {
      remoteText = r.getAddress().getHostAddress();
      remoteTextOf = r;
    }
    return remoteText;
  }

  /** The peer's port, or -1. */
  public int remotePort() {
    return remote == null ? -1 : remote.getPort();
  }

  /** {@code "IPv4"} or {@code "IPv6"}, or null. */
  public String remoteFamily() {
    return remote == null ? null : remote.getAddress() instanceof java.net.Inet6Address ? "IPv6" : "IPv4";
  }

  /** The local IP address, or null. */
  public String localAddress() {
    return local == null ? null : local.getAddress().getHostAddress();
  }

  /** The local port, or -1. */
  public int localPort() {
    return local == null ? -1 : local.getPort();
  }

  /** Bytes received so far. */
  public long bytesRead() {
    return tcp == null ? 0 : tcp.bytesRead();
  }

  /** Bytes written so far, including those still buffered (as Node counts). */
  public long bytesWritten() {
    long sent = tcp == null ? 0 : tcp.bytesWritten() + tcp.queuedBytes();
    return sent + writableLength();
  }

  /** Node's {@code readyState}: opening, open, readOnly, writeOnly or closed. */
  public String readyState() {
    if (connecting) {
      return "opening";
    }
    boolean r = readable();
    boolean w = writable();
    if (r && w) {
      return "open";
    }
    if (r) {
      return "readOnly";
    }
    if (w) {
      return "writeOnly";
    }
    return "closed";
  }

  @Override
  public String toString() {
    return "Socket[" + localAddress() + ":" + localPort() + " -> " + remoteAddress() + ":" + remotePort() + "]";
  }
}
