package dev.eddy.net;

import dev.eddy.SystemException;

/**
 * A failed socket call, as Node reports it: {@link #code()} ({@code "ECONNREFUSED"}), {@link
 * #errno()} (Node's negative number on Linux, -111), {@link #syscall()} ({@code "connect"}), and
 * for connect and listen the {@link #address()} and {@link #port()}. The message is Node's: {@code
 * connect ECONNREFUSED 127.0.0.1:9}. Any thread may read one.
 */
public class NetException extends SystemException {
  private static final long serialVersionUID = 1L;

  private final String address;
  private final int port;

  /**
   * Creates the error with a message in Node's form.
   *
   * @param code Node's code ({@code "ECONNRESET"})
   * @param errno Node's errno (negative)
   * @param syscall the system call Node names ({@code "read"}, {@code "connect"}, ...)
   * @param address the address involved, or null
   * @param port the port involved, or -1
   * @param message the full message
   * @param cause the Java exception this reports, or null
   */
  public NetException(String code, int errno, String syscall, String address, int port, String message,
      Throwable cause) {
    super("Error", code, errno, syscall, message);
    this.address = address;
    this.port = port;
    if (cause != null) {
      initCause(cause);
    }
  }

  /** Node's {@code err.address}, or null when the call had none. */
  public String address() {
    return address;
  }

  /** Node's {@code err.port}, or -1 when the call had none. */
  public int port() {
    return port;
  }
}
