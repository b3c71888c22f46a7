package dev.eddy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Loop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * HttpServer.drain under a keep-alive load: every request sent is answered (the last answer on
 * each connection says Connection: close), no connection is reset, and afterwards nothing keeps
 * the loop alive.
 */
class HttpServerDrainTest {
  @Test
  void drainAnswersEveryRequestOnBusyConnectionsWithConnectionCloseAndLeavesTheLoopEmpty() throws Exception {
    Running r = start();
    Loop loop = r.loop();
    HttpServer[] server = {r.server()};
    CompletableFuture<Integer> ended = r.ended();
    int p = r.port();
    int clients = 8;
    AtomicInteger answers = new AtomicInteger();
    CountDownLatch busy = new CountDownLatch(200);
    List<String> failures = new CopyOnWriteArrayList<>();
    List<String> endings = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread t = new Thread(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", p), 5000);
          s.setSoTimeout(10_000);
          OutputStream out = s.getOutputStream();
          InputStream in = s.getInputStream();
          while (true) {
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String head = readHead(in);
            byte[] body = in.readNBytes(2);
            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("ok");
            answers.incrementAndGet();
            busy.countDown();
            if (head.contains("Connection: close")) {
              endings.add("closed by the server after a whole answer");
              return;
            }
          }
        } catch (ConnectException e) {
          endings.add("refused"); // not reached: every client connected before the drain
        } catch (IOException | AssertionError e) {
          failures.add(e.toString());
        }
      });
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    assertThat(busy.await(20, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> drained = new CompletableFuture<>();
    loop.execute(() -> server[0].drain(Duration.ofMillis(300), err -> drained.complete(null)));
    drained.get(20, TimeUnit.SECONDS);
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(failures).isEmpty();
    assertThat(endings).hasSize(clients).allMatch(e -> e.startsWith("closed by the server"));
    assertThat(ended.get(10, TimeUnit.SECONDS)).as("the loop ends: nothing is left ref'd").isZero();
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheGraceAndARequestWithinItIsAnswered() throws Exception {
    Running r = start();
    Loop loop = r.loop();
    HttpServer[] server = {r.server()};
    CompletableFuture<Integer> ended = r.ended();
    int p = r.port();
    try (Socket idle = new Socket(); Socket late = new Socket()) {
      idle.connect(new InetSocketAddress("127.0.0.1", p), 5000);
      late.connect(new InetSocketAddress("127.0.0.1", p), 5000);
      for (Socket s : List.of(idle, late)) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(readHead(s.getInputStream())).contains("Connection: keep-alive");
        s.getInputStream().readNBytes(2);
      }
      CompletableFuture<Void> drained = new CompletableFuture<>();
      CompletableFuture<Void> draining = new CompletableFuture<>();
      loop.execute(() -> {
        server[0].drain(Duration.ofSeconds(2), err -> drained.complete(null));
        draining.complete(null);
      });
      draining.get(10, TimeUnit.SECONDS); // the drain has begun before the late request is sent
      // a request sent while the connection is idle within the grace is answered, then the connection ends
      late.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      assertThat(readHead(late.getInputStream())).contains("Connection: close");
      assertThat(late.getInputStream().readNBytes(2)).isEqualTo("ok".getBytes(StandardCharsets.UTF_8));
      assertThat(late.getInputStream().read()).isEqualTo(-1);
      // the idle one is closed once the grace has passed (an orderly end, no reset)
      assertThat(idle.getInputStream().read()).isEqualTo(-1);
      drained.get(10, TimeUnit.SECONDS);
    }
    assertThat(ended.get(10, TimeUnit.SECONDS)).isZero();
  }

  private record Running(Loop loop, HttpServer server, int port, CompletableFuture<Integer> ended) {}

  /** A loop serving "ok" on a free port of 127.0.0.1. */
  private static Running start() throws Exception {
    Loop loop = Loop.create();
    CompletableFuture<Running> listening = new CompletableFuture<>();
    CompletableFuture<Integer> ended = loop.start(() -> {
      HttpServer server = Http.createServer((req, res) -> res.end("ok"));
      // the address is read on the loop thread, then handed over
      server.listen(0, "127.0.0.1", () -> listening.complete(new Running(loop, server, server.address().port(), null)));
    });
    Running r = listening.get(10, TimeUnit.SECONDS);
    return new Running(loop, r.server(), r.port(), ended);
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    while (b.length() < 4 || !b.substring(b.length() - 4).equals("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("ended inside the head: " + b);
      }
      b.append((char) c);
    }
    return b.toString();
  }
}
