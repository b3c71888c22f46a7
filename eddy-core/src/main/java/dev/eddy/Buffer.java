package dev.eddy;

import dev.eddy.internal.BufferPool;
import dev.eddy.internal.NodeErrors;
import dev.eddy.internal.StringBytes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Node's {@code Buffer}: a fixed-length view of bytes with Node 20's factories, encodings, search,
 * comparison and number access, and Node's error texts and codes for out-of-range arguments.
 *
 * <p><b>Memory.</b> A buffer is a window on memory that other buffers may share: {@link #slice}
 * and {@link #subarray} return views, not copies, and {@link #from(ByteBuffer)} and {@link
 * #asByteBuffer} cross to and from NIO without copying, so socket and file I/O can read and write
 * buffers in place. Small {@link #allocUnsafe} buffers (and small results of {@code from} and
 * {@link #concat}) are carved from a shared 8 KiB slab like Node's pool ({@link #POOL_SIZE}); such
 * a buffer's {@link #asByteBuffer} exposes the slab as its backing array, as Node's {@code
 * buf.buffer} exposes the pool.
 *
 * <p><b>Bytes and values.</b> {@link #get} returns bytes as unsigned values 0..255, as Node's
 * indexing does, and {@link #set} stores the low 8 bits of any int. Reads and writes of numbers
 * come in both byte orders; their Java types are the narrowest that hold every value Node returns:
 * {@code int} for 8 and 16 bits and for signed 32 bits, {@code long} for unsigned 32 bits and for
 * signed 64 bits ({@code readBigInt64LE}, a BigInt in Node), {@link BigInteger} for unsigned 64 bits
 * ({@code readBigUInt64LE}; for speed read the same bytes with {@code readBigInt64LE} and treat
 * the {@code long} as unsigned), {@code float} and {@code double}.
 *
 * <p><b>Encodings.</b> See {@link Encoding}. Decoding UTF-8 replaces each maximal ill-formed subpart
 * with U+FFFD exactly as V8 does; encoding a string writes each unpaired surrogate as U+FFFD. Hex
 * decoding stops at the first pair that is not hex and ignores an odd last digit. Base64 decoding
 * is lenient as Node's: it accepts both alphabets ({@code +/} and {@code -_}), skips whitespace and
 * every other character that is not a digit, ends at the first {@code '='}, and needs no padding.
 * Where Node reads characters as bytes (hex and base64 decoding, Latin-1 and ASCII encoding) it
 * uses the low 8 bits of each char, so {@code "\u0141"} counts as {@code 'A'}; so does this class.
 *
 * <p><b>Errors.</b> Arguments Node rejects are rejected with a {@link NodeException} carrying Node's
 * name, code and message: {@code RangeError} {@code ERR_OUT_OF_RANGE} ({@code The value of
 * "offset" is out of range. It must be >= 0 and <= 2. Received 3}), {@code RangeError} {@code
 * ERR_BUFFER_OUT_OF_BOUNDS} ({@code Attempt to access memory outside buffer bounds}) and {@code
 * TypeError} {@code ERR_INVALID_ARG_VALUE}. Null arguments throw {@link NullPointerException}. A
 * buffer made by {@link #from(ByteBuffer)} from a read-only {@code ByteBuffer} throws {@link
 * java.nio.ReadOnlyBufferException} on writes.
 *
 * <p><b>Threads.</b> Like a {@code byte[]}, a buffer is not synchronized: any thread may use it,
 * but threads that share one (or views of the same memory) must order their accesses themselves,
 * for instance by handing it over through {@link Loop#execute}. The static methods may be called
 * from any thread at any time.
 */
public final class Buffer implements Comparable<Buffer> {
  /** Node's {@code Buffer.poolSize}: buffers smaller than half of it come from the shared pool. */
  public static final int POOL_SIZE = BufferPool.POOL_SIZE;

  private static final int POOL_THRESHOLD = POOL_SIZE >>> 1;
  private static final byte[] NO_BYTES = new byte[0];
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final String MAX_LENGTH = Long.toString(NodeErrors.K_MAX_LENGTH);

  private static final VarHandle SHORT_LE = arrayView(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_BE = arrayView(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_LE = arrayView(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE = arrayView(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_LE = arrayView(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE = arrayView(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle NIO_SHORT_LE = nioView(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle NIO_SHORT_BE = nioView(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle NIO_INT_LE = nioView(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle NIO_INT_BE = nioView(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle NIO_LONG_LE = nioView(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle NIO_LONG_BE = nioView(long[].class, ByteOrder.BIG_ENDIAN);

  // Exactly one of hb and nio is set: heap memory (arrays, heap ByteBuffers, the pool) is
  // accessed as an array, which every JDK fast path takes; only direct or read-only ByteBuffers
  // go through nio, with absolute indices, so their position and limit never matter.
  private final byte[] hb;
  private final ByteBuffer nio;
  /** Index of this view's byte 0 in hb or nio. */
  private final int base;
  /** Not final only so that {@link #transfer()} can detach this view (length 0). */
  private int length;

  private Buffer(byte[] hb, int base, int length) {
    this.hb = hb;
    this.nio = null;
    this.base = base;
    this.length = length;
  }

  private Buffer(ByteBuffer nio, int base, int length) {
    this.hb = null;
    this.nio = nio;
    this.base = base;
    this.length = length;
  }

  // ---------------------------------------------------------------------------------------------
  // Factories

  /**
   * Node's {@code Buffer.alloc(size)}: a new zero-filled buffer with memory of its own.
   *
   * @param size the length in bytes
   * @return the buffer
   * @throws NodeException {@code ERR_OUT_OF_RANGE} if {@code size} is negative
   */
  public static Buffer alloc(int size) {
    checkSize(size);
    return new Buffer(size == 0 ? NO_BYTES : new byte[size], 0, size);
  }

  /**
   * Node's {@code Buffer.alloc(size, fill)} with a number: every byte is {@code fill & 0xFF}.
   *
   * @param size the length in bytes
   * @param fill the byte value; only its low 8 bits count
   * @return the buffer
   * @throws NodeException {@code ERR_OUT_OF_RANGE} if {@code size} is negative
   */
  public static Buffer alloc(int size, int fill) {
    Buffer b = alloc(size);
    return (fill & 0xFF) == 0 ? b : b.fill(fill);
  }

  /**
   * Node's {@code Buffer.alloc(size, fill)} with a string: the UTF-8 of {@code fill}, repeated.
   *
   * @see #alloc(int, String, Encoding)
   */
  public static Buffer alloc(int size, String fill) {
    return alloc(size, fill, Encoding.UTF8);
  }

  /**
   * Node's {@code Buffer.alloc(size, fill, encoding)}: {@code fill} encoded, repeated to the end
   * (the last repetition cut short); an empty {@code fill} gives zeros.
   *
   * @param size the length in bytes
   * @param fill the string whose bytes fill the buffer
   * @param encoding how {@code fill} becomes bytes
   * @return the buffer
   * @throws NodeException {@code ERR_OUT_OF_RANGE} if {@code size} is negative; {@code
   *     ERR_INVALID_ARG_VALUE} if {@code size > 0} and {@code fill} encodes to no bytes (hex
   *     {@code "zz"}, base64 {@code "="})
   */
  public static Buffer alloc(int size, String fill, Encoding encoding) {
    Objects.requireNonNull(fill, "fill");
    Objects.requireNonNull(encoding, "encoding");
    Buffer b = alloc(size);
    return size == 0 ? b : b.fill(fill, encoding);
  }

  /**
   * Node's {@code Buffer.allocUnsafe(size)}: a buffer whose contents are unspecified. Below half
   * of {@link #POOL_SIZE} it is a view of the shared pool slab (no array of its own), otherwise it
   * has memory of its own. The JVM zeroes all memory, so the contents are in fact zero, but code
   * should not rely on it, as in Node.
   *
   * @param size the length in bytes
   * @return the buffer
   * @throws NodeException {@code ERR_OUT_OF_RANGE} if {@code size} is negative
   */
  public static Buffer allocUnsafe(int size) {
    checkSize(size);
    return allocate(size);
  }

  /** Node's {@code Buffer.from(string)}: the UTF-8 of {@code string}. */
  public static Buffer from(String string) {
    return from(string, Encoding.UTF8);
  }

  /**
   * Node's {@code Buffer.from(string, encoding)}: the bytes of {@code string} in {@code encoding},
   * with Node's rules for unpaired surrogates and for invalid hex and base64 (see the class
   * comment). Small results come from the shared pool.
   *
   * @param string the text
   * @param encoding how it becomes bytes
   * @return a new buffer with the bytes
   */
  public static Buffer from(String string, Encoding encoding) {
    Objects.requireNonNull(string, "string");
    Objects.requireNonNull(encoding, "encoding");
    if (string.isEmpty()) {
      return new Buffer(NO_BYTES, 0, 0);
    }
    if (string.length() < POOL_THRESHOLD) {
      int max = StringBytes.maxLength(string, encoding);
      if (max < POOL_THRESHOLD) {
        // Encode straight into the slab: claim the upper bound, give back what was not needed.
        for (;;) {
          BufferPool.Slab slab = BufferPool.current();
          int at = slab.claim(max);
          if (at >= 0) {
            int written = StringBytes.write(string, encoding, slab.bytes, at);
            slab.shrink(at, max, written);
            return new Buffer(slab.bytes, at, written);
          }
          BufferPool.retire(slab);
        }
      }
    }
    byte[] bytes = StringBytes.encode(string, encoding);
    return new Buffer(bytes, 0, bytes.length);
  }

  /**
   * Node's {@code Buffer.from(array)}: a copy of {@code bytes}.
   *
   * @param bytes the bytes to copy
   * @return a new buffer with the same bytes
   */
  public static Buffer from(byte[] bytes) {
    Buffer b = allocate(bytes.length);
    System.arraycopy(bytes, 0, b.hb, b.base, bytes.length);
    return b;
  }

  /**
   * Node's {@code Buffer.from(buffer)}: a copy of {@code buffer}'s bytes.
   *
   * @param buffer the buffer to copy
   * @return a new buffer with the same bytes and memory of its own (or of the pool)
   */
  public static Buffer from(Buffer buffer) {
    Buffer b = allocate(buffer.length);
    buffer.read(0, b.hb, b.base, buffer.length);
    return b;
  }

  /**
   * A view of the bytes between {@code bytes}'s position and limit, without copying: writes through
   * either are seen by the other. Like Node's {@code Buffer.from(arrayBuffer)}. Later changes of
   * {@code bytes}'s position, limit or byte order do not affect the view. A read-only {@code
   * ByteBuffer} gives a buffer that throws {@link java.nio.ReadOnlyBufferException} on writes.
   *
   * @param bytes the memory to view
   * @return the view
   */
  public static Buffer from(ByteBuffer bytes) {
    if (bytes.hasArray()) {
      return new Buffer(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }
    return new Buffer(bytes.slice(), 0, bytes.remaining());
  }

  /**
   * Node's {@code Buffer.concat(list)}: the bytes of all buffers, one after the other, in a new
   * buffer.
   *
   * @param list the buffers; may be empty
   * @return a new buffer
   * @throws NullPointerException if {@code list} or an element is null
   * @throws OutOfMemoryError if the total exceeds what a Java array holds
   */
  public static Buffer concat(List<Buffer> list) {
    long total = 0;
    for (Buffer b : list) {
      total += b.length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new OutOfMemoryError("Buffer.concat: " + total + " bytes exceed the maximum array size");
    }
    return concat(list, (int) total);
  }

  /**
   * Node's {@code Buffer.concat(list, totalLength)}: the bytes of all buffers, one after the other,
   * cut at {@code totalLength}, or padded with zeros up to it.
   *
   * @param list the buffers; if empty, the result is empty whatever {@code totalLength} is
   * @param totalLength the result's length
   * @return a new buffer
   * @throws NodeException {@code ERR_OUT_OF_RANGE} if {@code totalLength} is negative and {@code
   *     list} is not empty
   * @throws NullPointerException if {@code list} or an element is null
   */
  public static Buffer concat(List<Buffer> list, int totalLength) {
    if (list.isEmpty()) {
      return new Buffer(NO_BYTES, 0, 0);
    }
    if (totalLength < 0) {
      throw NodeErrors.outOfRange("length", ">= 0 && <= " + MAX_LENGTH, totalLength);
    }
    Buffer out = allocate(totalLength);
    int pos = 0;
    for (Buffer b : list) {
      int n = Math.min(b.length, totalLength - pos);
      b.read(0, out.hb, out.base + pos, n);
      pos += n;
    }
    Arrays.fill(out.hb, out.base + pos, out.base + totalLength, (byte) 0);
    return out;
  }

  /**
   * Node's {@code Buffer.byteLength(string, encoding)}: how many bytes {@link #from(String,
   * Encoding)} makes of {@code string}. Exact except for base64 and base64url, where it is Node's
   * estimate from the string's length (trailing {@code '='} excluded), an upper bound.
   *
   * @param string the text
   * @param encoding the encoding
   * @return the length in bytes
   */
  public static int byteLength(String string, Encoding encoding) {
    return StringBytes.byteLength(Objects.requireNonNull(string, "string"),
        Objects.requireNonNull(encoding, "encoding"));
  }

  /**
   * Node's {@code Buffer.isEncoding(name)}: whether {@code name} names an encoding, ignoring case.
   *
   * @param name a name such as {@code "utf-8"} or {@code "UCS2"}; null is no encoding
   * @return true if {@link Encoding#of} accepts the name
   */
  public static boolean isEncoding(String name) {
    return Encoding.isEncoding(name);
  }

  /**
   * Node's {@code Buffer.compare(a, b)}: bytewise comparison as unsigned values, a proper prefix
   * first.
   *
   * @param a a buffer
   * @param b another buffer
   * @return -1, 0 or 1
   */
  public static int compare(Buffer a, Buffer b) {
    return a.compare(b);
  }

  // ---------------------------------------------------------------------------------------------
  // Views

  /** The number of bytes, Node's {@code buf.length}. */
  public int length() {
    return length;
  }

  /** This whole buffer as a new view; Node's {@code buf.slice()}. */
  public Buffer slice() {
    return view(0, length);
  }

  /**
   * Node's {@code buf.slice(start)}: a view from {@code start} to the end, sharing memory.
   *
   * @see #slice(int, int)
   */
  public Buffer slice(int start) {
    return subarray(start, length);
  }

  /**
   * Node's {@code buf.slice(start, end)}: a view of bytes {@code start} to {@code end} (exclusive)
   * that shares this buffer's memory. A negative index counts from the end; indices are then
   * clamped to {@code 0..length()}, and {@code end <= start} gives an empty view. Never throws.
   *
   * @param start the first byte
   * @param end the byte after the last
   * @return the view
   */
  public Buffer slice(int start, int end) {
    return subarray(start, end);
  }

  /** Node's {@code buf.subarray()}: the same as {@link #slice()}. */
  public Buffer subarray() {
    return slice();
  }

  /** Node's {@code buf.subarray(start)}: the same as {@link #slice(int)}. */
  public Buffer subarray(int start) {
    return subarray(start, length);
  }

  /** Node's {@code buf.subarray(start, end)}: the same as {@link #slice(int, int)}. */
  public Buffer subarray(int start, int end) {
    int from = adjustOffset(start, length);
    int to = adjustOffset(end, length);
    return view(from, Math.max(to - from, 0));
  }

  /**
   * A {@code ByteBuffer} over this buffer's memory, without copying: position 0, limit and capacity
   * {@link #length()}, big-endian, writable unless this buffer views read-only memory. Each call
   * returns a new {@code ByteBuffer}, so its position and limit are the caller's own. Use it to
   * hand the bytes to channels.
   *
   * @return the view
   */
  public ByteBuffer asByteBuffer() {
    return hb != null ? ByteBuffer.wrap(hb, base, length).slice() : nio.slice(base, length);
  }

  /**
   * Moves this buffer's memory into a new Buffer and detaches this one (its length becomes 0), as
   * JavaScript's {@code ArrayBuffer.prototype.transfer} and a worker's transfer list do: no bytes
   * are copied. Other views of the same memory (from {@code subarray} or {@code slice}) are not
   * detached. Call it on the thread that owns the buffer.
   */
  public Buffer transfer() {
    Buffer moved = hb != null ? new Buffer(hb, base, length) : new Buffer(nio, base, length);
    length = 0;
    return moved;
  }

  /** A copy of the bytes in a new array. */
  public byte[] toByteArray() {
    byte[] out = new byte[length];
    read(0, out, 0, length);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Bytes

  /**
   * Node's {@code buf[index]}: the byte at {@code index} as an unsigned value.
   *
   * @param index 0 to {@code length() - 1}
   * @return 0 to 255
   * @throws IndexOutOfBoundsException if {@code index} is outside the buffer (where Node gives
   *     {@code undefined})
   */
  public int get(int index) {
    return at(Objects.checkIndex(index, length)) & 0xFF;
  }

  /**
   * Node's {@code buf[index] = value}: stores the low 8 bits of {@code value} (256 stores 0, -1
   * stores 255).
   *
   * @param index 0 to {@code length() - 1}
   * @param value the byte value
   * @return this buffer
   * @throws IndexOutOfBoundsException if {@code index} is outside the buffer (where Node ignores
   *     the store)
   */
  public Buffer set(int index, int value) {
    put(Objects.checkIndex(index, length), (byte) value);
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Strings

  /** Node's {@code buf.toString()}: the bytes decoded as UTF-8. */
  @Override
  public String toString() {
    return decode(Encoding.UTF8, 0, length);
  }

  /** Node's {@code buf.toString(encoding)}: all bytes decoded. */
  public String toString(Encoding encoding) {
    return decode(Objects.requireNonNull(encoding, "encoding"), 0, length);
  }

  /**
   * Node's {@code buf.toString(encoding, start, end)}: bytes {@code start} to {@code end}
   * (exclusive) decoded. Out-of-range indices are clamped as in Node: a negative {@code start} is
   * 0, an {@code end} past the buffer is its length, and an empty range gives "". Never throws for
   * indices.
   *
   * @param encoding how the bytes become text
   * @param start the first byte
   * @param end the byte after the last
   * @return the text
   */
  public String toString(Encoding encoding, int start, int end) {
    Objects.requireNonNull(encoding, "encoding");
    if (start <= 0) {
      start = 0;
    } else if (start >= length) {
      return "";
    }
    if (end > length) {
      end = length;
    }
    if (end <= start) {
      return "";
    }
    return decode(encoding, start, end - start);
  }

  // ---------------------------------------------------------------------------------------------
  // Comparison

  /**
   * Node's {@code buf.equals(other)}: whether {@code other} is a buffer with the same bytes. With
   * {@link #hashCode} this makes buffers usable as keys, as long as their bytes do not change
   * meanwhile.
   */
  @Override
  public boolean equals(Object other) {
    return other == this
        || other instanceof Buffer b && b.length == length && compareRange(b, 0, length, 0, length) == 0;
  }

  /** A hash of the bytes, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < length; i++) {
      h = 31 * h + at(i);
    }
    return h;
  }

  /**
   * Node's {@code buf.compare(target)}: bytewise comparison as unsigned values, a proper prefix
   * first.
   *
   * @param target the buffer to compare with
   * @return -1 if this buffer sorts before {@code target}, 0 if equal, 1 if after
   */
  public int compare(Buffer target) {
    if (target == this) {
      return 0;
    }
    return compareRange(target, 0, target.length, 0, length);
  }

  /**
   * Node's {@code buf.compare(target, targetStart, targetEnd, sourceStart, sourceEnd)}: compares
   * this buffer's bytes {@code sourceStart..sourceEnd} with {@code target}'s bytes {@code
   * targetStart..targetEnd} (ends exclusive). Node's early answers for empty ranges hold: an empty
   * source range gives 0 if the target range is empty too, else -1; an empty target range gives 1.
   *
   * @return -1, 0 or 1
   * @throws NodeException {@code ERR_OUT_OF_RANGE} if a start is negative or an end is negative or
   *     past its buffer
   */
  public int compare(Buffer target, int targetStart, int targetEnd, int sourceStart, int sourceEnd) {
    Objects.requireNonNull(target, "target");
    checkOffset("targetStart", targetStart, NodeErrors.K_MAX_LENGTH);
    checkOffset("targetEnd", targetEnd, target.length);
    checkOffset("sourceStart", sourceStart, NodeErrors.K_MAX_LENGTH);
    checkOffset("sourceEnd", sourceEnd, length);
    if (sourceStart >= sourceEnd) {
      return targetStart >= targetEnd ? 0 : -1;
    }
    if (targetStart >= targetEnd) {
      return 1;
    }
    return compareRange(target, targetStart, targetEnd, sourceStart, sourceEnd);
  }

  /** The same as {@link #compare(Buffer)}, for sorting. */
  @Override
  public int compareTo(Buffer other) {
    return compare(other);
  }

  // ---------------------------------------------------------------------------------------------
  // Search

  /** Node's {@code buf.indexOf(value)} for a byte value: the first index of {@code value & 0xFF}, or -1. */
  public int indexOf(int value) {
    return indexOfByte(value, 0, true);
  }

  /**
   * Node's {@code buf.indexOf(value, byteOffset)} for a byte value: the first index at or after
   * {@code byteOffset} of {@code value & 0xFF}, or -1. A negative {@code byteOffset} counts from
   * the end; one before the start searches the whole buffer.
   */
  public int indexOf(int value, int byteOffset) {
    return indexOfByte(value, byteOffset, true);
  }

  /** Node's {@code buf.indexOf(value)} for a buffer: where its bytes first occur, or -1. */
  public int indexOf(Buffer value) {
    return indexOfBytes(value.toByteArray(), 0, true, false);
  }

  /**
   * Node's {@code buf.indexOf(value, byteOffset)} for a buffer: the first occurrence of its bytes
   * at or after {@code byteOffset}, or -1. A negative {@code byteOffset} counts from the end. An
   * empty {@code value} is found at {@code byteOffset} (clamped to the buffer), as in Node.
   */
  public int indexOf(Buffer value, int byteOffset) {
    return indexOfBytes(value.toByteArray(), byteOffset, true, false);
  }

  /** Node's {@code buf.indexOf(value)} for a string: where its UTF-8 first occurs, or -1. */
  public int indexOf(String value) {
    return indexOf(value, 0, Encoding.UTF8);
  }

  /** Node's {@code buf.indexOf(value, encoding)}: where {@code value} encoded first occurs, or -1. */
  public int indexOf(String value, Encoding encoding) {
    return indexOf(value, 0, encoding);
  }

  /** Node's {@code buf.indexOf(value, byteOffset)} for a string, in UTF-8. */
  public int indexOf(String value, int byteOffset) {
    return indexOf(value, byteOffset, Encoding.UTF8);
  }

  /**
   * Node's {@code buf.indexOf(value, byteOffset, encoding)}: the first occurrence of {@code
   * value}'s bytes in {@code encoding} at or after {@code byteOffset}, or -1. As in Node, {@link
   * Encoding#UTF16LE} matches only at even indices.
   *
   * @param value the text to find
   * @param byteOffset where to start; negative counts from the end
   * @param encoding how {@code value} becomes bytes
   * @return the index, or -1
   */
  public int indexOf(String value, int byteOffset, Encoding encoding) {
    return indexOfString(value, byteOffset, encoding, true);
  }

  /** Node's {@code buf.lastIndexOf(value)} for a byte value: the last index of {@code value & 0xFF}, or -1. */
  public int lastIndexOf(int value) {
    return indexOfByte(value, length, false);
  }

  /**
   * Node's {@code buf.lastIndexOf(value, byteOffset)} for a byte value: the last index at or before
   * {@code byteOffset}, or -1. A negative {@code byteOffset} counts from the end; one before the
   * start finds nothing.
   */
  public int lastIndexOf(int value, int byteOffset) {
    return indexOfByte(value, byteOffset, false);
  }

  /** Node's {@code buf.lastIndexOf(value)} for a buffer: where its bytes last occur, or -1. */
  public int lastIndexOf(Buffer value) {
    return indexOfBytes(value.toByteArray(), length, false, false);
  }

  /**
   * Node's {@code buf.lastIndexOf(value, byteOffset)} for a buffer: the last occurrence starting at
   * or before {@code byteOffset}, or -1.
   */
  public int lastIndexOf(Buffer value, int byteOffset) {
    return indexOfBytes(value.toByteArray(), byteOffset, false, false);
  }

  /** Node's {@code buf.lastIndexOf(value)} for a string, in UTF-8. */
  public int lastIndexOf(String value) {
    return lastIndexOf(value, length, Encoding.UTF8);
  }

  /** Node's {@code buf.lastIndexOf(value, encoding)}. */
  public int lastIndexOf(String value, Encoding encoding) {
    return lastIndexOf(value, length, encoding);
  }

  /** Node's {@code buf.lastIndexOf(value, byteOffset)} for a string, in UTF-8. */
  public int lastIndexOf(String value, int byteOffset) {
    return lastIndexOf(value, byteOffset, Encoding.UTF8);
  }

  /**
   * Node's {@code buf.lastIndexOf(value, byteOffset, encoding)}: the last occurrence of {@code
   * value}'s bytes starting at or before {@code byteOffset}, or -1.
   *
   * @see #indexOf(String, int, Encoding)
   */
  public int lastIndexOf(String value, int byteOffset, Encoding encoding) {
    return indexOfString(value, byteOffset, encoding, false);
  }

  /** Node's {@code buf.includes(value)}: {@code indexOf(value) != -1}. */
  public boolean includes(int value) {
    return indexOf(value) != -1;
  }

  /** Node's {@code buf.includes(value, byteOffset)}: {@code indexOf(value, byteOffset) != -1}. */
  public boolean includes(int value, int byteOffset) {
    return indexOf(value, byteOffset) != -1;
  }

  /** Node's {@code buf.includes(value)}: {@code indexOf(value) != -1}. */
  public boolean includes(Buffer value) {
    return indexOf(value) != -1;
  }

  /** Node's {@code buf.includes(value, byteOffset)}: {@code indexOf(value, byteOffset) != -1}. */
  public boolean includes(Buffer value, int byteOffset) {
    return indexOf(value, byteOffset) != -1;
  }

  /** Node's {@code buf.includes(value)}: {@code indexOf(value) != -1}. */
  public boolean includes(String value) {
    return indexOf(value) != -1;
  }

  /** Node's {@code buf.includes(value, encoding)}: {@code indexOf(value, encoding) != -1}. */
  public boolean includes(String value, Encoding encoding) {
    return indexOf(value, encoding) != -1;
  }

  /** Node's {@code buf.includes(value, byteOffset)}: {@code indexOf(value, byteOffset) != -1}. */
  public boolean includes(String value, int byteOffset) {
    return indexOf(value, byteOffset) != -1;
  }

  /** Node's {@code buf.includes(value, byteOffset, encoding)}. */
  public boolean includes(String value, int byteOffset, Encoding encoding) {
    return indexOf(value, byteOffset, encoding) != -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Fill and copy

  /**
   * Node's {@code buf.fill(value)}: sets every byte to {@code value & 0xFF}.
   *
   * @return this buffer
   */
  public Buffer fill(int value) {
    fillByte((byte) value, 0, length);
    return this;
  }

  /**
   * Node's {@code buf.fill(value, offset, end)}: sets bytes {@code offset} to {@code end}
   * (exclusive) to {@code value & 0xFF}; nothing if {@code offset >= end}.
   *
   * @return this buffer
   * @throws NodeException {@code ERR_OUT_OF_RANGE} if {@code offset} is negative or {@code end}
   *     is negative or past the buffer
   */
  public Buffer fill(int value, int offset, int end) {
    checkFillRange(offset, end);
    if (offset < end) {
      fillByte((byte) value, offset, end);
    }
    return this;
  }

  /** Node's {@code buf.fill(string)}: the UTF-8 of {@code value}, repeated over the whole buffer. */
  public Buffer fill(String value) {
    return fill(value, 0, length, Encoding.UTF8);
  }

  /** Node's {@code buf.fill(string, encoding)}: {@code value} encoded, repeated over the whole buffer. */
  public Buffer fill(String value, Encoding encoding) {
    return fill(value, 0, length, encoding);
  }

  /**
   * Node's {@code buf.fill(string, offset, end, encoding)}: {@code value} encoded and repeated over
   * bytes {@code offset} to {@code end} (exclusive), the last repetition cut short; an empty
   * {@code value} fills zeros; nothing happens if {@code offset >= end}.
   *
   * @return this buffer
   * @throws NodeException {@code ERR_OUT_OF_RANGE} for a negative {@code offset} or an {@code end}
   *     outside the buffer; {@code ERR_INVALID_ARG_VALUE} if {@code value} is not empty but encodes
   *     to no bytes (hex {@code "zz"}, base64 {@code "="})
   */
  public Buffer fill(String value, int offset, int end, Encoding encoding) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(encoding, "encoding");
    checkFillRange(offset, end);
    if (offset >= end) {
      return this;
    }
    if (value.isEmpty()) {
      fillByte((byte) 0, offset, end);
      return this;
    }
    byte[] pattern = StringBytes.encode(value, encoding);
    if (pattern.length == 0) {
      throw NodeErrors.invalidArgValue("value", NodeErrors.inspect(value));
    }
    fillPattern(pattern, offset, end);
    return this;
  }

  /** Node's {@code buf.fill(buffer)}: {@code value}'s bytes repeated over the whole buffer. */
  public Buffer fill(Buffer value) {
    return fill(value, 0, length);
  }

  /**
   * Node's {@code buf.fill(buffer, offset, end)}: {@code value}'s bytes repeated over bytes {@code
   * offset} to {@code end} (exclusive); nothing if {@code offset >= end}.
   *
   * @return this buffer
   * @throws NodeException {@code ERR_OUT_OF_RANGE} for a negative {@code offset} or an {@code end}
   *     outside the buffer; {@code ERR_INVALID_ARG_VALUE} if {@code value} is empty and the range
   *     is not
   */
  public Buffer fill(Buffer value, int offset, int end) {
    Objects.requireNonNull(value, "value");
    checkFillRange(offset, end);
    if (offset >= end) {
      return this;
    }
    if (value.length == 0) {
      throw NodeErrors.invalidArgValue("value", "<Buffer >");
    }
    fillPattern(value.toByteArray(), offset, end);
    return this;
  }

  /**
   * Copies all of this buffer's bytes into a Java array at {@code targetStart} (the bridge to code
   * that works on {@code byte[]}).
   *
   * @throws IndexOutOfBoundsException if they do not fit
   */
  public void copyTo(byte[] target, int targetStart) {
    java.util.Objects.checkFromIndexSize(targetStart, length, target.length);
    read(0, target, targetStart, length);
  }

  /**
   * A Buffer over {@code bytes} without copying (writes through either are seen by the other), as
   * Node's {@code Buffer.from(arrayBuffer)}.
   */
  public static Buffer wrap(byte[] bytes) {
    return new Buffer(bytes, 0, bytes.length);
  }

  /** Node's {@code buf.copy(target)}: copies as many bytes as fit to the start of {@code target}. */
  public int copy(Buffer target) {
    return copy(target, 0, 0, length);
  }

  /** Node's {@code buf.copy(target, targetStart)}. */
  public int copy(Buffer target, int targetStart) {
    return copy(target, targetStart, 0, length);
  }

  /** Node's {@code buf.copy(target, targetStart, sourceStart)}. */
  public int copy(Buffer target, int targetStart, int sourceStart) {
    return copy(target, targetStart, sourceStart, length);
  }

  /**
   * Node's {@code buf.copy(target, targetStart, sourceStart, sourceEnd)}: copies bytes {@code
   * sourceStart} to {@code sourceEnd} (exclusive; clamped to this buffer) to {@code target} from
   * {@code targetStart}, as many as fit. Overlapping memory (views of one buffer) is copied as if
   * through a temporary copy.
   *
   * @return the number of bytes copied; 0 if {@code targetStart} is at or past the end of {@code
   *     target} or the source range is empty
   * @throws NodeException {@code ERR_OUT_OF_RANGE} if {@code targetStart} or {@code sourceEnd} is
   *     negative or {@code sourceStart} is outside {@code 0..length()}
   */
  public int copy(Buffer target, int targetStart, int sourceStart, int sourceEnd) {
    Objects.requireNonNull(target, "target");
    if (targetStart < 0) {
      throw NodeErrors.outOfRange("targetStart", ">= 0", targetStart);
    }
    if (sourceStart < 0 || sourceStart > length) {
      throw NodeErrors.outOfRange("sourceStart", ">= 0 && <= " + length, sourceStart);
    }
    if (sourceEnd < 0) {
      throw NodeErrors.outOfRange("sourceEnd", ">= 0", sourceEnd);
    }
    if (targetStart >= target.length || sourceStart >= sourceEnd) {
      return 0;
    }
    int n = Math.min(Math.min(sourceEnd, length) - sourceStart, target.length - targetStart);
    if (hb != null && target.hb != null) {
      System.arraycopy(hb, base + sourceStart, target.hb, target.base + targetStart, n);
    } else {
      byte[] tmp = new byte[n];
      read(sourceStart, tmp, 0, n);
      target.write(targetStart, tmp, 0, n);
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers. Reads and writes check the offset as Node does: ERR_OUT_OF_RANGE ("It must be >= 0
  // and <= N") when some offset would fit, ERR_BUFFER_OUT_OF_BOUNDS when the buffer is too short
  // for the type at all. Writes check the value first, then the offset.

  /**
   * Node's {@code buf.readUInt8(offset)}.
   *
   * @return 0 to 255
   * @throws NodeException {@code ERR_OUT_OF_RANGE} or {@code ERR_BUFFER_OUT_OF_BOUNDS} if {@code
   *     offset} is not in {@code 0..length()-1}
   */
  public int readUInt8(int offset) {
    checkBounds(offset, 1);
    return at(offset) & 0xFF;
  }

  /** Node's {@code buf.readInt8(offset)}: -128 to 127; throws as {@link #readUInt8}. */
  public int readInt8(int offset) {
    checkBounds(offset, 1);
    return at(offset);
  }

  /** Node's {@code buf.readUInt16LE(offset)}: 0 to 65535; throws as {@link #readUInt8} for 2 bytes. */
  public int readUInt16LE(int offset) {
    checkBounds(offset, 2);
    return getShort(offset, false) & 0xFFFF;
  }

  /** Node's {@code buf.readUInt16BE(offset)}: 0 to 65535; throws as {@link #readUInt8} for 2 bytes. */
  public int readUInt16BE(int offset) {
    checkBounds(offset, 2);
    return getShort(offset, true) & 0xFFFF;
  }

  /** Node's {@code buf.readInt16LE(offset)}; throws as {@link #readUInt8} for 2 bytes. */
  public int readInt16LE(int offset) {
    checkBounds(offset, 2);
    return getShort(offset, false);
  }

  /** Node's {@code buf.readInt16BE(offset)}; throws as {@link #readUInt8} for 2 bytes. */
  public int readInt16BE(int offset) {
    checkBounds(offset, 2);
    return getShort(offset, true);
  }

  /** Node's {@code buf.readUInt32LE(offset)}: 0 to 4294967295; throws as {@link #readUInt8} for 4 bytes. */
  public long readUInt32LE(int offset) {
    checkBounds(offset, 4);
    return getInt(offset, false) & 0xFFFFFFFFL;
  }

  /** Node's {@code buf.readUInt32BE(offset)}: 0 to 4294967295; throws as {@link #readUInt8} for 4 bytes. */
  public long readUInt32BE(int offset) {
    checkBounds(offset, 4);
    return getInt(offset, true) & 0xFFFFFFFFL;
  }

  /** Node's {@code buf.readInt32LE(offset)}; throws as {@link #readUInt8} for 4 bytes. */
  public int readInt32LE(int offset) {
    checkBounds(offset, 4);
    return getInt(offset, false);
  }

  /** Node's {@code buf.readInt32BE(offset)}; throws as {@link #readUInt8} for 4 bytes. */
  public int readInt32BE(int offset) {
    checkBounds(offset, 4);
    return getInt(offset, true);
  }

  /** Node's {@code buf.readBigInt64LE(offset)} (a BigInt in Node); throws as {@link #readUInt8} for 8 bytes. */
  public long readBigInt64LE(int offset) {
    checkBounds(offset, 8);
    return getLong(offset, false);
  }

  /** Node's {@code buf.readBigInt64BE(offset)} (a BigInt in Node); throws as {@link #readUInt8} for 8 bytes. */
  public long readBigInt64BE(int offset) {
    checkBounds(offset, 8);
    return getLong(offset, true);
  }

  /**
   * Node's {@code buf.readBigUInt64LE(offset)}: 0 to 2^64-1. For the same bits without a {@code
   * BigInteger}, use {@link #readBigInt64LE} and {@link Long#toUnsignedString(long)} or {@link
   * Long#compareUnsigned}. Throws as {@link #readUInt8} for 8 bytes.
   */
  public BigInteger readBigUInt64LE(int offset) {
    checkBounds(offset, 8);
    return unsigned(getLong(offset, false));
  }

  /** Node's {@code buf.readBigUInt64BE(offset)}: see {@link #readBigUInt64LE}. */
  public BigInteger readBigUInt64BE(int offset) {
    checkBounds(offset, 8);
    return unsigned(getLong(offset, true));
  }

  /** Node's {@code buf.readFloatLE(offset)}; throws as {@link #readUInt8} for 4 bytes. */
  public float readFloatLE(int offset) {
    checkBounds(offset, 4);
    return Float.intBitsToFloat(getInt(offset, false));
  }

  /** Node's {@code buf.readFloatBE(offset)}; throws as {@link #readUInt8} for 4 bytes. */
  public float readFloatBE(int offset) {
    checkBounds(offset, 4);
    return Float.intBitsToFloat(getInt(offset, true));
  }

  /** Node's {@code buf.readDoubleLE(offset)}; throws as {@link #readUInt8} for 8 bytes. */
  public double readDoubleLE(int offset) {
    checkBounds(offset, 8);
    return Double.longBitsToDouble(getLong(offset, false));
  }

  /** Node's {@code buf.readDoubleBE(offset)}; throws as {@link #readUInt8} for 8 bytes. */
  public double readDoubleBE(int offset) {
    checkBounds(offset, 8);
    return Double.longBitsToDouble(getLong(offset, true));
  }

  /**
   * Node's {@code buf.writeUInt8(value, offset)}.
   *
   * @param value 0 to 255
   * @param offset where to write
   * @return {@code offset + 1}
   * @throws NodeException {@code ERR_OUT_OF_RANGE} if {@code value} is out of range (checked
   *     first); {@code ERR_OUT_OF_RANGE} or {@code ERR_BUFFER_OUT_OF_BOUNDS} if the bytes do not
   *     fit at {@code offset}
   */
  public int writeUInt8(int value, int offset) {
    checkValue(value, 0, 0xFF);
    checkBounds(offset, 1);
    put(offset, (byte) value);
    return offset + 1;
  }

  /** Node's {@code buf.writeInt8(value, offset)}: {@code value} -128 to 127; see {@link #writeUInt8}. */
  public int writeInt8(int value, int offset) {
    checkValue(value, -0x80, 0x7F);
    checkBounds(offset, 1);
    put(offset, (byte) value);
    return offset + 1;
  }

  /** Node's {@code buf.writeUInt16LE(value, offset)}: {@code value} 0 to 65535; see {@link #writeUInt8}. */
  public int writeUInt16LE(int value, int offset) {
    checkValue(value, 0, 0xFFFF);
    checkBounds(offset, 2);
    setShort(offset, (short) value, false);
    return offset + 2;
  }

  /** Node's {@code buf.writeUInt16BE(value, offset)}: {@code value} 0 to 65535; see {@link #writeUInt8}. */
  public int writeUInt16BE(int value, int offset) {
    checkValue(value, 0, 0xFFFF);
    checkBounds(offset, 2);
    setShort(offset, (short) value, true);
    return offset + 2;
  }

  /** Node's {@code buf.writeInt16LE(value, offset)}: {@code value} -32768 to 32767; see {@link #writeUInt8}. */
  public int writeInt16LE(int value, int offset) {
    checkValue(value, -0x8000, 0x7FFF);
    checkBounds(offset, 2);
    setShort(offset, (short) value, false);
    return offset + 2;
  }

  /** Node's {@code buf.writeInt16BE(value, offset)}: {@code value} -32768 to 32767; see {@link #writeUInt8}. */
  public int writeInt16BE(int value, int offset) {
    checkValue(value, -0x8000, 0x7FFF);
    checkBounds(offset, 2);
    setShort(offset, (short) value, true);
    return offset + 2;
  }

  /** Node's {@code buf.writeUInt32LE(value, offset)}: {@code value} 0 to 4294967295; see {@link #writeUInt8}. */
  public int writeUInt32LE(long value, int offset) {
    checkValue(value, 0, 0xFFFFFFFFL);
    checkBounds(offset, 4);
    setInt(offset, (int) value, false);
    return offset + 4;
  }

  /** Node's {@code buf.writeUInt32BE(value, offset)}: {@code value} 0 to 4294967295; see {@link #writeUInt8}. */
  public int writeUInt32BE(long value, int offset) {
    checkValue(value, 0, 0xFFFFFFFFL);
    checkBounds(offset, 4);
    setInt(offset, (int) value, true);
    return offset + 4;
  }

  /** Node's {@code buf.writeInt32LE(value, offset)}: every int is in range; see {@link #writeUInt8}. */
  public int writeInt32LE(int value, int offset) {
    checkBounds(offset, 4);
    setInt(offset, value, false);
    return offset + 4;
  }

  /** Node's {@code buf.writeInt32BE(value, offset)}: every int is in range; see {@link #writeUInt8}. */
  public int writeInt32BE(int value, int offset) {
    checkBounds(offset, 4);
    setInt(offset, value, true);
    return offset + 4;
  }

  /** Node's {@code buf.writeBigInt64LE(value, offset)}: every long is in range; see {@link #writeUInt8}. */
  public int writeBigInt64LE(long value, int offset) {
    checkBounds(offset, 8);
    setLong(offset, value, false);
    return offset + 8;
  }

  /** Node's {@code buf.writeBigInt64BE(value, offset)}: every long is in range; see {@link #writeUInt8}. */
  public int writeBigInt64BE(long value, int offset) {
    checkBounds(offset, 8);
    setLong(offset, value, true);
    return offset + 8;
  }

  /**
   * Node's {@code buf.writeBigUInt64LE(value, offset)}: {@code value} 0 to 2^64-1 (to write the
   * bits of a {@code long} taken as unsigned, use {@link #writeBigInt64LE}); see {@link
   * #writeUInt8}.
   */
  public int writeBigUInt64LE(BigInteger value, int offset) {
    checkUnsigned64(value);
    checkBounds(offset, 8);
    setLong(offset, value.longValue(), false);
    return offset + 8;
  }

  /** Node's {@code buf.writeBigUInt64BE(value, offset)}: see {@link #writeBigUInt64LE}. */
  public int writeBigUInt64BE(BigInteger value, int offset) {
    checkUnsigned64(value);
    checkBounds(offset, 8);
    setLong(offset, value.longValue(), true);
    return offset + 8;
  }

  /**
   * Node's {@code buf.writeFloatLE(value, offset)}. Node rounds its double argument to float; a
   * Java caller does the same with a {@code (float)} cast. The bits are written as they are, NaN
   * payloads included.
   */
  public int writeFloatLE(float value, int offset) {
    checkBounds(offset, 4);
    setInt(offset, Float.floatToRawIntBits(value), false);
    return offset + 4;
  }

  /** Node's {@code buf.writeFloatBE(value, offset)}: see {@link #writeFloatLE}. */
  public int writeFloatBE(float value, int offset) {
    checkBounds(offset, 4);
    setInt(offset, Float.floatToRawIntBits(value), true);
    return offset + 4;
  }

  /** Node's {@code buf.writeDoubleLE(value, offset)}; see {@link #writeUInt8}. */
  public int writeDoubleLE(double value, int offset) {
    checkBounds(offset, 8);
    setLong(offset, Double.doubleToRawLongBits(value), false);
    return offset + 8;
  }

  /** Node's {@code buf.writeDoubleBE(value, offset)}; see {@link #writeUInt8}. */
  public int writeDoubleBE(double value, int offset) {
    checkBounds(offset, 8);
    setLong(offset, Double.doubleToRawLongBits(value), true);
    return offset + 8;
  }

  // ---------------------------------------------------------------------------------------------
  // For StringDecoder: the bytes without a copy when they are on the heap.

  /** The array holding this view's bytes: the backing array, or a copy for non-heap memory. */
  byte[] array() {
    if (hb != null) {
      return hb;
    }
    byte[] copy = new byte[length];
    nio.get(base, copy, 0, length);
    return copy;
  }

  /** Where byte 0 is in {@link #array()}. */
  int arrayOffset() {
    return hb != null ? base : 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private static Buffer allocate(int size) {
    if (size == 0) {
      return new Buffer(NO_BYTES, 0, 0);
    }
    if (size < POOL_THRESHOLD) {
      for (;;) {
        BufferPool.Slab slab = BufferPool.current();
        int at = slab.claim(size);
        if (at >= 0) {
          return new Buffer(slab.bytes, at, size);
        }
        BufferPool.retire(slab);
      }
    }
    return new Buffer(new byte[size], 0, size);
  }

  private Buffer view(int start, int newLength) {
    return hb != null ? new Buffer(hb, base + start, newLength)
        : new Buffer(nio, base + start, newLength);
  }

  private byte at(int i) {
    return hb != null ? hb[base + i] : nio.get(base + i);
  }

  private void put(int i, byte value) {
    if (hb != null) {
      hb[base + i] = value;
    } else {
      nio.put(base + i, value);
    }
  }

  /** Copies bytes {@code from..from+n} of this view to {@code dst}. */
  private void read(int from, byte[] dst, int dstOffset, int n) {
    if (hb != null) {
      System.arraycopy(hb, base + from, dst, dstOffset, n);
    } else {
      nio.get(base + from, dst, dstOffset, n);
    }
  }

  /** Copies {@code n} bytes of {@code src} to this view from {@code at}. */
  private void write(int at, byte[] src, int srcOffset, int n) {
    if (hb != null) {
      System.arraycopy(src, srcOffset, hb, base + at, n);
    } else {
      nio.put(base + at, src, srcOffset, n);
    }
  }

  private String decode(Encoding encoding, int from, int n) {
    if (hb != null) {
      return StringBytes.decode(encoding, hb, base + from, n);
    }
    byte[] tmp = new byte[n];
    nio.get(base + from, tmp, 0, n);
    return StringBytes.decode(encoding, tmp, 0, n);
  }

  /** lib/buffer.js adjustOffset: negative from the end, then clamped to 0..length. */
  private static int adjustOffset(int offset, int length) {
    if (offset < 0) {
      long fromEnd = (long) offset + length;
      return fromEnd > 0 ? (int) fromEnd : 0;
    }
    return Math.min(offset, length);
  }

  /** memcmp of the ranges, then the shorter first: -1, 0 or 1 as src/node_buffer.cc. */
  private int compareRange(Buffer target, int targetStart, int targetEnd, int sourceStart,
      int sourceEnd) {
    int c;
    if (hb != null && target.hb != null) {
      c = Arrays.compareUnsigned(hb, base + sourceStart, base + sourceEnd,
          target.hb, target.base + targetStart, target.base + targetEnd);
    } else {
      ByteBuffer a = asByteBuffer().limit(sourceEnd).position(sourceStart);
      ByteBuffer b = target.asByteBuffer().limit(targetEnd).position(targetStart);
      int m = a.mismatch(b);
      if (m < 0) {
        c = 0;
      } else if (m < a.remaining() && m < b.remaining()) {
        c = Integer.compare(a.get(a.position() + m) & 0xFF, b.get(b.position() + m) & 0xFF);
      } else {
        c = Integer.compare(a.remaining(), b.remaining());
      }
    }
    return Integer.signum(c);
  }

  private int indexOfByte(int value, int byteOffset, boolean forward) {
    // src/node_buffer.cc IndexOfNumber: memchr takes the low 8 bits.
    long start = indexOfOffset(length, byteOffset, 1, forward);
    if (start < 0 || length == 0) {
      return -1;
    }
    byte b = (byte) value;
    if (forward) {
      for (int i = (int) start; i < length; i++) {
        if (at(i) == b) {
          return i;
        }
      }
    } else {
      for (int i = (int) start; i >= 0; i--) {
        if (at(i) == b) {
          return i;
        }
      }
    }
    return -1;
  }

  private int indexOfString(String value, int byteOffset, Encoding encoding, boolean forward) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(encoding, "encoding");
    // UTF-16LE is searched in whole code units (even indices only), as Node's IndexOfString;
    // every other encoding as bytes, ASCII/hex/base64 after conversion to a buffer as in
    // lib/buffer.js.
    return indexOfBytes(StringBytes.encode(value, encoding), byteOffset, forward,
        encoding == Encoding.UTF16LE);
  }

  /** src/node_buffer.cc IndexOfString and IndexOfBuffer, with their quirks. */
  private int indexOfBytes(byte[] needle, long byteOffset, boolean forward, boolean units) {
    int haystackLength = units ? length & ~1 : length;
    int n = needle.length;
    long start = indexOfOffset(haystackLength, byteOffset, n, forward);
    if (n == 0) {
      return (int) start; // like String#indexOf with an empty string
    }
    if (haystackLength == 0 || start < 0) {
      return -1;
    }
    if ((forward && n + start > haystackLength) || n > haystackLength) {
      return -1;
    }
    byte[] a = array();
    int o = arrayOffset();
    if (units) {
      int found = search(a, o, haystackLength / 2, needle, n / 2, (int) start / 2, forward, 2);
      return found < 0 ? -1 : 2 * found;
    }
    return search(a, o, haystackLength, needle, n, (int) start, forward, 1);
  }

  /**
   * The first (or last) match at or after (or before) element {@code start}, where an element is
   * {@code width} bytes; the haystack is {@code count} elements from {@code a[o]}.
   */
  private static int search(byte[] a, int o, int count, byte[] needle, int needleCount, int start,
      boolean forward, int width) {
    int last = count - needleCount;
    if (last < 0) {
      return -1;
    }
    int bytes = needleCount * width;
    byte first = needle[0];
    if (forward) {
      for (int i = start; i <= last; i++) {
        int at = o + i * width;
        if (a[at] == first && Arrays.equals(a, at, at + bytes, needle, 0, bytes)) {
          return i;
        }
      }
    } else {
      for (int i = Math.min(start, last); i >= 0; i--) {
        int at = o + i * width;
        if (a[at] == first && Arrays.equals(a, at, at + bytes, needle, 0, bytes)) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * src/node_buffer.cc IndexOfOffset: where a search starts, or -1 when nothing can match.
   * Negative offsets count from the end; before the start, indexOf searches everything and
   * lastIndexOf nothing; past the end, the reverse (an empty needle points at the end).
   */
  private static long indexOfOffset(long length, long offset, long needleLength, boolean forward) {
    if (offset < 0) {
      if (offset + length >= 0) {
        return length + offset;
      }
      return forward || needleLength == 0 ? 0 : -1;
    }
    if (offset + needleLength <= length) {
      return offset;
    }
    if (needleLength == 0) {
      return length;
    }
    return forward ? -1 : length - 1;
  }

  private void fillByte(byte value, int from, int to) {
    if (hb != null) {
      Arrays.fill(hb, base + from, base + to, value);
    } else {
      for (int i = from; i < to; i++) {
        nio.put(base + i, value);
      }
    }
  }

  /** src/node_buffer.cc Fill: the pattern once, then doubling copies of what is written. */
  private void fillPattern(byte[] pattern, int from, int to) {
    int n = to - from;
    byte[] dst;
    int at;
    if (hb != null) {
      dst = hb;
      at = base + from;
    } else {
      dst = new byte[n];
      at = 0;
    }
    int done = Math.min(pattern.length, n);
    System.arraycopy(pattern, 0, dst, at, done);
    while (done < n) {
      int chunk = Math.min(done, n - done);
      System.arraycopy(dst, at, dst, at + done, chunk);
      done += chunk;
    }
    if (hb == null) {
      write(from, dst, 0, n);
    }
  }

  private void checkFillRange(int offset, int end) {
    checkOffset("offset", offset, NodeErrors.K_MAX_LENGTH);
    checkOffset("end", end, length);
  }

  /** lib/buffer.js validateOffset: an integer in {@code 0..max}. */
  private static void checkOffset(String name, int value, long max) {
    if (value < 0 || value > max) {
      throw NodeErrors.outOfRange(name, ">= 0 && <= " + max, value);
    }
  }

  private static void checkSize(int size) {
    if (size < 0) {
      throw NodeErrors.outOfRange("size", ">= 0 && <= " + MAX_LENGTH, size);
    }
  }

  /** lib/internal/buffer.js checkBounds and boundsError for an access of {@code size} bytes. */
  private void checkBounds(int offset, int size) {
    int last = length - size;
    if (offset < 0 || offset > last) {
      if (last < 0) {
        throw NodeErrors.bufferOutOfBounds();
      }
      throw NodeErrors.outOfRange("offset", ">= 0 and <= " + last, offset);
    }
  }

  private static void checkValue(long value, long min, long max) {
    if (value < min || value > max) {
      throw NodeErrors.outOfRange("value", ">= " + min + " and <= " + max, value);
    }
  }

  private static void checkUnsigned64(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 64) {
      throw NodeErrors.outOfRange("value", ">= 0n and < 2n ** 64n", value);
    }
  }

  private static BigInteger unsigned(long bits) {
    BigInteger v = BigInteger.valueOf(bits);
    return bits >= 0 ? v : v.add(TWO_64);
  }

  // Each branch names its VarHandle as a constant, so the JIT inlines the access.

  private short getShort(int offset, boolean bigEndian) {
    int i = base + offset;
    if (hb != null) {
      return bigEndian ? (short) SHORT_BE.get(hb, i) : (short) SHORT_LE.get(hb, i);
    }
    return bigEndian ? (short) NIO_SHORT_BE.get(nio, i) : (short) NIO_SHORT_LE.get(nio, i);
  }

  private int getInt(int offset, boolean bigEndian) {
    int i = base + offset;
    if (hb != null) {
      return bigEndian ? (int) INT_BE.get(hb, i) : (int) INT_LE.get(hb, i);
    }
    return bigEndian ? (int) NIO_INT_BE.get(nio, i) : (int) NIO_INT_LE.get(nio, i);
  }

  private long getLong(int offset, boolean bigEndian) {
    int i = base + offset;
    if (hb != null) {
      return bigEndian ? (long) LONG_BE.get(hb, i) : (long) LONG_LE.get(hb, i);
    }
    return bigEndian ? (long) NIO_LONG_BE.get(nio, i) : (long) NIO_LONG_LE.get(nio, i);
  }

  private void setShort(int offset, short value, boolean bigEndian) {
    int i = base + offset;
    if (hb != null) {
      if (bigEndian) {
        SHORT_BE.set(hb, i, value);
      } else {
        SHORT_LE.set(hb, i, value);
      }
    } else if (bigEndian) {
      NIO_SHORT_BE.set(nio, i, value);
    } else {
      NIO_SHORT_LE.set(nio, i, value);
    }
  }

  private void setInt(int offset, int value, boolean bigEndian) {
    int i = base + offset;
    if (hb != null) {
      if (bigEndian) {
        INT_BE.set(hb, i, value);
      } else {
        INT_LE.set(hb, i, value);
      }
    } else if (bigEndian) {
      NIO_INT_BE.set(nio, i, value);
    } else {
      NIO_INT_LE.set(nio, i, value);
    }
  }

  private void setLong(int offset, long value, boolean bigEndian) {
    int i = base + offset;
    if (hb != null) {
      if (bigEndian) {
        LONG_BE.set(hb, i, value);
      } else {
        LONG_LE.set(hb, i, value);
      }
    } else if (bigEndian) {
      NIO_LONG_BE.set(nio, i, value);
    } else {
      NIO_LONG_LE.set(nio, i, value);
    }
  }

  private static VarHandle arrayView(Class<?> arrayType, ByteOrder order) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, order);
  }

  private static VarHandle nioView(Class<?> arrayType, ByteOrder order) {
    return MethodHandles.byteBufferViewVarHandle(arrayType, order);
  }
}
