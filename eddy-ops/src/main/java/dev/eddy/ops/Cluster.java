package dev.eddy.ops;

import dev.eddy.Eddy;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import dev.eddy.Loop;
import dev.eddy.Promise;
import dev.eddy.Timeout;
import dev.eddy.child.ChildIpc;
import dev.eddy.child.ChildProcess;
import dev.eddy.child.ChildProcesses;
import dev.eddy.child.SpawnOptions;
import dev.eddy.net.Server;
import dev.eddy.net.internal.ListeningServers;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Node's {@code cluster} module on the JVM: a primary process forks worker JVMs that run the same
 * main and share the server port, each with its own loop. Workers share the port through
 * SO_REUSEPORT (a server in a worker listens with it unless told otherwise), so the kernel spreads
 * connections among them and the primary carries no traffic.
 *
 * <pre>{@code
 * Eddy.main(() -> {
 *   Cluster cluster = Cluster.get();
 *   if (cluster.isPrimary()) {
 *     int numCPUs = Runtime.getRuntime().availableProcessors();
 *     for (int i = 0; i < numCPUs; i++) cluster.fork();
 *     cluster.on(Cluster.EXIT, e -> {
 *       System.out.println("Worker " + e.worker().pid() + " died");
 *       cluster.fork();
 *     });
 *   } else {
 *     app.listen(3000, null);
 *   }
 * });
 * }</pre>
 *
 * <p>Beyond Node: {@link ClusterSettings#restart} restarts dead workers with a doubling delay and
 * a crash-loop limit; {@link #reload()} replaces the workers one at a time, each new one listening
 * before the old one drains (what SIGHUP usually triggers); {@link #disconnect()} drains them all
 * (what SIGTERM usually triggers). A JVM usually serves better with N loops in one process on one
 * port ({@code ListenOptions.reusePort}), sharing its heap and JIT: use the cluster where
 * processes must be isolated or replaced one by one.
 *
 * <p>The instance belongs to the loop of the first {@link #get()}; use it on that loop's thread.
 * Events are emitted there too. A worker's main must call {@link #get()} on its loop early (as the
 * {@code isPrimary()} branch above does): that connects the worker to the primary, which sees it
 * online only then.
 */
public final class Cluster extends EventEmitter {
  /** (Primary) a worker was forked. */
  public static final Event<ClusterWorker> FORK = Event.of("fork");
  /** (Primary) a worker's main is running and connected. */
  public static final Event<ClusterWorker> ONLINE = Event.of("online");
  /** (Primary) a worker's server is listening. */
  public static final Event<Listening> LISTENING = Event.of("listening");
  /** (Primary) the channel to a worker closed. */
  public static final Event<ClusterWorker> DISCONNECT = Event.of("disconnect");
  /** (Primary) a worker's JVM exited. */
  public static final Event<Exit> EXIT = Event.of("exit");
  /** (Primary) a worker sent a message. */
  public static final Event<Message> MESSAGE = Event.of("message");
  /** (Primary) workers die faster than {@link ClusterSettings#crashLoop} allows; restarts stopped. */
  public static final Event<CrashLoop> CRASH_LOOP = Event.of("crashLoop");

  /** The payload of {@link #LISTENING}. */
  public record Listening(ClusterWorker worker, Server.SocketAddress address) {}

  /** The payload of {@link #EXIT}: the exit code, or the signal that ended the worker. */
  public record Exit(ClusterWorker worker, Integer code, String signal) {}

  /** The payload of {@link #MESSAGE}. */
  public record Message(ClusterWorker worker, String message) {}

  /** The payload of {@link #CRASH_LOOP}: how many unexpected exits within which window. */
  public record CrashLoop(int exits, Duration window) {}

  private static final System.Logger LOG = System.getLogger("dev.eddy.ops.Cluster");
  private static final String GRACE_ENV = "EDDY_CLUSTER_IDLE_GRACE_MS";
  // every line of the cluster's channel starts with NUL and a kind, so that stray output of a
  // worker's JVM on stdout is never taken for a message
  private static final char MARK = '\0';
  private static final String USER = MARK + "u";
  private static final String CONTROL = MARK + "c";
  private static final Duration KILL_AFTER_TERM = Duration.ofSeconds(5);
  private static Cluster instance; // guarded by Cluster.class

  private final Loop loop;
  private final boolean primary;

  // primary
  private ClusterSettings settings = ClusterSettings.defaults();
  private int nextId = 1;
  private final Map<Integer, ClusterWorker> workers = new LinkedHashMap<>();
  private final ArrayDeque<Long> unexpectedExits = new ArrayDeque<>();
  private boolean crashLooped;
  private boolean disconnecting;
  private Promise<Void> reloading;

  // worker
  private ChildIpc ipc;
  private ClusterWorker self;
  private boolean draining;

  private Cluster(Loop loop) {
    this.loop = loop;
    this.primary = !ListeningServers.inClusterWorker();
    if (!primary) {
      connectToPrimary();
    }
  }

  /**
   * The cluster of this JVM, created on the first call with the current loop (in a worker, that
   * connects it to the primary and reports it online). Call on a loop thread.
   *
   * @throws IllegalStateException when called outside a loop
   */
  public static synchronized Cluster get() {
    Loop l = Loop.current();
    if (l == null) {
      throw new IllegalStateException("Cluster.get() is called on a loop thread: inside Eddy.main(...) or a callback");
    }
    if (instance == null) {
      instance = new Cluster(l);
    }
    return instance;
  }

  /** Whether this JVM is the primary (it was not forked by a cluster). */
  public boolean isPrimary() {
    return primary;
  }

  /** Whether this JVM is a worker forked by a cluster primary. */
  public boolean isWorker() {
    return !primary;
  }

  /** (Worker) this worker; null in the primary. */
  public ClusterWorker worker() {
    return self;
  }

  /** (Primary) the workers alive or starting, by id; a live, read-only view. */
  public Map<Integer, ClusterWorker> workers() {
    return Collections.unmodifiableMap(workers);
  }

  /** (Primary) the settings later forks use. */
  public ClusterSettings settings() {
    return settings;
  }

  /** (Primary) sets how later forks start and how dead workers are looked after. */
  public Cluster setupPrimary(ClusterSettings settings) {
    requirePrimary("setupPrimary");
    this.settings = settings;
    return this;
  }

  // ----------------------------------------------------------------------------------------------
  // primary: forking and watching workers
  // ----------------------------------------------------------------------------------------------

  /** {@link #fork(Map)} with no extra environment. */
  public ClusterWorker fork() {
    return fork(Map.of());
  }

  /**
   * (Primary) starts a worker JVM running the settings' main class; {@link #FORK} follows on the
   * next tick, {@link #ONLINE} when its main runs, {@link #LISTENING} when it serves.
   *
   * @param env variables added to the worker's environment (kept for its replacements)
   * @throws IllegalStateException in a worker
   */
  public ClusterWorker fork(Map<String, String> env) {
    requirePrimary("fork");
    int id = nextId++;
    Map<String, String> all = new HashMap<>(System.getenv());
    all.putAll(settings.env);
    all.putAll(env);
    all.put(ListeningServers.WORKER_ENV, Integer.toString(id));
    all.put(GRACE_ENV, Long.toString(settings.idleGrace.toMillis()));
    String main = settings.mainClass != null ? settings.mainClass : defaultMainClass();
    List<String> args = settings.args != null ? settings.args : defaultArgs();
    List<String> jvmArgs = settings.jvmArgs != null ? settings.jvmArgs : defaultJvmArgs();
    ChildProcess child = ChildProcesses.fork(main, args, SpawnOptions.defaults().env(all).execArgv(jvmArgs));
    ClusterWorker w = new ClusterWorker(this, id, child, Map.copyOf(env));
    workers.put(id, w);
    child.on(ChildProcess.MESSAGE, m -> fromWorker(w, m));
    child.on(ChildProcess.DISCONNECT, v -> workerDisconnected(w));
    child.on(ChildProcess.EXIT, x -> workerExited(w, x));
    child.on(ChildProcess.ERROR, err -> {
      if (w.listenerCount(ERROR) > 0) {
        w.emit(ERROR, err);
      } else {
        LOG.log(Level.ERROR, "cluster worker " + id + " could not be started", err);
      }
    });
    Eddy.nextTick(() -> emit(FORK, w));
    return w;
  }

  private void fromWorker(ClusterWorker w, String m) {
    if (m.length() < 2 || m.charAt(0) != MARK) {
      return; // not the cluster's: something the worker's JVM itself printed on stdout
    }
    String body = m.substring(2);
    if (m.charAt(1) == 'u') {
      w.emit(ClusterWorker.MESSAGE, body);
      emit(MESSAGE, new Message(w, body));
      return;
    }
    String[] part = body.split(" ", 4);
    switch (part[0]) {
      case "online" -> {
        if (w.state == ClusterWorker.State.NONE) {
          w.state = ClusterWorker.State.ONLINE;
        }
        w.emit(ClusterWorker.ONLINE, null);
        emit(ONLINE, w);
      }
      case "listening" -> {
        Server.SocketAddress a = new Server.SocketAddress(part[3], part[2], Integer.parseInt(part[1]));
        if (w.address == null) {
          w.address = a;
        }
        if (w.state == ClusterWorker.State.NONE || w.state == ClusterWorker.State.ONLINE) {
          w.state = ClusterWorker.State.LISTENING;
        }
        w.emit(ClusterWorker.LISTENING, a);
        emit(LISTENING, new Listening(w, a));
      }
      case "exitedAfterDisconnect" -> w.exitedAfterDisconnect = true;
      default -> LOG.log(Level.WARNING, "cluster: unknown message from worker " + w.id() + ": " + body);
    }
  }

  private void workerDisconnected(ClusterWorker w) {
    if (w.state != ClusterWorker.State.DEAD) {
      w.state = ClusterWorker.State.DISCONNECTED;
    }
    w.emit(ClusterWorker.DISCONNECT, null);
    emit(DISCONNECT, w);
  }

  private void workerExited(ClusterWorker w, ChildProcess.Exit x) {
    w.state = ClusterWorker.State.DEAD;
    workers.remove(w.id());
    w.emit(ClusterWorker.EXIT, x);
    emit(EXIT, new Exit(w, x.code(), x.signal()));
    if (!w.exitedAfterDisconnect && settings.restart && !disconnecting && !crashLooped) {
      restartLater(w, x);
    }
  }

  private void restartLater(ClusterWorker dead, ChildProcess.Exit x) {
    long now = loop.now();
    unexpectedExits.addLast(now);
    while (now - unexpectedExits.peekFirst() > settings.crashLoopWindow.toMillis()) {
      unexpectedExits.removeFirst();
    }
    int recent = unexpectedExits.size();
    String how = x.signal() != null ? x.signal() : "code " + x.code();
    if (recent > settings.crashLoopLimit) {
      crashLooped = true;
      String msg = "cluster: " + recent + " workers exited unexpectedly within " + settings.crashLoopWindow
          + " (the last, worker " + dead.id() + ", with " + how + "); not restarting any more. "
          + "Look at the workers' stderr for the cause";
      if (listenerCount(CRASH_LOOP) > 0) {
        LOG.log(Level.ERROR, msg);
        emit(CRASH_LOOP, new CrashLoop(recent, settings.crashLoopWindow));
      } else {
        LOG.log(Level.ERROR, msg + "; the primary exits with code 1");
        Eddy.process().exit(1);
      }
      return;
    }
    long first = settings.restartDelay.toMillis();
    long delay = Math.min(settings.maxRestartDelay.toMillis(), first << Math.min(recent - 1, 30));
    LOG.log(Level.WARNING, "cluster: worker " + dead.id() + " (pid " + dead.pid() + ") exited with " + how
        + "; forking a replacement in " + delay + " ms");
    Eddy.setTimeout(() -> {
      if (!disconnecting && !crashLooped) {
        fork(dead.extraEnv);
      }
    }, (double) delay);
  }

  // ----------------------------------------------------------------------------------------------
  // primary: disconnect, reload
  // ----------------------------------------------------------------------------------------------

  /**
   * (Primary) disconnects every worker ({@link ClusterWorker#disconnect()}) and settles when all
   * have exited; a worker still alive after {@link ClusterSettings#disconnectTimeout} gets
   * SIGTERM, then SIGKILL. No worker is restarted meanwhile. What a primary does on SIGTERM.
   */
  public Promise<Void> disconnect() {
    requirePrimary("disconnect");
    disconnecting = true;
    List<Promise<Void>> exits = new ArrayList<>();
    for (ClusterWorker w : new ArrayList<>(workers.values())) {
      exits.add(retire(w));
    }
    return Promise.all(exits).then(v -> {
      disconnecting = false;
      return null;
    });
  }

  /**
   * (Primary) rolling restart: replaces each live worker, one at a time, by a new one (same extra
   * environment), waiting until the new one listens (or comes online, if the old one never
   * listened) before the old one drains and exits, so the port is served throughout. A second
   * call while one runs returns the same promise. Rejects, leaving the remaining old workers in
   * place, when a new worker exits or does not start within {@link ClusterSettings#startTimeout}.
   */
  public Promise<Void> reload() {
    requirePrimary("reload");
    if (reloading != null) {
      return reloading;
    }
    List<ClusterWorker> old = new ArrayList<>();
    for (ClusterWorker w : workers.values()) {
      if (!w.isDead() && !w.exitedAfterDisconnect) {
        old.add(w);
      }
    }
    Promise<Void> p = replaceFrom(old, 0);
    reloading = p;
    return p.andFinally(() -> reloading = null);
  }

  private Promise<Void> replaceFrom(List<ClusterWorker> old, int i) {
    if (i == old.size()) {
      return Promise.resolve(null);
    }
    return replace(old.get(i)).thenCompose(v -> replaceFrom(old, i + 1));
  }

  private Promise<Void> replace(ClusterWorker old) {
    if (old.isDead()) {
      return Promise.resolve(null);
    }
    boolean listened = old.address != null;
    ClusterWorker fresh = fork(old.extraEnv);
    Promise<Void> ready = Promise.create((resolve, reject) -> {
      Timeout timer = Eddy.setTimeout(() -> reject.accept(new IllegalStateException("cluster reload: worker "
          + fresh.id() + " did not " + (listened ? "listen" : "come online") + " within " + settings.startTimeout)),
          settings.startTimeout);
      Runnable isReady = () -> {
        timer.close();
        resolve.accept(null);
      };
      if (listened) {
        fresh.once(ClusterWorker.LISTENING, a -> isReady.run());
      } else {
        fresh.once(ClusterWorker.ONLINE, v -> isReady.run());
      }
      fresh.once(ClusterWorker.EXIT, x -> {
        timer.close();
        reject.accept(new IllegalStateException("cluster reload: worker " + fresh.id() + " exited with "
            + (x.signal() != null ? x.signal() : "code " + x.code()) + " before it was ready"));
      });
    });
    return ready.catchError(err -> {
      if (!fresh.isDead()) {
        fresh.kill("SIGKILL");
      }
      throw err instanceof RuntimeException r ? r : new IllegalStateException(err);
    }).thenCompose(v -> retire(old));
  }

  /** Disconnects {@code w} and settles when it has exited, escalating to signals after the timeout. */
  private Promise<Void> retire(ClusterWorker w) {
    if (w.isDead()) {
      return Promise.resolve(null);
    }
    return Promise.create((resolve, reject) -> {
      Timeout[] kill = new Timeout[2];
      w.once(ClusterWorker.EXIT, x -> {
        for (Timeout t : kill) {
          if (t != null) {
            t.close();
          }
        }
        resolve.accept(null);
      });
      kill[0] = Eddy.setTimeout(() -> {
        LOG.log(Level.WARNING, "cluster: worker " + w.id() + " (pid " + w.pid() + ") still running "
            + settings.disconnectTimeout + " after disconnect: SIGTERM");
        w.kill("SIGTERM");
        kill[1] = Eddy.setTimeout(() -> w.kill("SIGKILL"), KILL_AFTER_TERM);
      }, settings.disconnectTimeout);
      disconnect(w);
    });
  }

  // ----------------------------------------------------------------------------------------------
  // both sides: messages and disconnect
  // ----------------------------------------------------------------------------------------------

  boolean send(ClusterWorker w, String message) {
    if (primary) {
      return w.process().send(USER + message);
    }
    return ipc.send(USER + message);
  }

  void disconnect(ClusterWorker w) {
    if (primary) {
      if (w.isDead()) {
        return;
      }
      w.exitedAfterDisconnect = true;
      if (w.process().connected()) {
        w.process().send(CONTROL + "disconnect");
      }
      return;
    }
    drainAndDisconnect(false);
  }

  // ----------------------------------------------------------------------------------------------
  // worker side
  // ----------------------------------------------------------------------------------------------

  private void connectToPrimary() {
    int id = Integer.parseInt(System.getenv(ListeningServers.WORKER_ENV));
    self = new ClusterWorker(this, id, null, Map.of());
    self.state = ClusterWorker.State.ONLINE;
    ipc = ChildIpc.connect();
    ipc.on(ChildIpc.MESSAGE, m -> {
      if (m.startsWith(USER)) {
        self.emit(ClusterWorker.MESSAGE, m.substring(USER.length()));
      } else if (m.equals(CONTROL + "disconnect")) {
        drainAndDisconnect(true);
      }
    });
    ipc.on(ChildIpc.DISCONNECT, v -> {
      self.state = ClusterWorker.State.DISCONNECTED;
      self.emit(ClusterWorker.DISCONNECT, null);
      if (!self.exitedAfterDisconnect) {
        // the primary is gone: as in Node, an orphaned worker exits rather than hold the port
        Eddy.process().exit(0);
      }
    });
    ipc.send(CONTROL + "online");
    ListeningServers.watch(e -> onLoop(() -> reportListening(e.address())));
  }

  private void reportListening(InetSocketAddress a) {
    if (!ipc.connected()) {
      return;
    }
    String host = a.getAddress().getHostAddress().replaceAll("%.*$", "");
    String family = a.getAddress() instanceof java.net.Inet6Address ? "IPv6" : "IPv4";
    if (self.address == null) {
      self.address = new Server.SocketAddress(host, family, a.getPort());
      self.state = ClusterWorker.State.LISTENING;
    }
    ipc.send(CONTROL + "listening " + a.getPort() + " " + family + " " + host);
  }

  /** Node's worker._disconnect: close every server, wait for them, then close the channel. */
  private void drainAndDisconnect(boolean askedByPrimary) {
    if (draining) {
      return;
    }
    draining = true;
    self.exitedAfterDisconnect = true;
    if (!askedByPrimary && ipc.connected()) {
      ipc.send(CONTROL + "exitedAfterDisconnect");
    }
    long graceMs = idleGraceMs();
    List<ListeningServers.Entry> servers = ListeningServers.snapshot();
    int[] left = {servers.size()};
    Runnable closeChannel = () -> {
      if (ipc.connected()) {
        ipc.disconnect();
      }
    };
    if (servers.isEmpty()) {
      closeChannel.run();
      return;
    }
    for (ListeningServers.Entry e : servers) {
      Runnable drainOne = () -> e.drain().drain(graceMs, () -> onLoop(() -> {
        if (--left[0] == 0) {
          closeChannel.run();
        }
      }));
      if (Loop.current() == e.loop()) {
        drainOne.run();
      } else {
        e.loop().execute(drainOne);
      }
    }
  }

  private static long idleGraceMs() {
    String v = System.getenv(GRACE_ENV);
    try {
      return v == null ? 1000 : Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 1000;
    }
  }

  private void onLoop(Runnable r) {
    if (Loop.current() == loop) {
      r.run();
    } else {
      loop.execute(r);
    }
  }

  private void requirePrimary(String what) {
    if (!primary) {
      throw new IllegalStateException("cluster." + what + "() is for the primary; this JVM is worker " + self.id());
    }
  }

  // ----------------------------------------------------------------------------------------------
  // what a worker runs by default: the primary's own command line
  // ----------------------------------------------------------------------------------------------

  private static String commandToken() {
    String cmd = System.getProperty("sun.java.command", "").trim();
    if (cmd.isEmpty()) {
      throw new IllegalStateException("cluster: cannot tell this JVM's main class; set ClusterSettings.mainClass");
    }
    return cmd.split(" ", 2)[0];
  }

  static String defaultMainClass() {
    String first = commandToken();
    if (!first.endsWith(".jar")) {
      return first;
    }
    try (JarFile jar = new JarFile(first)) {
      String main = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Main-Class");
      if (main == null) {
        throw new IllegalStateException("cluster: " + first + " names no Main-Class; set ClusterSettings.mainClass");
      }
      return main;
    } catch (IOException e) {
      throw new IllegalStateException("cluster: cannot read " + first + " for its Main-Class; set ClusterSettings.mainClass", e);
    }
  }

  static List<String> defaultArgs() {
    String first = commandToken();
    String[] argv = ProcessHandle.current().info().arguments().orElse(null);
    if (argv != null) {
      for (int i = 0; i < argv.length; i++) {
        if (argv[i].equals(first)) {
          return List.of(Arrays.copyOfRange(argv, i + 1, argv.length));
        }
      }
    }
    String cmd = System.getProperty("sun.java.command", "").trim();
    String[] words = cmd.split(" +");
    return List.of(Arrays.copyOfRange(words, 1, words.length));
  }

  static List<String> defaultJvmArgs() {
    List<String> out = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // a debugger agent would make every worker bind the primary's debug port
      if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp")) {
        out.add(a);
      }
    }
    return out;
  }
}
