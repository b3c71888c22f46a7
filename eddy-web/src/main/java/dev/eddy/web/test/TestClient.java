package dev.eddy.web.test;

import dev.eddy.Loop;
import dev.eddy.http.HttpServer;
import dev.eddy.web.App;
import dev.eddy.web.internal.JsJson;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * <p>Calls block the calling thread (a JUnit thread), never a loop thread: do not use it from
 * inside a handler. The client sends requests one at a time; it is not thread-safe. Closing it
 * stops the app's server and its loop.
 */
public final class TestClient implements AutoCloseable {
  private static final int TIMEOUT_MS = 10_000;

  private final String host;
  private final int port;
  private final Loop loop;
  private final HttpServer[] server;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private TestClient(String host, int port, Loop loop, HttpServer[] server) {
    this.host = host;
    this.port = port;
    this.loop = loop;
    this.server = server;
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
      return new TestClient("127.0.0.1", port.get(TIMEOUT_MS, TimeUnit.MILLISECONDS), loop, server);
    } catch (Exception e) {
      loop.terminate();
      throw new IllegalStateException("the app did not start listening: " + e, e);
    }
  }

  /** A client for a server already listening, e.g. {@code http://127.0.0.1:8080}. */
  public static TestClient connect(String baseUrl) {
    URI uri = URI.create(baseUrl);
    if (!"http".equals(uri.getScheme())) throw new IllegalArgumentException("only http:// URLs are supported: " + baseUrl);
    return new TestClient(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort(), null, null);
  }

  /** The port the app listens on. */
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
      boolean reused = socket != null;
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
    if (socket != null) return;
    Socket s = new Socket();
    s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
    s.setSoTimeout(TIMEOUT_MS);
    s.setTcpNoDelay(true);
    socket = s;
    in = new BufferedInputStream(s.getInputStream());
    out = s.getOutputStream();
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
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken socket
      }
    }
    socket = null;
  }

  /** Closes the connection; for a started app, also closes its server and stops its loop. */
  @Override
  public void close() {
    closeSocket();
    if (loop == null) return;
    loop.execute(() -> {
      if (server[0] != null) {
        server[0].close();
        server[0].closeAllConnections();
      }
    });
    try {
      loop.termination().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      loop.terminate();
    }
  }

  static Duration timeout() {
    return Duration.ofMillis(TIMEOUT_MS);
  }
}
