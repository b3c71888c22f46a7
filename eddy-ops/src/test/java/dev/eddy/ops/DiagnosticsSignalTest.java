package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.Eddy;
import dev.eddy.EddyProcess;
import dev.eddy.Event;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: a heap dump and a JFR recording triggered at run time by a signal (SIGUSR1), in a child JVM. */
class DiagnosticsSignalTest {
  private static final Pattern WRITTEN = Pattern.compile("(?:heap dump|JFR recording) written to (\\S+)");

  @TempDir Path dir;

  @Test
  void sigusr1WritesAValidHeapDumpOffTheLoopAndLogsItsPath() throws Exception {
    try (ChildJvm child = new ChildJvm(SignalDiagnosticsMain.class, "HEAP_DUMP", dir.toString())) {
      child.awaitLine("ready"::equals, 20);
      child.kill("USR1");
      Path hprof = writtenFile(child.awaitLine(l -> WRITTEN.matcher(l).find(), 60));
      assertThat(hprof.getParent()).isEqualTo(dir);
      assertThat(hprof.getFileName().toString()).startsWith("heap-").endsWith(".hprof");
      try (InputStream in = Files.newInputStream(hprof)) {
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE");
      }
      // a second signal writes a second dump: the handler stays installed
      child.kill("USR1");
      Path second = writtenFile(child.awaitLine(l -> WRITTEN.matcher(l).find(), 60));
      assertThat(second).isNotEqualTo(hprof).exists();
      child.kill("TERM");
      assertThat(child.awaitExit(20)).isZero();
    }
  }

  @Test
  void sigusr1StartsAJfrRecordingAndTheNextOneWritesIt() throws Exception {
    try (ChildJvm child = new ChildJvm(SignalDiagnosticsMain.class, "JFR", dir.toString())) {
      child.awaitLine("ready"::equals, 20);
      child.kill("USR1");
      child.awaitLine(l -> l.contains("JFR recording started"), 30);
      child.kill("USR1");
      Path jfr = writtenFile(child.awaitLine(l -> WRITTEN.matcher(l).find(), 60));
      assertThat(jfr.getParent()).isEqualTo(dir);
      assertThat(jfr.getFileName().toString()).startsWith("recording-").endsWith(".jfr");
      var events = RecordingFile.readAllEvents(jfr);
      assertThat(events).extracting((RecordedEvent e) -> e.getEventType().getName()).contains("jdk.JVMInformation");
      child.kill("TERM");
      assertThat(child.awaitExit(20)).isZero();
    }
  }

  @Test
  void sigusr2IsRefusedBecauseTheJvmNeedsIt() throws Exception {
    int code = Eddy.run(() -> {
      assertThatThrownBy(() -> Diagnostics.onSignal(Event.of("SIGUSR2"), Diagnostics.SignalAction.HEAP_DUMP, dir))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIGUSR2 belongs to the JVM");
      assertThatThrownBy(() -> Diagnostics.onSignal(Event.of("SIGWINCH"), Diagnostics.SignalAction.HEAP_DUMP, dir))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Diagnostics.onSignal(EddyProcess.SIGUSR1, Diagnostics.SignalAction.JFR, dir, java.time.Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    });
    assertThat(code).isZero();
  }

  private static Path writtenFile(String line) {
    Matcher m = WRITTEN.matcher(line);
    assertThat(m.find()).isTrue();
    return Path.of(m.group(1));
  }
}
