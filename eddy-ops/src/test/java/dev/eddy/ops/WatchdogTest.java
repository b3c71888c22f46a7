package dev.eddy.ops;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.setTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Loop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 8's check: a loop blocked for 300 ms yields one warning with the blocking stack. */
class WatchdogTest {
  /** The blocking work under test: the loop thread is kept busy on purpose. */
  static void blockTheLoopFor(long ms) {
    long end = System.nanoTime() + ms * 1_000_000;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  @Test
  void aLoopBlockedFor300msGivesOneIncidentWithTheBlockingStack() throws Exception {
    List<Watchdog.Incident> seen = new CopyOnWriteArrayList<>();
    Loop loop = Loop.create();
    Watchdog[] dog = new Watchdog[1];
    var done = loop.start(() -> {
      dog[0] = Watchdog.watch(Loop.current(), Duration.ofMillis(100)).onIncident(seen::add);
      setTimeout(() -> blockTheLoopFor(300), 20);
      setTimeout(() -> { }, 500);        // a later, quick callback: no second incident
    });
    assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
    dog[0].close();
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).blockedFor()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(seen.get(0).stackText()).contains("WatchdogTest.blockTheLoopFor");
    assertThat(dog[0].maxLagMillis()).isBetween(250.0, 2000.0);
  }

  @Test
  void anAsyncBodyHoldingTheLoopIsCaughtToo() throws Exception {
    List<Watchdog.Incident> seen = new CopyOnWriteArrayList<>();
    Loop loop = Loop.create();
    Watchdog[] dog = new Watchdog[1];
    var done = loop.start(() -> {
      dog[0] = Watchdog.watch(Loop.current(), Duration.ofMillis(100)).onIncident(seen::add);
      setTimeout(() -> async(() -> blockTheLoopFor(300)), 20);
    });
    assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
    dog[0].close();
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).stackText()).contains("WatchdogTest.blockTheLoopFor");
  }

  @Test
  void anIdleOrBusyButFlowingLoopGivesNoIncident() throws Exception {
    List<Watchdog.Incident> seen = new CopyOnWriteArrayList<>();
    Loop loop = Loop.create();
    Watchdog[] dog = new Watchdog[1];
    var done = loop.start(() -> {
      dog[0] = Watchdog.watch(Loop.current(), Duration.ofMillis(250)).onIncident(seen::add);
      for (int i = 0; i < 20; i++) setTimeout(() -> blockTheLoopFor(5), i * 15);
      setTimeout(() -> { }, 400);
    });
    assertThat(done.get(10, TimeUnit.SECONDS)).isZero();
    dog[0].close();
    assertThat(seen).isEmpty();
  }
}
