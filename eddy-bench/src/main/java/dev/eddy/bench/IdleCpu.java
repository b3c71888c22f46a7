package dev.eddy.bench;

import static dev.eddy.Eddy.clearTimeout;
import static dev.eddy.Eddy.setTimeout;

import dev.eddy.Loop;
import dev.eddy.Timeout;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Does an idle loop use CPU? Starts a loop on its own thread that has nothing to do but is kept
 * alive, lets it sit for a few seconds, and reports the CPU time its thread used meanwhile
 * (ThreadMXBean) and the whole process's (utime + stime from /proc/self/stat, which also counts
 * the JIT, GC and this measuring thread).
 *
 * <pre>
 * IdleCpu [seconds]     (default 3)
 * </pre>
 *
 * <p>Two cases: kept alive by {@link Loop#keepAlive()} only (the loop parks with no timeout), and
 * by a pending one-hour timer (the loop parks with a timeout).
 */
public final class IdleCpu {
  /** Linux reports /proc CPU times in USER_HZ ticks, 100 per second on x86-64 and arm64. */
  private static final double USER_HZ = 100;

  private IdleCpu() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (!mx.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("thread CPU time is not supported on this JVM");
    }
    mx.setThreadCpuTimeEnabled(true);
    System.out.println("# idle loop CPU over " + seconds + " s, java " + Runtime.version() + ", "
        + Runtime.getRuntime().availableProcessors() + " CPU(s)");
    measure("keepAlive", false, seconds, mx);
    measure("timer_1h", true, seconds, mx);
  }

  private static void measure(String name, boolean withTimer, double seconds, ThreadMXBean mx)
      throws Exception {
    Loop loop = Loop.create();
    AutoCloseable alive = withTimer ? null : loop.keepAlive();
    AtomicReference<Thread> loopThread = new AtomicReference<>();
    AtomicReference<Timeout> timer = new AtomicReference<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    CompletableFuture<Integer> done = loop.start(() -> {
      loopThread.set(Thread.currentThread());
      if (withTimer) {
        timer.set(setTimeout(() -> {
          throw new IllegalStateException("the one-hour timer fired");
        }, 3_600_000));
      }
      ready.complete(null);
    });
    ready.get(10, TimeUnit.SECONDS);
    Thread.sleep(200); // let the start-up work (class loading, JIT of the first callbacks) settle
    long tid = loopThread.get().threadId();
    long thread0 = mx.getThreadCpuTime(tid);
    long proc0 = processCpuTicks();
    long wall0 = System.nanoTime();
    Thread.sleep((long) (seconds * 1000));
    long thread1 = mx.getThreadCpuTime(tid);
    long proc1 = processCpuTicks();
    double wallMs = (System.nanoTime() - wall0) / 1e6;
    if (withTimer) {
      loop.execute(() -> clearTimeout(timer.get()));
    } else {
      alive.close();
    }
    int code = done.get(10, TimeUnit.SECONDS);
    if (code != 0) {
      throw new IllegalStateException("loop exited with code " + code);
    }
    double threadMs = (thread1 - thread0) / 1e6;
    double procMs = (proc1 - proc0) * 1000.0 / USER_HZ;
    System.out.println(String.format(Locale.ROOT,
        "idle_%s: loop thread %.3f ms CPU, process %.0f ms CPU (10 ms resolution), over %.0f ms wall (%.4f%% of one core for the loop thread)",
        name, threadMs, procMs, wallMs, 100 * threadMs / wallMs));
  }

  /** utime + stime of this process, in clock ticks (/proc/self/stat fields 14 and 15). */
  private static long processCpuTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // f[0] is field 3 (state): utime is field 14 -> f[11], stime field 15 -> f[12]
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

}
