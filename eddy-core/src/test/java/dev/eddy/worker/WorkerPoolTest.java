package dev.eddy.worker;

import static dev.eddy.Eddy.setImmediate;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Loop;
import dev.eddy.NodeException;
import dev.eddy.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  private WorkerPool pool;

  @AfterEach
  void closePool() throws Exception {
    if (pool != null) {
      pool.close().get(10, SECONDS);
      assertThat(pool.threads()).isZero();
    }
  }

  static int onLoop(Runnable main) throws Exception {
    return Loop.create().start(main).get(10, SECONDS);
  }

  @Test
  void runsManyTasksAndReusesItsThreads() throws Exception {
    pool = WorkerPool.create(4, 1000);
    List<Object> got = new ArrayList<>();
    java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    int code = onLoop(() -> {
      List<Promise<Integer>> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        all.add(pool.run(() -> {
          threads.add(Thread.currentThread());
          return n * n;
        }));
      }
      Promise.all(all).thenAccept(got::addAll);
    });
    assertThat(code).isZero();
    assertThat(got).hasSize(200);
    for (int i = 0; i < 200; i++) {
      assertThat(got.get(i)).isEqualTo(i * i);
    }
    assertThat(threads).hasSizeBetween(1, 4);
  }

  @Test
  void aTaskRunsOnAWorkerLoopAndItsExceptionRejects() throws Exception {
    pool = WorkerPool.create(1, 10);
    List<Object> got = new ArrayList<>();
    int code = onLoop(() -> {
      Loop parent = Loop.current();
      pool.run(() -> Loop.current() != null && Loop.current() != parent).thenAccept(got::add);
      pool.run(() -> {
        throw new java.io.IOException("disk gone");
      }).catchAccept(e -> got.add(e.getClass().getSimpleName() + ":" + e.getMessage()));
    });
    assertThat(code).isZero();
    assertThat(got).containsExactly(true, "IOException:disk gone");
  }

  @Test
  void neverRunsMoreThanMaxThreadsAtOnce() throws Exception {
    pool = WorkerPool.create(3, 100);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    // Each round of three tasks meets at the barrier: three must run together to get through.
    CyclicBarrier round = new CyclicBarrier(3);
    List<Object> got = new ArrayList<>();
    int code = onLoop(() -> {
      List<Promise<String>> all = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        all.add(pool.run(() -> {
          max.accumulateAndGet(running.incrementAndGet(), Math::max);
          round.await(10, SECONDS);
          running.decrementAndGet();
          return "ok";
        }));
      }
      Promise.all(all).thenAccept(got::addAll);
    });
    assertThat(code).isZero();
    assertThat(got).hasSize(12).containsOnly("ok");
    assertThat(max.get()).isEqualTo(3);
  }

  @Test
  void aFullQueueRejectsAtOnce() throws Exception {
    pool = WorkerPool.create(1, 1);
    CountDownLatch gate = new CountDownLatch(1);
    List<Object> got = new ArrayList<>();
    int code = onLoop(() -> {
      pool.run(() -> gate.await(10, SECONDS)).thenAccept(v -> got.add("first:" + v));
      pool.run(() -> "second").thenAccept(v -> got.add(v));
      Promise<String> third = pool.run(() -> "third");
      got.add("rejected now:" + third.isRejected());
      third.catchAccept(e -> got.add(e.getClass().getSimpleName() + ":" + e.getMessage()));
      gate.countDown();
    });
    assertThat(code).isZero();
    assertThat(got).containsExactly("rejected now:true",
        "RejectedExecutionException:Task queue is at limit", "first:true", "second");
  }

  @Test
  void cancellingAQueuedTaskRemovesItAndRejectsWithAbortError() throws Exception {
    pool = WorkerPool.create(1, 10);
    CountDownLatch gate = new CountDownLatch(1);
    AtomicBoolean queuedRan = new AtomicBoolean();
    List<Object> got = new ArrayList<>();
    int code = onLoop(() -> {
      pool.run(() -> gate.await(10, SECONDS)).thenAccept(v -> got.add("first:" + v));
      PoolTask<String> queued = pool.submit(() -> {
        queuedRan.set(true);
        return "queued";
      });
      queued.promise().catchAccept(e -> got.add(((NodeException) e).code()));
      got.add("cancelled:" + queued.cancel());
      got.add("again:" + queued.cancel());
      got.add("queue:" + pool.queueSize());
      gate.countDown();
    });
    assertThat(code).isZero();
    assertThat(got).containsExactly("cancelled:true", "again:false", "queue:0", "ABORT_ERR", "first:true");
    assertThat(queuedRan).isFalse();
  }

  @Test
  void cancellingARunningTaskInterruptsItAndItsWorkerLoopCarriesOn() throws Exception {
    pool = WorkerPool.create(1, 10);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicReference<Thread> firstThread = new AtomicReference<>();
    List<Object> got = new ArrayList<>();
    int code = onLoop(() -> {
      Promise.Resolvers<Void> started = Promise.withResolvers();
      PoolTask<String> task = pool.submit(() -> {
        firstThread.set(Thread.currentThread());
        started.resolve().accept(null);
        try {
          new CountDownLatch(1).await(10, SECONDS);
          return "not interrupted";
        } catch (InterruptedException e) {
          interrupted.set(true);
          throw e;
        }
      });
      task.promise().thenAccept(got::add).catchAccept(e -> got.add(((NodeException) e).code()));
      started.promise().thenRun(() -> {
        task.cancel();
        pool.run(() -> Thread.currentThread() == firstThread.get()).thenAccept(same -> got.add("same thread:" + same));
      });
    });
    assertThat(code).isZero();
    assertThat(got).containsExactly("ABORT_ERR", "same thread:true");
    assertThat(interrupted).isTrue();
  }

  @Test
  void aClosedPoolRejectsNewTasks() throws Exception {
    WorkerPool closed = WorkerPool.create(1, 1);
    closed.close().get(10, SECONDS);
    List<Object> got = new ArrayList<>();
    onLoop(() -> closed.run(() -> 1).catchAccept(e -> got.add(e.getMessage())));
    assertThat(got).containsExactly("The worker pool is closed");
  }

  @Test
  void destroyRejectsQueuedAndRunningTasks() throws Exception {
    WorkerPool doomed = WorkerPool.create(1, 10);
    List<Object> got = new ArrayList<>();
    int code = onLoop(() -> {
      Promise.Resolvers<Void> started = Promise.withResolvers();
      doomed.run(() -> {
        started.resolve().accept(null);
        return new CountDownLatch(1).await(10, SECONDS);
      }).catchAccept(e -> got.add("running:" + e.getMessage()));
      doomed.run(() -> "never").catchAccept(e -> got.add("queued:" + e.getMessage()));
      started.promise().thenRun(doomed::destroy);
    });
    assertThat(code).isZero();
    doomed.destroy().get(10, SECONDS);
    assertThat(got).containsExactlyInAnyOrder("running:Terminating worker thread", "queued:Terminating worker thread");
  }

  @Test
  void aCpuHeavyTaskOnThePoolLeavesTheLoopFree() throws Exception {
    pool = WorkerPool.create(1, 0);
    CountDownLatch release = new CountDownLatch(1);
    int[] immediates = {0};
    List<Object> got = new ArrayList<>();
    int code = onLoop(() -> {
      Loop loop = Loop.current();
      Runnable[] step = new Runnable[1];
      step[0] = () -> {
        if (++immediates[0] == 50) {
          release.countDown();
        } else {
          setImmediate(step[0]);
        }
      };
      pool.run(() -> {
        // Start the chain only once this task is spinning, so every immediate runs meanwhile.
        loop.execute(() -> setImmediate(step[0]));
        long deadline = System.nanoTime() + SECONDS.toNanos(10); // a guard for a broken pool only
        while (release.getCount() > 0 && System.nanoTime() < deadline) {
          Thread.onSpinWait(); // busy, as CPU-bound work is: this thread never gives way
        }
        return release.getCount() == 0;
      }).thenAccept(released -> got.add("released:" + released + " after " + immediates[0]));
    });
    assertThat(code).isZero();
    assertThat(got).containsExactly("released:true after 50");
  }
}
