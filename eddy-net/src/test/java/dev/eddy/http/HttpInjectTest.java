package dev.eddy.http;

import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.Encoding;
import dev.eddy.Promise;
import dev.eddy.net.OnLoop;
import dev.eddy.net.Socket;
import dev.eddy.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** HTTP over {@link HttpServer#injectConnection()}: the same wire behaviour as over TCP, without a socket. */
class HttpInjectTest {
  static final String KA = "Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n";

  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n";
  }

  static String withoutDate(String wire) {
    return wire.replaceAll("Date: [^\r]*\r\n", "");
  }

  static void turns(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      await(Promise.<Void>create((resolve, reject) -> Eddy.setImmediate(() -> resolve.accept(null))));
    }
  }

  /** Lets the loop turn until {@code condition} holds (5 s at most). */
  static void until(BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      turns(1);
    }
    assertThat(condition.getAsBoolean()).as("condition reached within 5 s").isTrue();
  }

  /** The client's end of an injected connection, collecting what it reads. */
  static final class Mem {
    final Socket sock;
    final StringBuilder got = new StringBuilder();
    boolean ended;
    boolean closed;
    Throwable error;

    Mem(HttpServer server) {
      sock = server.injectConnection();
      sock.on(Stream.DATA, c -> got.append(((Buffer) c).toString(Encoding.LATIN1)));
      sock.on(Stream.END, v -> ended = true);
      sock.on(Stream.CLOSE, v -> closed = true);
      sock.on(Socket.ERROR, e -> error = e);
    }

    void send(String s) {
      sock.write(Buffer.from(s, Encoding.LATIN1));
    }

    /** Waits until {@code n} answers (counted by their status lines) have fully arrived. */
    String awaitAnswers(int n, String lastBodyEnd) throws Exception {
      until(() -> count(got.toString(), "HTTP/1.1 ") >= n && got.toString().endsWith(lastBodyEnd));
      return got.toString();
    }
  }

  static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void keepAliveServesASequenceOnOneConnection() {
    OnLoop.run(() -> {
      List<String> peers = new ArrayList<>();
      HttpServer server = Http.createServer((req, res) -> {
        Socket s = req.socket();
        peers.add(s.remoteAddress() + ":" + s.remotePort() + " -> " + s.localAddress() + ":" + s.localPort());
        res.end("hi " + req.url());
      });
      Mem c = new Mem(server);
      assertThat(server.connectionCount()).isEqualTo(1);
      assertThat(c.sock.remoteAddress()).isEqualTo("127.0.0.1");
      assertThat(c.sock.remotePort()).isEqualTo(80);
      for (int i = 1; i <= 3; i++) {
        c.send(get("/" + i));
        c.awaitAnswers(i, "hi /" + i);
      }
      String one = "HTTP/1.1 200 OK\r\n" + KA + "Content-Length: 5\r\n\r\nhi /";
      assertThat(withoutDate(c.got.toString())).isEqualTo(one + "1" + one + "2" + one + "3");
      assertThat(peers).hasSize(3).containsOnly(peers.get(0));
      assertThat(peers.get(0)).isEqualTo("127.0.0.1:" + c.sock.localPort() + " -> 127.0.0.1:80");
      assertThat(c.ended).isFalse();
      c.sock.destroy();
      until(() -> server.connectionCount() == 0);
      server.close();
      return null;
    });
  }

  @Test
  void chunkedAnswerAndChunkedRequestBody() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        StringBuilder body = new StringBuilder();
        req.on(Stream.DATA, b -> body.append(((Buffer) b).toString(Encoding.LATIN1)));
        req.on(Stream.END, v -> {
          res.write("got:");
          Eddy.setImmediate(() -> res.end(body.toString()));
        });
      });
      Mem c = new Mem(server);
      c.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
      turns(3);
      c.send("2\r\nde\r\n0\r\n\r\n");
      c.awaitAnswers(1, "0\r\n\r\n");
      assertThat(withoutDate(c.got.toString())).isEqualTo("HTTP/1.1 200 OK\r\n" + KA
          + "Transfer-Encoding: chunked\r\n\r\n4\r\ngot:\r\n5\r\nabcde\r\n0\r\n\r\n");
      c.sock.destroy();
      until(() -> server.connectionCount() == 0);
      server.close();
      return null;
    });
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        if (req.url().equals("/slow")) {
          Eddy.setTimeout(() -> res.end("slow"), 20);
        } else {
          res.end(req.url().substring(1));
        }
      });
      Mem c = new Mem(server);
      c.send(get("/slow") + get("/a") + "GET /b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
      until(() -> c.closed);
      String wire = withoutDate(c.got.toString());
      assertThat(wire).isEqualTo("HTTP/1.1 200 OK\r\n" + KA + "Content-Length: 4\r\n\r\nslow"
          + "HTTP/1.1 200 OK\r\n" + KA + "Content-Length: 1\r\n\r\na"
          + "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nb");
      assertThat(c.ended).isTrue();
      assertThat(c.error).isNull();
      until(() -> server.connectionCount() == 0);
      server.close();
      return null;
    });
  }

  @Test
  void oversizedHeadGets431AndTheConnectionCloses() {
    OnLoop.run(() -> {
      boolean[] handled = {false};
      HttpServer server = Http.createServer((req, res) -> {
        handled[0] = true;
        res.end();
      });
      Mem c = new Mem(server);
      c.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n");
      until(() -> c.closed);
      assertThat(c.got.toString()).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n");
      assertThat(handled[0]).isFalse();
      assertThat(server.connectionCount()).isZero();
      server.close();
      return null;
    });
  }

  @Test
  void chunkExtensionsOverflowGets413AndTheConnectionCloses() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> req.resume());
      Mem c = new Mem(server);
      c.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;a=" + "x".repeat(17_000) + "\r\nz\r\n0\r\n\r\n");
      until(() -> c.closed);
      assertThat(c.got.toString()).startsWith("HTTP/1.1 413 ").endsWith("\r\nConnection: close\r\n\r\n");
      until(() -> server.connectionCount() == 0);
      server.close();
      return null;
    });
  }

  @Test
  void serverCloseEndsIdleConnectionsAtOnceAndBusyOnesAfterTheirAnswer() {
    OnLoop.run(() -> {
      Runnable[] finish = {null};
      HttpServer server = Http.createServer((req, res) -> {
        if (req.url().equals("/busy")) {
          finish[0] = () -> res.end("done");
        } else {
          res.end("ok");
        }
      });
      Mem idle = new Mem(server);
      idle.send(get("/"));
      idle.awaitAnswers(1, "ok");
      Mem busy = new Mem(server);
      busy.send(get("/busy"));
      until(() -> finish[0] != null);
      assertThat(server.connectionCount()).isEqualTo(2);
      Throwable[] closeResult = {null};
      server.close(e -> closeResult[0] = e);
      until(() -> idle.closed);
      assertThat(idle.ended).isTrue();
      assertThat(busy.closed).isFalse();
      finish[0].run();
      until(() -> busy.closed);
      assertThat(withoutDate(busy.got.toString()))
          .isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 4\r\n\r\ndone");
      assertThat(server.connectionCount()).isZero();
      // as Node: a server that never listened reports ERR_SERVER_NOT_RUNNING to close's callback
      until(() -> closeResult[0] != null);
      assertThat(((dev.eddy.NodeException) closeResult[0]).code()).isEqualTo("ERR_SERVER_NOT_RUNNING");
      return null;
    });
  }

  @Test
  void closeAllConnectionsEndsRequestsInFlight() {
    OnLoop.run(() -> {
      List<String> events = new ArrayList<>();
      HttpServer server = Http.createServer((req, res) -> {
        events.add("request");
        res.on(Stream.CLOSE, v -> events.add("res close"));
      });
      Mem c = new Mem(server);
      c.send(get("/hang"));
      until(() -> events.contains("request"));
      server.closeAllConnections();
      until(() -> c.closed && events.contains("res close"));
      assertThat(c.got.toString()).isEmpty();
      assertThat(server.connectionCount()).isZero();
      server.close();
      return null;
    });
  }

  @Test
  void largeBodiesBothWaysGoThroughBackpressure() {
    OnLoop.run(() -> {
      byte[] big = new byte[3 * 1024 * 1024];
      for (int i = 0; i < big.length; i++) {
        big[i] = (byte) ('a' + i % 26);
      }
      long[] received = {0};
      HttpServer server = Http.createServer((req, res) -> {
        req.on(Stream.DATA, b -> received[0] += ((Buffer) b).length());
        req.on(Stream.END, v -> {
          res.setHeader("Content-Length", big.length);
          res.end(Buffer.wrap(big));
        });
      });
      Mem c = new Mem(server);
      // the client end pauses: the answer must wait in the channel, not be lost or fail
      c.sock.pause();
      c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + big.length + "\r\n\r\n");
      c.sock.write(Buffer.wrap(big));
      until(() -> received[0] == big.length);
      turns(20);
      assertThat(c.got.length()).isZero();
      c.sock.resume();
      until(() -> c.got.length() > big.length);
      String wire = c.got.toString();
      String body = wire.substring(wire.indexOf("\r\n\r\n") + 4);
      assertThat(body.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(big);
      c.sock.end();
      until(() -> c.closed);
      assertThat(server.connectionCount()).isZero();
      server.close();
      return null;
    });
  }

  @Test
  void aClientThatGoesAwayAbortsTheRequest() {
    OnLoop.run(() -> {
      List<String> events = new ArrayList<>();
      HttpServer server = Http.createServer((req, res) -> {
        req.on(IncomingMessage.ABORTED, v -> events.add("aborted"));
        res.on(Stream.CLOSE, v -> events.add("res close"));
      });
      Mem c = new Mem(server);
      c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
      turns(10); // the head and part of the body are read
      c.sock.destroy();
      until(() -> events.contains("res close"));
      assertThat(events).contains("aborted");
      assertThat(server.connectionCount()).isZero();
      server.close();
      return null;
    });
  }

  @Test
  void maxConnectionsDropsAnInjectedConnection() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> res.end());
      server.maxConnections(1);
      List<Object> drops = new ArrayList<>();
      server.net.on(dev.eddy.net.Server.DROP, drops::add);
      Mem first = new Mem(server);
      Mem second = new Mem(server);
      until(() -> second.closed);
      assertThat(second.ended).isTrue();
      assertThat(drops).hasSize(1);
      assertThat(server.connectionCount()).isEqualTo(1);
      first.sock.destroy();
      until(() -> server.connectionCount() == 0);
      server.close();
      return null;
    });
  }
}
