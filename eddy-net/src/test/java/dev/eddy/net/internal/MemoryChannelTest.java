package dev.eddy.net.internal;

import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Eddy;
import dev.eddy.Loop;
import dev.eddy.Promise;
import dev.eddy.net.NetException;
import dev.eddy.net.OnLoop;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The in-memory channel pair: ordering, asynchronous delivery, backpressure, half-close, close and reset. */
class MemoryChannelTest {
  /** Records what a channel reports. */
  static final class Rec implements Channel.Sink {
    final StringBuilder data = new StringBuilder();
    final List<String> events = new ArrayList<>();
    NetException error;
    int drains;
    boolean eof;
    Runnable onDataHook;

    @Override
    public void onConnect() {
      events.add("connect");
    }

    @Override
    public void onData(byte[] buf, int off, int len) {
      String s = new String(buf, off, len, StandardCharsets.ISO_8859_1);
      data.append(s);
      events.add("data:" + s);
      if (onDataHook != null) {
        onDataHook.run();
      }
    }

    @Override
    public void onEof() {
      eof = true;
      events.add("eof");
    }

    @Override
    public void onError(NetException error) {
      this.error = error;
      events.add("error:" + error.code());
    }

    @Override
    public void onDrain() {
      drains++;
      events.add("drain");
    }
  }

  static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Lets the loop run {@code n} iterations. */
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

  record Ends(MemoryChannel client, Rec c, MemoryChannel server, Rec s) {
    void close() {
      client.close();
      server.close();
    }
  }

  static Ends pair(int capacity) {
    MemoryChannel.Pair p = MemoryChannel.pair(Loop.current(), 8080, capacity);
    Rec c = new Rec();
    Rec s = new Rec();
    p.client().sink(c);
    p.server().sink(s);
    return new Ends(p.client(), c, p.server(), s);
  }

  @Test
  void bytesArriveInOrderAndNeverInsideWrite() {
    OnLoop.run(() -> {
      Ends e = pair(MemoryChannel.DEFAULT_CAPACITY);
      e.server().readStart();
      assertThat(e.client().write(bytes("one,"))).isTrue();
      assertThat(e.client().write(new ByteBuffer[] {bytes("two,"), bytes("three")})).isTrue();
      assertThat(e.s().events).isEmpty(); // delivery is deferred to the loop
      until(() -> e.s().data.length() == 13);
      assertThat(e.s().data.toString()).isEqualTo("one,two,three");
      assertThat(e.server().bytesRead()).isEqualTo(13);
      assertThat(e.client().bytesWritten()).isEqualTo(13);
      // and back the other way
      e.client().readStart();
      e.server().write(bytes("answer"));
      until(() -> e.c().data.length() == 6);
      assertThat(e.c().data.toString()).isEqualTo("answer");
      e.close();
      return null;
    });
  }

