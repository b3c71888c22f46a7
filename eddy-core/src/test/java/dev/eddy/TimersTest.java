package dev.eddy;

import static dev.eddy.Eddy.clearInterval;
import static dev.eddy.Eddy.clearTimeout;
import static dev.eddy.Eddy.process;
import static dev.eddy.Eddy.setImmediate;
import static dev.eddy.Eddy.setInterval;
import static dev.eddy.Eddy.setTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimersTest {

  /** The program of a Node 20 run (t.js in the javadoc of each assertion), same expected output. */
  @Test
  void delaysArgumentsClearsAndThrowingIntervalsMatchNode() {
    // Node also runs setTimeout(f, NaN) after 1 ms ("tnan" after "tneg"); Eddy refuses NaN, see
    // nullCallbacksNaNAndNegativeDurationsFailAtOnceNamingTheArgument.
    List<String> node = List.of("t1.7", "t1", "t0", "tneg", "z", "args:x,y", "B", "C", "iv1",
        "uncaught:iv1", "cleared-fired", "iv2", "uncaught:iv2", "iv3", "uncaught:iv3", "hasRef:false");
    Run r = Run.virtual(run -> {
      setTimeout((String a, String b) -> run.log("args:" + a + "," + b), 5, "x", "y");
      setTimeout(() -> run.log("t1.7"), 1.7);
      setTimeout(() -> run.log("t1"), 1);
      setTimeout(() -> run.log("t0"), 0);
      setTimeout(() -> run.log("tneg"), -5);
      Timeout a = setTimeout(() -> run.log("A"), 20);
      setTimeout(() -> run.log("B"), 20);
      clearTimeout(a);
      setTimeout(() -> run.log("C"), 20);
      int[] n = {0};
      process().on(EddyProcess.UNCAUGHT_EXCEPTION, e -> run.log("uncaught:" + e.getMessage()));
      Timeout[] iv = new Timeout[1];
      iv[0] = setInterval(() -> {
        n[0]++;
        run.log("iv" + n[0]);
        if (n[0] == 3) {
          clearInterval(iv[0]);
        }
        throw new IllegalStateException("iv" + n[0]);
      }, 30);
      Timeout u = setTimeout(() -> run.log("unref-refreshed"), 200).unref();
      setTimeout(() -> {
        u.refresh();
        run.log("hasRef:" + u.hasRef());
      }, 100);
      Timeout x = setInterval(() -> run.log("cleared-by-clearTimeout"), 40);
      clearTimeout(x);
      Timeout y = setTimeout(() -> run.log("cleared-by-clearInterval"), 40);
      clearInterval(y);
      clearTimeout(null);
      Timeout z = setTimeout(() -> run.log("z"), 2);
      setTimeout(() -> {
        clearTimeout(z);
        run.log("cleared-fired");
      }, 50);
    });
    assertThat(r.log).containsExactlyElementsOf(node);
    assertThat(r.exitCode).isZero();
  }

  @Test
  void virtualClockFiresTimersAtTheirDueTimeWithoutWaiting() {
    Run r = Run.virtual(run -> {
      long start = run.loop.now();
      setTimeout(() -> run.log("hour@" + (run.loop.now() - start)), Duration.ofHours(1));
      setTimeout(() -> run.log("ms@" + (run.loop.now() - start)), 250);
    });
    assertThat(r.log).containsExactly("ms@250", "hour@3600000");
  }

  @Test
  void overflowingDelayBecomesOneMillisecondWithNodesWarning() {
    Run r = Run.virtual(run -> {
      process().on(EddyProcess.WARNING, w -> run.log(w.name() + ": " + w.message()));
      setTimeout(() -> run.log("fired@" + run.loop.now()), 4294967296.0);
      setTimeout(() -> run.log("fractional"), 2147483648.5);
      setTimeout(() -> run.log("infinite"), Double.POSITIVE_INFINITY);
    });
    assertThat(r.log).containsExactly(
        "TimeoutOverflowWarning: 4294967296 does not fit into a 32-bit signed integer.\n"
            + "Timeout duration was set to 1.",
        "TimeoutOverflowWarning: 2147483648.5 does not fit into a 32-bit signed integer.\n"
            + "Timeout duration was set to 1.",
        "TimeoutOverflowWarning: Infinity does not fit into a 32-bit signed integer.\n"
            + "Timeout duration was set to 1.",
        "fired@1", "fractional", "infinite");
  }

  @Test
  void largestDelayIsKept() {
    Run r = Run.virtual(run -> setTimeout(() -> run.log("at:" + run.loop.now()), 2147483647));
    assertThat(r.log).containsExactly("at:2147483647");
  }

  @Test
  void handlesChainAndReportRef() {
    Run r = Run.virtual(run -> {
      Timeout t = setTimeout(() -> run.log("never"), 10);
      assertThat(t.unref()).isSameAs(t);
      assertThat(t.hasRef()).isFalse();
      assertThat(t.ref()).isSameAs(t);
      assertThat(t.hasRef()).isTrue();
      assertThat(t.refresh()).isSameAs(t);
      assertThat(t.close()).isSameAs(t);
      Immediate i = setImmediate(() -> run.log("immediate"));
      assertThat(i.unref()).isSameAs(i);
      assertThat(i.hasRef()).isFalse();
      assertThat(i.ref()).isSameAs(i);
      run.log("ok");
    });
    assertThat(r.log).containsExactly("ok", "immediate");
  }

  @Test
  void unrefTimerDoesNotKeepTheLoopAliveButFiresWhileItIsAlive() {
    Run r = Run.virtual(run -> {
      setTimeout(() -> run.log("unref@" + run.loop.now()), 50).unref();
      setTimeout(() -> run.log("ref@" + run.loop.now()), 100);
      setTimeout(() -> run.log("late-unref"), 150).unref();
    });
    assertThat(r.log).containsExactly("unref@50", "ref@100");
  }

  @Test
  void refreshOfUnrefIntervalKeepsItUnrefAndRestartsItsPeriod() {
    Run r = Run.virtual(run -> {
      int[] n = {0};
      Timeout iv = setInterval(() -> run.log("iv@" + run.loop.now()), 30).unref();
      setTimeout(() -> iv.refresh(), 45); // next run 30 ms after the refresh, at 75
      setTimeout(() -> run.log("end@" + run.loop.now() + ":" + iv.hasRef()), 100);
      n[0]++;
    });
    assertThat(r.log).containsExactly("iv@30", "iv@75", "end@100:false");
  }

  @Test
  void refreshAfterFireRearmsAndAfterClearDoesNothing() {
    Run r = Run.virtual(run -> {
      Timeout t = setTimeout(() -> run.log("t@" + run.loop.now()), 10);
      setTimeout(() -> t.refresh(), 20);
      Timeout c = setTimeout(() -> run.log("cleared"), 10);
      clearTimeout(c);
      setTimeout(() -> c.refresh(), 5);
    });
    assertThat(r.log).containsExactly("t@10", "t@30");
  }

  @Test
  void sameDurationListSurvivesClearOfItsOlderTimers() {
    Run r = Run.virtual(run -> {
      Timeout a = setTimeout(() -> run.log("a"), 10);
      Timeout b = setTimeout(() -> run.log("b"), 10);
      clearTimeout(a);
      clearTimeout(b); // the list of 10 ms is now empty and deleted
      setTimeout(() -> run.log("c@" + run.loop.now()), 10);
      setTimeout(() -> {
        Timeout d = setTimeout(() -> run.log("d"), 10);
        setTimeout(() -> run.log("e@" + run.loop.now()), 10);
        clearTimeout(d);
      }, 5);
    });
    assertThat(r.log).containsExactly("c@10", "e@15");
  }

  @Test
  void intervalIsRearmedFromTheStartOfItsCallback() {
    VirtualClock clock = VirtualClock.autoAdvancing();
    java.util.List<Long> at = new java.util.ArrayList<>();
    Loop loop = Loop.create(clock);
    loop.run(() -> {
      Timeout[] iv = new Timeout[1];
      iv[0] = setInterval(() -> {
        at.add(loop.now());
        clock.advanceMillis(7); // a callback that takes 7 ms
        if (at.size() == 3) {
          clearInterval(iv[0]);
        }
      }, 20);
    });
    assertThat(at).containsExactly(20L, 40L, 60L);
  }

  @Test
  void nullCallbacksNaNAndNegativeDurationsFailAtOnceNamingTheArgument() {
    Run r = Run.virtual(run -> {
      assertThatThrownBy(() -> setTimeout((Runnable) null, 1))
          .isInstanceOf(NullPointerException.class).hasMessageContaining("\"callback\"");
      assertThatThrownBy(() -> setImmediate(null))
          .isInstanceOf(NullPointerException.class).hasMessageContaining("\"callback\"");
      assertThatThrownBy(() -> Eddy.nextTick(null))
          .isInstanceOf(NullPointerException.class).hasMessageContaining("\"callback\"");
      assertThatThrownBy(() -> setTimeout(() -> {}, Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"delay\"");
      assertThatThrownBy(() -> setTimeout(() -> {}, Double.NaN))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("The \"delay\" argument must be a number of milliseconds. Received NaN");
      assertThatThrownBy(() -> setInterval(() -> {}, 0.0 / 0.0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"delay\"");
      run.log("checked");
    });
    assertThat(r.log).containsExactly("checked");
  }

  @Test
  void timersNeedALoop() {
    assertThatThrownBy(() -> setTimeout(() -> {}, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("setTimeout() called outside an Eddy loop");
  }

  @Test
  void handlesRefuseUseFromAnotherThread() throws Exception {
    Timeout[] t = new Timeout[1];
    Loop loop = Loop.create(VirtualClock.autoAdvancing());
    loop.run(() -> t[0] = setTimeout(() -> {}, 1));
    Thread other = new Thread(() -> assertThatThrownBy(() -> t[0].refresh())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not run this loop"));
    other.start();
    other.join();
  }

  /**
   * libuv computes liveness before the first timers phase, so one iteration runs even if those
   * timers left nothing ref'd. Node 20: unref'd immediate + 1 ms timeout + 5 ms busy main prints
   * ["t","imm"]; without the busy wait, ["imm","t"].
   */
  @Test
  void theFirstIterationRunsEvenWhenTheFirstTimersLeftNothingAlive() {
    Run busy = Run.virtual(run -> {
      setImmediate(() -> run.log("imm")).unref();
      setTimeout(() -> run.log("t"), 1);
      run.clock.advanceMillis(5); // the main program takes 5 ms
    });
    assertThat(busy.log).containsExactly("t", "imm");
    Run quick = Run.virtual(run -> {
      setImmediate(() -> run.log("imm")).unref();
      setTimeout(() -> run.log("t"), 1);
    });
    assertThat(quick.log).containsExactly("imm", "t");
  }
}
