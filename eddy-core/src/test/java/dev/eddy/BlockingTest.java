package dev.eddy;

import static dev.eddy.Eddy.blocking;
import static dev.eddy.Eddy.blockingVirtual;
import static dev.eddy.Eddy.nextTick;
import static dev.eddy.Eddy.setImmediate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class BlockingTest {

  @Test
  void workRunsOffTheLoopAndSettlesOnIt() {
    Run r = Run.real(run -> {
      Thread loopThread = Thread.currentThread();
      blocking(() -> Thread.currentThread().getName()).thenAccept(name -> {
        run.log("pool:" + name.startsWith("eddy-blocking-"));
        run.log("onLoop:" + (Thread.currentThread() == loopThread));
      });
      blockingVirtual(() -> Thread.currentThread().isVirtual())
          .thenAccept(v -> run.log("virtual:" + v));
    });
    assertThat(r.log).containsExactlyInAnyOrder("pool:true", "onLoop:true", "virtual:true");
    assertThat(r.exitCode).isZero();
  }

  @Test
  void anExceptionInWorkRejects() {
    Run r = Run.real(run -> blocking(() -> {
      throw new IOException("disk gone");
    }).catchAccept(e -> run.log(e.getClass().getSimpleName() + ":" + e.getMessage())));
    assertThat(r.log).containsExactly("IOException:disk gone");
  }

  @Test
  void callbackRunsInThePollPhaseFollowedByItsOwnDrainBeforeTheCheckPhase() {
    Run r = Run.real(run -> blocking(() -> 1, (err, v) -> {
      setImmediate(() -> run.log("immediate"));
      nextTick(() -> run.log("tick"));
      run.log("callback:" + v + ":" + err);
    }));
    assertThat(r.log).containsExactly("callback:1:null", "tick", "immediate");
  }

  @Test
  void poolSizeComesFromTheEnvironmentWithAClearErrorWhenBad() {
    assertThat(BlockingPool.configuredSize(null)).isEqualTo(4);
    assertThat(BlockingPool.configuredSize("16")).isEqualTo(16);
    assertThatThrownBy(() -> BlockingPool.configuredSize("0"))
        .hasMessage("EDDY_THREADPOOL_SIZE must be a whole number from 1 to 1024 (libuv's limit), "
            + "but it is '0'; unset it for the default of 4");
    assertThatThrownBy(() -> BlockingPool.configuredSize("lots")).hasMessageContaining("but it is 'lots'");
  }
}
