package dev.eddy.ops;

import dev.eddy.Eddy;
import dev.eddy.Timeout;
import dev.eddy.web.Middleware;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Load shedding in the spirit of @fastify/under-pressure: a timer samples the event-loop delay
 * (how late the sampling timer itself fires), heap in use and resident memory; while one is over
 * its limit, requests are answered at once with 503, {@code Retry-After} and a JSON body naming
 * the cause, instead of queueing behind a loop that cannot keep up. The sampler is unref'd (it
 * never keeps the loop alive); each loop serving the app gets its own, started by the first
 * request it serves. A limit of zero (or a null duration) is not checked. Resident memory is read
 * from /proc/self/statm (Linux, 4 KiB pages).
 *
 * <pre>{@code
 * app.use(UnderPressure.middleware(UnderPressure.Limits.none()
 *     .maxEventLoopDelay(Duration.ofMillis(200)).maxHeapUsedBytes(800L << 20)));
 * }</pre>
 */
public final class UnderPressure {
  private UnderPressure() {}

  /**
   * The limits and how often they are sampled.
   *
   * @param maxEventLoopDelay the largest tolerated delay of the sampling timer, or null
   * @param maxHeapUsedBytes the largest heap in use, or 0
   * @param maxRssBytes the largest resident set, or 0
   * @param sampleInterval how often to sample (default 1 s, as under-pressure)
   * @param retryAfter what {@code Retry-After} tells clients (default 10 s)
   */
  public record Limits(Duration maxEventLoopDelay, long maxHeapUsedBytes, long maxRssBytes, Duration sampleInterval,
      Duration retryAfter) {
    public static Limits none() {
      return new Limits(null, 0, 0, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    public Limits maxEventLoopDelay(Duration v) { return new Limits(v, maxHeapUsedBytes, maxRssBytes, sampleInterval, retryAfter); }
    public Limits maxHeapUsedBytes(long v) { return new Limits(maxEventLoopDelay, v, maxRssBytes, sampleInterval, retryAfter); }
    public Limits maxRssBytes(long v) { return new Limits(maxEventLoopDelay, maxHeapUsedBytes, v, sampleInterval, retryAfter); }
    public Limits sampleInterval(Duration v) { return new Limits(maxEventLoopDelay, maxHeapUsedBytes, maxRssBytes, v, retryAfter); }
    public Limits retryAfter(Duration v) { return new Limits(maxEventLoopDelay, maxHeapUsedBytes, maxRssBytes, sampleInterval, v); }
  }

  /**
   * The middleware.
   *
   * @throws IllegalArgumentException for a sample interval under 1 ms or negative limits
   */
  public static Middleware middleware(Limits limits) {
    if (limits.sampleInterval().toMillis() < 1) {
      throw new IllegalArgumentException("under pressure: sampleInterval must be at least 1 ms");
    }
    if (limits.maxHeapUsedBytes() < 0 || limits.maxRssBytes() < 0) {
      throw new IllegalArgumentException("under pressure: memory limits must not be negative");
    }
    // one sampler per loop thread, started by the first request it serves (the app may be built
    // off the loop, and one app may serve several loops)
    ThreadLocal<Sampler> samplers = ThreadLocal.withInitial(() -> new Sampler(limits));
    String retry = Long.toString(Math.max(1, (limits.retryAfter().toMillis() + 999) / 1000));
    return (req, res, next) -> {
      String cause = samplers.get().cause;
      if (cause == null) {
        next.run();
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("statusCode", 503);
      body.put("error", "Service Unavailable");
      body.put("message", "Service under pressure: " + cause);
      res.set("Retry-After", retry).status(503).json(body);
    };
  }

  private static final class Sampler {
    private final Limits limits;
    private final long intervalMs;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long expectedAt;
    volatile String cause;

    Sampler(Limits limits) {
      this.limits = limits;
      this.intervalMs = limits.sampleInterval().toMillis();
      expectedAt = System.nanoTime() + intervalMs * 1_000_000;
      Timeout t = Eddy.setInterval(this::sample, intervalMs);
      t.unref();
    }

    private void sample() {
      long now = System.nanoTime();
      long delayMs = Math.max(0, (now - expectedAt) / 1_000_000);
      expectedAt = now + intervalMs * 1_000_000;
      String c = null;
      if (limits.maxEventLoopDelay() != null && delayMs > limits.maxEventLoopDelay().toMillis()) {
        c = "event loop delay " + delayMs + " ms";
      } else if (limits.maxHeapUsedBytes() > 0 && memory.getHeapMemoryUsage().getUsed() > limits.maxHeapUsedBytes()) {
        c = "heap used over " + limits.maxHeapUsedBytes() + " bytes";
      } else if (limits.maxRssBytes() > 0 && rss() > limits.maxRssBytes()) {
        c = "resident memory over " + limits.maxRssBytes() + " bytes";
      }
      cause = c;
    }

    private static long rss() {
      try {
        String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
        return Long.parseLong(f[1]) * 4096L;
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }
  }
}
