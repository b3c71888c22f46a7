package dev.eddy.ops;

import dev.eddy.Event;
import dev.eddy.EventEmitter;
import dev.eddy.child.ChildProcess;
import dev.eddy.net.Server;
import java.util.Map;

/**
 * One worker of a {@link Cluster} (Node's {@code cluster.Worker}). In the primary it is the
 * handle of a forked worker JVM ({@link Cluster#fork()}, {@link Cluster#workers()}); in a worker,
 * {@link Cluster#worker()} is the worker's own, for messages with the primary and {@link
 * #disconnect()}. Used on the loop thread of the cluster.
 *
 * <p>Messages are strings (send JSON text for structure), carried over the worker's stdin and
 * stdout; a worker's {@code System.out} therefore goes to its stderr.
 */
public final class ClusterWorker extends EventEmitter {
  /** The worker's JVM is running its main and has connected to the primary. */
  public static final Event<Void> ONLINE = Event.of("online");
  /** A server of the worker is listening, at this address. */
  public static final Event<Server.SocketAddress> LISTENING = Event.of("listening");
  /** A message from the other side (the worker in the primary, the primary in the worker). */
  public static final Event<String> MESSAGE = Event.of("message");
  /** The channel between the primary and the worker has closed. */
  public static final Event<Void> DISCONNECT = Event.of("disconnect");
  /** (Primary) the worker's JVM has exited. */
  public static final Event<ChildProcess.Exit> EXIT = Event.of("exit");

  /** Where a worker is in its life (Node's {@code worker.state}). */
  public enum State { NONE, ONLINE, LISTENING, DISCONNECTED, DEAD }

  private final int id;
  private final Cluster cluster;
  private final ChildProcess process; // null in the worker itself
  final Map<String, String> extraEnv; // what fork(env) added, kept for a replacement
  State state = State.NONE;
  boolean exitedAfterDisconnect;
  Server.SocketAddress address;

  ClusterWorker(Cluster cluster, int id, ChildProcess process, Map<String, String> extraEnv) {
    this.cluster = cluster;
    this.id = id;
    this.process = process;
    this.extraEnv = extraEnv;
  }

  /** The worker's id: 1 for the first worker the primary forked, 2 for the next, and so on. */
  public int id() {
    return id;
  }

  /** The process id of the worker's JVM (null in the primary if it could not be started). */
  public Long pid() {
    return process == null ? ProcessHandle.current().pid() : process.pid();
  }

  /** (Primary) the worker's JVM as a child process; null in the worker itself. */
  public ChildProcess process() {
    return process;
  }

  /** Where the worker is in its life. */
  public State state() {
    return state;
  }

  /** The address the worker's first server listens on, once it does; null before. */
  public Server.SocketAddress address() {
    return address;
  }

  /**
   * Sends a message to the other side (from the primary to this worker, or from the worker to the
   * primary), received there as {@link #MESSAGE}.
   *
   * @return false if the channel's buffer is full, true otherwise
   * @throws dev.eddy.NodeException ERR_IPC_CHANNEL_CLOSED once the channel has closed
   */
  public boolean send(String message) {
    return cluster.send(this, message);
  }

  /**
   * Ends the worker politely (Node's {@code worker.disconnect()}): the worker's servers stop
   * accepting and drain (see {@link dev.eddy.http.HttpServer#drain}), then the channel closes, and
   * the worker's JVM exits once nothing else keeps its loop alive. The primary does not restart a
   * worker it disconnected ({@link #exitedAfterDisconnect()} is true). Either side may call it.
   */
  public void disconnect() {
    cluster.disconnect(this);
  }

  /**
   * (Primary) sends {@code signal} ({@code "SIGTERM"} or {@code "SIGKILL"}) to the worker's JVM;
   * the worker is not restarted.
   *
   * @return whether the signal was sent
   */
  public boolean kill(String signal) {
    if (process == null) {
      throw new IllegalStateException("kill() is called in the primary; a worker ends itself with disconnect()");
    }
    exitedAfterDisconnect = true;
    return process.kill(signal);
  }

  /** {@code kill("SIGTERM")}. */
  public boolean kill() {
    return kill("SIGTERM");
  }

  /** Whether the worker's JVM has exited. */
  public boolean isDead() {
    return state == State.DEAD;
  }

  /** Whether the channel between the primary and the worker is open. */
  public boolean isConnected() {
    return state != State.DISCONNECTED && state != State.DEAD
        && (process == null || process.connected());
  }

  /**
   * Whether the worker ended because it was disconnected or killed on purpose (Node's {@code
   * exitedAfterDisconnect}): false for a crash, which a restart policy replaces.
   */
  public boolean exitedAfterDisconnect() {
    return exitedAfterDisconnect;
  }

  @Override
  public String toString() {
    return "ClusterWorker[id=" + id + ", pid=" + pid() + ", " + state + "]";
  }
}
