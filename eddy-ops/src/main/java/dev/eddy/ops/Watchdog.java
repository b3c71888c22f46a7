package dev.eddy.ops;

import dev.eddy.Loop;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Notices a blocked event loop: when a loop stays busy without finishing an iteration for longer
 * than {@code warnAfter} (100 ms by default), it logs one warning per incident with the stack of
 * the thread that holds the loop at that moment, the loop thread or the virtual thread of an
 * async body (so a CPU-bound await-free body is caught too). Incidents also go to listeners
 * (metrics, load shedding), and {@link #maxLagMillis()} reports the longest block seen.
 *
 * <p>It runs on one daemon platform thread that samples the loop every {@code warnAfter / 5}
 * (at least 1 ms); the loop only increments a counter per iteration, so watching costs it nothing
 * measurable. Start it from any thread; close it to stop watching.
 */
public final class Watchdog implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.eddy.ops.Watchdog");

  /** One blocked-loop incident: how long the loop had been busy when reported, and where. */
  public record Incident(String loopThread, Duration blockedFor, Thread.State state, List<StackTraceElement> stack) {
    /** The stack as the warning prints it. */
    public String stackText() {
      StringBuilder sb = new StringBuilder();
      for (StackTraceElement e : stack) sb.append("\tat ").append(e).append('\n');
      return sb.toString();
    }
  }

  private final Loop loop;
  private final long warnNanos;
  private final Thread checker;
  private final List<Consumer<Incident>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong maxLagNanos = new AtomicLong();
  private final AtomicLong incidents = new AtomicLong();
  private volatile boolean closed;

  private Watchdog(Loop loop, Duration warnAfter) {
    if (warnAfter.isNegative() || warnAfter.isZero()) {
      throw new IllegalArgumentException("watchdog: warnAfter must be positive, got " + warnAfter);
    }
    this.loop = loop;
    this.warnNanos = warnAfter.toNanos();
    long periodNanos = Math.max(1_000_000L, warnNanos / 5);
    checker = Thread.ofPlatform().daemon().name("eddy-watchdog").unstarted(() -> watch(periodNanos));
  }

  /** Watches {@code loop} with the default threshold of 100 ms. */
  public static Watchdog watch(Loop loop) {
    return watch(loop, Duration.ofMillis(100));
  }

  /** Watches {@code loop}, warning when it is blocked longer than {@code warnAfter}. */
  public static Watchdog watch(Loop loop, Duration warnAfter) {
    Watchdog w = new Watchdog(loop, warnAfter);
    w.checker.start();
    return w;
  }

  /** Also hands every incident to {@code listener} (on the watchdog's thread). */
  public Watchdog onIncident(Consumer<Incident> listener) {
    listeners.add(listener);
    return this;
  }

  /** The longest time the loop was seen busy without finishing an iteration, in ms. */
  public double maxLagMillis() {
    return maxLagNanos.get() / 1e6;
  }

  /** Incidents reported so far. */
  public long incidents() {
    return incidents.get();
  }

  private void watch(long periodNanos) {
    long lastIterations = -1;
    long busySince = 0;
    boolean reported = false;
    while (!closed && !loop.isFinished()) {
      java.util.concurrent.locks.LockSupport.parkNanos(periodNanos);
      long now = System.nanoTime();
      long it = loop.iterations();
      if (loop.isPolling() || it != lastIterations || loop.thread() == null) {
        lastIterations = it;
        busySince = now;
        reported = false;
        continue;
      }
      long busy = now - busySince;
      maxLagNanos.accumulateAndGet(busy, Math::max);
      if (!reported && busy >= warnNanos) {
        reported = true;
        report(busy);
      }
    }
  }

  private void report(long busyNanos) {
    Thread t = loop.runningThread();
    if (t == null) return;
    StackTraceElement[] stack = t.getStackTrace();
    Incident incident = new Incident(String.valueOf(loop.thread().getName()), Duration.ofNanos(busyNanos), t.getState(),
        List.of(stack));
    incidents.incrementAndGet();
    LOG.log(Level.WARNING, "event loop " + incident.loopThread() + " blocked for " + busyNanos / 1_000_000
        + " ms (threshold " + warnNanos / 1_000_000 + " ms); the code holding it (" + t + "):\n" + incident.stackText());
    for (Consumer<Incident> l : listeners) {
      try {
        l.accept(incident);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "watchdog listener failed", e);
      }
    }
  }

  /** Stops watching. */
  @Override
  public void close() {
    closed = true;
    checker.interrupt();
  }
}
