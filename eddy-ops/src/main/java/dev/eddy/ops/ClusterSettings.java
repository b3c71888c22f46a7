package dev.eddy.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Cluster} primary starts and looks after its workers (Node's {@code
 * cluster.setupPrimary(settings)}, plus Eddy's restart policy). Mutable and fluent; hand it to
 * {@link Cluster#setupPrimary} before the first {@link Cluster#fork()}.
 *
 * <p>Defaults: the workers run the primary's own main class with the primary's arguments and JVM
 * options (less a JDWP debugger agent, whose port the workers would fight over), as Node's
 * workers run the primary's script with its {@code execArgv}; dead workers are not restarted
 * unless {@link #restart(boolean)} says so, as in Node.
 */
public final class ClusterSettings {
  String mainClass;
  List<String> args;
  List<String> jvmArgs;
  Map<String, String> env = Map.of();
  boolean restart;
  Duration restartDelay = Duration.ofMillis(100);
  Duration maxRestartDelay = Duration.ofSeconds(10);
  int crashLoopLimit = 10;
  Duration crashLoopWindow = Duration.ofSeconds(60);
  Duration idleGrace = Duration.ofSeconds(1);
  Duration disconnectTimeout = Duration.ofSeconds(30);
  Duration startTimeout = Duration.ofSeconds(60);

  private ClusterSettings() {}

  /** The defaults described above. */
  public static ClusterSettings defaults() {
    return new ClusterSettings();
  }

  /** The main class the workers run (Node's {@code exec}); default: the primary's. */
  public ClusterSettings mainClass(String binaryName) {
    this.mainClass = Objects.requireNonNull(binaryName, "mainClass");
    return this;
  }

  /** The workers' program arguments (Node's {@code args}); default: the primary's. */
  public ClusterSettings args(List<String> args) {
    this.args = List.copyOf(args);
    return this;
  }

  /** The workers' JVM options (Node's {@code execArgv}); default: the primary's, less JDWP. */
  public ClusterSettings jvmArgs(List<String> jvmOptions) {
    this.jvmArgs = List.copyOf(jvmOptions);
    return this;
  }

  /** Variables added to the environment every worker inherits from the primary. */
  public ClusterSettings env(Map<String, String> extra) {
    this.env = Map.copyOf(extra);
    return this;
  }

  /**
   * Whether the primary forks a replacement for a worker that exits without being disconnected
   * (a crash, an uncaught exception, a SIGKILL), after a delay that doubles with each such exit in
   * the crash-loop window. Off by default, as in Node, where the 'exit' listener forks.
   */
  public ClusterSettings restart(boolean on) {
    this.restart = on;
    return this;
  }

  /**
   * The delay before the first restart (default 100 ms) and its ceiling (default 10 s): the n-th
   * unexpected exit within the window waits {@code first * 2^(n-1)}, at most {@code max}.
   *
   * @throws IllegalArgumentException if a delay is negative or first exceeds max
   */
  public ClusterSettings restartDelay(Duration first, Duration max) {
    if (first.isNegative() || max.isNegative() || first.compareTo(max) > 0) {
      throw new IllegalArgumentException("cluster restartDelay: need 0 <= first <= max, got " + first + " and " + max);
    }
    this.restartDelay = first;
    this.maxRestartDelay = max;
    return this;
  }

  /**
   * The crash-loop limit: once more than {@code exits} workers exit unexpectedly within {@code
   * window} (default 10 in 60 s), the primary stops restarting and emits {@link
   * Cluster#CRASH_LOOP}; with no listener for it, it logs the error and exits with code 1, so that
   * the supervisor above (systemd, Kubernetes) sees the failure instead of a primary without workers.
   *
   * @throws IllegalArgumentException if exits is below 1 or the window is not positive
   */
  public ClusterSettings crashLoop(int exits, Duration window) {
    if (exits < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("cluster crashLoop: need exits >= 1 and a positive window, got "
          + exits + " and " + window);
    }
    this.crashLoopLimit = exits;
    this.crashLoopWindow = window;
    return this;
  }

  /**
   * How long a disconnected worker keeps an idle keep-alive connection open for a request already
   * on its way (default 1 s): see {@link dev.eddy.http.HttpServer#drain}.
   */
  public ClusterSettings idleGrace(Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("cluster idleGrace must not be negative, got " + grace);
    }
    this.idleGrace = grace;
    return this;
  }

  /**
   * How long {@link Cluster#reload()} and {@link Cluster#disconnect()} wait for a disconnected
   * worker to finish its requests and exit before sending SIGTERM, then SIGKILL 5 s later
   * (default 30 s).
   */
  public ClusterSettings disconnectTimeout(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("cluster disconnectTimeout must not be negative, got " + timeout);
    }
    this.disconnectTimeout = timeout;
    return this;
  }

  /**
   * How long {@link Cluster#reload()} waits for a new worker to listen (or, if the old one never
   * listened, to come online) before it gives up (default 60 s).
   */
  public ClusterSettings startTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("cluster startTimeout must be positive, got " + timeout);
    }
    this.startTimeout = timeout;
    return this;
  }
}
