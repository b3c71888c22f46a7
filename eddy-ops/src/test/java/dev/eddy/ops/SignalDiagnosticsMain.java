package dev.eddy.ops;

import dev.eddy.Eddy;
import dev.eddy.EddyProcess;
import java.nio.file.Path;

/**
 * A service for DiagnosticsSignalTest, run in its own JVM: {@code HEAP_DUMP|JFR DIR}. Logs in
 * readable lines to standard output, prints "ready" once SIGUSR1 is listened to, and stays up
 * until SIGTERM.
 */
public final class SignalDiagnosticsMain {
  private SignalDiagnosticsMain() {}

  public static void main(String[] args) {
    Eddy.main(() -> {
      Logging.configure(false, ch.qos.logback.classic.Level.INFO);
      Diagnostics.onSignal(EddyProcess.SIGUSR1, Diagnostics.SignalAction.valueOf(args[0]), Path.of(args[1]));
      // the service's work: something that keeps the loop alive until SIGTERM
      var keepAlive = Eddy.setInterval(() -> { }, 60_000);
      Eddy.process().on(EddyProcess.SIGTERM, s -> Eddy.clearInterval(keepAlive));
      System.out.println("ready");
    });
  }
}
