package dev.eddy.http;

import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Buffer;
import dev.eddy.Promise;
import dev.eddy.net.OnLoop;
import dev.eddy.net.internal.TcpChannel;
import dev.eddy.stream.Stream;
import dev.eddy.stream.Writable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that vanish mid-headers, mid-body and mid-response (FIN or RST) leave nothing behind:
 * no HTTP connection, no open TCP channel, no timer (the loop ends), and the request and response
 * hear 'aborted' / 'close' as in Node.
 */
class HttpServerResourceTest {

  enum Vanish { FIN, RST }

  /** Runs {@code scenario} against a server whose handler records the events; returns them. */
  private static List<String> run(String request, Vanish how, boolean bigResponse, boolean waitForRequest) {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    OnLoop.run(() -> {
      long openBefore = TcpChannel.openCount();
      // not Promise.withResolvers(): an unsettled one keeps the loop alive (no request comes mid-headers)
      List<Runnable> onRequest = new ArrayList<>();
      Promise<Void> gotRequest = Promise.create((resolve, reject) -> onRequest.add(() -> resolve.accept(null)));
      HttpServer server = Http.createServer((req, res) -> {
        req.on(IncomingMessage.ABORTED, v -> events.add("req aborted"));
        req.on(Stream.CLOSE, v -> events.add("req close"));
        res.on(Stream.CLOSE, v -> events.add("res close"));
        res.on(Stream.FINISH, v -> events.add("res finish"));
        req.resume();
        if (bigResponse) {
          Buffer chunk = Buffer.alloc(256 * 1024);
          Runnable[] pump = new Runnable[1];
          pump[0] = () -> {
            while (!res.destroyed() && !res.closed() && res.write(chunk)) {
              // fill until the kernel pushes back
            }
            if (!res.closed() && !res.destroyed()) {
              res.once(Writable.DRAIN, v -> pump[0].run());
            }
          };
          res.setHeader("Content-Length", 1L << 40);
          pump[0].run();
        }
        onRequest.get(0).run();
      });
      Raw.Tracker tracker = Raw.track(server);
      int port = Raw.listen(server);
      Promise<dev.eddy.net.Socket> accepted = dev.eddy.EventEmitter.once(server, HttpServer.CONNECTION);
      Raw c = Raw.connect(port);
      Raw.io(() -> {
        c.sendNow(request);
        if (bigResponse) {
          c.sock.getInputStream().readNBytes(64 * 1024); // part of the answer, then vanish
        }
        return null;
      });
      if (waitForRequest) {
        await(gotRequest);
      } else {
        await(accepted);
      }
      if (how == Vanish.RST) {
        c.reset();
      } else {
        c.close();
      }
      tracker.awaitAllClosed();
      assertThat(tracker.sockets).hasSize(1);
      assertThat(tracker.sockets.get(0).destroyed()).isTrue();
      assertThat(server.connectionCount()).isZero();
      assertThat(TcpChannel.openCount()).isEqualTo(openBefore);
      Raw.close(server);
      return null; // the loop must end by itself now: no timer or handle left
    });
    return events;
  }

  private static final String PARTIAL_HEAD = "GET / HTTP/1.1\r\nHost: a\r\nX-Half: ";
  private static final String PARTIAL_BODY = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n0123456789";
  private static final String FULL = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

  @Test
  void vanishMidHeadersWithFin() {
    assertThat(run(PARTIAL_HEAD, Vanish.FIN, false, false)).isEmpty();
  }

  @Test
  void vanishMidHeadersWithRst() {
    assertThat(run(PARTIAL_HEAD, Vanish.RST, false, false)).isEmpty();
  }

  @Test
  void vanishMidBodyWithFin() {
    assertThat(run(PARTIAL_BODY, Vanish.FIN, false, true)).contains("req aborted", "req close", "res close")
        .doesNotContain("res finish");
  }

  @Test
  void vanishMidBodyWithRst() {
    assertThat(run(PARTIAL_BODY, Vanish.RST, false, true)).contains("req aborted", "req close", "res close")
        .doesNotContain("res finish");
  }

  @Test
  void vanishMidResponseWithRst() {
    List<String> events = run(FULL, Vanish.RST, true, true);
    assertThat(events).contains("res close").doesNotContain("req aborted", "res finish");
  }

  @Test
  void vanishMidResponseWithFin() {
    List<String> events = run(FULL, Vanish.FIN, true, true);
    assertThat(events).contains("res close").doesNotContain("req aborted", "res finish");
  }

