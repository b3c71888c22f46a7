package dev.eddy.net.internal;

import dev.eddy.Loop;
import dev.eddy.internal.IoHandler;
import dev.eddy.internal.LoopIo;
import dev.eddy.internal.LoopLocal;
import dev.eddy.net.NetException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One TCP connection on a loop: libuv's uv_tcp_t for Eddy's socket and HTTP layers. Reads go
 * into one buffer per loop thread and are handed to the {@link Sink} at once (it copies what it
 * keeps); writes are tried at once and queued only when the kernel buffer is full. Loop thread
 * only.
 *
 * <p>The socket calls use direct buffers of the loop's own ({@link IoBuffers}, looked up
 * once per channel): given a heap buffer, the JDK would copy through a temporary direct buffer
 * of its thread-local cache, two thread-local lookups per call, which on a loop answering 100,000
 * requests a second showed as several percent of its CPU.
 */
public final class TcpChannel implements IoHandler, Channel {
  private static final int READ_BUFFER = 64 * 1024;
  private static final LoopLocal<IoBuffers> IO = LoopLocal.withInitial(IoBuffers::new);

  /** A loop's socket buffers: read into direct memory, copy out to the array the sinks get. */
  static final class IoBuffers {
    final ByteBuffer readDirect = ByteBuffer.allocateDirect(READ_BUFFER);
    final byte[] readArray = new byte[READ_BUFFER];
    /** Heap writes up to this size are copied here and written from direct memory. */
    final ByteBuffer writeDirect = ByteBuffer.allocateDirect(WRITE_BUFFER);
  }

  private static final int WRITE_BUFFER = 64 * 1024;
  /** This loop's buffers, looked up on the first read or write (which run on the loop thread). */
  private IoBuffers io;

  private IoBuffers io() {
    IoBuffers b = io;
    if (b == null) {
      io = b = IO.get();
    }
    return b;
  }
  /** libuv reads at most 32 times per readiness event, so that one busy peer cannot starve others. */
  private static final int READS_PER_EVENT = 32;

  /** Channels open in this JVM (tests check that none is left behind). */
  private static final java.util.concurrent.atomic.AtomicLong OPEN = new java.util.concurrent.atomic.AtomicLong();

  /** How many TCP channels are open now in this JVM (for leak checks in tests). */
  public static long openCount() {
    return OPEN.get();
  }

  private final Loop loop;
  private final SocketChannel channel;
  private SelectionKey key;
  private Sink sink;
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>(2);
  private long queuedBytes;
  private boolean reading;
  private boolean connecting;
  private boolean shutdownPending;
  private boolean outputShut;
  private boolean closed;
  private boolean refd = true;
  private long bytesRead;
  private long bytesWritten;
  private long lastActivity;
  private String connectHost;
  private int connectPort;

  /** Wraps a connected or unconnected channel and registers it on {@code loop} (ref'd). */
  public TcpChannel(Loop loop, SocketChannel channel, Sink sink) {
    this.loop = loop;
    this.channel = channel;
    this.sink = sink;
    this.key = LoopIo.register(loop, channel, 0, this);
    LoopIo.ref(loop);
    this.lastActivity = loop.now();
    OPEN.incrementAndGet();
  }

  @Override
  public void sink(Sink sink) {
    this.sink = sink;
  }

  @Override
  public Sink sink() {
    return sink;
  }

  public SocketChannel channel() {
    return channel;
  }

  @Override
  public Loop loop() {
    return loop;
  }

