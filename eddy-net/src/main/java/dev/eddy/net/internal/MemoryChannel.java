package dev.eddy.net.internal;

import dev.eddy.Loop;
import dev.eddy.internal.LoopIo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One end of an in-process connection: two channels on one loop, each delivering what the other
 * writes, with TCP's observable behaviour minus the kernel. Used to serve HTTP requests to an
 * app without a listening socket ({@code HttpServer.injectConnection()}).
 *
 * <p>Behaviour, chosen to match what a TCP peer on loopback sees:
 *
 * <ul>
 *   <li>Bytes written on one end reach the other end's sink later, in the loop's pending phase,
 *       never inside {@code write}; consecutive writes may arrive in one read and a read carries
 *       at most 64 KiB, with the tick and microtask queues drained between reads.
 *   <li>Each direction holds at most {@code capacity} bytes in flight (the two kernel buffers of
 *       a TCP connection). Beyond that, writes queue on the writing end ({@link #queuedBytes()}
 *       grows, {@code write} returns false) until the reader consumes; a reader that stopped
 *       ({@link #readStop()}) lets bytes wait, so backpressure propagates as over TCP.
 *   <li>{@link #shutdownOutput} sends an EOF once the queue has drained: the peer reads what was
 *       sent, then hears {@code onEof}.
 *   <li>{@link #close()} is an orderly close (FIN): the peer still reads the bytes already in
 *       flight, then hears {@code onEof}; bytes still queued on the closing end are dropped, as
 *       TCP drops what never left user space. Unlike TCP, unread bytes on the closing end do not
 *       turn the close into a reset, so that an answer sent just before a close (a 413, a 431) is
 *       always read by the test.
 *   <li>{@link #reset()} is an abortive close (RST): the peer drops what it has not read and hears
 *       {@code onError(ECONNRESET)}.
 *   <li>Writing to an end whose peer has closed reports EPIPE to the writer's sink (later, never
 *       inside {@code write}) and drops the bytes.
 * </ul>
 *
 * <p>Both ends ref the loop while open, as TCP handles do. Loop thread only.
 */
public final class MemoryChannel implements Channel {
  /** Bytes in flight per direction by default: large enough for most answers in one go. */
  public static final int DEFAULT_CAPACITY = 256 * 1024;
  private static final int READ_CHUNK = 64 * 1024;
  /** As TcpChannel: at most this many reads per callback, so that one busy end cannot starve the loop. */
  private static final int READS_PER_CALLBACK = 32;
  private static final AtomicInteger NEXT_PORT = new AtomicInteger();
  private static final InetAddress LOOPBACK = loopback();

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The two ends of one connection. */
  public record Pair(MemoryChannel client, MemoryChannel server) {}

  private final Loop loop;
  private final int capacity;
  private final InetSocketAddress local;
  private final InetSocketAddress remote;
  private MemoryChannel peer;
  private Sink sink;

  // what the peer sent and this end has not read yet: buf[start, end)
  private static final byte[] EMPTY = new byte[0];
  private byte[] in = EMPTY;
  private int start;
  private int end;
  private boolean delivering;
  private boolean deliveryScheduled;
  private boolean peerEof;
  private boolean eofDelivered;
  private boolean resetPending;

  // what this end wrote and the peer has no room for yet
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>(2);
  private long queuedBytes;
  private boolean shutdownPending;
  private Runnable shutdownDone;
  private boolean outputShut;
  private boolean drainScheduled;

  private boolean reading;
  private boolean closed;
  private boolean refd = true;
  private long bytesRead;
  private long bytesWritten;
  private long lastActivity;

  private MemoryChannel(Loop loop, int capacity, InetSocketAddress local, InetSocketAddress remote) {
    this.loop = loop;
    this.capacity = capacity;
    this.local = local;
    this.remote = remote;
    this.lastActivity = loop.now();
    LoopIo.ref(loop);
  }

  /**
   * A connected pair on {@code loop} with {@link #DEFAULT_CAPACITY}: the client end at
   * 127.0.0.1 with a fresh port from the ephemeral range, the server end at
   * 127.0.0.1:{@code serverPort}. Neither end reads until {@link #readStart()}.
   *
   * @throws IllegalArgumentException when {@code serverPort} is outside 0..65535
   */
  public static Pair pair(Loop loop, int serverPort) {
    return pair(loop, serverPort, DEFAULT_CAPACITY);
  }

  /**
   * As {@link #pair(Loop, int)} with {@code capacity} bytes in flight per direction.
   *
   * @throws IllegalArgumentException when {@code capacity} is not positive or the port is invalid
   */
  public static Pair pair(Loop loop, int serverPort, int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    InetSocketAddress server = new InetSocketAddress(LOOPBACK, serverPort);
    // Linux's ephemeral range, 32768..60999, cycled per JVM
    InetSocketAddress client = new InetSocketAddress(LOOPBACK, 32768 + Math.floorMod(NEXT_PORT.getAndIncrement(), 28232));
    MemoryChannel c = new MemoryChannel(loop, capacity, client, server);
    MemoryChannel s = new MemoryChannel(loop, capacity, server, client);
    c.peer = s;
    s.peer = c;
    return new Pair(c, s);
  }

  @Override
  public Loop loop() {
    return loop;
  }

  @Override
  public void sink(Sink sink) {
    this.sink = sink;
  }

  @Override
  public Sink sink() {
    return sink;
  }

  // ----------------------------------------------------------------------------------------------
  // reading
  // ----------------------------------------------------------------------------------------------

  @Override
  public void readStart() {
    if (!reading && !closed) {
      reading = true;
      scheduleDelivery();
    }
  }

  @Override
  public void readStop() {
    reading = false;
  }

  @Override
  public boolean isReading() {
    return reading;
  }

  private int unread() {
    return end - start;
  }

  private void scheduleDelivery() {
    if (!deliveryScheduled && !closed && (reading || resetPending)
        && (unread() > 0 || peerEof && !eofDelivered || resetPending)) {
      deliveryScheduled = true;
      LoopIo.deferToPending(loop, this::deliver);
    }
  }

  private void deliver() {
    deliveryScheduled = false;
    if (closed) {
      return;
    }
    if (resetPending) {
      // a reset is reported whether or not this end reads, as the kernel reports ECONNRESET
      resetPending = false;
      start = end = 0;
      reading = false;
      if (sink != null) {
        sink.onError(NetErrors.of("ECONNRESET", "read", null, -1));
      }
      return;
    }
    for (int i = 0; i < READS_PER_CALLBACK && reading && !closed && unread() > 0; i++) {
      if (i > 0) {
        // each read is its own callback in Node: ticks and microtasks run before the next one
        LoopIo.drain(loop);
        if (!reading || closed || resetPending) {
          break;
        }
      }
      int n = Math.min(READ_CHUNK, unread());
      int at = start;
      bytesRead += n;
      lastActivity = loop.now();
      delivering = true;
      try {
        sink.onData(in, at, n);
      } finally {
        delivering = false;
        if (!closed) {
          start += n; // stays right when a write during the call moved the bytes to a new array
          if (start == end) {
            start = end = 0;
          }
        }
      }
      if (closed) {
        return;
      }
      peer.pump();
    }
    if (closed) {
      return;
    }
    if (resetPending) {
      scheduleDelivery();
      return;
    }
    if (unread() > 0) {
      scheduleDelivery();
      return;
    }
    if (reading && peerEof && !eofDelivered) {
      eofDelivered = true;
      reading = false;
      sink.onEof();
    }
  }

  /** Copies what fits of {@code src} into this end's unread bytes; returns how many were taken. */
  private int accept(ByteBuffer src) {
    if (closed) {
      int all = src.remaining();
      src.position(src.limit());
      return all;
    }
    int room = capacity - unread();
    int n = Math.min(room, src.remaining());
    if (n <= 0) {
      return 0;
    }
    if (end + n > in.length) {
      int size = unread();
      if (!delivering && start > 0 && size + n <= in.length) {
        System.arraycopy(in, start, in, 0, size);
      } else {
        // a new array while a read is being handed over: the sink still looks at the old one
        byte[] grown = new byte[Math.min(capacity, Math.max(size + n, Math.max(4096, in.length * 2)))];
        System.arraycopy(in, start, grown, 0, size);
        in = grown;
      }
      // rebase so that start keeps pointing at the first unread byte (see deliver)
      int shift = start;
      start -= shift;
      end -= shift;
    }
    src.get(in, end, n);
    end += n;
    scheduleDelivery();
    return n;
  }

  // ----------------------------------------------------------------------------------------------
  // writing
  // ----------------------------------------------------------------------------------------------

  @Override
  public boolean write(ByteBuffer buf) {
    if (closed) {
      return false;
    }
    lastActivity = loop.now();
    if (peerGone()) {
      failWrite();
      return false;
    }
    if (queue.isEmpty()) {
      int before = buf.remaining();
      peer.accept(buf);
      bytesWritten += before - buf.remaining();
      if (!buf.hasRemaining()) {
        return true;
      }
    }
    queue.addLast(buf);
    queuedBytes += buf.remaining();
    return false;
  }

  @Override
  public boolean write(ByteBuffer[] bufs) {
    if (closed) {
      return false;
    }
    if (peerGone()) {
      failWrite();
      return false;
    }
    boolean all = true;
    for (ByteBuffer b : bufs) {
      if (b.hasRemaining() && !write(b)) {
        all = false;
      }
    }
    return all;
  }

  private boolean peerGone() {
    return peer.closed || outputShut;
  }

  private void failWrite() {
    queue.clear();
    queuedBytes = 0;
    LoopIo.deferToPending(loop, () -> {
      if (!closed && sink != null) {
        sink.onError(NetErrors.of("EPIPE", "write", null, -1));
      }
    });
  }

  /** Moves queued bytes into the peer as room frees up; called after the peer read. */
  private void pump() {
    if (closed || queue.isEmpty()) {
      return;
    }
    ByteBuffer b;
    while ((b = queue.peekFirst()) != null) {
      int n = peer.accept(b);
      bytesWritten += n;
      queuedBytes -= n;
      if (b.hasRemaining()) {
        return;
      }
      queue.pollFirst();
    }
    if (shutdownPending) {
      shutdownPending = false;
      doShutdown();
      Runnable done = shutdownDone;
      shutdownDone = null;
      LoopIo.deferToPending(loop, done);
    }
    if (!drainScheduled) {
      // its own callback, as the TCP writable event is: never inside the peer's read
      drainScheduled = true;
      LoopIo.deferToPending(loop, () -> {
        drainScheduled = false;
        if (!closed && queue.isEmpty()) {
          sink.onDrain();
        }
      });
    }
  }

  @Override
  public long queuedBytes() {
    return queuedBytes;
  }

  @Override
  public void shutdownOutput(Runnable done) {
    if (closed || outputShut) {
      LoopIo.deferToPending(loop, done);
      return;
    }
    if (!queue.isEmpty()) {
      shutdownPending = true;
      shutdownDone = done;
      return;
    }
    doShutdown();
    LoopIo.deferToPending(loop, done);
  }

  private void doShutdown() {
    outputShut = true;
    peer.eofFromPeer();
  }

  private void eofFromPeer() {
    if (!peerEof) {
      peerEof = true;
      scheduleDelivery();
    }
  }

  // ----------------------------------------------------------------------------------------------
  // closing
  // ----------------------------------------------------------------------------------------------

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    reading = false;
    queue.clear();
    queuedBytes = 0;
    in = EMPTY;
    start = end = 0;
    MemoryChannel p = peer;
    if (!p.closed && !p.queue.isEmpty()) {
      // bytes that can no longer be delivered: the writer hears EPIPE, as over TCP, rather
      // than waiting for a drain that never comes
      p.failWrite();
    }
    if (refd) {
      refd = false;
      LoopIo.unref(loop);
    }
    if (!outputShut) {
      outputShut = true;
      peer.eofFromPeer();
    }
  }

  @Override
  public void reset() {
    if (closed) {
      return;
    }
    MemoryChannel p = peer;
    outputShut = true; // no orderly EOF: the reset replaces it
    if (!p.closed && !p.eofDelivered) {
      // a reader that already saw the end no longer reads, so it hears nothing (as in libuv);
      // any other peer loses what it had to send and hears ECONNRESET
      p.queue.clear();
      p.queuedBytes = 0;
      p.resetPending = true;
      p.scheduleDelivery();
    }
    close();
  }

  @Override
  public void ref() {
    if (!refd && !closed) {
      refd = true;
      LoopIo.ref(loop);
    }
  }

  @Override
  public void unref() {
    if (refd && !closed) {
      refd = false;
      LoopIo.unref(loop);
    }
  }

  @Override
  public boolean hasRef() {
    return refd;
  }

  @Override
  public long lastActivity() {
    return lastActivity;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public long bytesWritten() {
    return bytesWritten;
  }

  @Override
  public InetSocketAddress localAddress() {
    return local;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  /** Socket options have no meaning in memory: ignored. */
  @Override
  public <T> void setOption(SocketOption<T> name, T value) {
    // nothing to tune without a kernel
  }

  @Override
  public String toString() {
    return "MemoryChannel[" + local.getPort() + " -> " + remote.getPort() + (closed ? ", closed" : "") + "]";
  }
}
