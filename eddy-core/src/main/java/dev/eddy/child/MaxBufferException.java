package dev.eddy.child;

import dev.eddy.NodeException;

/**
 * {@code exec}/{@code execFile}: the child wrote more than {@code maxBuffer} bytes to stdout or
 * stderr, so it was killed. Node's {@code RangeError} with code {@code
 * ERR_CHILD_PROCESS_STDIO_MAXBUFFER} and message {@code stdout maxBuffer length exceeded} (or
 * {@code stderr ...}); {@link #cmd()} is the command line. Any thread may read it.
 */
public class MaxBufferException extends NodeException {
  private static final long serialVersionUID = 1L;

  private final String cmd;

  /**
   * Creates the error. Any thread may call this.
   *
   * @param stream {@code "stdout"} or {@code "stderr"}
   * @param cmd the command line
   */
  public MaxBufferException(String stream, String cmd) {
    super("RangeError", "ERR_CHILD_PROCESS_STDIO_MAXBUFFER", stream + " maxBuffer length exceeded");
    this.cmd = cmd;
  }

  /** Node's {@code err.cmd}. */
  public String cmd() {
    return cmd;
  }
}
