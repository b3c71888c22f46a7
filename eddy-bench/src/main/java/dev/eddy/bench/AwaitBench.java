package dev.eddy.bench;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;

import dev.eddy.Loop;
import dev.eddy.Promise;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of Eddy's coroutines, per operation, each invocation in a fresh {@link Loop} run on
 * the JMH thread:
 *
 * <ul>
 *   <li>{@link #awaitResolved}: one {@code await} of an already-resolved promise inside an async
 *       body (N awaits in a loop; result = time / N). Each await queues one reaction job and
 *       hands the loop thread over to the body's virtual thread and back.
 *   <li>{@link #asyncNoAwait}: {@code async(() -> i)}: start and complete an async body that never
 *       awaits (N in a loop on the main module).
 *   <li>{@link #thenResolved}: the callback-style baseline of one await, what V8 does for an
 *       await: a {@code then} on a resolved promise whose job continues the chain (N hops).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx1g", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
public class AwaitBench {
  static final int N = 10_000;

  private static void runLoop(Runnable main) {
    int code = Loop.create().run(main);
    if (code != 0) {
      throw new IllegalStateException("loop exited with code " + code);
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long awaitResolved() {
    long[] out = {-1};
    runLoop(() -> async(() -> {
      Promise<Integer> p = Promise.resolve(1);
      long sum = 0;
      for (int i = 0; i < N; i++) {
        sum += await(p);
      }
      out[0] = sum;
    }));
    if (out[0] != N) {
      throw new IllegalStateException("awaited " + out[0] + " of " + N);
    }
    return out[0];
  }

  /**
   * One await that really suspends: the awaited promise is still pending (it settles one job
   * later), so the body must give the loop back and be resumed by its reaction job.
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public long awaitPending() {
    long[] out = {-1};
    runLoop(() -> async(() -> {
      Promise<Integer> one = Promise.resolve(1);
      long sum = 0;
      for (int i = 0; i < N; i++) {
        sum += await(one.then(v -> v)); // then() returns a pending promise
      }
      out[0] = sum;
    }));
    if (out[0] != N) {
      throw new IllegalStateException("awaited " + out[0] + " of " + N);
    }
    return out[0];
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long asyncNoAwait() {
    long[] out = {0};
    runLoop(() -> {
      for (int i = 0; i < N; i++) {
        int v = i;
        Promise<Integer> p = async(() -> v);
        out[0] += p.value();
      }
    });
    return out[0];
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long thenResolved() {
    long[] out = {0};
    runLoop(new Runnable() {
      Promise<Integer> p;
      int left = N;

      void step() {
        p.thenAccept(v -> {
          out[0] += v;
          if (--left > 0) {
            step();
          }
        });
      }

      @Override
      public void run() {
        p = Promise.resolve(1);
        step();
      }
    });
    if (out[0] != N) {
      throw new IllegalStateException("hopped " + out[0] + " of " + N);
    }
    return out[0];
  }
}
