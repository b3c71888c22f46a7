package dev.eddy.http;

import static dev.eddy.Eddy.await;
import static dev.eddy.EventEmitter.once;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.NodeException;
import dev.eddy.Promise;
import dev.eddy.net.OnLoop;
import dev.eddy.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Node 20's http server behaviour on the wire: keep-alive, pipelining, framing, request side, Expect, upgrade, errors. */
class HttpServerTest {
  static final String KA = "Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n";

  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n";
  }

  /** Collects a request body as a string; resolves on 'end'. */
  static Promise<String> body(IncomingMessage req) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    req.on(Stream.DATA, c -> {
      byte[] b = ((Buffer) c).toByteArray();
      out.write(b, 0, b.length);
    });
    return once(req, Stream.END).then(v -> out.toString(StandardCharsets.ISO_8859_1));
  }

  // 1. keep-alive ------------------------------------------------------------------------------

  @Test
  void keepAliveServesTwoRequestsOnOneConnection() {
    OnLoop.run(() -> {
      List<Integer> ports = new ArrayList<>();
      HttpServer server = Http.createServer((req, res) -> {
        ports.add(req.socket().remotePort());
        res.end("hi " + req.url());
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp a = c.exchange(get("/1"));
        Raw.Resp b = c.exchange(get("/2"));
        assertThat(a.headWithoutDate()).isEqualTo("HTTP/1.1 200 OK\r\n" + KA + "Content-Length: 5\r\n\r\n");
        assertThat(a.header("Date")).endsWith(" GMT");
        assertThat(a.body).isEqualTo("hi /1");
        assertThat(b.body).isEqualTo("hi /2");
        assertThat(ports).hasSize(2);
        assertThat(ports.get(0)).isEqualTo(ports.get(1));
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void http10WithoutKeepAliveClosesAfterTheAnswer() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        if (req.url().equals("/cl")) {
          res.setHeader("Content-Length", 1);
        }
        res.end("x");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send("GET / HTTP/1.0\r\n\r\n");
        String all = c.readToEof();
        assertThat(all.replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nx"); // node: close-delimited, no length
      }
      // HTTP/1.0 keep-alive without a length: node still closes (no chunking for 1.0)
      try (Raw c = Raw.connect(port)) {
        c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(c.readToEof().replaceAll("Date: [^\r]*\r\n", "")).isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nx");
      }
      // with a Content-Length it stays open
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange("GET /cl HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(r.headWithoutDate()).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n" + KA + "\r\n");
        assertThat(c.exchange("GET /cl HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").body).isEqualTo("x");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void connectionCloseIsAnsweredWithCloseAndFin() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> res.end("hello"));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        String all = c.readToEof();
        assertThat(all.replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void requestAndResponseEventsInNodesOrder() {
    List<String> events = new ArrayList<>();
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        req.on(Stream.END, v -> events.add("req end"));
        req.on(Stream.CLOSE, v -> events.add("req close"));
        req.on(IncomingMessage.ABORTED, v -> events.add("req aborted"));
        res.on(Stream.FINISH, v -> events.add("res finish"));
        res.on(Stream.CLOSE, v -> events.add("res close"));
        body(req).thenAccept(b -> res.end("ok"));
      });
      Raw.Tracker tracker = Raw.track(server);
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        assertThat(c.exchange("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi").body).isEqualTo("ok");
      }
      tracker.awaitAllClosed();
      Raw.close(server);
      return null;
    });
    // node 20 gives [req end, res finish, res close, req close]: the interleaving of the two objects
    // depends on tick counts; each object's own order is what matters
    assertThat(events).containsExactlyInAnyOrder("req end", "req close", "res finish", "res close");
    assertThat(events.indexOf("req end")).isLessThan(events.indexOf("req close"));
    assertThat(events.indexOf("res finish")).isLessThan(events.indexOf("res close"));
  }

  // 2. pipelining ------------------------------------------------------------------------------

  @Test
  void pipelinedAnswersLeaveInRequestOrder() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        int n = Integer.parseInt(req.url().substring(1));
        // the first request is answered last
        Eddy.setTimeout(() -> res.end("r" + n), (double) (4 - n) * 30);
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        List<String> bodies = Raw.io(() -> {
          c.sendNow(get("/1") + get("/2") + get("/3"));
          List<String> l = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            l.add(c.readNow(false).body);
          }
          return l;
        });
        assertThat(bodies).containsExactly("r1", "r2", "r3");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void pipelinedChunkedAnswersWrittenEarlyAreHeldInOrder() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        int n = Integer.parseInt(req.url().substring(1));
        res.write("a" + n);
        Eddy.setTimeout(() -> res.end("b" + n), (double) (4 - n) * 30);
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        List<String> bodies = Raw.io(() -> {
          c.sendNow(get("/1") + get("/2") + get("/3"));
          List<String> l = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            l.add(c.readNow(false).wire);
          }
          return l;
        });
        assertThat(bodies).containsExactly("2\r\na1\r\n2\r\nb1\r\n0\r\n\r\n", "2\r\na2\r\n2\r\nb2\r\n0\r\n\r\n",
            "2\r\na3\r\n2\r\nb3\r\n0\r\n\r\n");
      }
      Raw.close(server);
      return null;
    });
  }

  // 3. response framing ------------------------------------------------------------------------

  @Test
  void responseFraming() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        switch (req.url()) {
          case "/end" -> res.end("hello");
          case "/chunk" -> {
            res.write("ab");
            res.write("cde");
            res.end();
          }
          case "/trail" -> {
            res.addTrailers(Map.of("X-T", "v"));
            res.write("ab");
            res.end();
          }
          case "/204" -> {
            res.statusCode(204);
            res.end("x");
          }
          case "/304" -> {
            res.statusCode(304);
            res.end();
          }
          case "/empty" -> res.end();
          default -> res.end("?");
        }
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange(get("/end"));
        assertThat(r.toString().replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 200 OK\r\n" + KA + "Content-Length: 5\r\n\r\nhello");
        r = c.exchange(get("/chunk"));
        assertThat(r.toString().replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 200 OK\r\n" + KA + "Transfer-Encoding: chunked\r\n\r\n2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n");
        r = c.exchange(get("/trail"));
        assertThat(r.toString().replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 200 OK\r\n" + KA + "Transfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\nX-T: v\r\n\r\n");
        r = c.exchange(get("/empty"));
        assertThat(r.headWithoutDate()).isEqualTo("HTTP/1.1 200 OK\r\n" + KA + "Content-Length: 0\r\n\r\n");
        Raw.Resp h = Raw.io(() -> {
          c.sendNow("HEAD /end HTTP/1.1\r\nHost: a\r\n\r\n");
          return c.readNow(true);
        });
        // node: a HEAD answer carries no framing header at all
        assertThat(h.headWithoutDate()).isEqualTo("HTTP/1.1 200 OK\r\n" + KA + "\r\n");
        // 204 and 304 carry no body; the next answer on the connection must parse right after them
        r = Raw.io(() -> {
          c.sendNow(get("/204") + get("/304") + get("/end"));
          Raw.Resp a = c.readNow(false);
          assertThat(a.headWithoutDate()).isEqualTo("HTTP/1.1 204 No Content\r\n" + KA + "\r\n");
          Raw.Resp b = c.readNow(false);
          assertThat(b.headWithoutDate()).isEqualTo("HTTP/1.1 304 Not Modified\r\n" + KA + "\r\n");
          return c.readNow(false);
        });
        assertThat(r.statusLine).isEqualTo("HTTP/1.1 200 OK");
        assertThat(r.body).isEqualTo("hello");
      }
      try (Raw c = Raw.connect(port)) {
        c.send("GET /chunk HTTP/1.0\r\n\r\n");
        assertThat(c.readToEof().replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabcde");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void http10ClientThatAcceptsChunkedGetsChunks() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        res.write("ab");
        res.write("cde");
        res.end();
      });
      int port = Raw.listen(server);
      String chunks = "2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n";
      try (Raw c = Raw.connect(port)) {
        c.send("GET / HTTP/1.0\r\nTE: chunked\r\n\r\n");
        assertThat(c.readToEof().replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
      }
      try (Raw c = Raw.connect(port)) {
        c.send("GET / HTTP/1.0\r\nTE: xchunked\r\n\r\n"); // not the word: close-delimited
        assertThat(c.readToEof().replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabcde");
      }
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange("GET / HTTP/1.0\r\nTE: trailers, chunked\r\nConnection: keep-alive\r\n\r\n");
        assertThat(r.toString().replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 200 OK\r\n" + KA + "Transfer-Encoding: chunked\r\n\r\n" + chunks);
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void headResponseWithWrittenBodySendsNoBody() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        res.write("abc");
        res.end("def");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp h = Raw.io(() -> {
          c.sendNow("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n");
          return c.readNow(true);
        });
        assertThat(h.headWithoutDate()).isEqualTo("HTTP/1.1 200 OK\r\n" + KA + "\r\n");
        // nothing of the body leaked: the next answer parses
        Raw.Resp g = c.exchange(get("/"));
        assertThat(g.body).isEqualTo("abcdef");
      }
      Raw.close(server);
      return null;
    });
  }

  // 4. request side ----------------------------------------------------------------------------

  @Test
  void chunkedRequestBodyWithTrailersReachesTheHandler() {
    OnLoop.run(() -> {
      AtomicReference<Object[]> seen = new AtomicReference<>();
      HttpServer server = Http.createServer((req, res) -> body(req).thenAccept(b -> {
        seen.set(new Object[] {b, req.trailers(), req.rawTrailers(), req.complete()});
        res.end("ok");
      }));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\nX-Tr: 1\r\nx-tr: 2\r\nX-Other: o\r\n\r\n");
        assertThat(r.body).isEqualTo("ok");
      }
      assertThat(seen.get()[0]).isEqualTo("abcdefg");
      assertThat(seen.get()[1]).isEqualTo(Map.of("x-tr", "1, 2", "x-other", "o"));
      assertThat(seen.get()[2]).isEqualTo(List.of("X-Tr", "1", "x-tr", "2", "X-Other", "o"));
      assertThat(seen.get()[3]).isEqualTo(true);
      Raw.close(server);
      return null;
    });
  }

  @Test
  void headersFollowNodesDuplicateRules() {
    OnLoop.run(() -> {
      AtomicReference<IncomingMessage> seen = new AtomicReference<>();
      HttpServer server = Http.createServer((req, res) -> {
        seen.set(req);
        res.end();
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.exchange("GET / HTTP/1.1\r\nHost: a\r\nContent-Type: a\r\ncontent-type: b\r\nSet-Cookie: 1\r\n"
            + "set-cookie: 2\r\nCookie: a=1\r\nCOOKIE: b=2\r\nX-A: 1\r\nx-a: 2\r\nAccept: x\r\nAccept: y\r\n"
            + "User-Agent: u1\r\nUser-Agent: u2\r\n\r\n");
      }
      IncomingMessage req = seen.get();
      // node: {"host":"a","content-type":"a","set-cookie":["1","2"],"cookie":"a=1; b=2","x-a":"1, 2","accept":"x, y"}
      assertThat(req.headers()).containsExactly(
          Map.entry("host", "a"), Map.entry("content-type", "a"), Map.entry("set-cookie", List.of("1", "2")),
          Map.entry("cookie", "a=1; b=2"), Map.entry("x-a", "1, 2"), Map.entry("accept", "x, y"),
          Map.entry("user-agent", "u1"));
      assertThat(req.rawHeaders()).containsExactly("Host", "a", "Content-Type", "a", "content-type", "b",
          "Set-Cookie", "1", "set-cookie", "2", "Cookie", "a=1", "COOKIE", "b=2", "X-A", "1", "x-a", "2",
          "Accept", "x", "Accept", "y", "User-Agent", "u1", "User-Agent", "u2");
      assertThat(req.header("Content-TYPE")).isEqualTo("a");
      assertThat(req.headerValues("content-type")).containsExactly("a", "b");
      assertThat(req.method()).isEqualTo("GET");
      assertThat(req.httpVersion()).isEqualTo("1.1");
      Raw.close(server);
      return null;
    });
  }

  @Test
  void maxHeadersCountLimitsHeadersAsNodeDoes() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer(new HttpServer.Options().maxHeadersCount(3),
          (req, res) -> res.end(req.rawHeaders().size() / 2 + "," + req.headers().size()));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        // node 20: [6,3] and [31,3]
        assertThat(c.exchange("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n").body)
            .isEqualTo("6,3");
        StringBuilder h = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < 40; i++) {
          h.append("X").append(i).append(": ").append(i).append("\r\n");
        }
        assertThat(c.exchange(h + "\r\n").body).isEqualTo("31,3");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void contentLengthBodyAndUnreadBodyIsDumped() {
    OnLoop.run(() -> {
      List<String> bodies = new ArrayList<>();
      HttpServer server = Http.createServer((req, res) -> {
        if (req.url().equals("/read")) {
          body(req).thenAccept(b -> {
            bodies.add(b);
            res.end(b);
          });
        } else {
          res.end("ignored"); // the body is never read: it is dumped so the next request parses
        }
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        String big = "x".repeat(200_000);
        Raw.Resp a = c.exchange("POST /skip HTTP/1.1\r\nHost: a\r\nContent-Length: " + big.length() + "\r\n\r\n" + big);
        assertThat(a.body).isEqualTo("ignored");
        Raw.Resp b = c.exchange("POST /read HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(b.body).isEqualTo("hello");
      }
      assertThat(bodies).containsExactly("hello");
      Raw.close(server);
      return null;
    });
  }

  // 5. Expect ----------------------------------------------------------------------------------

  @Test
  void expectContinueSends100BeforeTheAnswer() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> body(req).thenAccept(res::end));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp interim = c.exchange("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
        assertThat(interim.head).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        Raw.Resp r = c.exchange("abc");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("abc");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void checkContinueHookDecides() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> res.end("normal"));
      server.onCheckContinue((req, res) -> {
        if (req.url().equals("/yes")) {
          res.writeContinue();
          body(req).thenAccept(b -> res.end("got " + b));
        } else {
          res.statusCode(403);
          res.end("no");
        }
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp interim = c.exchange("POST /yes HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n");
        assertThat(interim.head).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        assertThat(c.exchange("hi").body).isEqualTo("got hi");
      }
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange("POST /no HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        // node: a final status without 100 Continue is not kept alive (the held-back body may follow)
        assertThat(r.headWithoutDate()).isEqualTo("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 2\r\n\r\n");
        assertThat(r.body).isEqualTo("no");
        assertThat(c.closedByServer()).isTrue();
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void otherExpectationGets417AndTheConnectionStaysOpen() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> res.end("normal"));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange("GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n");
        // node: writeHead(417) then end(): chunked with an empty body
        assertThat(r.toString().replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 417 Expectation Failed\r\n" + KA + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertThat(c.exchange(get("/")).body).isEqualTo("normal");
      }
      server.onCheckExpectation((req, res) -> res.end("expect " + req.header("expect")));
      try (Raw c = Raw.connect(port)) {
        assertThat(c.exchange("GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n").body).isEqualTo("expect foo");
      }
      Raw.close(server);
      return null;
    });
  }

  // 6. upgrade and CONNECT ---------------------------------------------------------------------

  @Test
  void upgradeHandlerGetsTheSocketAndTheHead() {
    OnLoop.run(() -> {
      AtomicReference<String> head = new AtomicReference<>();
      HttpServer server = Http.createServer((req, res) -> res.end("plain"));
      server.onUpgrade((req, socket, h) -> {
        head.set(h.toString());
        socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n");
        socket.pipe(socket);
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\nEARLY");
        assertThat(r.status).isEqualTo(101);
        String echoed = Raw.io(() -> {
          c.sendNow("more");
          byte[] b = c.sock.getInputStream().readNBytes(4);
          return new String(b, StandardCharsets.ISO_8859_1);
        });
        assertThat(echoed).isEqualTo("more");
      }
      assertThat(head.get()).isEqualTo("EARLY");
      assertThat(server.connectionCount()).isZero();
      Raw.close(server);
      return null;
    });
  }

  @Test
  void answersPipelinedBeforeAnUpgradeGoOutFirst() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> res.end("plain " + req.url()));
      server.onUpgrade((req, socket, h) -> socket.end("HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\n"));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send(get("/a") + "GET /up HTTP/1.1\r\nHost: a\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\n");
        String all = c.readToEof().replaceAll("Date: [^\r]*\r\n", "");
        assertThat(all).isEqualTo("HTTP/1.1 200 OK\r\n" + KA + "Content-Length: 8\r\n\r\nplain /a"
            + "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\n");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void upgradeWithoutHandlerIsAnsweredNormally() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> res.end("plain"));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("plain");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void connectWithoutHandlerClosesWithoutAnswerAndWithHandlerGetsTheSocket() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> res.end("plain"));
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
        assertThat(c.readToEof()).isEmpty();
      }
      AtomicReference<String> target = new AtomicReference<>();
      server.onConnect((req, socket, head) -> {
        target.set(req.url() + "|" + head);
        socket.end("HTTP/1.1 200 Connection Established\r\n\r\ntunnel");
      });
      try (Raw c = Raw.connect(port)) {
        c.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\nHELLO");
        assertThat(c.readToEof()).isEqualTo("HTTP/1.1 200 Connection Established\r\n\r\ntunnel");
      }
      assertThat(target.get()).isEqualTo("example.com:443|HELLO");
      Raw.close(server);
      return null;
    });
  }

  // 7. errors ----------------------------------------------------------------------------------

  @Test
  void malformedRequestGets400AndClose() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> res.end());
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send("GARBAGE\r\n\r\n");
        assertThat(c.readToEof()).isEqualTo("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void headerSectionOf16KiBGets431() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> res.end());
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(16 * 1024) + "\r\n\r\n");
        assertThat(c.readToEof()).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n");
      }
      try (Raw c = Raw.connect(port)) {
        // just under the limit is served
        assertThat(c.exchange("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(15 * 1024) + "\r\n\r\n").status)
            .isEqualTo(200);
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void throwingHandlerGets500AndTheServerKeepsServing() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        if (req.url().equals("/boom")) {
          throw new IllegalStateException("boom (expected by the test)");
        }
        res.end("fine");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send(get("/boom"));
        String all = c.readToEof();
        assertThat(all).startsWith("HTTP/1.1 500 Internal Server Error\r\n").contains("Connection: close\r\n");
      }
      try (Raw c = Raw.connect(port)) {
        assertThat(c.exchange(get("/")).body).isEqualTo("fine");
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void clientErrorHookGetsTheParserCode() {
    OnLoop.run(() -> {
      AtomicReference<Throwable> err = new AtomicReference<>();
      HttpServer server = Http.createServer((req, res) -> res.end());
      server.onClientError((e, socket) -> {
        err.set(e);
        socket.end("HTTP/1.1 400 Custom\r\n\r\n");
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        c.send("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n");
        assertThat(c.readToEof()).isEqualTo("HTTP/1.1 400 Custom\r\n\r\n");
      }
      assertThat(err.get()).isInstanceOf(NodeException.class);
      assertThat(((NodeException) err.get()).code()).startsWith("HPE_").isEqualTo("HPE_INVALID_CONTENT_LENGTH");
      assertThat(err.get().getMessage()).isEqualTo("Parse Error: Invalid character in Content-Length");
      Raw.close(server);
      return null;
    });
  }

  @Test
  void headerChecksThrowNodesErrors() {
    OnLoop.run(() -> {
      List<String> codes = new ArrayList<>();
      HttpServer server = Http.createServer((req, res) -> {
        for (Runnable r : List.<Runnable>of(
            () -> res.setHeader("X-A", "a\r\nSet-Cookie: evil"),
            () -> res.setHeader("X-A", "a\nb"),
            () -> res.setHeader("Bad Name", "v"),
            () -> res.setHeader("X:y", "v"),
            () -> res.writeHead(200, Map.of("X", "a\rb")))) {
          try {
            r.run();
            codes.add("none");
          } catch (NodeException e) {
            codes.add(e.code());
          }
        }
        res.setHeader("X-Ok", "fine");
        res.write("a");
        assertThatThrownBy(() -> res.setHeader("X-Late", "v"))
            .isInstanceOf(NodeException.class)
            .satisfies(e -> assertThat(((NodeException) e).code()).isEqualTo("ERR_HTTP_HEADERS_SENT"));
        assertThatThrownBy(() -> res.writeHead(201))
            .satisfies(e -> assertThat(((NodeException) e).code()).isEqualTo("ERR_HTTP_HEADERS_SENT"));
        codes.add("late-checked");
        res.end();
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange(get("/"));
        assertThat(r.header("X-Ok")).isEqualTo("fine");
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(r.header("X-A")).isNull();
      }
      assertThat(codes).containsExactly("ERR_INVALID_CHAR", "ERR_INVALID_CHAR", "ERR_INVALID_HTTP_TOKEN",
          "ERR_INVALID_HTTP_TOKEN", "ERR_INVALID_CHAR", "late-checked");
      Raw.close(server);
      return null;
    });
  }
}
