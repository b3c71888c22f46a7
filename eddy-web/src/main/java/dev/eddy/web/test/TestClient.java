package dev.eddy.web.test;

import dev.eddy.Buffer;
import dev.eddy.Loop;
import dev.eddy.http.Http;
import dev.eddy.http.HttpServer;
import dev.eddy.stream.Stream;
import dev.eddy.web.App;
import dev.eddy.web.internal.JsJson;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A test client in the spirit of supertest: starts an app on its own loop thread on
 * {@code 127.0.0.1} with an ephemeral port (or talks to a server already running), sends requests
 * over one keep-alive connection and checks the answers fluently:
 *
 * <pre>{@code
 * try (TestClient client = TestClient.start(app)) {
 *   client.get("/users/7").header("Accept", "application/json").send()
 *       .expect(200)
 *       .expectHeader("Content-Type", "application/json; charset=utf-8")
 *       .expectJson(Map.of("id", "7"));
 *   client.post("/items").json(Map.of("name", "pen")).send().expect(201);
 * }
 * }</pre>
 *
 * <p>{@link #inject(App)} serves the app without a socket: requests travel through an in-memory
 * connection ({@link HttpServer#injectConnection()}) into the same HTTP code a network client
 * reaches (parser, keep-alive, chunked framing, limits), so a test sees the same bytes, minus the
 * kernel and the port.
 *
 * <p>Calls block the calling thread (a JUnit thread), never a loop thread: do not use it from
 * inside a handler. The client sends requests one at a time; it is not thread-safe. Closing it
 * stops the app's server and its loop.
 */
public final class TestClient implements AutoCloseable {
  private static final int TIMEOUT_MS = 10_000;

  /** The port injected connections report as the server's (no socket is bound). */
  private static final int INJECTED_PORT = 80;

  private final String host;
  private final int port;
  private final Loop loop;
  private final HttpServer[] server;
  /** Keeps an injecting client's loop alive, which has no listening socket to do it; else null. */
  private final AutoCloseable keepAlive;
  private Conn conn;
  private InputStream in;
  private OutputStream out;

  private TestClient(String host, int port, Loop loop, HttpServer[] server, AutoCloseable keepAlive) {
    this.host = host;
    this.port = port;
    this.loop = loop;
    this.server = server;
    this.keepAlive = keepAlive;
  }

  /** Serves {@code app} on a new loop thread and connects to it. */
  public static TestClient start(App app) {
    return start(() -> app);
  }

  /**
   * Builds the app on a new loop thread (for apps whose construction needs the loop), serves it
   * on {@code 127.0.0.1:0} and connects to it.
   *
   * @throws IllegalStateException when the server does not start within 10 seconds
   */
  public static TestClient start(Supplier<App> app) {
    Loop loop = Loop.create();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    HttpServer[] server = new HttpServer[1];
    loop.start(() -> {
      try {
        HttpServer s = app.get().listen(0, "127.0.0.1", null);
        server[0] = s;
        s.on(HttpServer.LISTENING, v -> port.complete(s.address().port()));
        s.on(dev.eddy.EventEmitter.ERROR, port::completeExceptionally);
      } catch (Throwable t) {
        port.completeExceptionally(t);
      }
    });
    try {
      return new TestClient("127.0.0.1", port.get(TIMEOUT_MS, TimeUnit.MILLISECONDS), loop, server, null);
    } catch (Exception e) {
      loop.terminate();
      throw new IllegalStateException("the app did not start listening: " + e, e);
    }
  }

  /** A client for a server already listening, e.g. {@code http://127.0.0.1:8080}. */
  public static TestClient connect(String baseUrl) {
    URI uri = URI.create(baseUrl);
    if (!"http".equals(uri.getScheme())) throw new IllegalArgumentException("only http:// URLs are supported: " + baseUrl);
    return new TestClient(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort(), null, null, null);
  }

  /** Serves {@code app} in memory on a new loop thread: see {@link #inject(Supplier)}. */
  public static TestClient inject(App app) {
    return inject(() -> app);
  }

  /**
   * Builds the app on a new loop thread and serves it without a socket: each connection of this
   * client is an in-memory pair whose server end the app's {@link HttpServer} serves as an
   * accepted connection. Requests carry {@code Host: 127.0.0.1:80}; the app sees {@code
   * 127.0.0.1} as the client's address and 80 as its local port. Nothing is bound, so tests can
   * run in parallel without ports.
   *
   * @throws IllegalStateException when building the app fails or takes more than 10 seconds
   */
  public static TestClient inject(Supplier<App> app) {
    Loop loop = Loop.create();
    AutoCloseable keepAlive = loop.keepAlive();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    HttpServer[] server = new HttpServer[1];
    loop.start(() -> {
      try {
        server[0] = Http.createServer(app.get().handler());
        ready.complete(null);
      } catch (Throwable t) {
        ready.completeExceptionally(t);
      }
    });
    try {
      ready.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      closeQuietly(keepAlive);
      loop.terminate();
      throw new IllegalStateException("the app could not be built: " + e, e);
    }
    return new TestClient("127.0.0.1", INJECTED_PORT, loop, server, keepAlive);
  }

  /** The port the app listens on (80 for an injecting client, the port its connections report). */
  public int port() {
    return port;
  }

  public TestRequest get(String path) {
    return request("GET", path);
  }

  public TestRequest head(String path) {
    return request("HEAD", path);
  }

  public TestRequest post(String path) {
    return request("POST", path);
  }

  public TestRequest put(String path) {
    return request("PUT", path);
  }

  public TestRequest patch(String path) {
    return request("PATCH", path);
  }

  public TestRequest delete(String path) {
    return request("DELETE", path);
  }

  public TestRequest options(String path) {
    return request("OPTIONS", path);
  }

  /** A request with any method, e.g. {@code request("PURGE", "/cache")}. */
  public TestRequest request(String method, String path) {
    return new TestRequest(this, method, path);
  }

  /** A request being built; {@link #send()} sends it and waits for the answer. */
  public static final class TestRequest {
    private final TestClient client;
    private final String method;
    private final String target;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;

    TestRequest(TestClient client, String method, String target) {
      this.client = client;
      this.method = method;
      this.target = target;
    }

    /** Adds a header line (call twice for two lines). */
    public TestRequest header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    /** A text body; Content-Type {@code text/plain; charset=utf-8} unless set. */
    public TestRequest body(String text) {
      return body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** A byte body with this Content-Type (null for none). */
    public TestRequest body(byte[] bytes, String contentType) {
      this.body = bytes.clone();
      if (contentType != null && !has("content-type")) header("Content-Type", contentType);
      return this;
    }

    /** A JSON body written as JSON.stringify would. */
    public TestRequest json(Object value) {
      return body(JsJson.standard().stringify(value, 0, false), "application/json");
    }

    /** A urlencoded form body. */
    public TestRequest form(Map<String, String> fields) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, String> e : fields.entrySet()) {
        if (sb.length() > 0) sb.append('&');
        sb.append(java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      }
      return body(sb.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    private boolean has(String name) {
      for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) return true;
      return false;
    }

    /**
     * Sends the request and reads the answer.
     *
     * @throws AssertionError when the connection fails or no answer arrives within 10 seconds
     */
    public TestResponse send() {
      return client.exchange(method, target, headers, body);
    }

    /** Sends and asserts the status: {@code send().expect(status)}. */
    public TestResponse expect(int status) {
      return send().expect(status);
    }
  }

  // ------------------------------------------------------------------ wire

  private TestResponse exchange(String method, String target, List<String[]> headers, byte[] body) {
    String what = method + " " + target;
    for (int attempt = 0; ; attempt++) {
      boolean reused = conn != null;
      try {
        ensureConnected();
        writeRequest(method, target, headers, body);
        return readResponse(what, method.equals("HEAD"));
      } catch (IOException e) {
        closeSocket();
        // a kept-alive connection the server closed meanwhile: retry once on a new one
        if (reused && attempt == 0) continue;
        throw new AssertionError(what + ": " + e, e);
      }
    }
  }

  private void ensureConnected() throws IOException {
    if (conn != null) return;
    Conn c = keepAlive != null ? InjectedConn.open(loop, server[0]) : TcpConn.open(host, port);
    conn = c;
    in = c.in();
    out = c.out();
  }

  private void writeRequest(String method, String target, List<String[]> headers, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    boolean hasHost = false;
    boolean hasLength = false;
    for (String[] h : headers) {
      hasHost |= h[0].equalsIgnoreCase("host");
      hasLength |= h[0].equalsIgnoreCase("content-length") || h[0].equalsIgnoreCase("transfer-encoding");
      head.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    if (!hasHost) head.append("Host: ").append(host).append(':').append(port).append("\r\n");
    if (body != null && !hasLength) head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) out.write(body);
    out.flush();
  }

  private TestResponse readResponse(String what, boolean head) throws IOException {
    String statusLine;
    int status;
    List<String[]> headers;
    do {
      statusLine = readLine();
      if (statusLine == null) throw new IOException("connection closed without a response");
      String[] parts = statusLine.split(" ", 3);
      status = Integer.parseInt(parts[1]);
      headers = new ArrayList<>();
      for (String line; !(line = readLine()).isEmpty(); ) {
        int colon = line.indexOf(':');
        headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
      }
    } while (status >= 100 && status < 200 && status != 101);
    String reason = statusLine.split(" ", 3).length > 2 ? statusLine.split(" ", 3)[2] : "";
    Map<String, String> h = TestResponse.asMap(headers);
    byte[] body;
    if (head || status == 204 || status == 304) {
      body = new byte[0];
    } else if (h.getOrDefault("transfer-encoding", "").toLowerCase().contains("chunked")) {
      body = readChunked();
    } else if (h.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(h.get("content-length").trim()));
    } else {
      body = in.readAllBytes();
      closeSocket();
    }
    if (h.getOrDefault("connection", "").equalsIgnoreCase("close")) closeSocket();
    return new TestResponse(what, status, reason, headers, body);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = readLine();
      int semi = size.indexOf(';');
      int n = Integer.parseInt((semi == -1 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        while (!readLine().isEmpty()) {
          // trailers are not exposed
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      readLine();
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] b = line.toByteArray();
        int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, len, StandardCharsets.ISO_8859_1);
      }
      line.write(c);
    }
    if (line.size() == 0) return null;
    throw new IOException("connection closed in the middle of a line");
  }

  private void closeSocket() {
    if (conn != null) conn.close();
    conn = null;
    in = null;
    out = null;
  }

  /** Closes the connection; for a started or injected app, also closes its server and stops its loop. */
  @Override
  public void close() {
    closeSocket();
    if (loop == null) return;
    try {
      loop.execute(() -> {
        if (server[0] != null) {
          server[0].close();
          server[0].closeAllConnections();
        }
        if (keepAlive != null) closeQuietly(keepAlive);
      });
    } catch (RejectedExecutionException ended) {
      // the loop is gone already (the app called process.exit, say)
    }
    try {
      loop.termination().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      loop.terminate();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // a keep-alive handle does not fail to close
    }
  }

  // ------------------------------------------------------------------ transports

  /** One connection to the server as a pair of blocking streams. */
  private interface Conn {
    InputStream in();

    OutputStream out();

    /** Closes the connection; never throws. */
    void close();
  }

  /** Over loopback TCP. */
  private record TcpConn(Socket socket, InputStream in, OutputStream out) implements Conn {
    static TcpConn open(String host, int port) throws IOException {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        s.setSoTimeout(TIMEOUT_MS);
        s.setTcpNoDelay(true);
        return new TcpConn(s, new BufferedInputStream(s.getInputStream()), s.getOutputStream());
      } catch (IOException e) {
        s.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken socket
      }
    }
  }

  /**
   * Over an in-memory connection on the app's loop. The loop thread owns the client's socket:
   * writes are handed to it with {@code loop.execute} (in order, as they come from one thread),
   * and what it reads is queued for the blocking reader here, with the same 10 s timeout as TCP.
   */
  private static final class InjectedConn implements Conn {
    private static final byte[] EOF = new byte[0];
    private static final byte[] FAILED = new byte[0];

    private final Loop loop;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private volatile Throwable error;
    private dev.eddy.net.Socket socket; // loop thread only

    private InjectedConn(Loop loop) {
      this.loop = loop;
    }

    static InjectedConn open(Loop loop, HttpServer server) throws IOException {
      InjectedConn c = new InjectedConn(loop);
      CompletableFuture<Void> opened = new CompletableFuture<>();
      c.onLoop(() -> {
        try {
          dev.eddy.net.Socket s = server.injectConnection();
          s.on(Stream.DATA, chunk -> c.received.add(((Buffer) chunk).toByteArray()));
          s.on(Stream.END, v -> c.received.add(EOF));
          s.on(Stream.CLOSE, v -> c.received.add(EOF));
          s.on(dev.eddy.EventEmitter.ERROR, e -> {
            c.error = e;
            c.received.add(FAILED);
          });
          c.socket = s;
          opened.complete(null);
        } catch (Throwable t) {
          opened.completeExceptionally(t);
        }
      });
      try {
        opened.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new IOException("could not open an in-memory connection: " + e, e);
      }
      return c;
    }

    private void onLoop(Runnable task) throws IOException {
      try {
        loop.execute(task);
      } catch (RejectedExecutionException e) {
        throw new IOException("the app's loop has ended", e);
      }
    }

    private final InputStream in = new InputStream() {
      private byte[] chunk = new byte[0];
      private int pos;
      private boolean eof;

      /** Makes bytes available; false at the end of the stream. */
      private boolean fill() throws IOException {
        while (pos == chunk.length) {
          if (eof) return false;
          byte[] next;
          try {
            next = received.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the answer");
          }
          if (next == null) throw new SocketTimeoutException("Read timed out");
          if (next == FAILED) throw new IOException(String.valueOf(error), error);
          if (next == EOF) {
            eof = true;
            return false;
          }
          chunk = next;
          pos = 0;
        }
        return true;
      }

      @Override
      public int read() throws IOException {
        return fill() ? chunk[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
      }
    };

    private final OutputStream out = new OutputStream() {
      private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

      @Override
      public void write(int b) {
        pending.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        if (pending.size() == 0) return;
        Buffer bytes = Buffer.wrap(pending.toByteArray());
        pending.reset();
        onLoop(() -> socket.write(bytes));
      }
    };

    @Override
    public InputStream in() {
      return in;
    }

    @Override
    public OutputStream out() {
      return out;
    }

    @Override
    public void close() {
      try {
        onLoop(() -> socket.destroy());
      } catch (IOException ended) {
        // nothing left to close
      }
    }
  }

  static Duration timeout() {
    return Duration.ofMillis(TIMEOUT_MS);
  }
}
