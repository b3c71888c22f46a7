package dev.eddy.child;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@link ChildProcesses#spawn}: {@code cwd}, {@code env}, {@code stdio} and {@code
 * shell}, as in Node. Mutable and fluent; build one per call on any thread, then hand it over.
 */
public final class SpawnOptions {
  Path cwd;
  Map<String, String> env;
  List<String> stdio = List.of("pipe", "pipe", "pipe");
  boolean shell;
  List<String> execArgv = List.of();

  private SpawnOptions() {}

  /** Node's defaults: the parent's cwd and environment, all three stdio streams piped, no shell. */
  public static SpawnOptions defaults() {
    return new SpawnOptions();
  }

  /** The child's working directory (default: the JVM's). */
  public SpawnOptions cwd(Path dir) {
    this.cwd = Objects.requireNonNull(dir, "cwd");
    return this;
  }

  /** {@link #cwd(Path)} from a string. */
  public SpawnOptions cwd(String dir) {
    return cwd(Path.of(dir));
  }

  /**
   * The child's whole environment, replacing the inherited one as Node's {@code env} does (copy
   * {@code System.getenv()} into the map to extend it).
   */
  public SpawnOptions env(Map<String, String> env) {
    this.env = Map.copyOf(env);
    return this;
  }

  /**
   * One mode for stdin, stdout and stderr: {@code "pipe"} (a stream on the ChildProcess), {@code
   * "inherit"} (the JVM's own stream) or {@code "ignore"} (/dev/null).
   *
   * @throws IllegalArgumentException for another mode
   */
  public SpawnOptions stdio(String all) {
    return stdio(all, all, all);
  }

  /** The mode of each stream, as {@link #stdio(String)}. */
  public SpawnOptions stdio(String stdin, String stdout, String stderr) {
    List<String> modes = List.of(stdin, stdout, stderr);
    for (String m : modes) {
      if (!m.equals("pipe") && !m.equals("inherit") && !m.equals("ignore")) {
        throw new IllegalArgumentException("stdio mode must be \"pipe\", \"inherit\" or \"ignore\". Received \""
            + m + "\"");
      }
    }
    this.stdio = modes;
    return this;
  }

  /**
   * Whether to run the command through {@code /bin/sh -c}, with the arguments appended after a
   * space (Node's {@code shell: true}). Off by default: only then are arguments passed to the
   * program exactly as given, never re-parsed, so untrusted input cannot inject commands.
   */
  public SpawnOptions shell(boolean shell) {
    this.shell = shell;
    return this;
  }

  /**
   * The JVM options {@link ChildProcesses#fork} puts before the main class (Node's {@code
   * execArgv}), e.g. {@code -Xmx256m} or {@code --add-exports ...}; empty by default. Ignored by
   * spawn and exec.
   */
  public SpawnOptions execArgv(List<String> jvmOptions) {
    this.execArgv = List.copyOf(jvmOptions);
    return this;
  }
}
