package dev.eddy.bench;

import static dev.eddy.Eddy.clearInterval;
import static dev.eddy.Eddy.setInterval;
import static dev.eddy.Eddy.setTimeout;

import dev.eddy.Loop;
import dev.eddy.Promise;
import dev.eddy.Timeout;
import dev.eddy.worker.WorkerPool;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Event-loop lag while a CPU-heavy task runs: a 5 ms interval records how late each tick is for
 * the task's duration, with the task (a) absent, (b) run on the loop thread, (c) run in a
 * WorkerPool. Prints {@code lag_<case>_p50_ms}, {@code _p99_ms} and {@code _max_ms} lines.
 */
public final class LagBench {
  private LagBench() {}

  static final int ROUNDS = 10_000_000;

  static String cpuTask() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] h = "eddy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i < ROUNDS; i++) {
      h = sha.digest(h);
    }
    return java.util.HexFormat.of().formatHex(h, 0, 4);
  }

  private static List<Double> measure(String mode, WorkerPool pool) {
    List<Double> lags = new ArrayList<>();
    int code = Loop.create().run(() -> {
      long[] last = {System.nanoTime()};
      Timeout[] iv = new Timeout[1];
      iv[0] = setInterval(() -> {
        long now = System.nanoTime();
        lags.add(Math.max(0, (now - last[0]) / 1e6 - 5));
        last[0] = now;
      }, 5);
      Runnable stop = () -> setTimeout(() -> clearInterval(iv[0]), 50);
      switch (mode) {
        case "idle" -> setTimeout(() -> clearInterval(iv[0]), 1000);
        case "on_loop" -> setTimeout(() -> {
          try {
            cpuTask();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          stop.run();
        }, 20);
        case "worker_pool" -> setTimeout(() -> {
          Promise<String> p = pool.run(LagBench::cpuTask);
          p.thenRun(stop);
        }, 20);
        default -> throw new IllegalArgumentException(mode);
      }
    });
    if (code != 0) {
      throw new IllegalStateException("loop exited with " + code);
    }
    return lags;
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  public static void main(String[] args) throws Exception {
    WorkerPool pool = WorkerPool.create(1, 4);
    cpuTask(); // warm the digest up once
    for (String mode : List.of("idle", "on_loop", "worker_pool")) {
      List<Double> lags = measure(mode, pool);
      Collections.sort(lags);
      System.out.printf(Locale.ROOT, "lag_%s_p50_ms %.2f%nlag_%s_p99_ms %.2f%nlag_%s_max_ms %.2f%n# %d ticks%n",
          mode, pct(lags, 0.5), mode, pct(lags, 0.99), mode, lags.get(lags.size() - 1), lags.size());
    }
    pool.close().get();
  }
}
