package dev.eddy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.net.OnLoop;
import dev.eddy.stream.Stream;
import dev.eddy.stream.Writable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Large bodies both ways, with backpressure, explicit framing headers and flushHeaders. */
class HttpServerBodiesTest {
  static String get(String path) {
    return HttpServerTest.get(path);
  }

  static String pattern(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + (i * 7 + i / 1000) % 26));
    }
    return b.toString();
  }

  @Test
  void largeUploadWithAPausingConsumerArrivesWhole() {
    OnLoop.run(30, () -> {
      AtomicLong received = new AtomicLong();
      StringBuilder content = new StringBuilder();
      HttpServer server = Http.createServer((req, res) -> {
        req.on(Stream.DATA, c -> {
          Buffer b = (Buffer) c;
          received.addAndGet(b.length());
          content.append(new String(b.toByteArray(), StandardCharsets.ISO_8859_1));
          req.pause();
          Eddy.setTimeout(req::resume, 1.0);
        });
        req.on(Stream.END, v -> res.end("len=" + received.get()));
      });
      int port = Raw.listen(server);
      String body = pattern(3_000_000);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        assertThat(r.body).isEqualTo("len=" + body.length());
        // the connection is still usable
        assertThat(c.exchange(get("/")).status).isEqualTo(200);
      }
      assertThat(content.toString().equals(body + "")).isTrue();
      Raw.close(server);
      return null;
    });
  }

  @Test
  void anUnreadBodyAnsweredLaterIsDrainedForTheNextRequest() {
    OnLoop.run(30, () -> {
      HttpServer server = Http.createServer((req, res) -> {
        if (req.url().equals("/next")) {
          res.end("next");
        } else {
          Eddy.setTimeout(() -> res.end("later"), 30.0); // never reads the body
        }
      });
      int port = Raw.listen(server);
      String body = pattern(1_000_000);
      StringBuilder chunked = new StringBuilder();
      for (int i = 0; i < body.length(); i += 50_000) {
        chunked.append(Integer.toHexString(50_000)).append("\r\n").append(body, i, i + 50_000).append("\r\n");
      }
      chunked.append("0\r\n\r\n");
      try (Raw c = Raw.connect(port)) {
        for (String request : new String[] {
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked}) {
          List<String> got = Raw.io(() -> {
            c.sendNow(request + get("/next"));
            return List.of(c.readNow(false).body, c.readNow(false).body);
          });
          assertThat(got).containsExactly("later", "next");
        }
      }
      Raw.close(server);
      return null;
    });
  }

  @Test
  void largeDownloadsInEveryFraming() {
    String big = pattern(2_000_000);
    OnLoop.run(30, () -> {
      HttpServer server = Http.createServer((req, res) -> {
        switch (req.url()) {
          case "/end" -> res.end(big);
          case "/endbuf" -> res.end(Buffer.from(big.getBytes(StandardCharsets.ISO_8859_1)));
          case "/length" -> {
            res.setHeader("Content-Length", big.length());
            writeInPieces(res, big, 0);
          }
          default -> writeInPieces(res, big, 0);
        }
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        for (String path : new String[] {"/end", "/endbuf", "/length", "/chunked"}) {
          Raw.Resp r = c.exchange(get(path));
          assertThat(r.body.length()).as(path).isEqualTo(big.length());
          assertThat(r.body.equals(big)).as(path).isTrue();
          if (path.equals("/chunked")) {
            assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
          } else {
            assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(big.length()));
          }
        }
        // pipelined: every answer large, the first one slow
        String all = Raw.io(() -> {
          c.sendNow(get("/chunked") + get("/end") + get("/length"));
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < 3; i++) {
            sb.append(c.readNow(false).body.equals(big));
          }
          return sb.toString();
        });
        assertThat(all).isEqualTo("truetruetrue");
      }
      Raw.close(server);
      return null;
    });
  }

  /** Writes {@code s} in 100 KB pieces, waiting for 'drain' whenever write() says so. */
  static void writeInPieces(ServerResponse res, String s, int from) {
    int piece = 100_000;
    int i = from;
    while (i < s.length()) {
      int end = Math.min(s.length(), i + piece);
      boolean more = res.write(s.substring(i, end));
      i = end;
      if (!more) {
        int next = i;
        res.once(Writable.DRAIN, v -> writeInPieces(res, s, next));
        return;
      }
    }
    res.end();
  }

  @Test
  void explicitFramingHeadersAndFlushHeaders() {
    OnLoop.run(() -> {
      HttpServer server = Http.createServer((req, res) -> {
        switch (req.url()) {
          case "/te" -> {
            res.writeHead(200, Map.of("Transfer-Encoding", "chunked"));
            res.end("abc");
          }
          case "/flush" -> {
            res.flushHeaders();
            Eddy.setTimeout(() -> res.end("late"), 20.0);
          }
          case "/conn" -> {
            res.setHeader("Connection", "close");
            res.end("bye");
          }
          default -> res.end();
        }
      });
      int port = Raw.listen(server);
      try (Raw c = Raw.connect(port)) {
        Raw.Resp r = c.exchange(get("/te"));
        assertThat(r.toString().replaceAll("Date: [^\r]*\r\n", "")).isEqualTo(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n" + HttpServerTest.KA + "\r\n3\r\nabc\r\n0\r\n\r\n");
        r = c.exchange(get("/flush"));
        assertThat(r.toString().replaceAll("Date: [^\r]*\r\n", "")).isEqualTo(
            "HTTP/1.1 200 OK\r\n" + HttpServerTest.KA + "Transfer-Encoding: chunked\r\n\r\n4\r\nlate\r\n0\r\n\r\n");
        c.send(get("/conn"));
        assertThat(c.readToEof().replaceAll("Date: [^\r]*\r\n", ""))
            .isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbye");
      }
      try (Raw c = Raw.connect(port)) {
        // HTTP/1.1 without Host: node's 400 (Connection: close, chunked empty body)
        c.send("GET / HTTP/1.1\r\n\r\n");
        assertThat(c.readToEof().replaceAll("Date: [^\r]*\r\n", "")).isEqualTo(
            "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
      }
      Raw.close(server);
      return null;
    });
  }
}
