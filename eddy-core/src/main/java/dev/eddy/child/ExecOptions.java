package dev.eddy.child;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@link ChildProcesses#exec} and {@link ChildProcesses#execFile}: {@code cwd}, {@code
 * env}, {@code encoding}, {@code maxBuffer}, {@code timeout}, {@code killSignal} and (execFile
 * only) {@code shell}, with Node's defaults. Mutable and fluent; build one per call.
 */
public final class ExecOptions {
  Path cwd;
  Map<String, String> env;
  String encoding = "utf8";
  long maxBuffer = 1024 * 1024;
  long timeout;
  String killSignal = "SIGTERM";
  boolean shell;

  private ExecOptions() {}

  /** utf8, maxBuffer 1 MiB, no timeout, killSignal SIGTERM, the parent's cwd and environment. */
  public static ExecOptions defaults() {
    return new ExecOptions();
  }

  /** The child's working directory. */
  public ExecOptions cwd(Path dir) {
    this.cwd = Objects.requireNonNull(dir, "cwd");
    return this;
  }

  /** {@link #cwd(Path)} from a string. */
  public ExecOptions cwd(String dir) {
    return cwd(Path.of(dir));
  }

  /** The child's whole environment (replaces the inherited one). */
  public ExecOptions env(Map<String, String> env) {
    this.env = Map.copyOf(env);
    return this;
  }

  /**
   * How stdout/stderr are delivered: a Node encoding name ({@code "utf8"}, {@code "latin1"},
   * {@code "hex"}...) for Strings, or {@code "buffer"} for {@link dev.eddy.Buffer}s.
   *
   * @throws dev.eddy.NodeException ERR_UNKNOWN_ENCODING for a name Node does not know
   */
  public ExecOptions encoding(String encoding) {
    if (!encoding.equals("buffer")) {
      dev.eddy.Encoding.of(encoding);
    }
    this.encoding = encoding;
    return this;
  }

  /** The most bytes kept per stream; more kills the child with a {@link MaxBufferException}. */
  public ExecOptions maxBuffer(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("maxBuffer must be >= 0. Received " + bytes);
    }
    this.maxBuffer = bytes;
    return this;
  }

  /** Kill the child with {@link #killSignal} after this many ms; 0 (the default) never. */
  public ExecOptions timeout(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("timeout must be >= 0. Received " + ms);
    }
    this.timeout = ms;
    return this;
  }

  /** The signal of the timeout and maxBuffer kills: {@code "SIGTERM"} (default) or {@code "SIGKILL"}. */
  public ExecOptions killSignal(String signal) {
    this.killSignal = Objects.requireNonNull(signal, "killSignal");
    return this;
  }

  /** execFile only: run through {@code /bin/sh -c} (exec always does). */
  public ExecOptions shell(boolean shell) {
    this.shell = shell;
    return this;
  }
}
