package dev.eddy.http;

import static dev.eddy.Eddy.await;
import static dev.eddy.EventEmitter.once;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Eddy;
import dev.eddy.Promise;
import dev.eddy.net.OnLoop;
import dev.eddy.stream.Stream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Timeouts, maxRequestsPerSocket, graceful close and the slowloris case, with small configured timeouts. */
class HttpServerLimitsTest {
  static final String TIMEOUT_408 = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n";

  static String get(String path) {
    return HttpServerTest.get(path);
  }

  // 8. timeouts --------------------------------------------------------------------------------

  @Test
  void headersTimeoutAnswers408AndCloses() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer(new HttpServer.Options()
          .headersTimeout(Duration.ofMillis(200)).requestTimeout(Duration.ofMillis(1000))
          .connectionsCheckingInterval(Duration.ofMillis(50)), (req, res) -> res.end("ok"));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send("GET / HTTP/1.1\r\nHost: a\r\n");
        assertThat(c.readToEof()).isEqualTo(TIMEOUT_408);
      }
      // a complete request is still served
      try (Raw c = Raw.connect(port)) {
        assertThat(c.exchange(get("/")).body).isEqualTo("ok");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void clientErrorHookHearsTheTimeout() {
    OnLoop.run(() -> {
      List<String> codes = new ArrayList<>();
      HttpServer server = Http.createServer(new HttpServer.Options()
          .headersTimeout(Duration.ofMillis(100)).requestTimeout(Duration.ofMillis(200))
          .connectionsCheckingInterval(Duration.ofMillis(20)), (req, res) -> res.end("ok"));
      server.onClientError((e, socket) -> {
        codes.add(((dev.eddy.NodeException) e).code() + ": " + e.getMessage());
        socket.end("HTTP/1.1 408 Custom\r\n\r\n");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send("GET / HTTP/1.1\r\n");
        assertThat(c.readToEof()).isEqualTo("HTTP/1.1 408 Custom\r\n\r\n");
      }
      Raw.close(server);
      // as Node: the client's FIN after the custom answer finds the head unfinished, a second clientError
      assertThat(codes).containsExactly("ERR_HTTP_REQUEST_TIMEOUT: Request timeout", "HPE_INVALID_EOF_STATE: Parse Error");
      return null;
    });
  }

  @Test
  void requestTimeoutAnswers408ForABodyThatNeverEnds() {
    OnLoop.run(() -> {
      AtomicReference<IncomingMessage> seen = new AtomicReference<>();
      List<String> events = new ArrayList<>();
      HttpServer server = Http.createServer(new HttpServer.Options()
          .headersTimeout(Duration.ofMillis(100)).requestTimeout(Duration.ofMillis(300))
          .connectionsCheckingInterval(Duration.ofMillis(50)), (req, res) -> {
            seen.set(req);
            req.on(IncomingMessage.ABORTED, v -> events.add("aborted"));
            req.on(Stream.CLOSE, v -> events.add("req close"));
            res.on(Stream.CLOSE, v -> events.add("res close"));
            req.resume(); // read what comes, never answer until the end
            req.on(Stream.END, v -> res.end("done"));
          });
      Raw.Tracker tracker = Raw.track(server);
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
        assertThat(c.readToEof()).isEqualTo(TIMEOUT_408);
      }
      tracker.awaitAllClosed();
      Raw.close(server);
      assertThat(seen.get().aborted()).isTrue();
      assertThat(events).contains("aborted", "req close", "res close");
      return null;
    });
  }

  @Test
  void keepAliveTimeoutClosesAnIdleConnection() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer(new HttpServer.Options().keepAliveTimeout(Duration.ofMillis(100)),
          (req, res) -> res.end("ok"));
      Raw.Tracker tracker = Raw.track(server);
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange(get("/"));
        // node: timeout rounds down to whole seconds
        assertThat(r.header("Keep-Alive")).isEqualTo("timeout=0");
        assertThat(r.header("Connection")).isEqualTo("keep-alive");
        assertThat(c.closedByServer()).isTrue();
      }
      tracker.awaitAllClosed();
      assertThat(server.connectionCount()).isZero();
      Raw.close(server);
      return null;
    });
  }

  @Test
  void maxRequestsPerSocketClosesAfterTheLastAllowedAnswer() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer(new HttpServer.Options().maxRequestsPerSocket(2),
          (req, res) -> res.end("ok" + req.url()));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp a = c.exchange(get("/1"));
        assertThat(a.headWithoutDate()).isEqualTo(
            "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5, max=2\r\nContent-Length: 4\r\n\r\n");
        Raw.Resp b = c.exchange(get("/2"));
        assertThat(b.headWithoutDate()).isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 4\r\n\r\n");
        assertThat(b.body).isEqualTo("ok/2");
        // node keeps reading after that answer: a third request gets 503 (Eddy then closes)
        c.send(get("/3"));
        assertThat(c.readToEof().replaceAll("Date: [^\r]*\r\n", "")).isEqualTo(
            "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
      }
      // pipelined beyond the limit: node answers the extra request with 503
      try (Raw c = Raw.connect(port)) {
        c.send(get("/1") + get("/2") + get("/3"));
        String all = c.readToEof().replaceAll("Date: [^\r]*\r\n", "");
        assertThat(all).isEqualTo("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5, max=2\r\n"
            + "Content-Length: 4\r\n\r\nok/1HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 4\r\n\r\nok/2"
            + "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void maxRequestsPerSocketWithDelayedPipelinedAnswers() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer(new HttpServer.Options().maxRequestsPerSocket(2), (req, res) -> {
        int n = Integer.parseInt(req.url().substring(1));
        // answered after the later requests were parsed: each answer keeps its own verdict
        if (req.httpVersion().equals("1.0")) {
          res.setHeader("Content-Length", 4); // else a 1.0 answer is close-delimited
        }
        Eddy.setTimeout(() -> res.end("ok" + req.url()), (double) (4 - n) * 20);
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send(get("/1") + get("/2") + get("/3"));
        String all = c.readToEof().replaceAll("Date: [^\r]*\r\n", "");
        assertThat(all).isEqualTo("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5, max=2\r\n"
            + "Content-Length: 4\r\n\r\nok/1HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 4\r\n\r\nok/2"
            + "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
      }
      // HTTP/1.0 keep-alive requests do not count (node counts HTTP/1.1 only)
      try (Raw c = Raw.connect(port)) {
        for (int i = 1; i <= 3; i++) {
          Raw.Resp r = c.exchange("GET /1 HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");
          assertThat(r.status).isEqualTo(200);
        }
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void silentNewConnectionGets408ButAnIdleKeepAliveConnectionDoesNot() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer(new HttpServer.Options()
          .headersTimeout(Duration.ofMillis(100)).requestTimeout(Duration.ofMillis(200))
          .keepAliveTimeout(Duration.ofMillis(300)).connectionsCheckingInterval(Duration.ofMillis(20)),
          (req, res) -> res.end("ok"));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        assertThat(c.readToEof()).isEqualTo(TIMEOUT_408);
      }
      try (Raw c = Raw.connect(port)) {
        assertThat(c.exchange(get("/")).body).isEqualTo("ok");
        // idle after an answer: only the keep-alive timeout applies, and it closes silently
        assertThat(c.readToEof()).isEmpty();
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void aClientThatPipelinesWithoutReadingIsNotReadFurther() {
    int n = 4000;
    OnLoop.run(40, () -> {
      String big = "y".repeat(16 * 1024);
      AtomicInteger handled = new AtomicInteger();
      HttpServer server = Http.createServer((req, res) -> {
        handled.incrementAndGet();
        res.end(req.url() + big);
      });
      List<Runnable> paused = new ArrayList<>();
      Promise<Void> pausedP = Promise.create((resolve, reject) -> paused.add(() -> resolve.accept(null)));
      server.outputPauseHook = () -> {
        if (!paused.isEmpty()) {
          paused.remove(0).run();
        }
      };
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        StringBuilder reqs = new StringBuilder();
        for (int i = 0; i < n; i++) {
          reqs.append("GET /" + i + " HTTP/1.1\r\nHost: a\r\nX-Pad: " + "p".repeat(100) + "\r\n\r\n");
        }
        // written from another thread: it blocks once the server stops reading
        Promise<Object> writing = Eddy.blockingVirtual(() -> {
          c.sendNow(reqs.toString());
          return null;
        });
        await(pausedP);
        // the rest of the current read is still parsed (as Node); after it nothing more is read
        await(Promise.create((resolve, reject) -> Eddy.setImmediate(() -> resolve.accept(null))));
        int atPause = handled.get();
        System.out.println("pipelining flood: reading paused after " + atPause + " of " + n + " requests");
        assertThat(atPause).isLessThan(n);
        List<Boolean> ok = Raw.io(() -> {
          List<Boolean> l = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            l.add(c.readNow(false).body.equals("/" + i + big));
          }
          return l;
        });
        await(writing);
        assertThat(ok).hasSize(n).containsOnly(true);
        assertThat(handled.get()).isEqualTo(n);
      }
      Raw.close(server);
      return null;
    });
  }

  // 9. graceful close --------------------------------------------------------------------------

  @Test
  void closeLetsTheRequestInFlightFinishAndClosesIdleConnections() {
    OnLoop.run(() -> {
      Promise.Resolvers<Void> inFlight = Promise.withResolvers();
      AtomicReference<ServerResponse> pending = new AtomicReference<>();
      HttpServer server = Http.createServer((req, res) -> {
        if (req.url().equals("/slow")) {
          pending.set(res);
          inFlight.resolve().accept(null);
        } else {
          res.end("fast");
        }
      });
      int port = Raw.listen(server);
      Raw idle = Raw.connect(port);
      assertThat(idle.exchange(get("/")).body).isEqualTo("fast");
      Raw busy = Raw.connect(port);
      busy.send(get("/slow"));
      await(inFlight.promise());
      assertThat(server.connectionCount()).isEqualTo(2);

      AtomicInteger cbRuns = new AtomicInteger();
      AtomicReference<Throwable> cbErr = new AtomicReference<>();
      Promise.Resolvers<Void> closed = Promise.withResolvers();
      server.close(e -> {
        cbErr.set(e);
        cbRuns.incrementAndGet();
        closed.resolve().accept(null);
      });
      // the idle keep-alive connection is closed at once
      assertThat(idle.closedByServer()).isTrue();
      idle.close();
      // new connections are refused
      assertThat(Raw.io(() -> {
        try (Raw r = Raw.open(port)) {
          return "connected";
        } catch (java.net.ConnectException e) {
          return "refused";
        }
      })).isEqualTo("refused");
      assertThat(cbRuns.get()).isZero();
      pending.get().end("slow done");
      Raw.Resp r = busy.read();
      assertThat(r.body).isEqualTo("slow done");
      assertThat(r.header("Connection")).isEqualTo("close");
      assertThat(busy.closedByServer()).isTrue();
      busy.close();
      await(closed.promise());
      assertThat(cbRuns.get()).isEqualTo(1);
      assertThat(cbErr.get()).isNull();
      assertThat(server.connectionCount()).isZero();
      return null;
    });
  }

  @Test
  void closeIdleConnectionsAndCloseAllConnections() {
    OnLoop.run(() -> {
      Promise.Resolvers<Void> inFlight = Promise.withResolvers();
      HttpServer server = Http.createServer((req, res) -> {
        if (req.url().equals("/slow")) {
          inFlight.resolve().accept(null); // never answered
        } else {
          res.end("fast");
        }
      });
      int port = Raw.listen(server);
      Raw idle = Raw.connect(port);
      idle.exchange(get("/"));
      Raw busy = Raw.connect(port);
      busy.send(get("/slow"));
      await(inFlight.promise());
      server.closeIdleConnections();
      assertThat(idle.closedByServer()).isTrue();
      idle.close();
      assertThat(server.connectionCount()).isEqualTo(1);
      server.closeAllConnections();
      assertThat(busy.readToEof()).isEmpty();
      busy.close();
      Raw.close(server);
      assertThat(server.connectionCount()).isZero();
      return null;
    });
  }

  // 10. slowloris ------------------------------------------------------------------------------

  @Test
  void thousandSilentPartialHeadsDoNotStopANormalClient() {
    int n = 1000;
    OnLoop.run(60, () -> {
      HttpServer server = Http.createServer(new HttpServer.Options()
          .headersTimeout(Duration.ofMillis(1500)).requestTimeout(Duration.ofMillis(3000))
          .connectionsCheckingInterval(Duration.ofMillis(100)), (req, res) -> res.end("served"));
      int port = Raw.listen(server);
      long start = System.nanoTime();
      List<Raw> loris = Raw.io(() -> {
        List<Raw> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          Raw r = Raw.open(port);
          r.sendNow("GET /slow HTTP/1.1\r\nHost: a\r\nX-Wait: ");
          l.add(r);
        }
        return l;
      });
      try {
        long t0 = System.nanoTime();
        Raw.Resp r;
        try (Raw c = Raw.connect(port)) {
          r = c.exchange(get("/"));
        }
        long t1 = System.nanoTime();
        System.out.printf("slowloris: %d partial heads opened in %d ms; a normal request was answered in %.2f ms%n",
            n, (t0 - start) / 1_000_000, (t1 - t0) / 1e6);
        assertThat(r.body).isEqualTo("served");
        // then the head timeout answers every silent connection with 408 and closes it
        List<String> answers = Raw.io(() -> {
          List<String> out = new ArrayList<>(n);
          for (Raw x : loris) {
            out.add(x.readToEofNow());
          }
          return out;
        });
        assertThat(answers).hasSize(n).allMatch(TIMEOUT_408::equals);
      } finally {
        Raw.io(() -> {
          for (Raw x : loris) {
            x.close();
          }
          return null;
        });
      }
      Raw.close(server);
      assertThat(server.connectionCount()).isZero();
      return null;
    });
  }
}
