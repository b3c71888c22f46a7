package dev.eddy.ops;

import dev.eddy.Loop;
import dev.eddy.ops.internal.MetricsHttp;
import dev.eddy.ops.internal.MetricsLoop;
import dev.eddy.web.Handler;
import dev.eddy.web.Middleware;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Micrometer metrics for an Eddy service, scraped by Prometheus:
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = Metrics.prometheus();
 * app.use(Metrics.http(registry));
 * app.get("/metrics", Metrics.endpoint(registry));
 * Metrics.loop(registry, Loop.current(), watchdog);
 * }</pre>
 *
 * <p>What is measured:
 *
 * <ul>
 *   <li>{@code http.server.requests} (Timer; Prometheus {@code http_server_requests_seconds_*}):
 *       RED metrics, tagged {@code method}, {@code route} (the matched route pattern, never the
 *       raw path), {@code status} and {@code outcome}; see {@link #http(MeterRegistry)}.
 *   <li>{@code eddy.eventloop.lag} (Timer with a percentile histogram): how late a 20 ms
 *       repeating timer on the loop fires, like Node's {@code monitorEventLoopDelay}.
 *   <li>{@code eddy.eventloop.utilization} (gauge, 0..1) and {@code eddy.eventloop.active}
 *       (counter, seconds): the share of time the loop is not waiting in its poll phase, like
 *       Node's {@code performance.eventLoopUtilization()} ({@link Loop#eventLoopUtilization()});
 *       see {@link #loop(MeterRegistry, Loop, Watchdog, Iterable)}.
 *   <li>{@code eddy.eventloop.blocked} (counter) and {@code eddy.eventloop.blocked.max} (gauge,
 *       seconds): the {@link Watchdog}'s incidents and the longest block it saw, when one is given.
 *   <li>heap, GC, threads, CPU and uptime from Micrometer's JVM binders ({@link #prometheus()}).
 * </ul>
 *
 * <p>The blocking pool's queue depth is not measured: eddy-core keeps its pool private.
 */
public final class Metrics {
  /** The content type of Prometheus's text exposition format 0.0.4. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private Metrics() {}

  /**
   * A new Prometheus registry with the JVM binders bound to it once: memory (heap and non-heap
   * pools), GC pauses and allocation, threads, processor (CPU usage and load) and uptime. A
   * service normally builds one and shares it; closing it also unregisters the GC notification
   * listener. Any thread.
   *
   * @return the registry, ready to be scraped by {@link #endpoint(PrometheusMeterRegistry)}
   */
  public static PrometheusMeterRegistry prometheus() {
    JvmGcMetrics gc = new JvmGcMetrics();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) {
      @Override
      public void close() {
        // the GC binder holds a JMX notification listener that would outlive the registry
        gc.close();
        super.close();
      }
    };
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /**
   * A middleware recording one {@code http.server.requests} timing per request, from the moment
   * it runs until the response finishes (its last byte is handed to the connection) or closes
   * first (the client went away: status {@code CLIENT_CLOSED}, outcome {@code UNKNOWN}). Tags:
   *
   * <ul>
   *   <li>{@code method}: the request method when it is a standard one (GET, HEAD, POST, PUT,
   *       DELETE, PATCH, OPTIONS, TRACE, CONNECT), else {@code OTHER}, so that clients cannot
   *       invent series;
   *   <li>{@code route}: the pattern of the route that handled the request ({@code /users/:id}),
   *       as {@code req.route().path()} gives it when the response ends (relative to the router
   *       it was declared on); without a route {@code NOT_FOUND} for a 404 and {@code UNKNOWN}
   *       otherwise;
   *   <li>{@code status}: the status code, or {@code CLIENT_CLOSED};
   *   <li>{@code outcome}: {@code INFORMATIONAL}, {@code SUCCESS}, {@code REDIRECTION}, {@code
   *       CLIENT_ERROR}, {@code SERVER_ERROR} or {@code UNKNOWN}, as Spring names them.
   * </ul>
   *
   * <p>Mount it first so that it times the whole pipeline. Timers are cached per (route, method,
   * status), so a request allocates only its finish listener. The middleware may be shared by
   * apps on several loops.
   *
   * @param registry where the timers are registered
   * @return the middleware; it always calls {@code next}
   * @throws NullPointerException if {@code registry} is null
   */
  public static Middleware http(MeterRegistry registry) {
    return new MetricsHttp(Objects.requireNonNull(registry, "registry"));
  }

  /**
   * Measures {@code loop} without a watchdog and without extra tags; see {@link
   * #loop(MeterRegistry, Loop, Watchdog, Iterable)}.
   */
  public static LoopMetrics loop(MeterRegistry registry, Loop loop) {
    return loop(registry, loop, null, List.of());
  }

  /**
   * Measures {@code loop} and counts {@code watchdog}'s incidents; see {@link
   * #loop(MeterRegistry, Loop, Watchdog, Iterable)}.
   */
  public static LoopMetrics loop(MeterRegistry registry, Loop loop, Watchdog watchdog) {
    return loop(registry, loop, watchdog, List.of());
  }

  /**
   * Registers the event-loop meters of {@code loop}; close the returned handle to stop measuring
   * and remove them.
   *
   * <p><b>Lag</b>: an unref'd 20 ms {@code setInterval} on the loop (it never keeps the loop
   * alive) records, at each run, how much later than 20 ms after its previous run it fires, into
   * the {@code eddy.eventloop.lag} timer. A callback that holds the loop for 100 ms shows up as a
   * lag of about 80-100 ms. The resolution is the loop's timer resolution (about 1 ms), and a loop
   * on a {@link dev.eddy.VirtualClock} gives meaningless values.
   *
   * <p><b>Utilisation</b>: read from the loop itself, as Node does ({@link
   * Loop#eventLoopUtilization()}: the time blocked in the poll phase is idle, the rest since the
   * loop started is active), so it is exact and costs no thread. The gauge {@code
   * eddy.eventloop.utilization} gives the share over the last completed one-second window, closed
   * by the lag timer (over the time since the loop started before that); the counter {@code
   * eddy.eventloop.active} gives the active seconds, whose rate is the utilisation over any
   * window.
   *
   * <p><b>Watchdog</b>: when {@code watchdog} is not null, {@code eddy.eventloop.blocked} counts its
   * incidents and {@code eddy.eventloop.blocked.max} gives the longest block in seconds.
   *
   * <p>Callable from any thread: from another thread the timer is set up through {@link
   * Loop#execute}.
   *
   * @param registry where the meters are registered
   * @param loop the loop to measure, started or not
   * @param watchdog the loop's watchdog, or null
   * @param tags extra tags for every meter (e.g. {@code loop=worker-1} when a process runs several)
   * @return the handle that stops the measurements and removes the meters
   * @throws NullPointerException if {@code registry}, {@code loop} or {@code tags} is null
   * @throws java.util.concurrent.RejectedExecutionException if the loop has finished
   */
  public static LoopMetrics loop(MeterRegistry registry, Loop loop, Watchdog watchdog, Iterable<Tag> tags) {
    return new LoopMetrics(MetricsLoop.start(Objects.requireNonNull(registry, "registry"),
        Objects.requireNonNull(loop, "loop"), watchdog, Objects.requireNonNull(tags, "tags")));
  }

  /**
   * A handler answering a scrape of {@code registry} in Prometheus's text format 0.0.4, with
   * {@value #PROMETHEUS_CONTENT_TYPE} as content type: {@code app.get("/metrics",
   * Metrics.endpoint(registry))}. The scrape runs on the loop thread (a few milliseconds for a
   * registry of a few thousand series).
   *
   * @param registry the registry to expose
   * @return the handler
   * @throws NullPointerException if {@code registry} is null
   */
  public static Handler endpoint(PrometheusMeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    return (req, res) -> {
      // sent as bytes so that the content type keeps its exact form (a string body would have
      // its charset parameter rewritten)
      res.set("Content-Type", PROMETHEUS_CONTENT_TYPE);
      res.set("Cache-Control", "no-store");
      res.send(registry.scrape().getBytes(StandardCharsets.UTF_8));
    };
  }

  /** The running event-loop measurements of one loop, as {@link #loop} returns them. */
  public static final class LoopMetrics implements AutoCloseable {
    private final MetricsLoop impl;

    private LoopMetrics(MetricsLoop impl) {
      this.impl = impl;
    }

    /**
     * The share of time the loop was active (not blocked in its poll phase) since it started,
     * between 0 and 1: Node's {@code eventLoopUtilization().utilization} without arguments. Any
     * thread.
     *
     * @return the utilisation, 0 before the loop's event loop starts
     */
    public double utilization() {
      return impl.totalUtilization();
    }

    /**
     * The largest lag recorded so far, in milliseconds. Any thread.
     *
     * @return the maximum lag, 0 before the first timer run
     */
    public double maxLagMillis() {
      return impl.maxLagMillis();
    }

    /**
     * Stops the loop timer and removes this handle's meters from the registry.
     * Idempotent; any thread.
     */
    @Override
    public void close() {
      impl.close();
    }
  }
}
