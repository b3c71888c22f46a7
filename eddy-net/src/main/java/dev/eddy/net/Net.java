package dev.eddy.net;

import java.util.function.Consumer;

/**
 * Node's {@code net} module: {@link #createServer} and {@link #connect}. Call on a loop thread
 * (inside {@code Loop.run}, {@code Eddy.run} or a loop callback).
 */
public final class Net {
  private Net() {}

  /** A new server; {@code onConnection} (may be null) is added for 'connection'. Call listen on it. */
  public static Server createServer(Consumer<Socket> onConnection) {
    return new Server(onConnection);
  }

  /** Connects to {@code host:port}; {@code onConnect} (may be null) once for 'connect'. */
  public static Socket connect(int port, String host, Runnable onConnect) {
    return new Socket().connect(port, host, onConnect);
  }

  /** Connects with options (noDelay, keepAlive, timeout, allowHalfOpen). */
  public static Socket connect(int port, String host, Socket.Options options, Runnable onConnect) {
    return new Socket(options).options(options).connect(port, host, onConnect);
  }

  /** Connects to {@code localhost:port}. */
  public static Socket connect(int port, Runnable onConnect) {
    return connect(port, "localhost", onConnect);
  }
}
