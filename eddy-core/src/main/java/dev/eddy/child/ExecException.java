package dev.eddy.child;

/**
 * The error {@code exec}/{@code execFile} report when the child ran but failed: it exited with a
 * non-zero code or was killed by a signal (by the {@code timeout} option among others). The
 * message is Node's, {@code Command failed: <cmd>\n<stderr>}; {@link #code()} is the exit code
 * (null when a signal ended the child), {@link #killed()} whether the caller or the timeout
 * killed it, {@link #signal()} the signal name or null, {@link #cmd()} the command line.
 *
 * <p>Not a {@code NodeException}: Node's {@code err.code} here is a number or null, not a string
 * code. Any thread may read it.
 */
public class ExecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Integer code;
  private final boolean killed;
  private final String signal;
  private final String cmd;

  /**
   * Creates the error with Node's message built from {@code cmd} and {@code stderr}. Any thread.
   *
   * @param code the exit code, or null if a signal ended the child
   * @param killed whether the child was killed through {@code kill()} or the timeout
   * @param signal the signal name, or null
   * @param cmd the command line as Node prints it
   * @param stderr the child's stderr text (included in the message)
   */
  public ExecException(Integer code, boolean killed, String signal, String cmd, String stderr) {
    super("Command failed: " + cmd + "\n" + stderr);
    this.code = code;
    this.killed = killed;
    this.signal = signal;
    this.cmd = cmd;
  }

  /** Node's {@code err.code}: the exit code, or null if a signal ended the child. */
  public Integer code() {
    return code;
  }

  /** Node's {@code err.killed}. */
  public boolean killed() {
    return killed;
  }

  /** Node's {@code err.signal}: {@code "SIGTERM"}, ..., or null. */
  public String signal() {
    return signal;
  }

  /** Node's {@code err.cmd}: the file and its arguments joined by spaces, or the shell command. */
  public String cmd() {
    return cmd;
  }
}
