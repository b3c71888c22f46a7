package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test's child JVM running a main class of these tests, with its output read line by line. */
final class ChildJvm implements AutoCloseable {
  final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final Thread reader;

  ChildJvm(Class<?> main, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) lines.add(l);
      } catch (IOException ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits up to {@code seconds} for a line matching {@code p}; fails the test with the output seen so far. */
  String awaitLine(Predicate<String> p, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      long left = deadline - System.nanoTime();
      String l = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
      assertThat(l).as("an expected line from the child (output so far: %s)", seen).isNotNull();
      seen.add(l);
      if (p.test(l)) return l;
    }
  }

  /** Sends a signal with kill(1): ProcessHandle can only send SIGTERM and SIGKILL. */
  void kill(String signal) throws Exception {
    assertThat(new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).start().waitFor()).isZero();
  }

  /** Waits for the end of the process and returns its exit code, then every line it wrote after those already read. */
  int awaitExit(int seconds) throws InterruptedException {
    assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("the child exits (output so far: %s)", seen).isTrue();
    reader.join(TimeUnit.SECONDS.toMillis(seconds));
    lines.drainTo(seen);
    return process.exitValue();
  }

  /** Every line read so far. */
  List<String> output() {
    lines.drainTo(seen);
    return seen;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
