package dev.eddy.bench;

import dev.eddy.security.MemoryRateLimitStore;
import dev.eddy.security.RateLimitStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory rate-limit store's cost per check (issue 7 asks for at least 5 M keys/s on one core):
 * one hit on a key drawn from {@code keys} distinct client keys (IP-like strings), as the limiter
 * does per request. {@code bench/bin/jmh RateLimitStoreBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RateLimitStoreBench {
  @Param({"1000", "1000000"})
  int keys;

  /**
   * {@code wall}: the default store off a loop thread, reading System.currentTimeMillis per
   * check; {@code cached}: the time read from a field refreshed every 4,096 checks, what the
   * default store reads on a loop thread ({@code Loop.cachedTimeMillis()}, updated once per loop
   * iteration and after each poll, like libuv's uv_now), where the limiter runs.
   */
  @Param({"wall", "cached"})
  String clock;

  private long cachedNow = System.currentTimeMillis();

  private String[] names;
  private MemoryRateLimitStore store;
  private int next;

  @Setup
  public void setup() {
    names = new String[keys];
    Mulberry32 rnd = new Mulberry32(42);
    for (int i = 0; i < keys; i++) {
      names[i] = "10." + ((int) (rnd.next() * 256) & 255) + "." + (i >>> 8 & 255) + "." + (i & 255);
    }
    store = clock.equals("cached") ? new MemoryRateLimitStore(() -> cachedNow) : new MemoryRateLimitStore();
    store.init(Duration.ofMinutes(1));
    for (String n : names) store.hit(n);
  }

  @Benchmark
  public RateLimitStore.Hit hit() {
    String key = names[next];
    next = next + 1 == names.length ? 0 : next + 1;
    if ((next & 4095) == 0) {
      cachedNow = System.currentTimeMillis();
    }
    return store.hit(key);
  }
}
