package dev.eddy.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.NodeException;
import dev.eddy.web.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sendFile, download and static serving: streaming, resources, callbacks and argument checks. */
class FileResponsesTest {
  private static final int BIG = 16 * 1024 * 1024;

  @TempDir
  static Path tmp;

  private static Path root;
  private static Path big;
  private static byte[] bigBytes;
  private static TestServer server;
  private static final BlockingQueue<String> callbacks = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() throws Exception {
    root = tmp.resolve("files");
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("hello.txt"), "hello\n");
    Files.writeString(root.resolve("sub/index.html"), "<p>sub</p>\n");
    bigBytes = FileResponsesFixtureTest.bigContent(BIG);
    big = root.resolve("big.bin");
    Files.write(big, bigBytes);

    SendFileOptions inRoot = SendFileOptions.defaults().root(root);
    App app = Web.app();
    app.set("env", "production");
    app.get("/relative", (req, res) -> {
      try {
        res.sendFile("hello.txt");
      } catch (IllegalArgumentException e) {
        res.status(500).send(e.getMessage());
      }
    });
    app.get("/empty", (req, res) -> {
      try {
        res.sendFile("", inRoot);
      } catch (IllegalArgumentException e) {
        res.status(500).send(e.getMessage());
      }
    });
    app.get("/surrogate", (req, res) -> {
      try {
        res.sendFile("a\uD800.txt", inRoot);
      } catch (IllegalArgumentException e) {
        res.status(500).send(e.getMessage());
      }
    });
    app.get("/cb", (req, res) -> res.sendFile(req.query("p"), inRoot, err -> callbacks.add(describe(err))));
    app.get("/dir", (req, res) -> res.sendFile(root.resolve("sub").toString()));
    app.get("/dir", (req, res) -> res.send("next() after a directory"));
    app.get("/abs", (req, res) -> res.sendFile(big.toString()));
    app.get("/download-cb", (req, res) -> res.download("hello.txt", "greeting.txt", inRoot, err -> callbacks.add(describe(err))));
    app.use("/hook", Web.serveStatic(root, StaticOptions.defaults().setHeaders((res, p, stat) -> {
      throw new IllegalStateException("hook failed");
    })));
    app.use("/pub", Web.serveStatic(root));
    server = TestServer.start(app);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
  }

  private static String describe(Throwable err) {
    if (err == null) return "ok";
    if (err instanceof HttpError he) return "http " + he.status();
    if (err instanceof NodeException ne) return ne.code();
    return err.toString();
  }

  private static long openFdsOn(Path file) throws IOException {
    Path target = file.toRealPath();
    long n = 0;
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          if (Files.readSymbolicLink(fd).equals(target)) n++;
        } catch (IOException | UnsupportedOperationException gone) {
          // closed while listing
        }
      }
    }
    return n;
  }

  private static void awaitNoOpenFds(Path file) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (openFdsOn(file) > 0) {
      if (System.nanoTime() > deadline) throw new AssertionError("the file is still open 5 s after the client left");
      Thread.sleep(20);
    }
  }

  @Test
  void largeFilesStreamWhole() throws Exception {
    for (String target : List.of("/abs", "/pub/big.bin")) {
      TestServer.Resp r = server.get(target);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(BIG));
      assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
      assertThat(MessageDigest.getInstance("SHA-256").digest(r.body()))
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(bigBytes));
    }
    awaitNoOpenFds(big);
  }

  @Test
  void rangesOfALargeFileAreSlicesOfIt() throws Exception {
    TestServer.Resp r = server.request("GET", "/pub/big.bin", Map.of("Range", "bytes=1000000-3000000"));
    assertThat(r.status()).isEqualTo(206);
    assertThat(r.header("Content-Range")).isEqualTo("bytes 1000000-3000000/" + BIG);
    assertThat(r.body()).isEqualTo(java.util.Arrays.copyOfRange(bigBytes, 1000000, 3000001));
  }

  @Test
  void theFileIsClosedWhenTheClientGoesAway() throws Exception {
    assertThat(openFdsOn(big)).isZero();
    for (String target : List.of("/abs", "/pub/big.bin", "/cb?p=big.bin")) {
      callbacks.clear();
      try (Socket s = server.open()) {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        String head = TestServer.readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200");
        in.readNBytes(64 * 1024);
        // the client reads no further: the server waits on backpressure with the file open
        assertThat(openFdsOn(big)).isEqualTo(1);
        s.setSoLinger(true, 0);
      }
      awaitNoOpenFds(big);
      if (target.startsWith("/cb")) {
        assertThat(callbacks.poll(5, TimeUnit.SECONDS)).isEqualTo("ECONNABORTED");
      }
    }
  }

  @Test
  void callbackHearsOfSuccessAndOfEachError() throws Exception {
    record Case(String target, Map<String, String> headers, String method, int status, String callback) {}
    List<Case> cases = List.of(
        new Case("/cb?p=hello.txt", Map.of(), "GET", 200, "ok"),
        new Case("/cb?p=hello.txt", Map.of(), "HEAD", 200, "ok"),
        new Case("/cb?p=hello.txt", Map.of("If-None-Match", "*"), "GET", 304, "ok"),
        new Case("/cb?p=hello.txt", Map.of("Range", "bytes=1-2"), "GET", 206, "ok"),
        new Case("/cb?p=missing.txt", Map.of(), "GET", -1, "http 404"),
        new Case("/cb?p=..%2Fx", Map.of(), "GET", -1, "http 403"),
        new Case("/cb?p=hello.txt", Map.of("If-Match", "\"nope\""), "GET", -1, "http 412"),
        new Case("/cb?p=hello.txt", Map.of("Range", "bytes=100-"), "GET", -1, "http 416"),
        new Case("/cb?p=sub", Map.of(), "GET", -1, "EISDIR"),
        new Case("/download-cb", Map.of(), "GET", 200, "ok"));
    for (Case c : cases) {
      callbacks.clear();
      if (c.status() == -1) {
        // the callback answers nothing: the request hangs until the client gives up
        try (Socket s = server.open()) {
          s.getOutputStream().write((c.method() + " " + c.target() + " HTTP/1.1\r\nHost: x\r\n"
              + headerLines(c.headers()) + "\r\n").getBytes(StandardCharsets.UTF_8));
          assertThat(callbacks.poll(5, TimeUnit.SECONDS)).as(c.toString()).isEqualTo(c.callback());
        }
      } else {
        TestServer.Resp r = server.request(c.method(), c.target(), c.headers());
        assertThat(r.status()).as(c.toString()).isEqualTo(c.status());
        assertThat(callbacks.poll(5, TimeUnit.SECONDS)).as(c.toString()).isEqualTo(c.callback());
      }
      assertThat(callbacks.poll(100, TimeUnit.MILLISECONDS)).as("called once: " + c).isNull();
    }
  }

  private static String headerLines(Map<String, String> headers) {
    StringBuilder sb = new StringBuilder();
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    return sb.toString();
  }

  @Test
  void downloadCallbackGetsTheAttachmentHeader() throws Exception {
    TestServer.Resp r = server.get("/download-cb");
    assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=greeting.txt");
    assertThat(r.text()).isEqualTo("hello\n");
  }

  @Test
  void aDirectoryCallsNext() throws Exception {
    TestServer.Resp r = server.get("/dir");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("next() after a directory");
  }

  @Test
  void badArgumentsThrowExpressMessages() throws Exception {
    assertThat(server.get("/relative").text()).isEqualTo("path must be absolute or specify root to res.sendFile");
    assertThat(server.get("/empty").text()).isEqualTo("path argument is required to res.sendFile");
    assertThat(server.get("/surrogate").text()).isEqualTo("URI malformed");
  }

  @Test
  void aFailingSetHeadersHookIsAnError() throws Exception {
    TestServer.Resp r = server.get("/hook/hello.txt");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(openFdsOn(root.resolve("hello.txt"))).isZero();
  }

  @Test
  void redirectTargetKeepsQueryAndFragment() {
    assertThat(FileResponses.redirectTarget("/static")).isEqualTo("/static/");
    assertThat(FileResponses.redirectTarget("/static/dir?a=1&b")).isEqualTo("/static/dir/?a=1&b");
    assertThat(FileResponses.redirectTarget("/static/dir?")).isEqualTo("/static/dir/?");
    assertThat(FileResponses.redirectTarget("//static/dir")).isEqualTo("/static/dir/");
    assertThat(FileResponses.redirectTarget("/d#frag?x")).isEqualTo("/d/#frag?x");
    assertThat(FileResponses.redirectTarget("HTTP://Example.COM/s/dir?x=1")).isEqualTo("http://example.com/s/dir/?x=1");
    assertThat(FileResponses.redirectTarget("http://example.com?x")).isEqualTo("http://example.com/?x");
  }

  @Test
  void cacheControlFollowsSend() {
    assertThat(SendFileOptions.cacheControlValue(Duration.ZERO, false)).isEqualTo("public, max-age=0");
    assertThat(SendFileOptions.cacheControlValue(Duration.ofMillis(1999), true)).isEqualTo("public, max-age=1, immutable");
    assertThat(SendFileOptions.cacheControlValue(Duration.ofDays(400), false)).isEqualTo("public, max-age=31536000");
    assertThat(SendFileOptions.cacheControlValue(Duration.ofSeconds(-5), false)).isEqualTo("public, max-age=0");
    assertThat(SendFileOptions.cacheControlValue(Duration.ofSeconds(Long.MAX_VALUE), false)).isEqualTo("public, max-age=31536000");
  }
}
