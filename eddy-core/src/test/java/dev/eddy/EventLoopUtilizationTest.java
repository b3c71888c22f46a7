package dev.eddy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node's performance.eventLoopUtilization(): idle is time spent waiting in the poll phase. */
class EventLoopUtilizationTest {
  @Test
  void waitingForATimerIsIdleAndRunningACallbackIsActive() {
    Loop loop = Loop.create();
    assertThat(loop.eventLoopUtilization()).isEqualTo(new EventLoopUtilization(0, 0, 0));
    List<EventLoopUtilization> readings = new ArrayList<>();
    int code = loop.run(() -> {
      // the main callback runs before the event loop starts, as a Node script does: nothing yet
      readings.add(loop.eventLoopUtilization());
      Eddy.setTimeout(() -> {
        EventLoopUtilization afterWaiting = loop.eventLoopUtilization();
        long spinUntil = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
        }
        readings.add(afterWaiting);
        readings.add(loop.eventLoopUtilization());
      }, 300);
    });
    assertThat(code).isZero();
    assertThat(readings.get(0)).isEqualTo(new EventLoopUtilization(0, 0, 0));
    EventLoopUtilization waited = readings.get(1);
    assertThat(waited.idle()).as("ms waited for the timer").isGreaterThanOrEqualTo(250);
    assertThat(waited.utilization()).isLessThan(0.5);
    EventLoopUtilization spinning = readings.get(2).since(waited);
    assertThat(spinning.idle()).as("no poll between the two readings").isZero();
    assertThat(spinning.active()).isGreaterThanOrEqualTo(200);
    assertThat(spinning.utilization()).isEqualTo(1.0);
  }
}
