package dev.eddy.net;

import dev.eddy.Eddy;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import dev.eddy.Loop;
import dev.eddy.internal.IoHandler;
import dev.eddy.internal.LoopIo;
import dev.eddy.net.internal.Channel;
import dev.eddy.net.internal.ListeningServers;
import dev.eddy.net.internal.NetErrors;
import dev.eddy.net.internal.TcpChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Node's {@code net.Server}: accepts TCP connections on the loop and emits each as a {@link
 * Socket} ('connection'). Events: {@link #LISTENING}, {@link #CONNECTION}, {@link #CLOSE} (after
 * {@link #close} once every connection has closed), 'error' (EADDRINUSE, EACCES) and {@link
 * #DROP} (a connection refused by {@link #maxConnections}). Loop thread only.
 */
public class Server extends EventEmitter {
  /** The server is bound and accepting. */
  public static final Event<Void> LISTENING = Event.of("listening");
  /** A new connection. */
  public static final Event<Socket> CONNECTION = Event.of("connection");
  /** The server has stopped and its last connection has closed. */
  public static final Event<Void> CLOSE = Event.of("close");
  /** A connection was closed at once because {@link #maxConnections} was reached. */
  public static final Event<SocketAddress> DROP = Event.of("drop");

  /** An address as Node's {@code server.address()} gives it. */
  public record SocketAddress(String address, String family, int port) {}

  /** Listen options (Node's {@code server.listen(options)}). */
  public static final class ListenOptions {
    int port;
    String host;
    int backlog = 511;
    Boolean reusePort;

    /** The port; 0 (the default) picks a free one. */
    public ListenOptions port(int v) {
      if (v < 0 || v > 65535) {
        throw new dev.eddy.NodeException("RangeError", "ERR_SOCKET_BAD_PORT",
            "options.port should be >= 0 and < 65536. Received type number (" + v + ").");
      }
      port = v;
      return this;
    }

    /** The address to bind; null (the default) binds every interface, as Node does. */
    public ListenOptions host(String v) {
      host = v;
      return this;
    }

    /** The accept queue length (default 511, as Node). */
    public ListenOptions backlog(int v) {
      backlog = v;
      return this;
    }

    /**
     * SO_REUSEPORT: several servers (loops or processes) bind the same port and the kernel spreads
     * connections among them. Off by default, except in a cluster worker (a JVM forked by
     * dev.eddy.ops.Cluster), where it is on unless set, as Node's cluster workers share a port.
     */
    public ListenOptions reusePort(boolean v) {
      reusePort = v;
      return this;
    }
  }

  private final Loop loop;
  private final boolean allowHalfOpen;
  private ServerSocketChannel channel;
  private SelectionKey key;
  private boolean refd = true;
  private boolean listening;
  private boolean closing;
  private int maxConnections = -1;
  private final Set<Socket> connections = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Consumer<Throwable>> closeCallbacks = new ArrayList<>();
  private Consumer<Socket> acceptHook;
  private ListeningServers.Drain drainHook = (graceMs, done) -> close(err -> done.run());
  private ListeningServers.Entry registered;

  /** A server on the current loop; {@code onConnection} (may be null) is added for 'connection'. */
  public Server(Consumer<Socket> onConnection) {
    this(false, onConnection);
  }

  /**
   * A server whose sockets keep their writable side open after the peer's FIN when {@code
   * allowHalfOpen}.
   */
  public Server(boolean allowHalfOpen, Consumer<Socket> onConnection) {
    Loop l = Loop.current();
    if (l == null) {
      throw new IllegalStateException("a Server is created on a loop thread: run the code inside "
          + "Loop.run(...) or a callback of a loop");
    }
    this.loop = l;
    this.allowHalfOpen = allowHalfOpen;
    if (onConnection != null) {
      on(CONNECTION, onConnection);
    }
  }

  /** Internal: Eddy's HTTP layer takes accepted sockets here instead of through 'connection'. */
  void acceptHook(Consumer<Socket> hook) {
    this.acceptHook = hook;
  }

  /** Internal: how a cluster worker drains this server (the HTTP layer answers politely first). */
  void drainHook(ListeningServers.Drain drain) {
    this.drainHook = drain;
  }

  /**
   * Internal: takes the connections already in the accept queue, so that a close right after
   * resets none of them (the kernel resets what is still queued on a closed listening socket).
   */
  void acceptPending() {
    if (listening) {
      acceptAll();
    }
  }

  /** Listens on {@code port} of every interface; {@code onListening} (may be null) once for 'listening'. */
  public Server listen(int port, Runnable onListening) {
    return listen(new ListenOptions().port(port), onListening);
  }

  /** Listens on {@code host:port}. */
  public Server listen(int port, String host, Runnable onListening) {
    return listen(new ListenOptions().port(port).host(host), onListening);
  }

  /**
   * Binds and starts accepting. 'listening' is emitted on the next tick; a bind failure
   * (EADDRINUSE, EACCES, EADDRNOTAVAIL) is emitted as 'error' on the next tick instead.
   *
   * @throws IllegalStateException if the server is already listening
   */
  public Server listen(ListenOptions options, Runnable onListening) {
    if (listening || channel != null) {
      throw new dev.eddy.NodeException("Error", "ERR_SERVER_ALREADY_LISTEN",
          "Listen method has been called more than once without closing.");
    }
    if (onListening != null) {
      once(LISTENING, v -> onListening.run());
    }
    InetSocketAddress at;
    try {
      at = options.host == null ? new InetSocketAddress(options.port)
          : new InetSocketAddress(InetAddress.getByName(options.host), options.port);
    } catch (IOException e) {
      NetException err = NetErrors.of(e, "getaddrinfo", options.host, -1);
      Eddy.nextTick(() -> emit(ERROR, err));
      return this;
    }
    try {
      ServerSocketChannel ch = ServerSocketChannel.open();
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      boolean reusePort = options.reusePort != null ? options.reusePort : ListeningServers.inClusterWorker();
      if (reusePort) {
        ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      }
      try {
        ch.bind(at, options.backlog);
      } catch (IOException e) {
        ch.close();
        throw e;
      }
      channel = ch;
    } catch (IOException e) {
      String host = options.host != null ? options.host : "::";
      NetException err = NetErrors.of(e, "listen", host, options.port);
      Eddy.nextTick(() -> emit(ERROR, err));
      return this;
    }
    key = LoopIo.register(loop, channel, SelectionKey.OP_ACCEPT, accept);
    if (refd) {
      LoopIo.ref(loop);
    }
    listening = true;
    Eddy.nextTick(() -> {
      if (listening) {
        try {
          registered = new ListeningServers.Entry(loop, (InetSocketAddress) channel.getLocalAddress(),
              (graceMs, done) -> drainHook.drain(graceMs, done));
          ListeningServers.added(registered);
        } catch (IOException ignored) {
          // closed meanwhile: nothing to report
        }
      }
      emit(LISTENING, null);
    });
    return this;
  }

  private final IoHandler accept = ops -> acceptAll();

  private void acceptAll() {
    // libuv accepts until the queue is empty on each readiness event
    while (listening) {
      SocketChannel ch;
      try {
        ch = channel.accept();
      } catch (IOException e) {
        // EMFILE and friends: report and keep listening, as Node does
        emit(ERROR, NetErrors.of(e, "accept", null, -1));
        return;
      }
      if (ch == null) {
        return;
      }
      if (maxConnections >= 0 && connections.size() >= maxConnections) {
        SocketAddress from = addressOf(ch);
        try {
          ch.close();
        } catch (IOException ignored) {
          // dropped anyway
        }
        emit(DROP, from);
        continue;
      }
      TcpChannel tcp;
      try {
        tcp = new TcpChannel(loop, ch, null);
      } catch (RuntimeException e) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // dropped
        }
        continue;
      }
      serve(new Socket(tcp, allowHalfOpen));
    }
  }

  private void serve(Socket s) {
    s.server = this;
    connections.add(s);
    if (acceptHook != null) {
      acceptHook.accept(s);
    } else {
      emit(CONNECTION, s);
    }
  }

  /**
   * Internal: serves the server end of a connection that did not come through a listening
   * socket (an in-memory pair) as if it had been accepted: counted, subject to maxConnections,
   * ended by the HTTP server's close. Returns the socket, or null when maxConnections dropped it.
   */
  Socket adopt(Channel channel) {
    if (maxConnections >= 0 && connections.size() >= maxConnections) {
      InetSocketAddress from = channel.remoteAddress();
      channel.close();
      emit(DROP, from == null ? null : toAddress(from));
      return null;
    }
    Socket s = new Socket(channel, allowHalfOpen);
    serve(s);
    return s;
  }

  private static SocketAddress addressOf(SocketChannel ch) {
    try {
      InetSocketAddress a = (InetSocketAddress) ch.getRemoteAddress();
      return toAddress(a);
    } catch (IOException e) {
      return null;
    }
  }

  static SocketAddress toAddress(InetSocketAddress a) {
    InetAddress ip = a.getAddress();
    boolean v6 = ip instanceof java.net.Inet6Address;
    return new SocketAddress(ip.getHostAddress().replaceAll("%.*$", ""), v6 ? "IPv6" : "IPv4", a.getPort());
  }

  void connectionClosed(Socket s) {
    if (connections.remove(s) && closing && connections.isEmpty()) {
      emitClose();
    }
  }

  /**
   * Stops accepting; 'close' is emitted (and {@code callback} called with null) once every open
   * connection has closed. Calling it on a server that is not listening calls {@code callback}
   * with ERR_SERVER_NOT_RUNNING.
   */
  public Server close(Consumer<Throwable> callback) {
    if (!listening) {
      if (callback != null) {
        dev.eddy.NodeException err = new dev.eddy.NodeException("Error", "ERR_SERVER_NOT_RUNNING",
            "Server is not running.");
        Eddy.nextTick(() -> callback.accept(err));
      }
      return this;
    }
    if (callback != null) {
      closeCallbacks.add(callback);
    }
    listening = false;
    closing = true;
    if (registered != null) {
      ListeningServers.removed(registered);
      registered = null;
    }
    key.cancel();
    try {
      channel.close();
    } catch (IOException ignored) {
      // the port is released either way
    }
    // NIO closes a registered channel only once the selector drops its key: do it now, so that
    // the port is free (and connects are refused) as soon as close() returns, as in Node
    LoopIo.flushCancelled(loop);
    if (refd) {
      refd = false;
      LoopIo.unref(loop);
    }
    if (connections.isEmpty()) {
      emitClose();
    }
    return this;
  }

  /** {@link #close(Consumer)} without a callback. */
  public Server close() {
    return close(null);
  }

  private void emitClose() {
    closing = false;
    Eddy.nextTick(() -> {
      List<Consumer<Throwable>> cbs = new ArrayList<>(closeCallbacks);
      closeCallbacks.clear();
      for (Consumer<Throwable> cb : cbs) {
        cb.accept(null);
      }
      emit(CLOSE, null);
    });
  }

  /** The bound address, or null when not listening. */
  public SocketAddress address() {
    if (!listening) {
      return null;
    }
    try {
      return toAddress((InetSocketAddress) channel.getLocalAddress());
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether the server is accepting connections. */
  public boolean listening() {
    return listening;
  }

  /** Lets the loop end while the server listens. */
  public Server unref() {
    if (refd) {
      refd = false;
      if (listening) {
        LoopIo.unref(loop);
      }
    }
    return this;
  }

  /** Undoes {@link #unref()}. */
  public Server ref() {
    if (!refd) {
      refd = true;
      if (listening) {
        LoopIo.ref(loop);
      }
    }
    return this;
  }

  /** Connections beyond this many are closed at once ('drop'); negative (the default) means no limit. */
  public Server maxConnections(int n) {
    maxConnections = n;
    return this;
  }

  /** The limit set by {@link #maxConnections(int)}, or -1. */
  public int maxConnections() {
    return maxConnections;
  }

  /** The number of open connections (synchronous; Node's getConnections gives it to a callback). */
  public int connectionCount() {
    return connections.size();
  }

  /** A snapshot of the open connections. */
  public List<Socket> connections() {
    return new ArrayList<>(connections);
  }
}
