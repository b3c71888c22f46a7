package dev.eddy.net;

import static dev.eddy.Eddy.await;
import static dev.eddy.EventEmitter.once;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.Buffer;
import dev.eddy.Promise;
import dev.eddy.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetTest {

  /** Collects everything a socket reads until 'end'. */
  static Promise<String> readAll(Socket s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.on(Stream.DATA, c -> {
      byte[] b = ((Buffer) c).toByteArray();
      out.write(b, 0, b.length);
    });
    return once(s, Stream.END).then(v -> out.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void echoServerRoundTripAndClose() {
    OnLoop.run(() -> {
      Server server = Net.createServer(sock -> sock.pipe(sock));
      server.listen(0, "127.0.0.1", null);
      await(once(server, Server.LISTENING));
      int port = server.address().port();
      assertThat(server.address().address()).isEqualTo("127.0.0.1");
      assertThat(server.address().family()).isEqualTo("IPv4");

      Socket client = Net.connect(port, "127.0.0.1", null);
      await(once(client, Socket.CONNECT));
      assertThat(client.remotePort()).isEqualTo(port);
      assertThat(client.remoteAddress()).isEqualTo("127.0.0.1");
      assertThat(client.localPort()).isPositive();
      Promise<String> got = readAll(client);
      client.write("hello ");
      client.end("world");
      assertThat(await(got)).isEqualTo("hello world");
      await(once(client, Stream.CLOSE));
      assertThat(client.bytesRead()).isEqualTo(11);
      assertThat(client.bytesWritten()).isEqualTo(11);
      Promise<Void> closed = once(server, Server.CLOSE);
      server.close();
      await(closed);
      return null;
    });
  }

  @Test
  void connectionRefusedHasNodeCode() {
    OnLoop.run(() -> {
      Server probe = Net.createServer(null);
      probe.listen(0, "127.0.0.1", null);
      await(once(probe, Server.LISTENING));
      int port = probe.address().port();
      probe.close();
      await(once(probe, Server.CLOSE));
      Socket client = Net.connect(port, "127.0.0.1", null);
      Throwable err = await(once(client, Socket.ERROR));
      assertThat(err).isInstanceOf(NetException.class);
      NetException ne = (NetException) err;
      assertThat(ne.code()).isEqualTo("ECONNREFUSED");
      assertThat(ne.errno()).isEqualTo(-111);
      assertThat(ne.syscall()).isEqualTo("connect");
      assertThat(ne.getMessage()).isEqualTo("connect ECONNREFUSED 127.0.0.1:" + port);
      assertThat(client.destroyed()).isTrue();
      return null;
    });
  }

  @Test
  void addressInUseIsAnErrorEvent() {
    OnLoop.run(() -> {
      Server a = Net.createServer(null).listen(0, "127.0.0.1", null);
      await(once(a, Server.LISTENING));
      Server b = Net.createServer(null).listen(a.address().port(), "127.0.0.1", null);
      Throwable err = await(once(b, Server.ERROR));
      assertThat(((NetException) err).code()).isEqualTo("EADDRINUSE");
      assertThat(err.getMessage()).isEqualTo("listen EADDRINUSE: address already in use 127.0.0.1:" + a.address().port());
      a.close();
      return null;
    });
  }

  @Test
  void reusePortLetsTwoServersShareAPort() {
    OnLoop.run(() -> {
      Server a = Net.createServer(null).listen(new Server.ListenOptions().host("127.0.0.1").reusePort(true), null);
      await(once(a, Server.LISTENING));
      int port = a.address().port();
      Server b = Net.createServer(null).listen(new Server.ListenOptions().host("127.0.0.1").port(port).reusePort(true), null);
      await(once(b, Server.LISTENING));
      assertThat(b.address().port()).isEqualTo(port);
      a.close();
      b.close();
      return null;
    });
  }

  @Test
  void halfCloseWithAllowHalfOpen() {
    OnLoop.run(() -> {
      // the server reads until the client's FIN, then answers on its still-open side
      Server server = new Server(true, sock -> {
        List<String> got = new ArrayList<>();
        sock.on(Stream.DATA, c -> got.add(((Buffer) c).toString()));
        sock.on(Stream.END, v -> sock.end("got " + String.join("", got)));
      });
      server.listen(0, "127.0.0.1", null);
      await(once(server, Server.LISTENING));
      Socket client = Net.connect(server.address().port(), "127.0.0.1",
          new Socket.Options().allowHalfOpen(true), null);
      Promise<String> answer = readAll(client);
      client.end("question");
      assertThat(await(answer)).isEqualTo("got question");
      server.close();
      return null;
    });
  }

  @Test
  void writeReturnsFalseUnderBackpressureThenDrains() {
    OnLoop.run(() -> {
      List<Socket> accepted = new ArrayList<>();
      Server server = Net.createServer(sock -> {
        accepted.add(sock);
        sock.pause(); // do not read: the client's kernel buffers fill up
      });
      server.listen(0, "127.0.0.1", null);
      await(once(server, Server.LISTENING));
      Socket client = Net.connect(server.address().port(), "127.0.0.1", null);
      await(once(client, Socket.CONNECT));
      Buffer chunk = Buffer.alloc(64 * 1024, 'x');
      long written = 0;
      while (client.write(chunk)) {
        written += chunk.length();
        assertThat(written).as("write() never returned false").isLessThan(512L * 1024 * 1024);
      }
      assertThat(client.writableNeedDrain()).isTrue();
      Promise<Void> drained = once(client, Stream.DRAIN);
      accepted.get(0).resume(); // the server reads again, the client's queue empties
      accepted.get(0).on(Stream.DATA, c -> { });
      await(drained);
      client.destroy();
      server.close();
      return null;
    });
  }

  @Test
  void idleTimeoutEmitsTimeoutAndKeepsSocketOpen() {
    OnLoop.run(() -> {
      Server server = Net.createServer(sock -> { });
      server.listen(0, "127.0.0.1", null);
      await(once(server, Server.LISTENING));
      Socket client = Net.connect(server.address().port(), "127.0.0.1", null);
      client.setTimeout(50, null);
      await(once(client, Socket.TIMEOUT));
      assertThat(client.destroyed()).isFalse();
      client.destroy();
      server.close();
      return null;
    });
  }

  @Test
  void peerResetIsEconnreset() {
    OnLoop.run(() -> {
      Server server = Net.createServer(sock -> sock.resetAndDestroy());
      server.listen(0, "127.0.0.1", null);
      await(once(server, Server.LISTENING));
      Socket client = Net.connect(server.address().port(), "127.0.0.1", null);
      client.on(Stream.DATA, c -> { });
      // a RST makes the read fail; depending on timing the client may also see a clean close
      Promise<Throwable> error = once(client, Socket.ERROR);
      Promise<Void> closed = once(client, Stream.CLOSE);
      Object first = await(Promise.race(List.of(error, closed.then(v -> null))));
      if (first != null) {
        assertThat(((NetException) first).code()).isIn("ECONNRESET", "EPIPE");
      }
      server.close();
      return null;
    });
  }

  @Test
  void maxConnectionsDropsExtraConnections() {
    OnLoop.run(() -> {
      Server server = Net.createServer(sock -> { }).maxConnections(1);
      server.listen(0, "127.0.0.1", null);
      await(once(server, Server.LISTENING));
      int port = server.address().port();
      Socket first = Net.connect(port, "127.0.0.1", null);
      await(once(server, Server.CONNECTION));
      Promise<Server.SocketAddress> dropped = once(server, Server.DROP);
      Socket second = Net.connect(port, "127.0.0.1", null);
      second.on(Stream.DATA, c -> { });
      second.on(Socket.ERROR, e -> { });
      Server.SocketAddress from = await(dropped);
      assertThat(from.address()).isEqualTo("127.0.0.1");
      assertThat(server.connectionCount()).isEqualTo(1);
      first.destroy();
      second.destroy();
      server.close();
      return null;
    });
  }

  @Test
  void unrefdServerLetsTheLoopEnd() {
    OnLoop.run(() -> {
      Server server = Net.createServer(null).listen(0, "127.0.0.1", null);
      server.unref();
      return null;
    });
  }

  @Test
  void badPortThrows() {
    OnLoop.run(() -> {
      assertThatThrownBy(() -> new Socket().connect(70000, "127.0.0.1", null))
          .hasMessageContaining("Port should be >= 0 and < 65536");
      return null;
    });
  }
}
