package dev.eddy.bench;

import static dev.eddy.Eddy.clearTimeout;
import static dev.eddy.Eddy.nextTick;
import static dev.eddy.Eddy.queueMicrotask;
import static dev.eddy.Eddy.setImmediate;
import static dev.eddy.Eddy.setTimeout;

import dev.eddy.Buffer;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import dev.eddy.Loop;
import dev.eddy.Promise;
import dev.eddy.Timeout;
import dev.eddy.stream.Readable;
import dev.eddy.stream.Stream;
import dev.eddy.stream.StreamOptions;
import dev.eddy.stream.Transform;
import dev.eddy.stream.Writable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The event-loop microbenchmarks of {@code ../shared/bench/loop/node/*.js}, ported one to one,
 * for {@code ../shared/bench/loop/run.sh --extra 'eddy=bench/bin/loop'}.
 *
 * <p>Prints {@code name ops_per_sec} lines (and {@code # ...} notes) with the names, counts and
 * timed sections of the Node files. Every measurement runs in a fresh {@link Loop} on the main
 * thread. The Node harness does no warm-up (each file is one cold measurement in a fresh process,
 * where V8 tiers up while it runs); a cold JVM would mostly measure its interpreter and JIT
 * compilers instead, so by default each benchmark first runs once in a separate loop at a tenth
 * of its count (the {@code # warm-up} note says so), then a full GC, then the measurement.
 *
 * <pre>
 * LoopBench [--warmup K] [--cold] [name|node-file-name]...
 * </pre>
 *
 * <p>{@code --warmup K}: K warm-up runs per benchmark (default 5); {@code --cold}: none.
 * Names select benchmarks (the printed names, or the Node file names such as {@code
 * set-immediate}); none means all.
 */
public final class LoopBench {
  private LoopBench() {}

  /** One benchmark: runs at {@code scale} (1 = the Node count) and returns its measurement. */
  @FunctionalInterface
  private interface Bench {
    Result run(int scale);
  }

  /** ops/s plus optional note lines. */
  private record Result(String name, long ops, double ms, List<String> notes, List<String> extraLines) {
    Result(String name, long ops, double ms, List<String> notes) {
      this(name, ops, ms, notes, List.of());
    }

    long opsPerSec() {
      return Math.round(ops / (ms / 1000.0));
    }
  }

  private static final Map<String, Bench> BENCHES = new LinkedHashMap<>();
  private static final Map<String, String> FILE_NAMES = new LinkedHashMap<>();

  static {
    add("setImmediate_chain_1M", "set-immediate", LoopBench::setImmediateChain);
    add("nextTick_recursion_1M", "next-tick", LoopBench::nextTickRecursion);
    add("promise_then_chain_1M", "promise-then", LoopBench::promiseThenChain);
    add("queueMicrotask_chain_1M", "queue-microtask", LoopBench::queueMicrotaskChain);
    add("setTimeout_random_100k", "timers-random", LoopBench::timersRandom);
    add("timers_create_clear_100k", "timers-clear", LoopBench::timersClear);
    add("eventemitter_emit_10M", "event-emitter", LoopBench::eventEmitter);
    add("stream_pipe_1GiB_chunks", "stream-pipe", LoopBench::streamPipe);
  }

  private static void add(String name, String file, Bench b) {
    BENCHES.put(name, b);
    FILE_NAMES.put(file, name);
  }

  public static void main(String[] args) {
    int warmups = 5;
    List<String> selected = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--cold" -> warmups = 0;
        case "--warmup" -> warmups = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println("usage: LoopBench [--warmup K] [--cold] [name]...");
          System.out.println("names: " + String.join(" ", BENCHES.keySet()));
          return;
        }
        default -> {
          String name = FILE_NAMES.getOrDefault(a, a);
          if (!BENCHES.containsKey(name)) {
            System.err.println("LoopBench: no such benchmark: " + a + " (known: "
                + String.join(" ", BENCHES.keySet()) + ")");
            System.exit(2);
          }
          selected.add(name);
        }
      }
    }
    if (selected.isEmpty()) {
      selected.addAll(BENCHES.keySet());
    }
    System.out.println("# eddy LoopBench: java " + Runtime.version() + ", "
        + Runtime.getRuntime().availableProcessors() + " CPU(s), max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, GC "
        + gcNames());
    System.out.println(warmups == 0
        ? "# warm-up: none (cold JVM, as the Node harness: no warm-up)"
        : "# warm-up: the Node harness does none (V8 tiers up during its single run); here each "
            + "benchmark first runs " + warmups + "x at 1/10 of its count in a separate Loop, then "
            + "System.gc(), then the measured run in a fresh Loop");
    for (String name : selected) {
      Bench b = BENCHES.get(name);
      for (int w = 0; w < warmups; w++) {
        b.run(10);
      }
      System.gc();
      Result r = b.run(1);
      System.out.println(r.name() + " " + r.opsPerSec());
      for (String line : r.extraLines()) {
        System.out.println(line);
      }
      for (String note : r.notes()) {
        System.out.println("# " + note);
      }
      System.out.flush();
    }
  }

  private static String gcNames() {
    StringBuilder sb = new StringBuilder();
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(gc.getName());
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers (harness.js)
  // ---------------------------------------------------------------------------------------------

  /** performance.now(): milliseconds as a double. */
  static double now() {
    return System.nanoTime() / 1e6;
  }

  /** Runs {@code main} in a fresh loop on this thread; a benchmark that fails is a bug. */
  private static void runLoop(Runnable main) {
    int code = Loop.create().run(main);
    if (code != 0) {
      throw new IllegalStateException("loop exited with code " + code);
    }
  }

  private static String fmt(double ms) {
    return String.format(Locale.ROOT, "%.1f", ms);
  }

  // ---------------------------------------------------------------------------------------------
  // the benchmarks (one per ../shared/bench/loop/node/*.js)
  // ---------------------------------------------------------------------------------------------

  /** set-immediate.js: 1M chained setImmediate, from the first schedule to the last callback. */
  private static Result setImmediateChain(int scale) {
    final int n = 1_000_000 / scale;
    final double[] elapsed = {-1};
    runLoop(new Runnable() {
      int i;
      double t0;

      final Runnable step = () -> {
        if (++i < n) {
          setImmediate(this.step);
        } else {
          elapsed[0] = now() - t0;
        }
      };

      @Override
      public void run() {
        t0 = now();
        setImmediate(step);
      }
    });
    check(elapsed[0] >= 0, "setImmediate chain did not finish");
    return new Result("setImmediate_chain_1M", n, elapsed[0], List.of());
  }

  /** next-tick.js: 1M process.nextTick, each callback queueing the next. */
  private static Result nextTickRecursion(int scale) {
    final int n = 1_000_000 / scale;
    final double[] elapsed = {-1};
    runLoop(new Runnable() {
      int i;
      double t0;

      final Runnable step = () -> {
        if (++i < n) {
          nextTick(this.step);
        } else {
          elapsed[0] = now() - t0;
        }
      };

      @Override
      public void run() {
        t0 = now();
        nextTick(step);
      }
    });
    check(elapsed[0] >= 0, "nextTick recursion did not finish");
    return new Result("nextTick_recursion_1M", n, elapsed[0], List.of());
  }

  /**
   * promise-then.js: {@code p = p.then(v => v + 1)} 1M times from a resolved promise, built
   * synchronously, timed until the last one settles (construction included).
   */
  private static Result promiseThenChain(int scale) {
    final int n = 1_000_000 / scale;
    final double[] elapsed = {-1};
    runLoop(() -> {
      double t0 = now();
      Promise<Integer> p = Promise.resolve(0);
      Function<Integer, Integer> inc = v -> v + 1;
      for (int i = 0; i < n; i++) {
        p = p.then(inc);
      }
      p.thenAccept(v -> {
        if (v != n) {
          throw new IllegalStateException("chain ended at " + v);
        }
        elapsed[0] = now() - t0;
      });
    });
    check(elapsed[0] >= 0, "promise chain did not settle");
    return new Result("promise_then_chain_1M", n, elapsed[0], List.of());
  }

  /** queue-microtask.js: 1M queueMicrotask, each callback queueing the next. */
  private static Result queueMicrotaskChain(int scale) {
    final int n = 1_000_000 / scale;
    final double[] elapsed = {-1};
    runLoop(new Runnable() {
      int i;
      double t0;

      final Runnable step = () -> {
        if (++i < n) {
          queueMicrotask(this.step);
        } else {
          elapsed[0] = now() - t0;
        }
      };

      @Override
      public void run() {
        t0 = now();
        queueMicrotask(step);
      }
    });
    check(elapsed[0] >= 0, "microtask chain did not finish");
    return new Result("queueMicrotask_chain_1M", n, elapsed[0], List.of());
  }

  /**
   * timers-random.js: 100k setTimeout with delays floor(r * 101) ms, r from mulberry32(42), all
   * scheduled at once; from the first schedule until the last one fired.
   */
  private static Result timersRandom(int scale) {
    final int n = 100_000 / scale;
    final double[] out = {-1, 0, 0}; // total ms, schedule ms, max lateness ms
    runLoop(new Runnable() {
      int fired;
      double t0;

      Runnable make(double due) {
        return () -> {
          double late = now() - due;
          if (late > out[2]) {
            out[2] = late;
          }
          if (++fired == n) {
            out[0] = now() - t0;
          }
        };
      }

      @Override
      public void run() {
        Mulberry32 next = new Mulberry32(42);
        t0 = now();
        for (int i = 0; i < n; i++) {
          int delay = (int) Math.floor(next.next() * 101);
          setTimeout(make(now() + delay), delay);
        }
        out[1] = now() - t0;
      }
    });
    check(out[0] >= 0, "not every timer fired");
    return new Result("setTimeout_random_100k", n, out[0], List.of("schedule phase " + fmt(out[1])
        + " ms, total " + fmt(out[0]) + " ms, max lateness " + fmt(out[2]) + " ms"));
  }

  /**
   * timers-clear.js: 100k setTimeout with delays 1 + floor(r * 100) ms, mulberry32(7), then
   * clearTimeout of all, in the same tick; one op = create + clear.
   */
  private static Result timersClear(int scale) {
    final int n = 100_000 / scale;
    final double[] out = {-1, 0, 0}; // total, create, clear
    runLoop(() -> {
      Mulberry32 next = new Mulberry32(7);
      Runnable noop = () -> {
        throw new IllegalStateException("a cleared timer fired");
      };
      Timeout[] timers = new Timeout[n];
      double t0 = now();
      for (int i = 0; i < n; i++) {
        timers[i] = setTimeout(noop, 1 + Math.floor(next.next() * 100));
      }
      double t1 = now();
      for (int i = 0; i < n; i++) {
        clearTimeout(timers[i]);
      }
      double t2 = now();
      out[0] = t2 - t0;
      out[1] = t1 - t0;
      out[2] = t2 - t1;
    });
    check(out[0] >= 0, "timers-clear did not run");
    return new Result("timers_create_clear_100k", n, out[0],
        List.of("create " + fmt(out[1]) + " ms, clear " + fmt(out[2]) + " ms"));
  }

  private static final Event<Integer> DATA = Event.of("data");

  /** event-emitter.js: 10M emit('data', i) on an EventEmitter with one listener. */
  private static Result eventEmitter(int scale) {
    final int n = 10_000_000 / scale;
    final double[] elapsed = {-1};
    runLoop(() -> {
      EventEmitter emitter = new EventEmitter();
      long[] sum = {0};
      emitter.on(DATA, v -> sum[0] += v);
      double t0 = now();
      for (int i = 0; i < n; i++) {
        emitter.emit(DATA, i);
      }
      double ms = now() - t0;
      if (sum[0] != (long) n * (n - 1) / 2) {
        throw new IllegalStateException("listener missed events");
      }
      elapsed[0] = ms;
    });
    check(elapsed[0] >= 0, "emitter bench did not run");
    return new Result("eventemitter_emit_10M", n, elapsed[0], List.of());
  }

  /**
   * stream-pipe.js: 1 GiB from a Readable pushing chunks of its own highWaterMark (16 KiB) from
   * one preallocated buffer, through a pass-through Transform, into a Writable that drops them,
   * with pipe() and default highWaterMarks; prints chunks/s and (as a second line) bytes/s.
   */
  private static Result streamPipe(int scale) {
    final long total = (1024L * 1024 * 1024) / scale;
    final double[] out = {-1};
    final long[] received = {0};
    final long[] produced = {0};
    final int[] chunkSize = {0};
    runLoop(() -> {
      Buffer[] chunk = new Buffer[1];
      Readable source = new Readable() {
        @Override
        protected void doRead(int size) {
          if (produced[0] >= total) {
            push(null);
            return;
          }
          produced[0] += chunk[0].length();
          push(chunk[0]);
        }
      };
      chunk[0] = Buffer.alloc(source.readableHighWaterMark(), 97);
      chunkSize[0] = chunk[0].length();
      Transform pass = Transform.map(c -> c);
      Writable sink = Writable.of(StreamOptions.defaults(), (c, cb) -> {
        received[0] += ((Buffer) c).length();
        cb.accept(null);
      });
      double t0 = now();
      sink.on(Stream.FINISH, x -> out[0] = now() - t0);
      source.pipe(pass).pipe(sink);
    });
    // Whole chunks are pushed until the total is reached, as in Node (1 GiB is a whole number of them).
    check(out[0] >= 0 && received[0] == produced[0] && received[0] >= total,
        "received " + received[0] + " of " + produced[0] + " bytes");
    long chunks = received[0] / chunkSize[0];
    long bytesPerSec = Math.round(received[0] / (out[0] / 1000.0));
    return new Result("stream_pipe_1GiB_chunks", chunks, out[0],
        List.of("chunk " + chunkSize[0] + " bytes, " + Math.round(total / 1048576.0 / (out[0] / 1000)) + " MiB/s, max heap "
            + Runtime.getRuntime().maxMemory() / 1048576 + " MiB"),
        List.of("stream_pipe_1GiB_bytes " + bytesPerSec));
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what);
    }
  }
}
