package dev.eddy.ops.internal;

import static dev.eddy.Eddy.setInterval;

import dev.eddy.Loop;
import dev.eddy.Timeout;
import dev.eddy.ops.Watchdog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event-loop measurements behind {@code Metrics.loop}: a lag probe (a repeating unref'd timer
 * on the loop) that also closes the one-second utilisation windows, read from the loop's own idle
 * time ({@link Loop#eventLoopUtilization()}, Node's measure). No thread of its own: a sampler
 * waking every millisecond cost a pinned core several percent of its throughput.
 * Thread-safe: the probe runs on the loop, readers anywhere.
 */
public final class MetricsLoop {
  public static final String LAG = "eddy.eventloop.lag";
  public static final String UTILIZATION = "eddy.eventloop.utilization";
  public static final String ACTIVE = "eddy.eventloop.active";
  public static final String BLOCKED = "eddy.eventloop.blocked";
  public static final String BLOCKED_MAX = "eddy.eventloop.blocked.max";

  static final long PROBE_MILLIS = 20;
  private static final long PROBE_NANOS = PROBE_MILLIS * 1_000_000L;
  static final long WINDOW_NANOS = 1_000_000_000L;

  private final MeterRegistry registry;
  private final Loop loop;
  private final Watchdog watchdog;
  private final Timer lag;
  private final List<Meter> meters = new ArrayList<>();
  private final AtomicLong maxLagNanos = new AtomicLong();
  private volatile boolean closed;
  /** Written by the probe (loop thread), read by the gauge on any thread. */
  private volatile double windowUtilization = Double.NaN;

  // loop thread only
  private Timeout probe;
  private long lastProbe;
  private long windowStart;
  private dev.eddy.EventLoopUtilization windowStartReading;

  private MetricsLoop(MeterRegistry registry, Loop loop, Watchdog watchdog, Iterable<io.micrometer.core.instrument.Tag> tags) {
    this.registry = registry;
    this.loop = loop;
    this.watchdog = watchdog;
    lag = Timer.builder(LAG)
        .description("How late a " + PROBE_MILLIS + " ms timer on the event loop fires")
        .tags(tags)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    meters.add(lag);
    // strong reference: the registry keeps this object (and so every function below) alive even
    // when the caller drops its handle
    meters.add(Gauge.builder(UTILIZATION, this, MetricsLoop::utilization)
        .description("Share of time the event loop is not waiting in its poll phase, over the last second")
        .tags(tags)
        .strongReference(true)
        .register(registry));
    meters.add(Gauge.builder("eddy.blocking.queued", this, m -> dev.eddy.Eddy.blockingPoolStats().queued())
        .description("tasks waiting for a blocking-pool thread")
        .tags(tags)
        .strongReference(true)
        .register(registry));
    meters.add(Gauge.builder("eddy.blocking.active", this, m -> dev.eddy.Eddy.blockingPoolStats().active())
        .description("blocking-pool tasks running")
        .tags(tags)
        .strongReference(true)
        .register(registry));
    meters.add(FunctionCounter.builder(ACTIVE, this, m -> m.loop.eventLoopUtilization().active() / 1e3)
        .description("Time the event loop spent outside its poll phase")
        .tags(tags)
        .baseUnit("seconds")
        .register(registry));
    if (watchdog != null) {
      meters.add(FunctionCounter.builder(BLOCKED, this, m -> m.watchdog.incidents())
          .description("Times the watchdog saw the event loop blocked past its threshold")
          .tags(tags)
          .register(registry));
      meters.add(Gauge.builder(BLOCKED_MAX, this, m -> m.watchdog.maxLagMillis() / 1e3)
          .description("Longest time the watchdog saw the event loop blocked")
          .tags(tags)
          .baseUnit("seconds")
          .register(registry));
    }
  }

  /**
   * Registers the meters and starts both probes.
   *
   * @throws RejectedExecutionException if the loop has finished
   */
  public static MetricsLoop start(MeterRegistry registry, Loop loop, Watchdog watchdog, Iterable<io.micrometer.core.instrument.Tag> tags) {
    MetricsLoop m = new MetricsLoop(registry, loop, watchdog, tags);
    try {
      if (Loop.current() == loop) {
        m.startProbe();
      } else {
        loop.execute(m::startProbe);
      }
    } catch (RuntimeException e) {
      m.removeMeters();
      throw e;
    }
    return m;
  }

  private void startProbe() {
    if (closed) return;
    lastProbe = System.nanoTime();
    windowStart = lastProbe;
    windowStartReading = loop.eventLoopUtilization();
    probe = setInterval(this::tick, PROBE_MILLIS).unref();
  }

  private void tick() {
    if (closed) {
      probe.close();
      return;
    }
    long now = System.nanoTime();
    long late = Math.max(0, now - lastProbe - PROBE_NANOS);
    lastProbe = now;
    lag.record(late, TimeUnit.NANOSECONDS);
    if (late > maxLagNanos.get()) maxLagNanos.set(late); // single writer: the loop thread
    if (now - windowStart >= WINDOW_NANOS) {
      dev.eddy.EventLoopUtilization reading = loop.eventLoopUtilization();
      windowUtilization = reading.since(windowStartReading).utilization();
      windowStart = now;
      windowStartReading = reading;
    }
  }

  /** Utilisation over the last completed window, or since the start before one completed. */
  double utilization() {
    double w = windowUtilization;
    return Double.isNaN(w) ? totalUtilization() : w;
  }

  /** Active share since the loop started, 0..1 (Node's eventLoopUtilization().utilization). Any thread. */
  public double totalUtilization() {
    return loop.eventLoopUtilization().utilization();
  }

  /** Largest lag recorded, in ms. Any thread. */
  public double maxLagMillis() {
    return maxLagNanos.get() / 1e6;
  }

  /** Stops both probes and removes the meters; idempotent, any thread. */
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      if (Loop.current() == loop) {
        if (probe != null) probe.close();
      } else {
        loop.execute(() -> {
          if (probe != null) probe.close();
        });
      }
    } catch (RejectedExecutionException finished) {
      // the loop is over: its timers went with it
    }
    removeMeters();
  }

  private void removeMeters() {
    for (Meter m : meters) registry.remove(m);
  }
}