  @Test
  void aLateAnswerToAVanishedClientIsHarmless() {
    List<String> events = new ArrayList<>();
    OnLoop.run(() -> {
      long openBefore = TcpChannel.openCount();
      List<ServerResponse> pending = new ArrayList<>();
      List<Runnable> got = new ArrayList<>();
      Promise<Void> gotRequest = Promise.create((resolve, reject) -> got.add(() -> resolve.accept(null)));
      HttpServer server = Http.createServer((req, res) -> {
        pending.add(res);
        res.on(Stream.CLOSE, v -> events.add("res close"));
        res.on(Stream.FINISH, v -> events.add("res finish"));
        req.on(Stream.CLOSE, v -> events.add("req close"));
        req.on(IncomingMessage.ABORTED, v -> events.add("req aborted"));
        got.get(0).run();
      });
      Raw.Tracker tracker = Raw.track(server);
      int port = Raw.listen(server);
      Raw c = Raw.connect(port);
      c.send(FULL);
      await(gotRequest);
      c.reset();
      tracker.awaitAllClosed();
      ServerResponse res = pending.get(0);
      res.write("late");   // neither throws nor leaks
      res.end("answer");
      assertThat(server.connectionCount()).isZero();
      assertThat(TcpChannel.openCount()).isEqualTo(openBefore);
      Raw.close(server);
      return null;
    });
    // node 20: the request was complete but never read to its end, so it is aborted too
    assertThat(events).contains("res close", "req close", "req aborted").doesNotContain("res finish");
  }

  @Test
  void everyUnansweredRequestIsAbortedAsInNode() {
    List<String> events = new ArrayList<>();
    OnLoop.run(() -> {
      List<Runnable> got = new ArrayList<>();
      Promise<Void> both = Promise.create((resolve, reject) -> got.add(() -> resolve.accept(null)));
      HttpServer server = Http.createServer((req, res) -> {
        String u = req.url();
        req.on(IncomingMessage.ABORTED, v -> events.add(u + " aborted"));
        req.on(Stream.CLOSE, v -> events.add(u + " req close"));
        req.on(Stream.ERROR, e -> events.add(u + " req error " + ((dev.eddy.NodeException) e).code()));
        res.on(Stream.CLOSE, v -> events.add(u + " res close"));
        if (u.equals("/read")) {
          req.resume();
          got.get(0).run();
        }
      });
      Raw.Tracker tracker = Raw.track(server);
      int port = Raw.listen(server);
      Raw c = Raw.connect(port);
      c.send(FULL + "GET /read HTTP/1.1\r\nHost: a\r\n\r\n");
      await(both);
      await(Promise.create((resolve, reject) -> dev.eddy.Eddy.setImmediate(() -> resolve.accept(null))));
      c.reset();
      tracker.awaitAllClosed();
      Raw.close(server);
      return null;
    });
    // node 20 (same bytes): [/read req close, / aborted, / res close, / req error ECONNRESET, / req close]
    assertThat(events).contains("/ aborted", "/ req error ECONNRESET", "/ req close", "/ res close", "/read req close")
        .doesNotContain("/read aborted");
    assertThat(events.indexOf("/ aborted")).isLessThan(events.indexOf("/ req close"));
  }

  @Test
  void manyVanishingClientsLeaveNothingBehind() {
    OnLoop.run(() -> {
      long openBefore = TcpChannel.openCount();
      HttpServer server = Http.createServer((req, res) -> res.end("x"));
      Raw.Tracker tracker = Raw.track(server);
      int port = Raw.listen(server);
      Raw.io(() -> {
        String[] reqs = {PARTIAL_HEAD, PARTIAL_BODY, FULL, FULL + FULL + PARTIAL_HEAD};
        for (int i = 0; i < 40; i++) {
          Raw c = Raw.open(port);
          c.sendNow(reqs[i % reqs.length]);
          if (i % 2 == 0) {
            c.reset();
          } else {
            c.close();
          }
        }
        return null;
      });
      while (tracker.sockets.size() < 40) {
        await(dev.eddy.EventEmitter.once(server, HttpServer.CONNECTION));
      }
      tracker.awaitAllClosed();
      assertThat(server.connectionCount()).isZero();
      assertThat(TcpChannel.openCount()).isEqualTo(openBefore);
      Raw.close(server);
      return null;
    });
  }
}
