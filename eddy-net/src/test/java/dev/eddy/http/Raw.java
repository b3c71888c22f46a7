package dev.eddy.http;

import static dev.eddy.Eddy.await;
import static dev.eddy.EventEmitter.once;

import dev.eddy.Eddy;
import dev.eddy.Promise;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A raw HTTP/1.1 client over a blocking java.net.Socket, for tests that run on an Eddy loop: every
 * blocking call goes through {@link #io} (the blocking pool), so the loop keeps serving.
 */
final class Raw implements AutoCloseable {
  static final int READ_TIMEOUT_MS = 8_000;

  final Socket sock;
  private final InputStream in;
  private final OutputStream out;

  private Raw(Socket sock) throws IOException {
    this.sock = sock;
    this.in = new BufferedInputStream(sock.getInputStream());
    this.out = sock.getOutputStream();
  }

  /** Runs blocking {@code work} off the loop and waits for it (inside an async body). */
  static <T> T io(Callable<T> work) throws Exception {
    return await(Eddy.blocking(work));
  }

  /** Starts {@code server} on 127.0.0.1:0 and returns its port. */
  static int listen(HttpServer server) throws Exception {
    Promise<Void> listening = once(server, HttpServer.LISTENING);
    server.listen(0, "127.0.0.1", null);
    await(listening);
    return server.address().port();
  }

  /** Closes the server and waits for its 'close' (all connections gone). */
  static void close(HttpServer server) throws Exception {
    Promise<Void> closed = once(server, HttpServer.CLOSE);
    server.close();
    await(closed);
  }

  /** Remembers the server side of every connection, to wait for their 'close'. */
  static final class Tracker {
    final List<dev.eddy.net.Socket> sockets = new ArrayList<>();

    /** Waits until every accepted socket has emitted 'close'. */
    void awaitAllClosed() throws Exception {
      for (dev.eddy.net.Socket s : new ArrayList<>(sockets)) {
        if (!s.closed()) {
          // not events.once: that rejects on the 'error' (ECONNRESET, EPIPE) a vanished peer causes
          await(Promise.<Void>create((resolve, reject) -> s.once(dev.eddy.stream.Stream.CLOSE, v -> resolve.accept(null))));
        }
      }
    }
  }

  static Tracker track(HttpServer server) {
    Tracker t = new Tracker();
    server.on(HttpServer.CONNECTION, t.sockets::add);
    return t;
  }

  static Raw connect(int port) throws Exception {
    return io(() -> open(port));
  }

  /** Blocking connect (for use inside an {@link #io} body). */
  static Raw open(int port) throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(READ_TIMEOUT_MS);
    return new Raw(s);
  }

  // ---------------------------------------------------------------------------------------------
  // blocking operations (call inside io(...) or through the async wrappers below)
  // ---------------------------------------------------------------------------------------------

  void sendNow(String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads one response; {@code head}: the request was HEAD (no body). */
  Resp readNow(boolean head) throws IOException {
    String headText = readHead();
    Resp r = Resp.parseHead(headText);
    if (head || r.status / 100 == 1 || r.status == 204 || r.status == 304) {
      return r;
    }
    String te = r.header("transfer-encoding");
    String cl = r.header("content-length");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      readChunked(r);
    } else if (cl != null) {
      byte[] b = in.readNBytes(Integer.parseInt(cl.trim()));
      r.body = new String(b, StandardCharsets.ISO_8859_1);
      r.wire = r.body;
    } else {
      r.body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      r.wire = r.body;
      r.closeDelimited = true;
    }
    return r;
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("EOF in response head after: " + b.toString(StandardCharsets.ISO_8859_1));
      }
      b.write(c);
      state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : (c == '\r' ? 1 : 0);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      if (c == '\n') {
        break;
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  private void readChunked(Resp r) throws IOException {
    StringBuilder wire = new StringBuilder();
    StringBuilder body = new StringBuilder();
    while (true) {
      String line = readLine();
      wire.append(line);
      int size = Integer.parseInt(line.trim().split(";")[0], 16);
      if (size == 0) {
        String t;
        while (!(t = readLine()).equals("\r\n")) {
          if (t.isEmpty()) {
            throw new IOException("EOF in trailers");
          }
          wire.append(t);
          int i = t.indexOf(':');
          r.trailers.add(new String[] {t.substring(0, i), t.substring(i + 1).trim()});
        }
        wire.append("\r\n");
        break;
      }
      String data = new String(in.readNBytes(size), StandardCharsets.ISO_8859_1);
      body.append(data);
      wire.append(data);
      wire.append(readLine());
    }
    r.body = body.toString();
    r.wire = wire.toString();
  }

  /** Everything until EOF (or a reset, reported as what was read before it). */
  String readToEofNow() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        b.write(buf, 0, n);
      }
    } catch (SocketException reset) {
      // a reset after the answer counts as the end
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** Whether the server closed the connection (EOF or reset) with nothing more to read. */
  boolean isClosedNow() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketException reset) {
      return true;
    } catch (SocketTimeoutException t) {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // async wrappers
  // ---------------------------------------------------------------------------------------------

  void send(String s) throws Exception {
    io(() -> {
      sendNow(s);
      return null;
    });
  }

  Resp read() throws Exception {
    return io(() -> readNow(false));
  }

  Resp readHeadResponse() throws Exception {
    return io(() -> readNow(true));
  }

  Resp exchange(String request) throws Exception {
    return io(() -> {
      sendNow(request);
      return readNow(false);
    });
  }

  String readToEof() throws Exception {
    return io(this::readToEofNow);
  }

  /** True when the server closed the connection within the read timeout. */
  boolean closedByServer() throws Exception {
    return io(this::isClosedNow);
  }

  /** Closes with an RST (SO_LINGER 0). */
  void reset() throws IOException {
    sock.setSoLinger(true, 0);
    sock.close();
  }

  @Override
  public void close() throws IOException {
    sock.close();
  }

  /** One parsed response. */
  static final class Resp {
    String head;
    String statusLine;
    int status;
    final List<String[]> headers = new ArrayList<>();
    final List<String[]> trailers = new ArrayList<>();
    String body = "";
    /** The body as framed on the wire (chunk sizes included). */
    String wire = "";
    boolean closeDelimited;

    static Resp parseHead(String head) {
      Resp r = new Resp();
      r.head = head;
      String[] lines = head.split("\r\n");
      r.statusLine = lines[0];
      r.status = Integer.parseInt(lines[0].split(" ")[1]);
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].isEmpty()) {
          continue;
        }
        int c = lines[i].indexOf(':');
        r.headers.add(new String[] {lines[i].substring(0, c), lines[i].substring(c + 1).trim()});
      }
      return r;
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    List<String> headerValues(String name) {
      List<String> l = new ArrayList<>();
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          l.add(h[1]);
        }
      }
      return l;
    }

    /** The head without the Date line (for exact comparisons). */
    String headWithoutDate() {
      return head.replaceAll("Date: [^\r]*\r\n", "");
    }

    @Override
    public String toString() {
      return head + wire;
    }
  }
}
