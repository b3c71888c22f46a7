package dev.eddy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A process started under nohup inherits SIGHUP ignored, and HotSpot keeps it so: Eddy cannot
 * deliver it, and says so instead of leaving a reload listener silently dead.
 */
class SignalIgnoredTest {
  private static String run(List<String> prefix) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(prefix);
    cmd.addAll(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        SignalListenerMain.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void listeningToAnInheritedIgnoredSighupWarnsThatItWillNeverBeCalled() throws Exception {
    String out = run(List.of("nohup"));
    assertThat(out).contains("listening")
        .contains("SignalWarning: SIGHUP is ignored by this process (it inherited SIG_IGN, as under nohup)");
  }

  @Test
  void noWarningWhenTheSignalIsNotIgnored() throws Exception {
    // SIGHUP reset to its default, whatever the test runner inherited (coreutils' env)
    String out = run(List.of("env", "--default-signal=HUP"));
    assertThat(out).contains("listening").doesNotContain("SignalWarning");
  }
}
