package dev.eddy.child;

import java.util.List;

/**
 * A child process that could not be started, as Node reports it: message {@code spawn nope
 * ENOENT}, {@link #code()} {@code "ENOENT"}, {@link #errno()} -2, {@link #syscall()} {@code "spawn
 * nope"}, {@link #path()} {@code "nope"}, {@link #spawnargs()} the arguments after the program.
 * Delivered as the child's {@code 'error'} event, never thrown by {@code spawn}; {@code execFile}
 * and {@code exec} pass it to the callback with {@link #cmd()} set. Any thread may read it.
 */
public class SpawnException extends dev.eddy.SystemException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final List<String> spawnargs;
  private String cmd;

  /**
   * Creates the error. Any thread may call this.
   *
   * @param code Node's code, such as {@code "ENOENT"}
   * @param errno Node's (Linux, negative) errno, such as -2
   * @param file the program that could not start
   * @param spawnargs its arguments (without the program)
   * @throws NullPointerException if an argument is null
   */
  public SpawnException(String code, int errno, String file, List<String> spawnargs) {
    super("Error", code, errno, "spawn " + file, "spawn " + file + " " + code);
    this.path = file;
    this.spawnargs = List.copyOf(spawnargs);
  }

  /** Node's {@code err.path}: the program. */
  public String path() {
    return path;
  }

  /** Node's {@code err.spawnargs}: the arguments after the program. */
  public List<String> spawnargs() {
    return spawnargs;
  }

  /** Node's {@code err.cmd} when the error reached an exec/execFile callback, otherwise null. */
  public String cmd() {
    return cmd;
  }

  void cmd(String cmd) {
    this.cmd = cmd;
  }
}
