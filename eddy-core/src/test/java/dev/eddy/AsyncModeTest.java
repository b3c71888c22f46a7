package dev.eddy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.internal.Continuations;
import org.junit.jupiter.api.Test;

/** The build runs the async tests in both modes; this checks each run really is in the mode it claims. */
class AsyncModeTest {
  @Test
  void modeFollowsTheJvmFlags() {
    boolean threadsAsked = "threads".equals(System.getProperty("eddy.async"));
    boolean exported = Object.class.getModule().isExported("jdk.internal.vm", AsyncModeTest.class.getModule());
    assertThat(Continuations.AVAILABLE).isEqualTo(exported && !threadsAsked);
    assertThat(exported || threadsAsked).as("surefire runs with --add-exports or -Deddy.async=threads").isTrue();
  }

  @Test
  void bodyRunsOnTheLoopThreadWithContinuationsAndOnAVirtualThreadOtherwise() throws Exception {
    Run r = Run.virtual(run -> Eddy.async(() -> {
      Eddy.await(Promise.resolve());
      run.log(Thread.currentThread() == run.loop.thread ? "loop-thread" : Thread.currentThread().isVirtual() ? "virtual" : "other");
    }));
    assertThat(r.log).containsExactly(Continuations.AVAILABLE ? "loop-thread" : "virtual");
  }
}