  @Test
  void addressesAreLoopbackWithTheServerPortAndAnEphemeralClientPort() {
    OnLoop.run(() -> {
      Ends e = pair(16);
      assertThat(e.server().localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(e.server().localAddress().getPort()).isEqualTo(8080);
      assertThat(e.client().remoteAddress()).isEqualTo(e.server().localAddress());
      assertThat(e.server().remoteAddress()).isEqualTo(e.client().localAddress());
      assertThat(e.client().localAddress().getPort()).isBetween(32768, 60999);
      MemoryChannel.Pair other = MemoryChannel.pair(Loop.current(), 8080);
      assertThat(other.client().localAddress().getPort()).isNotEqualTo(e.client().localAddress().getPort());
      other.client().close();
      other.server().close();
      e.close();
      return null;
    });
  }

  @Test
  void aStoppedReaderHoldsBytesAndTheWriterQueuesBeyondCapacity() {
    OnLoop.run(() -> {
      Ends e = pair(8);
      // the server does not read: 8 bytes fit in flight, the rest queues on the writer
      assertThat(e.client().write(bytes("0123456789abcdefghij"))).isFalse();
      assertThat(e.client().queuedBytes()).isEqualTo(12);
      turns(5);
      assertThat(e.s().events).isEmpty();
      assertThat(e.client().queuedBytes()).isEqualTo(12);
      // later writes queue behind, in order
      assertThat(e.client().write(bytes("KL"))).isFalse();
      assertThat(e.client().queuedBytes()).isEqualTo(14);
      e.server().readStart();
      until(() -> e.s().data.length() == 22);
      assertThat(e.s().data.toString()).isEqualTo("0123456789abcdefghijKL");
      until(() -> e.c().drains == 1);
      assertThat(e.client().queuedBytes()).isZero();
      assertThat(e.client().bytesWritten()).isEqualTo(22);
      e.close();
      return null;
    });
  }

  @Test
  void readStopInsideOnDataHoldsLaterBytesUntilReadStart() {
    OnLoop.run(() -> {
      Ends e = pair(64);
      e.s().onDataHook = () -> e.server().readStop();
      e.server().readStart();
      e.client().write(bytes("hello"));
      until(() -> e.s().data.length() == 5);
      e.client().write(bytes("world"));
      turns(5);
      assertThat(e.s().data.toString()).isEqualTo("hello");
      assertThat(e.server().isReading()).isFalse();
      e.s().onDataHook = null;
      e.server().readStart();
      until(() -> e.s().data.length() == 10);
      assertThat(e.s().events).containsExactly("data:hello", "data:world");
      e.close();
      return null;
    });
  }

  @Test
  void aWriteDuringTheReadersOwnDeliveryIsKept() {
    OnLoop.run(() -> {
      // the server echoes inside onData; the client writes back inside its own onData while its
      // bytes are being handed over: the buffers must not be reused under the running read
      Ends e = pair(16);
      int[] rounds = {0};
      e.s().onDataHook = () -> e.server().write(bytes("e" + rounds[0]));
      e.c().onDataHook = () -> {
        if (++rounds[0] < 20) {
          e.client().write(bytes("pingpingpingping"));
        }
      };
      e.server().readStart();
      e.client().readStart();
      e.client().write(bytes("start"));
      until(() -> rounds[0] >= 20);
      assertThat(e.s().data.toString()).startsWith("startpingpingpingping");
      assertThat(e.s().data.length()).isEqualTo(5 + 19 * 16);
      e.close();
      return null;
    });
  }

  @Test
  void shutdownOutputDeliversTheBytesThenEof() {
    OnLoop.run(() -> {
      Ends e = pair(4);
      boolean[] done = {false};
      e.client().write(bytes("0123456789")); // 6 bytes wait on the client
      e.client().shutdownOutput(() -> done[0] = true);
      turns(5);
      assertThat(done[0]).as("the shutdown waits for the queue").isFalse();
      assertThat(e.s().eof).isFalse();
      e.server().readStart();
      until(() -> e.s().eof);
      assertThat(e.s().data.toString()).isEqualTo("0123456789");
      assertThat(e.s().events.get(e.s().events.size() - 1)).isEqualTo("eof");
      assertThat(e.server().isReading()).isFalse();
      until(() -> done[0]);
      // the half-closed end can still read
      e.client().readStart();
      e.server().write(bytes("late"));
      until(() -> e.c().data.length() == 4);
      // writing after the shutdown fails with EPIPE, later, not inside write
      assertThat(e.client().write(bytes("x"))).isFalse();
      assertThat(e.c().error).isNull();
      until(() -> e.c().error != null);
      assertThat(e.c().error.code()).isEqualTo("EPIPE");
      e.close();
      return null;
    });
  }

  @Test
  void eofWaitsForAStoppedReader() {
    OnLoop.run(() -> {
      Ends e = pair(64);
      e.client().write(bytes("abc"));
      e.client().shutdownOutput(() -> { });
      turns(5);
      assertThat(e.s().events).isEmpty();
      e.server().readStart();
      until(() -> e.s().eof);
      assertThat(e.s().events).containsExactly("data:abc", "eof");
      e.close();
      return null;
    });
  }

  @Test
  void closeIsAnOrderlyEndForThePeer() {
    OnLoop.run(() -> {
      Ends e = pair(64);
      e.server().readStart();
      e.client().write(bytes("last words"));
      e.client().close();
      assertThat(e.client().isClosed()).isTrue();
      assertThat(e.client().write(bytes("x"))).isFalse();
      until(() -> e.s().eof);
      assertThat(e.s().events).containsExactly("data:last words", "eof");
      assertThat(e.s().error).isNull();
      // writing to the closed peer: EPIPE
      e.server().write(bytes("anyone?"));
      until(() -> e.s().error != null);
      assertThat(e.s().error.code()).isEqualTo("EPIPE");
      e.server().close();
      e.server().close(); // idempotent
      return null;
    });
  }

  @Test
  void closingAReaderFailsTheWriterThatWaitsForRoom() {
    OnLoop.run(() -> {
      Ends e = pair(4);
      assertThat(e.client().write(bytes("0123456789"))).isFalse();
      e.server().close();
      until(() -> e.c().error != null);
      assertThat(e.c().error.code()).isEqualTo("EPIPE");
      assertThat(e.client().queuedBytes()).isZero();
      e.client().close();
      return null;
    });
  }

  @Test
  void resetGivesThePeerEconnresetAndDropsUnreadBytes() {
    OnLoop.run(() -> {
      Ends e = pair(64);
      e.client().write(bytes("never read"));
      e.client().reset();
      until(() -> e.s().error != null);
      assertThat(e.s().error.code()).isEqualTo("ECONNRESET");
      assertThat(e.s().data.toString()).isEmpty(); // reported even though the server was not reading
      assertThat(e.s().eof).isFalse();
      e.server().close();
      return null;
    });
  }

  @Test
  void bigWritesArriveInReadsOfAtMost64KiB() {
    OnLoop.run(() -> {
      Ends e = pair(MemoryChannel.DEFAULT_CAPACITY);
      List<Integer> sizes = new ArrayList<>();
      e.s().onDataHook = () -> sizes.add(e.s().events.get(e.s().events.size() - 1).length() - 5);
      e.server().readStart();
      byte[] big = new byte[200_000];
      java.util.Arrays.fill(big, (byte) 'z');
      assertThat(e.client().write(ByteBuffer.wrap(big))).isTrue();
      until(() -> e.s().data.length() == 200_000);
      assertThat(sizes).allMatch(n -> n <= 64 * 1024);
      assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200_000);
      e.close();
      return null;
    });
  }

  @Test
  void unrefLetsTheLoopEndWithTheChannelOpen() {
    OnLoop.run(() -> {
      Ends e = pair(64);
      e.client().unref();
      e.server().unref();
      assertThat(e.client().hasRef()).isFalse();
      return null; // the loop ends although both ends are open
    });
  }
}
