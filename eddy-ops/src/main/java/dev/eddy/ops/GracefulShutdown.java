package dev.eddy.ops;

import dev.eddy.Eddy;
import dev.eddy.EddyProcess;
import dev.eddy.Promise;
import dev.eddy.Timeout;
import dev.eddy.http.HttpServer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Graceful shutdown on SIGTERM or SIGINT (issue 8): readiness turns false, the registered servers
 * stop accepting and close their idle keep-alive connections while in-flight requests finish
 * (bounded by {@code timeout}, after which the remaining connections are closed), then the
 * registered hooks run in reverse order of registration (pools, queues, clients), then the
 * process exits 0. A second signal during the shutdown exits at once with code 1.
 *
 * <pre>{@code
 * GracefulShutdown shutdown = GracefulShutdown.install(Duration.ofSeconds(10));
 * HttpServer server = app.listen(3000, null);
 * shutdown.server(server).hook("db pool", () -> pool.close());
 * app.get("/readyz", (req, res) -> res.status(shutdown.ready() ? 200 : 503).end());
 * }</pre>
 *
 * Create it on the loop thread whose process receives the signals; everything runs on that thread.
 */
public final class GracefulShutdown {
  private static final System.Logger LOG = System.getLogger("dev.eddy.ops.GracefulShutdown");

  private final Duration timeout;
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<String> hookNames = new ArrayList<>();
  private final List<Supplier<Promise<?>>> hooks = new ArrayList<>();
  private boolean shuttingDown;

  private GracefulShutdown(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Listens to SIGTERM and SIGINT of the current loop's process.
   *
   * @param timeout how long in-flight requests may take before their connections are closed
   */
  public static GracefulShutdown install(Duration timeout) {
    if (timeout.isNegative()) throw new IllegalArgumentException("graceful shutdown: timeout must not be negative");
    GracefulShutdown g = new GracefulShutdown(timeout);
    EddyProcess process = Eddy.process();
    process.on(EddyProcess.SIGTERM, g::onSignal);
    process.on(EddyProcess.SIGINT, g::onSignal);
    return g;
  }

  /** A server to close on shutdown. */
  public GracefulShutdown server(HttpServer server) {
    servers.add(server);
    return this;
  }

  /** A hook run during shutdown (after the servers closed), last registered first; it may return a promise. */
  public GracefulShutdown hook(String name, Supplier<Promise<?>> hook) {
    hookNames.add(name);
    hooks.add(hook);
    return this;
  }

  /** A synchronous hook. */
  public GracefulShutdown hook(String name, Runnable hook) {
    return hook(name, () -> {
      hook.run();
      return Promise.resolve(null);
    });
  }

  /** False once a shutdown began: what a readiness endpoint reports. */
  public boolean ready() {
    return !shuttingDown;
  }

  private void onSignal(String signal) {
    if (shuttingDown) {
      LOG.log(Level.WARNING, "second " + signal + " during shutdown: exiting now");
      Eddy.process().exit(1);
      return;
    }
    LOG.log(Level.INFO, signal + ": shutting down gracefully (up to " + timeout.toMillis() + " ms for in-flight requests)");
    begin().then(v -> {
      Eddy.process().exit(0);
      return null;
    }, err -> {
      LOG.log(Level.ERROR, "shutdown failed", err);
      Eddy.process().exit(1);
      return null;
    });
  }

  /** Starts the shutdown without a signal; the promise settles when the servers and hooks are done (no exit). */
  public Promise<Void> begin() {
    shuttingDown = true;
    List<Promise<Void>> closed = new ArrayList<>();
    for (HttpServer s : servers) {
      closed.add(Promise.create((resolve, reject) -> s.close(err -> resolve.accept(null))));
    }
    Timeout force = Eddy.setTimeout(() -> {
      LOG.log(Level.WARNING, "shutdown timeout: closing the connections still open");
      for (HttpServer s : servers) s.closeAllConnections();
    }, timeout);
    return Promise.all(closed).then(v -> {
      Eddy.clearTimeout(force);
      return null;
    }).thenCompose(v -> runHooks(hooks.size() - 1));
  }

  private Promise<Void> runHooks(int i) {
    if (i < 0) return Promise.resolve(null);
    String name = hookNames.get(i);
    Promise<?> p;
    try {
      p = hooks.get(i).get();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "shutdown hook '" + name + "' failed", e);
      return runHooks(i - 1);
    }
    return p.then(v -> null, err -> {
      LOG.log(Level.ERROR, "shutdown hook '" + name + "' failed", err);
      return null;
    }).thenCompose(v -> runHooks(i - 1));
  }
}
