package dev.eddy.http;

import dev.eddy.Loop;
import dev.eddy.net.Net;
import dev.eddy.net.Socket;
import dev.eddy.stream.Stream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Node's {@code http.Agent}: a pool of client connections per origin ({@code host:port}). With
 * keep-alive a connection whose response has ended goes back to the pool (unref'd, so an idle
 * pool never keeps the loop alive) and the next request to that origin reuses it; requests beyond
 * {@code maxSockets} wait in order. Loop thread only: an agent belongs to the loop that created
 * it. {@link #global()} is the loop's default agent, keep-alive on with a 5 s idle timeout as in
 * Node 20.
 */
public final class Agent {
  /** Agent settings. */
  public static final class Options {
    boolean keepAlive;
    long keepAliveMsecs = 1000;
    int maxSockets = Integer.MAX_VALUE;
    int maxTotalSockets = Integer.MAX_VALUE;
    int maxFreeSockets = 256;
    long timeoutMs;
    boolean lifo = true;

    /** Keep connections open between requests (default false for a new agent, as Node). */
    public Options keepAlive(boolean v) {
      keepAlive = v;
      return this;
    }

    /** TCP keep-alive initial delay on pooled connections (default 1 s). */
    public Options keepAliveMsecs(Duration d) {
      keepAliveMsecs = d.toMillis();
      return this;
    }

    /** Connections per origin (default: unlimited). */
    public Options maxSockets(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxSockets must be at least 1, got " + n);
      }
      maxSockets = n;
      return this;
    }

    /** Connections over all origins (default: unlimited). */
    public Options maxTotalSockets(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxTotalSockets must be at least 1, got " + n);
      }
      maxTotalSockets = n;
      return this;
    }

    /** Idle connections kept per origin (default 256). */
    public Options maxFreeSockets(int n) {
      maxFreeSockets = Math.max(0, n);
      return this;
    }

    /** Socket idle timeout: an idle pooled connection is closed after it (0: none). */
    public Options timeout(Duration d) {
      timeoutMs = d.toMillis();
      return this;
    }

    /** Reuse the most recently used connection first (default, Node's 'lifo') or the oldest ('fifo'). */
    public Options lifo(boolean v) {
      lifo = v;
      return this;
    }
  }

  private static final ThreadLocal<Agent> GLOBAL = new ThreadLocal<>();

  final Options options;
  private final Loop loop;
  private final Map<String, ArrayDeque<ClientConnection>> free = new HashMap<>();
  private final Map<String, Integer> active = new HashMap<>();
  private final Map<String, ArrayDeque<ClientRequest>> waiting = new HashMap<>();
  private int total;

  /** A new agent on the current loop. */
  public Agent(Options options) {
    this.options = options;
    this.loop = Loop.current();
    if (loop == null) {
      throw new IllegalStateException("an Agent is created on a loop thread");
    }
  }

  /** The current loop's default agent (keep-alive, 5 s idle timeout, as Node 20's globalAgent). */
  public static Agent global() {
    Agent a = GLOBAL.get();
    if (a == null || a.loop != Loop.current()) {
      a = new Agent(new Options().keepAlive(true).timeout(Duration.ofSeconds(5)));
      GLOBAL.set(a);
    }
    return a;
  }

  /** Idle pooled connections to {@code host:port}. */
  public int freeSocketCount(String host, int port) {
    ArrayDeque<ClientConnection> q = free.get(host + ":" + port);
    return q == null ? 0 : q.size();
  }

  /** Connections to {@code host:port} carrying a request. */
  public int activeSocketCount(String host, int port) {
    return active.getOrDefault(host + ":" + port, 0);
  }

  /** Requests to {@code host:port} waiting for a connection. */
  public int pendingRequestCount(String host, int port) {
    ArrayDeque<ClientRequest> q = waiting.get(host + ":" + port);
    return q == null ? 0 : q.size();
  }

  /** Closes every idle pooled connection. */
  public void destroy() {
    for (ArrayDeque<ClientConnection> q : free.values()) {
      for (ClientConnection c : q.toArray(new ClientConnection[0])) {
        c.socket.destroy();
      }
    }
    free.clear();
  }

  void addRequest(ClientRequest req) {
    String key = req.originKey();
    ArrayDeque<ClientConnection> q = free.get(key);
    while (q != null && !q.isEmpty()) {
      ClientConnection c = options.lifo ? q.pollLast() : q.pollFirst();
      if (c.socket.destroyed()) {
        continue;
      }
      c.reuse();
      active.merge(key, 1, Integer::sum);
      c.assign(req);
      return;
    }
    int n = active.getOrDefault(key, 0);
    if (n < options.maxSockets && total < options.maxTotalSockets) {
      connect(req);
    } else {
      waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(req);
    }
  }

  private void connect(ClientRequest req) {
    String key = req.originKey();
    active.merge(key, 1, Integer::sum);
    total++;
    Socket.Options so = new Socket.Options().noDelay(true);
    if (options.keepAlive) {
      so.keepAlive(true);
    }
    Socket socket = Net.connect(req.port, req.host, so, null);
    ClientConnection c = new ClientConnection(this, key, socket);
    socket.on(Stream.CLOSE, v -> connectionClosed(c));
    c.assign(req);
  }

  /** The request on {@code c} is done; keep the connection if it can be reused. */
  void release(ClientConnection c, boolean reusable) {
    String key = c.key;
    active.merge(key, -1, Integer::sum);
    ArrayDeque<ClientRequest> q = waiting.get(key);
    ClientRequest next = q == null ? null : q.pollFirst();
    if (reusable && next != null) {
      active.merge(key, 1, Integer::sum);
      c.assign(next);
      return;
    }
    ArrayDeque<ClientConnection> pool = free.computeIfAbsent(key, k -> new ArrayDeque<>());
    if (reusable && options.keepAlive && pool.size() < options.maxFreeSockets) {
      c.park(options.timeoutMs);
      pool.addLast(c);
    } else {
      c.socket.destroy();
    }
    if (next != null) {
      connect(next);
    }
  }

  private void connectionClosed(ClientConnection c) {
    total--;
    ArrayDeque<ClientConnection> pool = free.get(c.key);
    if (pool != null && pool.remove(c)) {
      return;
    }
    if (c.holdsRequest()) {
      active.merge(c.key, -1, Integer::sum);
      c.releasedByClose();
    }
    // a slot opened: start the next waiting request, if any
    ArrayDeque<ClientRequest> q = waiting.get(c.key);
    if (q != null && !q.isEmpty() && active.getOrDefault(c.key, 0) < options.maxSockets) {
      connect(q.pollFirst());
    }
  }

  void requestAborted(ClientRequest req) {
    ArrayDeque<ClientRequest> q = waiting.get(req.originKey());
    if (q != null) {
      q.remove(req);
    }
  }
}
