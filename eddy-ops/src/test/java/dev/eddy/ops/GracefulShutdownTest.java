package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 8's check: graceful shutdown with slow in-flight requests; all complete, the process exits 0. */
class GracefulShutdownTest {
  @Test
  void sigtermLetsInFlightRequestsFinishThenRunsHooksInReverseAndExitsZero() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), ShutdownMain.class.getName())
        .redirectErrorStream(true).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) lines.add(l);
      } catch (Exception ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    try {
      int port = -1;
      for (String l; port < 0 && (l = lines.poll(20, TimeUnit.SECONDS)) != null; ) {
        if (l.startsWith("listening ")) port = Integer.parseInt(l.substring(10).trim());
      }
      assertThat(port).as("the service started").isPositive();
      HttpClient client = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        inFlight.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow?i=" + i)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      int got = 0;
      List<String> seen = new ArrayList<>();
      while (got < 5) {
        String l = lines.poll(10, TimeUnit.SECONDS);
        assertThat(l).as("a line from the service (seen so far: %s)", seen).isNotNull();
        seen.add(l);
        if (l.startsWith("got ")) got++;
      }
      new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
      for (CompletableFuture<HttpResponse<String>> f : inFlight) {
        HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("done ");
      }
      assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("the process exits").isTrue();
      assertThat(p.exitValue()).isZero();
      reader.join(5000);
      List<String> rest = new ArrayList<>();
      lines.drainTo(rest);
      int first = rest.indexOf("hook first");
      int second = rest.indexOf("hook second");
      assertThat(second).as("hooks ran: %s", rest).isNotNegative();
      assertThat(first).isGreaterThan(second);
    } finally {
      p.destroyForcibly();
    }
  }
}
