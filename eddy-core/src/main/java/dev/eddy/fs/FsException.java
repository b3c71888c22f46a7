package dev.eddy.fs;


/**
 * A failed file-system call, as Node reports it: {@link #code()} ({@code "ENOENT"}), {@link
 * #errno()} (Node's negative number on Linux, -2), {@link #syscall()} ({@code "open"}), {@link
 * #path()} and, for two-path calls such as rename and copyfile, {@link #dest()}. The message is
 * Node's, verbatim: {@code ENOENT: no such file or directory, open '/tmp/x'}.
 *
 * <p>Unchecked like every {@link dev.eddy.NodeException}: Java callers of the promise and callback faces
 * receive it as a rejection reason or an {@code err} argument; the {@code Sync} methods throw it.
 * Any thread may create or read one.
 */
public class FsException extends dev.eddy.SystemException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String dest;

  /**
   * Creates the error with a message already in Node's form. Any thread may call this.
   *
   * @param name the JavaScript class Node uses: {@code "Error"} for libuv errors, {@code
   *     "SystemError"} for {@code ERR_FS_*} codes
   * @param code Node's code
   * @param errno Node's errno (negative for libuv errors)
   * @param syscall the system call Node names
   * @param path the path, or null when Node gives none (calls on a descriptor)
   * @param dest the destination of a two-path call, or null
   * @param message Node's message, verbatim
   * @param cause the Java exception this reports, or null
   * @throws NullPointerException if {@code name}, {@code code} or {@code syscall} is null
   */
  public FsException(String name, String code, int errno, String syscall, String path, String dest,
      String message, Throwable cause) {
    super(name, code, errno, syscall, message);
    this.path = path;
    this.dest = dest;
    if (cause != null) {
      initCause(cause);
    }
  }

  /** Node's {@code err.path}, or null for calls on an open file (read, write, close). */
  public String path() {
    return path;
  }

  /** Node's {@code err.dest} for rename and copyfile, otherwise null. */
  public String dest() {
    return dest;
  }
}
