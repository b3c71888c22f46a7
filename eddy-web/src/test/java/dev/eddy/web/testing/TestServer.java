package dev.eddy.web.testing;

import dev.eddy.Loop;
import dev.eddy.http.HttpServer;
import dev.eddy.web.App;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An app served on a fresh loop thread at 127.0.0.1 on a free port, for tests that talk to it with
 * plain blocking sockets from the test thread. {@link #close()} stops the server and waits (with a
 * watchdog) for the loop to end, so a handle left open fails the test.
 */
public final class TestServer implements AutoCloseable {
  private final Loop loop;
  private final CompletableFuture<Integer> done;
  private final HttpServer server;
  private final int port;

  private TestServer(Loop loop, CompletableFuture<Integer> done, HttpServer server, int port) {
    this.loop = loop;
    this.done = done;
    this.server = server;
    this.port = port;
  }

  /** The app's error log, silenced: the tests provoke errors on purpose (kept strongly reachable). */
  private static final java.util.logging.Logger WEB_LOG = java.util.logging.Logger.getLogger("dev.eddy.web");

  /** Starts {@code app} on a new loop; the app's error log is silenced. */
  public static TestServer start(App app) throws Exception {
    WEB_LOG.setLevel(java.util.logging.Level.OFF);
    Loop loop = Loop.create();
    CompletableFuture<HttpServer> listening = new CompletableFuture<>();
    CompletableFuture<Integer> done = loop.start(() -> {
      HttpServer[] s = new HttpServer[1];
      s[0] = app.listen(0, "127.0.0.1", () -> listening.complete(s[0]));
    });
    HttpServer server;
    try {
      server = listening.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      loop.terminate();
      throw new AssertionError("the server did not start listening within 10 s");
    }
    return new TestServer(loop, done, server, server.address().port());
  }

  public int port() {
    return port;
  }

  public Loop loop() {
    return loop;
  }

  /** One request on its own connection ({@code Connection: close}); the answer read to EOF. */
  public Resp request(String method, String target, Map<String, String> headers) throws IOException {
    try (Socket s = open()) {
      StringBuilder sb = new StringBuilder();
      sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      sb.append("Host: 127.0.0.1:").append(port).append("\r\n");
      headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
      sb.append("Connection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      byte[] all = s.getInputStream().readAllBytes();
      return Resp.parse(all, method.equals("HEAD"));
    }
  }

  public Resp get(String target) throws IOException {
    return request("GET", target, Map.of());
  }

  /** A connected socket with an 8 s read timeout. */
  public Socket open() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(8_000);
    return s;
  }

  /** Reads a response head (through the blank line) from {@code in}. */
  public static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) throw new IOException("EOF in response head after: " + b.toString(StandardCharsets.ISO_8859_1));
      b.write(c);
      state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : (c == '\r' ? 1 : 0);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws Exception {
    loop.execute(() -> {
      server.closeAllConnections();
      server.close();
    });
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      loop.terminate();
      throw new AssertionError("the loop did not end within 10 s after the server closed (a handle left open)");
    }
  }

  /** A parsed response: status, headers (lower-case names, repeated ones joined with ", "), body bytes. */
  public record Resp(int status, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    static Resp parse(byte[] all, boolean head) throws IOException {
      int end = -1;
      for (int i = 0; i + 3 < all.length; i++) {
        if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
          end = i;
          break;
        }
      }
      if (end < 0) throw new IOException("no complete response head in " + all.length + " bytes");
      String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int c = lines[i].indexOf(':');
        String name = lines[i].substring(0, c).toLowerCase(Locale.ROOT);
        // header values are Latin-1 on the wire; Content-Disposition's fallback is ASCII anyway
        String value = lines[i].substring(c + 1).trim();
        headers.merge(name, value, (a, b) -> a + ", " + b);
      }
      byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
      if (head || status == 204 || status == 304) rest = new byte[0];
      else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) rest = dechunk(rest);
      return new Resp(status, headers, rest);
    }

    private static byte[] dechunk(byte[] in) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int i = 0;
      while (true) {
        int lineEnd = i;
        while (lineEnd + 1 < in.length && !(in[lineEnd] == '\r' && in[lineEnd + 1] == '\n')) lineEnd++;
        String sizeLine = new String(in, i, lineEnd - i, StandardCharsets.ISO_8859_1);
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        i = lineEnd + 2;
        if (size == 0) return out.toByteArray();
        if (i + size > in.length) throw new IOException("truncated chunk");
        out.write(in, i, size);
        i += size + 2;
      }
    }
  }
}
