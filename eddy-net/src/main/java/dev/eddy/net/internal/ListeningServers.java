package dev.eddy.net.internal;

import dev.eddy.Loop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The servers listening in this JVM, for the cluster worker of eddy-ops: it reports each one to
 * the primary ('listening') and drains them all when the primary disconnects the worker, as Node's
 * cluster worker closes its servers. Not for applications. Thread-safe: servers of several loops
 * register here; watchers are called on the thread of the server's loop.
 */
public final class ListeningServers {
  /** The variable a cluster primary sets in each worker's environment (the worker's id). */
  public static final String WORKER_ENV = "EDDY_CLUSTER_WORKER_ID";

  /** How a server closes politely; runs on its loop, {@code done} once its last connection closed. */
  public interface Drain {
    void drain(long idleGraceMs, Runnable done);
  }

  /** A listening server: its loop, its bound address and how to drain it. */
  public record Entry(Loop loop, InetSocketAddress address, Drain drain) {}

  private static final Set<Entry> entries = new LinkedHashSet<>();
  private static final List<Consumer<Entry>> watchers = new ArrayList<>();

  private ListeningServers() {}

  /**
   * Whether this JVM is a cluster worker: its servers then listen with SO_REUSEPORT unless told
   * otherwise, as the workers of a Node cluster share their port.
   */
  public static boolean inClusterWorker() {
    return System.getenv(WORKER_ENV) != null;
  }

  /** A server started listening (called on its loop). */
  public static void added(Entry e) {
    List<Consumer<Entry>> ws;
    synchronized (ListeningServers.class) {
      entries.add(e);
      ws = List.copyOf(watchers);
    }
    for (Consumer<Entry> w : ws) {
      w.accept(e);
    }
  }

  /** A server closed. */
  public static synchronized void removed(Entry e) {
    entries.remove(e);
  }

  /** The servers listening now. */
  public static synchronized List<Entry> snapshot() {
    return List.copyOf(entries);
  }

  /** Calls {@code watcher} for every server listening now (on this thread) and every later one (on its loop). */
  public static void watch(Consumer<Entry> watcher) {
    List<Entry> now;
    synchronized (ListeningServers.class) {
      watchers.add(watcher);
      now = List.copyOf(entries);
    }
    for (Entry e : now) {
      watcher.accept(e);
    }
  }
}
