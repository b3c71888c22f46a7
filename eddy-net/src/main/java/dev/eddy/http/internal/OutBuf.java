package dev.eddy.http.internal;

import dev.eddy.internal.LoopLocal;
import java.nio.ByteBuffer;

/** A growable byte array for composing response bytes; ASCII and Latin-1 writes without encoders. */
public final class OutBuf {
  private byte[] buf;
  private int size;

  public OutBuf(int capacity) {
    buf = new byte[capacity];
  }

  // Per-loop pool of output buffers: a connection holds one only while it has unflushed output,
  // so ten thousand idle connections share a handful instead of holding 16 KiB each.
  private static final int POOLED_CAPACITY = 16 * 1024;
  private static final int POOL_MAX = 64;
  private static final LoopLocal<Pool> POOL = LoopLocal.withInitial(Pool::new);

  /**
   * The current loop's pool (outside a loop, the calling thread's). A connection looks it up once
   * and keeps it, since every write of a connection runs on its loop.
   */
  public static Pool pool() {
    return POOL.get();
  }

  /** One thread's free output buffers; that thread only. */
  public static final class Pool {
    private final java.util.ArrayDeque<OutBuf> free = new java.util.ArrayDeque<>();

    private Pool() {}

    /** A cleared buffer from this pool (or a new one). */
    public OutBuf acquire() {
      OutBuf b = free.pollLast();
      return b != null ? b : new OutBuf(POOLED_CAPACITY);
    }

    /**
     * Returns {@code b} to this pool; the caller must not touch it afterwards. A buffer that grew
     * large is dropped so the pool holds only the usual size.
     */
    public void release(OutBuf b) {
      if (b.buf.length <= 4 * POOLED_CAPACITY && free.size() < POOL_MAX) {
        b.size = 0;
        free.addLast(b);
      }
    }
  }

  public int size() {
    return size;
  }

  private ByteBuffer view;

  /**
   * The bytes written so far, as a ByteBuffer over this buffer's array: one view per array, reused
   * by every flush (no allocation per response). Valid until the next write.
   */
  public ByteBuffer bytes() {
    ByteBuffer v = view;
    if (v == null || v.array() != buf) {
      view = v = ByteBuffer.wrap(buf);
    }
    v.clear();
    return v.limit(size);
  }

  public byte[] array() {
    return buf;
  }

  public void reset() {
    size = 0;
  }

  /** Gives the bytes away as a ByteBuffer and starts over on a fresh array. */
  public ByteBuffer detach(int nextCapacity) {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, size);
    buf = new byte[nextCapacity];
    size = 0;
    return b;
  }

  private void ensure(int extra) {
    int need = size + extra;
    if (need > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  public OutBuf write(byte[] b) {
    return write(b, 0, b.length);
  }

  public OutBuf write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
    return this;
  }

  public OutBuf write(ByteBuffer b) {
    int len = b.remaining();
    ensure(len);
    b.get(b.position(), buf, size, len);
    size += len;
    return this;
  }

  public OutBuf write(dev.eddy.Buffer b) {
    int len = b.length();
    ensure(len);
    b.copyTo(buf, size);
    size += len;
    return this;
  }

  public OutBuf writeByte(int c) {
    ensure(1);
    buf[size++] = (byte) c;
    return this;
  }

  /** Writes each char as one byte (callers have checked the chars are below 256). */
  public OutBuf writeLatin1(String s) {
    int n = s.length();
    ensure(n);
    s.getBytes(0, n, buf, size);
    size += n;
    return this;
  }

  public OutBuf crlf() {
    ensure(2);
    buf[size++] = '\r';
    buf[size++] = '\n';
    return this;
  }

  public OutBuf writeDecimal(long v) {
    if (v < 0) {
      return writeLatin1(Long.toString(v));
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    ensure(digits);
    int end = size + digits;
    for (int i = end - 1; i >= size; i--) {
      buf[i] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    size = end;
    return this;
  }

  public OutBuf writeHex(int v) {
    return writeLatin1(Integer.toHexString(v));
  }
}
