package dev.eddy;

/**
 * An error from a system call, as Node reports libuv's errors: {@link #code()} ({@code "ENOENT"},
 * {@code "ECONNREFUSED"}), {@link #errno()} (Node's negative number on Linux) and {@link
 * #syscall()} ({@code "open"}, {@code "connect"}, {@code "spawn x"}). Files ({@code FsException}),
 * sockets ({@code NetException}) and child processes ({@code SpawnException}) add what they know
 * (path, address, port, arguments). Any thread may read one.
 */
public class SystemException extends NodeException {
  private static final long serialVersionUID = 1L;

  private final int errno;
  private final String syscall;

  /**
   * Creates the error with a message already in Node's form.
   *
   * @param name the JavaScript class Node uses ({@code "Error"}, or {@code "SystemError"})
   * @param code Node's code
   * @param errno Node's errno (negative for libuv errors)
   * @param syscall the system call Node names
   * @param message Node's message, verbatim
   * @throws NullPointerException if {@code syscall} is null
   */
  public SystemException(String name, String code, int errno, String syscall, String message) {
    super(name, code, message);
    this.errno = errno;
    this.syscall = java.util.Objects.requireNonNull(syscall, "syscall");
  }

  /** Node's {@code err.errno}: -2 for ENOENT, -111 for ECONNREFUSED, ... (Linux numbers). */
  public int errno() {
    return errno;
  }

  /** Node's {@code err.syscall}. */
  public String syscall() {
    return syscall;
  }
}
