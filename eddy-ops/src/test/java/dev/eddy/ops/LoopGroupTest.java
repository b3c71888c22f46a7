package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Loop;
import dev.eddy.http.HttpServer;
import dev.eddy.net.Server;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopGroupTest {
  record Serving(Loop loop, HttpServer server) {}

  @Test
  void twoLoopsServeOnePortAndTheGroupEndsWhenBothLoopsEnd() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<Serving> servers = new CopyOnWriteArrayList<>();
    CountDownLatch listening = new CountDownLatch(2);
    CompletableFuture<Integer> group = CompletableFuture.supplyAsync(() -> LoopGroup.run(2, i -> {
      App app = Web.app();
      app.get("/", (req, res) -> res.send("loop " + i + " on " + Thread.currentThread().getName()));
      HttpServer server = app.listen(new Server.ListenOptions().host("127.0.0.1").port(port).reusePort(true),
          listening::countDown);
      servers.add(new Serving(Loop.current(), server));
    }));
    assertThat(listening.await(20, TimeUnit.SECONDS)).isTrue();
    Set<String> loops = new HashSet<>();
    // the kernel picks a loop per connection by a hash of the client's address and port: 64 new
    // connections all landing on one of two loops has a chance of 2^-63
    for (int n = 0; n < 64; n++) {
      try (Socket c = new Socket()) {
        c.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        c.setSoTimeout(5000);
        c.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = c.getInputStream();
        String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 200 OK");
        loops.add(answer.substring(answer.indexOf("\r\n\r\n") + 4, answer.indexOf("\r\n\r\n") + 10));
      }
    }
    assertThat(loops).containsExactlyInAnyOrder("loop 0", "loop 1");
    for (Serving s : servers) {
      s.loop().execute(() -> s.server().close());
    }
    assertThat(group.get(20, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aLoopThatExitsWithACodeGivesTheGroupItsCode() {
    assertThat(LoopGroup.run(3, i -> {
      if (i == 1) {
        dev.eddy.Eddy.process().exitCode(7);
      }
    })).isEqualTo(7);
  }
}
