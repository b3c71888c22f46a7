package dev.eddy;

import static dev.eddy.Eddy.nextTick;
import static dev.eddy.Eddy.process;
import static dev.eddy.Eddy.queueMicrotask;
import static dev.eddy.Eddy.setImmediate;
import static dev.eddy.Eddy.setTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopTest {

  /** Q2 of the seeds: 4, 2, 3, 1, as in Node. */
  @Test
  void syncThenNextTickThenPromiseThenImmediate() {
    Run r = Run.virtual(run -> {
      setImmediate(() -> run.log("1: setImmediate"));
      nextTick(() -> run.log("2: nextTick"));
      Promise.resolve().thenRun(() -> run.log("3: Promise"));
      run.log("4: sync");
    });
    assertThat(r.log).containsExactly("4: sync", "2: nextTick", "3: Promise", "1: setImmediate");
  }

  @Test
  void uncaughtExceptionWithoutListenerEndsWithCodeOneAndPrintsTheStack() {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Run r;
    try {
      r = Run.virtual(run -> {
        process().on(EddyProcess.EXIT, code -> run.log("exit:" + code));
        setTimeout(() -> {
          throw new IllegalStateException("kaboom");
        }, 5);
        setTimeout(() -> run.log("never"), 10);
      });
    } finally {
      System.setErr(saved);
    }
    assertThat(r.exitCode).isEqualTo(1);
    assertThat(r.log).containsExactly("exit:1");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Uncaught java.lang.IllegalStateException: kaboom")
        .contains("at dev.eddy.LoopTest");
  }

  @Test
  void beforeExitCanScheduleMoreWorkAndExitComesLast() {
    Run r = Run.virtual(run -> {
      int[] rounds = {0};
      process().on(EddyProcess.BEFORE_EXIT, code -> {
        run.log("beforeExit:" + code);
        if (++rounds[0] < 3) {
          setTimeout(() -> run.log("more" + rounds[0]), 1);
        }
      });
      process().on(EddyProcess.EXIT, code -> {
        run.log("exit:" + code);
        setTimeout(() -> run.log("never"), 1);
      });
      process().exitCode(4);
    });
    assertThat(r.log).containsExactly("beforeExit:4", "more1", "beforeExit:4", "more2", "beforeExit:4", "exit:4");
    assertThat(r.exitCode).isEqualTo(4);
  }

  @Test
  void exitFromANestedTickStopsEverythingElse() {
    Run r = Run.virtual(run -> {
      process().on(EddyProcess.EXIT, code -> run.log("exit:" + code));
      process().on(EddyProcess.BEFORE_EXIT, code -> run.log("beforeExit"));
      setTimeout(() -> nextTick(() -> {
        run.log("tick");
        process().exit(9);
      }), 1);
      setTimeout(() -> run.log("never"), 2);
      queueMicrotask(() -> run.log("micro"));
    });
    assertThat(r.exitCode).isEqualTo(9);
    assertThat(r.log).containsExactly("micro", "tick", "exit:9");
  }

  @Test
  void anEmbeddedLoopReturnsItsCodeAndALoopRunsOnce() {
    Loop loop = Loop.create();
    assertThat(loop.run(() -> process().exit(5))).isEqualTo(5);
    assertThat(loop.isFinished()).isTrue();
    assertThatThrownBy(() -> loop.run(() -> {})).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already been run");
  }

  @Test
  void aThreadRunsOneLoopAtATime() {
    Run r = Run.virtual(run -> {
      try {
        Loop.create().run(() -> {});
      } catch (IllegalStateException e) {
        run.log(e.getMessage().contains("already runs a loop") ? "refused" : e.getMessage());
      }
    });
    assertThat(r.log).containsExactly("refused");
  }

  @Test
  void manyLoopsRunSideBySideEachWithItsOwnProcess() throws Exception {
    int n = 8;
    CompletableFuture<?>[] exits = new CompletableFuture<?>[n];
    for (int i = 0; i < n; i++) {
      int code = i;
      exits[i] = Loop.create().start(() -> setTimeout(() -> process().exit(code), 5));
    }
    for (int i = 0; i < n; i++) {
      assertThat(exits[i].get(10, TimeUnit.SECONDS)).isEqualTo(i);
    }
  }

  @Test
  void terminateStopsARunawayLoopFromAnotherThread() throws Exception {
    Loop loop = Loop.create();
    CompletableFuture<Integer> exit = loop.start(() -> {
      Runnable[] again = new Runnable[1];
      again[0] = () -> nextTick(again[0]); // starves everything, as in Node
      again[0].run();
    });
    loop.terminate();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(Loop.TERMINATED);
  }

  @Test
  void manualVirtualClockMovesOnlyWhenAdvanced() throws Exception {
    VirtualClock clock = VirtualClock.manual();
    Loop loop = Loop.create(clock);
    CompletableFuture<String> fired = new CompletableFuture<>();
    CompletableFuture<Void> scheduled = new CompletableFuture<>();
    CompletableFuture<Integer> exit = loop.start(() -> {
      setTimeout(() -> fired.complete("at " + loop.now()), Duration.ofSeconds(30));
      scheduled.complete(null);
    });
    scheduled.get(10, TimeUnit.SECONDS);
    clock.advance(Duration.ofSeconds(29));
    assertThat(fired).isNotDone(); // a later check would see it if the loop had fired early
    clock.advance(Duration.ofSeconds(1));
    assertThat(fired.get(10, TimeUnit.SECONDS)).isEqualTo("at 30000");
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(fired.getNow(null)).isEqualTo("at 30000");
  }

  @Test
  void anIdleLoopKeptAliveBlocksInPollAndWakesForHandedOverWork() throws Exception {
    Loop loop = Loop.create();
    AutoCloseable alive = loop.keepAlive();
    CompletableFuture<Integer> exit = loop.start(() -> {});
    CompletableFuture<String> ran = new CompletableFuture<>();
    loop.execute(() -> ran.complete(Thread.currentThread().getName()));
    assertThat(ran.get(10, TimeUnit.SECONDS)).startsWith("eddy-loop-");
    assertThat(exit).isNotDone();
    alive.close();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThatThrownBy(() -> loop.execute(() -> {}))
        .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
  }

  @Test
  void theLeakWarningOnALoopIsAProcessWarningEventOnTheNextTick() {
    Run r = Run.virtual(run -> {
      process().on(EddyProcess.WARNING, w -> run.log(w.name() + ": " + w.message()));
      Event<String> data = Event.of("data");
      EventEmitter emitter = new EventEmitter();
      for (int i = 0; i < 11; i++) {
        emitter.on(data, s -> {});
      }
      run.log("added");
    });
    assertThat(r.log).containsExactly("added", "MaxListenersExceededWarning: Possible EventEmitter memory leak "
        + "detected. 11 data listeners added to [EventEmitter]. MaxListeners is 10. Use "
        + "emitter.setMaxListeners() to increase limit");
  }

  @Test
  void aLoopBlockedInItsSelectorWakesForHandedOverWork() throws Exception {
    Loop loop = Loop.create();
    AutoCloseable alive = loop.keepAlive();
    CompletableFuture<Boolean> opened = new CompletableFuture<>();
    CompletableFuture<Integer> exit = loop.start(() -> opened.complete(loop.selector().isOpen()));
    assertThat(opened.get(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 100; i++) { // each hand-off finds the loop blocked in select() or about to
      CompletableFuture<Integer> ran = new CompletableFuture<>();
      int n = i;
      loop.execute(() -> ran.complete(n));
      assertThat(ran.get(10, TimeUnit.SECONDS)).isEqualTo(i);
    }
    alive.close();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  /** As libuv: the poll phase runs the completions present when it polled; later ones wait an iteration. */
  @Test
  void workHandedOverDuringThePollPhaseWaitsForTheNextIteration() {
    Run r = Run.real(run -> {
      Loop loop = run.loop;
      AutoCloseable alive = loop.keepAlive();
      loop.execute(() -> {
        run.log("task1");
        setImmediate(() -> run.log("immediate"));
        loop.execute(() -> {
          run.log("task2");
          try {
            alive.close();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
      });
    });
    assertThat(r.log).containsExactly("task1", "immediate", "task2");
  }

  @Test
  void cachedTimeStandsStillWithinACallbackAndMovesWithTheIterations() {
    long[] seen = new long[4];
    Loop loop = Loop.create();
    loop.run(() -> Eddy.setTimeout(() -> {
      Loop l = Loop.current();
      seen[0] = l.cachedTimeMillis();
      seen[3] = System.currentTimeMillis();
      long until = System.currentTimeMillis() + 5;
      while (System.currentTimeMillis() < until) {
        Thread.onSpinWait(); // a callback that itself runs for 5 ms
      }
      seen[1] = l.cachedTimeMillis();
      Eddy.setTimeout(() -> seen[2] = Loop.current().cachedTimeMillis(), 20);
    }, 1));
    assertThat(seen[0]).isBetween(seen[3] - 1000, seen[3]);
    assertThat(seen[1]).isEqualTo(seen[0]);
    assertThat(seen[2]).isGreaterThanOrEqualTo(seen[0] + 20);
  }
}
