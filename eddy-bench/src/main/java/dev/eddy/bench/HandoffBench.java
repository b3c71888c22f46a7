package dev.eddy.bench;

import dev.eddy.Loop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cross-thread hand-off round trip: the JMH thread calls {@link Loop#execute} on a loop that runs
 * on its own thread with nothing else to do (kept alive by {@link Loop#keepAlive()}) and waits
 * until the task has run there.
 *
 * <ul>
 *   <li>{@link #wakeupSpin}: the loop is first left to fall asleep (its thread parked in the poll
 *       phase, checked outside the timed part); the caller then hands a task over and spins on a
 *       volatile until it ran. This is the loop's wake-up latency (plus one poll-phase callback).
 *   <li>{@link #wakeupPark}: the same, but the caller parks and the task unparks it: both sides
 *       sleep, what a request thread that blocks on the loop's answer pays.
 *   <li>{@link #backToBackSpin}: hand-overs one after the other, the caller spinning; the loop is
 *       often still awake and finds the next task without sleeping.
 *   <li>{@link #rawThreadPark}: the same round trip as {@link #wakeupPark} between two plain
 *       threads (park/unpark, no Eddy): the floor set by the OS and the JVM on this machine.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx1g", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
public class HandoffBench {
  private Loop loop;
  private AutoCloseable alive;
  private CompletableFuture<Integer> done;
  private Thread loopThread;

  private volatile long ran;
  private long sent;
  private final Runnable spinTask = () -> ran++; // only the loop thread writes `ran`

  private volatile Thread waiter;
  private volatile boolean parkDone;
  private final Runnable parkTask = () -> {
    parkDone = true;
    LockSupport.unpark(waiter);
  };

  // rawThreadPark: a plain echo thread
  private Thread echo;
  private volatile boolean request;
  private volatile boolean stopEcho;

  @Setup(Level.Trial)
  public void start() throws Exception {
    loop = Loop.create();
    alive = loop.keepAlive();
    AtomicReference<Thread> t = new AtomicReference<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    done = loop.start(() -> {
      t.set(Thread.currentThread());
      ready.complete(null);
    });
    ready.get(10, TimeUnit.SECONDS);
    loopThread = t.get();

    echo = new Thread(() -> {
      while (!stopEcho) {
        if (request) {
          request = false;
          parkDone = true;
          LockSupport.unpark(waiter);
        } else {
          LockSupport.park(this);
        }
      }
    }, "echo");
    echo.setDaemon(true);
    echo.start();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    stopEcho = true;
    LockSupport.unpark(echo);
    alive.close();
    int code = done.get(10, TimeUnit.SECONDS);
    if (code != 0) {
      throw new IllegalStateException("loop exited with code " + code);
    }
  }

  /** Not timed: waits until the loop thread (and the echo thread) sleep. */
  @Setup(Level.Invocation)
  public void letThemSleep() {
    while (loopThread.getState() != Thread.State.WAITING || echo.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
  }

  @Benchmark
  public long wakeupSpin() {
    long target = ++sent;
    loop.execute(spinTask);
    while (ran < target) {
      Thread.onSpinWait();
    }
    return target;
  }

  @Benchmark
  public boolean wakeupPark() {
    waiter = Thread.currentThread();
    parkDone = false;
    loop.execute(parkTask);
    while (!parkDone) {
      LockSupport.park(this);
    }
    return true;
  }

  @Benchmark
  public boolean rawThreadPark() {
    waiter = Thread.currentThread();
    parkDone = false;
    request = true;
    LockSupport.unpark(echo);
    while (!parkDone) {
      LockSupport.park(this);
    }
    return true;
  }

  /** Back-to-back hand-overs (no waiting for the loop to sleep): the state is shared, see below. */
  @State(Scope.Benchmark)
  public static class BackToBack {
    Loop loop;
    AutoCloseable alive;
    CompletableFuture<Integer> done;
    volatile long ran;
    long sent;
    final Runnable task = () -> ran++;

    @Setup(Level.Trial)
    public void start() {
      loop = Loop.create();
      alive = loop.keepAlive();
      done = loop.start(() -> {});
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      alive.close();
      done.get(10, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  public long backToBackSpin(BackToBack s) {
    long target = ++s.sent;
    s.loop.execute(s.task);
    while (s.ran < target) {
      Thread.onSpinWait();
    }
    return target;
  }
}
