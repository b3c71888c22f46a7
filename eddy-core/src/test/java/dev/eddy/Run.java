package dev.eddy;

import java.util.ArrayList;
import java.util.List;

/** Runs a program on a fresh loop on the test thread and records what it logs. */
final class Run {
  final List<String> log = new ArrayList<>();
  int exitCode;
  final VirtualClock clock;
  final Loop loop;

  private Run(VirtualClock clock) {
    this.clock = clock;
    this.loop = clock == null ? Loop.create() : Loop.create(clock);
  }

  /** On an auto-advancing virtual clock: timers fire in order at once, no real waiting. */
  static Run virtual(java.util.function.Consumer<Run> program) {
    Run r = new Run(VirtualClock.autoAdvancing());
    r.exitCode = r.loop.run(() -> program.accept(r));
    return r;
  }

  /** On the real clock (for I/O and cross-thread work). */
  static Run real(java.util.function.Consumer<Run> program) {
    Run r = new Run(null);
    r.exitCode = r.loop.run(() -> program.accept(r));
    return r;
  }

  void log(String s) {
    log.add(s);
  }
}
