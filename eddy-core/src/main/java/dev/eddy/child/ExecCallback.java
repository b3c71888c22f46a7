package dev.eddy.child;

/**
 * Node's {@code (err, stdout, stderr)} callback of {@code exec}/{@code execFile}, called once on
 * the loop thread. {@code err} is null on success, otherwise an {@link ExecException}, a {@link
 * MaxBufferException} or a {@link SpawnException}; stdout/stderr are Strings, or Buffers with
 * encoding {@code "buffer"}, and hold what was captured even when {@code err} is set.
 */
@FunctionalInterface
public interface ExecCallback {
  /** Receives the outcome (loop thread). */
  void done(Throwable err, Object stdout, Object stderr);
}
