package dev.eddy.net.internal;

import dev.eddy.net.Server;
import dev.eddy.net.Socket;
import java.util.function.Consumer;

/** Eddy's HTTP layer reaches into sockets and servers here; not for applications. */
public final class NetAccess {
  private NetAccess() {}

  /** Implemented in {@code dev.eddy.net}. */
  public interface Bridge {
    Channel tcp(Socket socket);

    Socket socket(Channel channel, boolean allowHalfOpen);

    Socket adopt(Server server, Channel channel);

    /** Hands the socket's reads back to the socket's own stream (after an upgrade). */
    void restoreSink(Socket socket);

    void acceptHook(Server server, Consumer<Socket> hook);

    void drain(Server server, ListeningServers.Drain drain);

    void acceptPending(Server server);
  }

  private static volatile Bridge bridge;

  public static void install(Bridge b) {
    if (bridge == null) {
      bridge = b;
    }
  }

  private static Bridge bridge() {
    Bridge b = bridge;
    if (b == null) {
      try {
        Class.forName(Socket.class.getName(), true, Socket.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      b = bridge;
    }
    return b;
  }

  /** The channel under {@code socket} (null before a client socket connects). */
  public static Channel tcp(Socket socket) {
    return bridge().tcp(socket);
  }

  /** A socket over an already connected channel (the client end of an in-memory pair). */
  public static Socket socket(Channel channel, boolean allowHalfOpen) {
    return bridge().socket(channel, allowHalfOpen);
  }

  /** Serves {@code channel} on {@code server} as an accepted connection; null when dropped by maxConnections. */
  public static Socket adopt(Server server, Channel channel) {
    return bridge().adopt(server, channel);
  }

  public static void restoreSink(Socket socket) {
    bridge().restoreSink(socket);
  }

  public static void acceptHook(Server server, Consumer<Socket> hook) {
    bridge().acceptHook(server, hook);
  }

  /** How {@code server} drains when a cluster worker is disconnected (default: close). */
  public static void drain(Server server, ListeningServers.Drain drain) {
    bridge().drain(server, drain);
  }

  /** Accepts the connections already queued on {@code server}'s listening socket. */
  public static void acceptPending(Server server) {
    bridge().acceptPending(server);
  }
}
