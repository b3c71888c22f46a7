package dev.eddy.net.internal;

import dev.eddy.Loop;
import dev.eddy.net.NetException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;

/**
 * A connected byte stream on one loop, as the socket and HTTP layers see it: libuv's uv_stream_t.
 * {@link TcpChannel} is the real one; {@link MemoryChannel} is an in-process pair for tests. Every
 * method is for the loop thread only.
 */
public interface Channel {
  /** What the channel reports; every call runs on the loop thread in a callback of its own. */
  interface Sink {
    /** A connect started with {@link TcpChannel#connect} finished successfully. */
    void onConnect();

    /** Bytes read; valid only during the call. */
    void onData(byte[] buf, int off, int len);

    /** The peer ended its side (FIN). Reading has stopped. */
    void onEof();

    /** A connect, read or write failed; the channel is still open (the sink decides). */
    void onError(NetException error);

    /** Everything queued by {@link #write} has left user space. */
    void onDrain();
  }

  Loop loop();

  /** Replaces the receiver of this channel's events. */
  void sink(Sink sink);

  Sink sink();

  /** Starts delivering reads to the sink (no-op when closed or already reading). */
  void readStart();

  /** Stops delivering reads; bytes the peer sends wait until {@link #readStart}. */
  void readStop();

  boolean isReading();

  /**
   * Writes {@code buf} (its position to limit; the channel owns it until written). Returns true
   * when all of it left user space now; false when some is queued, in which case the sink hears
   * {@link Sink#onDrain} once the queue empties. A write error is reported to the sink later (never
   * inside this call) and the bytes are dropped.
   */
  boolean write(ByteBuffer buf);

  /** Writes several buffers in order; see {@link #write(ByteBuffer)}. */
  boolean write(ByteBuffer[] bufs);

  /** Bytes queued in user space, not yet handed to the transport (Node's writableLength share). */
  long queuedBytes();

  /** Half-closes the sending side once the queue has drained; {@code done} runs later either way. */
  void shutdownOutput(Runnable done);

  boolean isClosed();

  /** Closes at once (queued bytes are dropped) and releases the loop's ref. Idempotent. */
  void close();

  /** Closes abortively: the peer sees ECONNRESET rather than an orderly end. */
  void reset();

  /** Counts the channel in the loop's liveness again after {@link #unref}. */
  void ref();

  /** Lets the loop end while this channel is open. */
  void unref();

  boolean hasRef();

  /** The loop time of the last read or write (for idle timeouts). */
  long lastActivity();

  long bytesRead();

  long bytesWritten();

  /** This end's address, or null when unknown. */
  InetSocketAddress localAddress();

  /** The peer's address, or null when unknown or not connected. */
  InetSocketAddress remoteAddress();

  /**
   * Sets a socket option where the transport has it (TCP_NODELAY, SO_KEEPALIVE, ...); a
   * transport without such options ignores the call.
   *
   * @throws IOException when the transport rejects the option
   */
  <T> void setOption(SocketOption<T> name, T value) throws IOException;
}