  @Override
  public InetSocketAddress localAddress() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      return null; // a channel that is already gone has no address to report
    }
  }

  @Override
  public InetSocketAddress remoteAddress() {
    try {
      return (InetSocketAddress) channel.getRemoteAddress();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public <T> void setOption(java.net.SocketOption<T> name, T value) throws IOException {
    channel.setOption(name, value);
  }

  /** Starts a non-blocking connect; the sink hears onConnect or onError. */
  public void connect(InetSocketAddress to, String host, int port) {
    connectHost = host;
    connectPort = port;
    try {
      if (channel.connect(to)) {
        LoopIo.deferToPending(loop, this::finishConnect);
        return;
      }
      connecting = true;
      updateInterest();
    } catch (IOException e) {
      NetException err = NetErrors.of(e, "connect", host, port);
      LoopIo.deferToPending(loop, () -> {
        if (!closed) {
          sink.onError(err);
        }
      });
    }
  }

  private void finishConnect() {
    if (closed) {
      return;
    }
    try {
      if (connecting && !channel.finishConnect()) {
        return;
      }
      connecting = false;
      updateInterest();
      sink.onConnect();
      if (shutdownPending && queue.isEmpty() && !closed) {
        shutdownPending = false;
        doShutdown();
        Runnable done = shutdownDone;
        shutdownDone = null;
        LoopIo.deferToPending(loop, done);
      }
    } catch (IOException e) {
      connecting = false;
      updateInterest();
      sink.onError(NetErrors.of(e, "connect", connectHost, connectPort));
    }
  }

  public boolean isConnecting() {
    return connecting;
  }

  public void readStart() {
    if (!reading && !closed) {
      reading = true;
      updateInterest();
    }
  }

  public void readStop() {
    if (reading) {
      reading = false;
      updateInterest();
    }
  }

  public boolean isReading() {
    return reading;
  }

  /**
   * Writes {@code buf} (its position to limit; the channel takes ownership until written).
   * Returns true when all of it reached the kernel now; false when some is queued, in which case
   * the sink hears {@link Sink#onDrain} once the queue empties. A write error is reported to the
   * sink (deferred to the pending phase, as libuv does) and the bytes are dropped.
   */
  public boolean write(ByteBuffer buf) {
    if (closed) {
      return false;
    }
    lastActivity = loop.now();
    if (queue.isEmpty() && !connecting) {
      try {
        bytesWritten += writeFully(buf);
      } catch (IOException e) {
        failWrite(e);
        return false;
      }
      if (!buf.hasRemaining()) {
        return true;
      }
    }
    queue.addLast(buf);
    queuedBytes += buf.remaining();
    updateInterest();
    return false;
  }

  /** Writes several buffers with one gathering write where possible; see {@link #write(ByteBuffer)}. */
  public boolean write(ByteBuffer[] bufs) {
    if (closed) {
      return false;
    }
    if (queue.isEmpty() && !connecting) {
      try {
        long n;
        do {
          n = channel.write(bufs);
          bytesWritten += n;
        } while (n > 0 && bufs[bufs.length - 1].hasRemaining());
      } catch (IOException e) {
        failWrite(e);
        return false;
      }
    }
    boolean all = true;
    for (ByteBuffer b : bufs) {
      if (b.hasRemaining()) {
        queue.addLast(b);
        queuedBytes += b.remaining();
        all = false;
      }
    }
    if (!all) {
      updateInterest();
    }
    return all;
  }

  private int writeFully(ByteBuffer buf) throws IOException {
    int len = buf.remaining();
    if (!buf.isDirect() && len <= WRITE_BUFFER && buf.hasArray()) {
      // what the JDK would do with its temporary buffer, without its two thread-local lookups
      ByteBuffer d = io().writeDirect;
      d.clear();
      d.put(0, buf.array(), buf.arrayOffset() + buf.position(), len);
      d.limit(len);
      int total = writeWhileAccepted(d);
      buf.position(buf.position() + total);
      return total;
    }
    return writeWhileAccepted(buf);
  }

  /** Writes until {@code buf} is empty or the kernel takes no more; returns the bytes written. */
  private int writeWhileAccepted(ByteBuffer buf) throws IOException {
    int total = 0;
    while (buf.hasRemaining()) {
      int n = channel.write(buf);
      if (n <= 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private void failWrite(IOException e) {
    NetException err = NetErrors.of(e, "write", null, -1);
    queue.clear();
    queuedBytes = 0;
    LoopIo.deferToPending(loop, () -> {
      if (!closed) {
        sink.onError(err);
      }
    });
  }

  /** Bytes queued in user space, not yet handed to the kernel (Node's writableLength share). */
  public long queuedBytes() {
    return queuedBytes;
  }

  /** Half-closes the sending side once the queue has drained (libuv's uv_shutdown). */
  public void shutdownOutput(Runnable done) {
    if (closed || outputShut) {
      LoopIo.deferToPending(loop, done);
      return;
    }
    if (!queue.isEmpty() || connecting) {
      shutdownPending = true;
      shutdownDone = done;
      return;
    }
    doShutdown();
    LoopIo.deferToPending(loop, done);
  }

  private Runnable shutdownDone;

  private void doShutdown() {
    outputShut = true;
    try {
      channel.shutdownOutput();
    } catch (IOException ignored) {
      // the peer is gone: the read side reports it
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /** Closes the channel at once (queued bytes are dropped) and releases the loop's ref. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    OPEN.decrementAndGet();
    reading = false;
    queue.clear();
    queuedBytes = 0;
    key.cancel();
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing to report on a close
    }
    if (refd) {
      refd = false;
      LoopIo.unref(loop);
    }
  }

  /** Closes with an RST instead of a FIN (SO_LINGER 0), as Node's resetAndDestroy. */
  public void reset() {
    if (!closed) {
      try {
        channel.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException ignored) {
        // closing anyway
      }
      close();
    }
  }

  public void ref() {
    if (!refd && !closed) {
      refd = true;
      LoopIo.ref(loop);
    }
  }

  public void unref() {
    if (refd && !closed) {
      refd = false;
      LoopIo.unref(loop);
    }
  }

  public boolean hasRef() {
    return refd;
  }

  /** The loop time of the last read or write (for idle timeouts). */
  public long lastActivity() {
    return lastActivity;
  }

  public long bytesRead() {
    return bytesRead;
  }

  public long bytesWritten() {
    return bytesWritten;
  }

  private void updateInterest() {
    if (closed || !key.isValid()) {
      return;
    }
    int ops = 0;
    if (connecting) {
      ops = SelectionKey.OP_CONNECT;
    } else {
      if (reading) {
        ops |= SelectionKey.OP_READ;
      }
      if (!queue.isEmpty()) {
        ops |= SelectionKey.OP_WRITE;
      }
    }
    if (key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }

  @Override
  public void onIo(int readyOps) {
    if (closed) {
      return;
    }
    if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
      finishConnect();
      return;
    }
    if ((readyOps & SelectionKey.OP_WRITE) != 0) {
      flushQueue();
      if (closed) {
        return;
      }
    }
    if ((readyOps & SelectionKey.OP_READ) != 0 && reading) {
      readAvailable();
    }
  }

  private void flushQueue() {
    try {
      ByteBuffer b;
      while ((b = queue.peekFirst()) != null) {
        int before = b.remaining();
        int n = writeFully(b);
        bytesWritten += n;
        queuedBytes -= n;
        if (n < before) {
          return;
        }
        queue.pollFirst();
      }
    } catch (IOException e) {
      queue.clear();
      queuedBytes = 0;
      updateInterest();
      sink.onError(NetErrors.of(e, "write", null, -1));
      return;
    }
    updateInterest();
    if (shutdownPending) {
      shutdownPending = false;
      doShutdown();
      Runnable done = shutdownDone;
      shutdownDone = null;
      LoopIo.deferToPending(loop, done);
    }
    sink.onDrain();
  }

  private void readAvailable() {
    IoBuffers b = io();
    ByteBuffer buf = b.readDirect;
    byte[] array = b.readArray;
    for (int i = 0; i < READS_PER_EVENT && reading && !closed; i++) {
      buf.clear();
      int n;
      try {
        n = channel.read(buf);
      } catch (IOException e) {
        reading = false;
        updateInterest();
        sink.onError(NetErrors.of(e, "read", null, -1));
        return;
      }
      if (n > 0) {
        buf.get(0, array, 0, n);
        bytesRead += n;
        lastActivity = loop.now();
        sink.onData(array, 0, n);
        if (n < array.length) {
          return;
        }
        // each read is its own callback in Node: ticks and microtasks run before the next one
        LoopIo.drain(loop);
      } else if (n < 0) {
        reading = false;
        updateInterest();
        sink.onEof();
        return;
      } else {
        return;
      }
    }
  }
}
