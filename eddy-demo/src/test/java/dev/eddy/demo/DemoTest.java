package dev.eddy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo prints what Node prints for the same programs. */
class DemoTest {
  private static List<String> output(int index) {
    return Demo.run(Demo.examples().get(index));
  }

  @Test
  void q2OrderIsNodes() {
    assertThat(output(0)).containsExactly("4: sync", "2: nextTick", "3: Promise", "1: setImmediate", "(exit code 0)");
  }

  @Test
  void immediateBeatsTimeoutInsideIo() {
    assertThat(output(1)).containsExactly("io callback: stat done", "immediate", "timeout 0", "(exit code 0)");
  }

  @Test
  void queuesDrainBetweenTimers() {
    assertThat(output(2)).containsExactly("timer 1", "  tick from timer 1", "  promise from timer 1", "timer 2",
        "(exit code 0)");
  }

  @Test
  void asyncErrorHandling() {
    assertThat(output(3)).containsExactly("findUser runs while main goes on", "user 1: Ada Lovelace",
        "user 2: User not found", "(exit code 0)");
  }

  @Test
  void combinators() {
    assertThat(output(4)).containsExactly("race: fast", "allSettled: fulfilled, rejected", "all: [fast, slow]",
        "(exit code 0)");
  }

  @Test
  void emitter() {
    assertThat(output(5)).containsExactly("on: 1", "once: 1", "on: 2", "thrown: nobody listens", "(exit code 0)");
  }

  @Test
  void blockingPoolKeepsTheLoopResponsive() {
    List<String> out = output(6);
    assertThat(out).hasSize(2);
    // How often the interval ran depends on the machine's speed; that the loop answered is shown by
    // the hash arriving through a promise while the interval was registered.
    assertThat(out.get(0)).matches("hash [0-9a-f]{16}\\.\\.\\., the 5 ms interval ran \\d+ times meanwhile");
  }

  @Test
  void survivingErrors() {
    assertThat(output(7)).containsExactly("uncaughtException: thrown in queueMicrotask",
        "unhandledRejection: thrown in then", "the loop goes on", "(exit code 0)");
  }
}
