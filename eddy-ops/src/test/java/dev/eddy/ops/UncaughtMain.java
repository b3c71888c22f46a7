package dev.eddy.ops;

import dev.eddy.Eddy;
import org.slf4j.LoggerFactory;

/**
 * A service for UncaughtErrorsTest, run in its own JVM: JSON logging, the default policy, 2,000
 * log lines queued just before an exception escapes a timer callback on the loop.
 */
public final class UncaughtMain {
  private UncaughtMain() {}

  public static void main(String[] args) {
    Eddy.main(() -> {
      Logging.configure("production");
      UncaughtErrors.install();
      Eddy.setTimeout(UncaughtMain::failingTimer, 10);
    });
  }

  static void failingTimer() {
    var log = LoggerFactory.getLogger("filler");
    for (int i = 0; i < 2000; i++) log.info("filler {}", i);
    throw new IllegalStateException("boom from a timer");
  }
}
