package dev.eddy;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;
import static dev.eddy.Eddy.nextTick;
import static dev.eddy.Eddy.process;
import static dev.eddy.Eddy.setImmediate;
import static dev.eddy.Eddy.setTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncAwaitTest {

  /** Q5 of the seeds: an async function that throws a domain error after awaiting. */
  static final class NotFoundError extends Exception {
    private static final long serialVersionUID = 1L;

    NotFoundError(String message) {
      super(message);
    }
  }

  static Promise<String> findUser(long id) {
    return async(() -> {
      String user = await(Eddy.blocking(() -> id == 1 ? "ada" : null));
      if (user == null) {
        throw new NotFoundError("User not found");
      }
      return user;
    });
  }

  @Test
  void checkedExceptionsCrossAwaitUnchanged() {
    Run r = Run.real(run -> async(() -> {
      run.log("found:" + await(findUser(1)));
      try {
        await(findUser(2));
      } catch (NotFoundError e) {
        run.log("caught:" + e.getMessage());
      }
    }));
    assertThat(r.log).containsExactly("found:ada", "caught:User not found");
    assertThat(r.exitCode).isZero();
  }

  @Test
  void bodyRunsSynchronouslyUntilItsFirstAwait() {
    Run r = Run.virtual(run -> {
      run.log("before");
      Promise<Integer> p = async(() -> {
        run.log("body");
        await(Promise.resolve());
        run.log("resumed");
        return 42;
      });
      run.log("after:" + p.isPending());
      nextTick(() -> run.log("tick"));
      p.thenAccept(v -> run.log("value:" + v));
    });
    assertThat(r.log).containsExactly("before", "body", "after:true", "tick", "resumed", "value:42");
  }

  /** Whether {@code t} leaves the RUNNABLE state within a second (it parks while a body runs). */
  private static boolean loopThreadParks(Thread t) {
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (t.getState() == Thread.State.RUNNABLE) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }

  @Test
  void awaitSuspendsAcrossTimersAndKeepsTheLoopSingleThreaded() {
    Run r = Run.virtual(run -> async(() -> {
      Thread loopThread = run.loop.thread;
      for (int i = 0; i < 3; i++) {
        Promise.Resolvers<Integer> d = Promise.withResolvers();
        int n = i;
        setTimeout(() -> d.resolve().accept(n), 10);
        run.log("got:" + await(d.promise()) + "@" + run.loop.now());
      }
      // With continuations the body runs on the loop thread; otherwise on its own virtual thread,
      // and then only while the loop thread waits.
      // (the loop thread parks right after it hands over: give that transition a moment, since
      // the body may get here before the loop thread's state has changed)
      run.log("exclusive:" + (dev.eddy.internal.Continuations.AVAILABLE
          ? Thread.currentThread() == loopThread
          : Thread.currentThread().isVirtual() && loopThreadParks(loopThread)));
    }));
    assertThat(r.log).containsExactly("got:0@10", "got:1@20", "got:2@30", "exclusive:true");
  }

  @Test
  void nestedAsyncBodiesInterleaveAsInNode() {
    // node: (async()=>{log('o1'); await (async()=>{log('i1'); await null; log('i2')})(); log('o2')})(); log('main')
    Run r = Run.virtual(run -> {
      async(() -> {
        run.log("o1");
        await(async(() -> {
          run.log("i1");
          await(Promise.resolve());
          run.log("i2");
        }));
        run.log("o2");
      });
      run.log("main");
    });
    assertThat(r.log).containsExactly("o1", "i1", "main", "i2", "o2");
  }

  @Test
  void awaitOnTheLoopThreadFailsAtOnceInsteadOfDeadlocking() {
    Run r = Run.virtual(run -> {
      try {
        await(Promise.resolve(1));
      } catch (IllegalStateException e) {
        run.log(e.getMessage());
      } catch (Exception e) {
        run.log("wrong: " + e);
      }
    });
    assertThat(r.log).hasSize(1);
    assertThat(r.log.get(0)).startsWith("await() called on the loop thread outside an async body");
  }

  @Test
  void exitInsideAnAsyncBodyEndsTheLoop() {
    Run r = Run.virtual(run -> {
      process().on(EddyProcess.EXIT, code -> run.log("exit:" + code));
      async(() -> {
        await(Promise.resolve());
        process().exit(3);
        run.log("never");
      });
      setTimeout(() -> run.log("never-timer"), 5);
    });
    assertThat(r.exitCode).isEqualTo(3);
    assertThat(r.log).containsExactly("exit:3");
  }

  @Test
  void rejectionOfAnAsyncBodyIsUnhandledUnlessCaught() {
    Run r = Run.virtual(run -> {
      process().on(EddyProcess.UNHANDLED_REJECTION, rej -> run.log("unhandled:" + rej.reason().getMessage()));
      async(() -> {
        await(Promise.resolve());
        throw new IOException("io failed");
      });
    });
    assertThat(r.log).containsExactly("unhandled:io failed");
  }

  @Test
  void aBodySuspendedWhenTheLoopEndsIsUnwoundAndItsFinallyRuns() throws Exception {
    CountDownLatch finallyRan = new CountDownLatch(1);
    int code = Loop.create().run(() -> async(() -> {
      try {
        await(Promise.create((res, rej) -> {})); // never settles: the loop ends anyway
      } finally {
        finallyRan.countDown();
      }
    }));
    assertThat(code).isZero();
    assertThat(finallyRan.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aPlainThreadMayAwaitAPromiseOfARunningLoop() throws Exception {
    Loop loop = Loop.create();
    CompletableFuture<Promise<String>> made = new CompletableFuture<>();
    CompletableFuture<Integer> exit = loop.start(() -> {
      Promise.Resolvers<String> d = Promise.withResolvers();
      setTimeout(() -> d.resolve().accept("late"), 20);
      made.complete(d.promise());
    });
    assertThat(await(made.get(10, TimeUnit.SECONDS))).isEqualTo("late");
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void awaitOfAnotherLoopsPromiseIsRefused() {
    Promise<?>[] foreign = new Promise<?>[1];
    Loop.create().run(() -> foreign[0] = Promise.resolve("x"));
    Run r = Run.virtual(run -> async(() -> {
      try {
        await(foreign[0]);
      } catch (IllegalStateException e) {
        run.log("refused");
      }
    }));
    assertThat(r.log).containsExactly("refused");
  }

  @Test
  void asyncNeedsALoopAndABody() {
    assertThatThrownBy(() -> async(() -> 1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("async() called outside an Eddy loop");
    Run r = Run.virtual(run -> {
      try {
        async((AsyncBody<Object>) null);
      } catch (NullPointerException e) {
        run.log(e.getMessage());
      }
      setImmediate(() -> run.log("loop-ok"));
    });
    assertThat(r.log).containsExactly("body", "loop-ok");
  }

  @Test
  void aPlainThreadAwaitingAPromiseThatNeverSettlesIsReleasedWhenTheLoopEnds() throws Exception {
    Loop loop = Loop.create();
    CompletableFuture<Promise<String>> made = new CompletableFuture<>();
    AutoCloseable alive = loop.keepAlive();
    CompletableFuture<Integer> exit = loop.start(() -> made.complete(Promise.create((res, rej) -> {})));
    Promise<String> never = made.get(10, TimeUnit.SECONDS);
    CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
      try {
        await(never);
        return null;
      } catch (Throwable e) {
        return e;
      }
    });
    alive.close();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the loop ended before the awaited promise settled");
  }

  /** Node 20 printed this order; awaits here alternate with a promise chain's jobs. */
  @Test
  void awaitsInterleaveWithOtherJobsAsInNode() {
    Run r = Run.virtual(run -> {
      async(() -> {
        await(Promise.resolve());
        run.log("a1");
        await(Promise.resolve());
        run.log("a2");
        Promise.resolve().thenRun(() -> run.log("p-in"));
        await(Promise.resolve());
        run.log("a3");
        nextTick(() -> run.log("tick"));
        await(Promise.resolve());
        run.log("a4");
        try {
          await(Promise.reject(new IllegalStateException("r")));
        } catch (IllegalStateException e) {
          run.log("caught");
        }
        await(Promise.resolve());
        run.log("a5");
      });
      Promise<Void> p = Promise.resolve();
      for (int i = 1; i <= 7; i++) {
        String label = "p" + i;
        p = p.thenRun(() -> run.log(label));
      }
    });
    assertThat(r.log).containsExactly("a1", "p1", "a2", "p2", "p-in", "a3", "p3", "a4", "p4", "caught", "p5",
        "a5", "p6", "p7", "tick");
  }

  /** Consecutive awaits of settled promises with nothing else queued resume without a thread switch; same order as Node. */
  @Test
  void consecutiveSettledAwaitsKeepNodesOrder() {
    Run r = Run.virtual(run -> {
      async(() -> {
        await(Promise.resolve());
        run.log("a1");
        nextTick(() -> run.log("tick"));
        await(Promise.resolve());
        run.log("a2");
        try {
          await(Promise.reject(new IllegalStateException("r")));
        } catch (IllegalStateException e) {
          run.log("caught");
        }
        run.log("a3");
      });
      run.log("main");
    });
    assertThat(r.log).containsExactly("main", "a1", "a2", "caught", "a3", "tick");
  }
}
