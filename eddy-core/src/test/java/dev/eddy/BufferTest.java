package dev.eddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Buffer against Node 20: most tests replay src/test/resources/buffer-fixtures.json, which
 * src/test/node/buffer-fixtures.js records from Node (see that script for how to regenerate it),
 * and compare every case; each such test collects all mismatches and reports them together.
 * Cases run on three kinds of memory: an array of its own, a view into the middle of a larger
 * array (as pooled buffers are), and direct memory (a view of a direct ByteBuffer).
 */
class BufferTest {

  static final Map<String, Object> FIXTURES = Json.load("/buffer-fixtures.json");

  /** How a test turns bytes into a Buffer: each case runs on every kind. */
  enum Memory {
    HEAP, OFFSET_VIEW, DIRECT;

    Buffer of(byte[] bytes) {
      return switch (this) {
        case HEAP -> Buffer.from(ByteBuffer.wrap(bytes.clone()));
        case OFFSET_VIEW -> {
          byte[] larger = new byte[bytes.length + 13];
          System.arraycopy(bytes, 0, larger, 5, bytes.length);
          yield Buffer.from(ByteBuffer.wrap(larger)).slice(5, 5 + bytes.length);
        }
        case DIRECT -> {
          ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 3);
          direct.position(3);
          direct.put(bytes).position(3);
          yield Buffer.from(direct);
        }
      };
    }

    Buffer hex(String hex) {
      return of(HexFormat.of().parseHex(hex));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Decoding and encoding

  @Test
  void decodingEveryEncodingMatchesNode() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : list("decode")) {
      String hex = str(c.get("hex"));
      Map<String, Object> out = map(c.get("out"));
      for (Memory memory : Memory.values()) {
        Buffer buf = memory.hex(hex);
        for (Encoding encoding : Encoding.values()) {
          check(failures, memory + " " + hex + " as " + encoding, out.get(encoding.nodeName()),
              buf.toString(encoding));
        }
        check(failures, memory + " " + hex + " toString()", out.get("utf8"), buf.toString());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void toStringRangesClampAsNode() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : list("decodeRange")) {
      Encoding encoding = Encoding.of(str(c.get("enc")));
      int start = integer(c.get("start"));
      for (Memory memory : Memory.values()) {
        Buffer buf = memory.hex(str(c.get("hex")));
        int end = c.containsKey("end") ? integer(c.get("end")) : buf.length();
        check(failures, memory + " " + c, c.get("out"), buf.toString(encoding, start, end));
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void encodingEveryEncodingMatchesNode() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : list("encode")) {
      String s = str(c.get("str"));
      Map<String, Object> out = map(c.get("out"));
      Map<String, Object> byteLength = map(c.get("byteLength"));
      for (Encoding encoding : Encoding.values()) {
        String label = "from(" + Json.quote(s.length() > 40 ? s.substring(0, 40) + "..." : s) + ", "
            + encoding + ")";
        Buffer buf = Buffer.from(s, encoding);
        check(failures, label, out.get(encoding.nodeName()), digestOrHex(buf.toByteArray()));
        check(failures, "byteLength " + label, byteLength.get(encoding.nodeName()),
            (long) Buffer.byteLength(s, encoding));
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void encodingNamesAreCaseInsensitiveAndUnknownOnesFailAsNode() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : list("encodings")) {
      String name = str(c.get("name"));
      check(failures, "isEncoding " + Json.quote(name), c.get("isEncoding"), Buffer.isEncoding(name));
      if (c.get("canonical") != null) {
        check(failures, "of " + Json.quote(name), c.get("canonical"), Encoding.of(name).nodeName());
      } else {
        checkError(failures, "of " + Json.quote(name), c.get("error"), () -> Encoding.of(name));
      }
    }
    assertThat(failures).isEmpty();
    assertThat(Buffer.isEncoding(null)).isFalse();
  }

  /** Long strings take the non-pooled path; the fixtures hold the SHA-256 of the long outputs. */
  private static String digestOrHex(byte[] bytes) {
    if (bytes.length <= 512) {
      return HexFormat.of().formatHex(bytes);
    }
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Property tests: random bytes survive every lossless encoding.

  @Test
  void randomBytesRoundTripThroughHexBase64Latin1AndUtf16() {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] bytes = new byte[random.nextInt(i < 1000 ? 40 : 9000)];
      random.nextBytes(bytes);
      Buffer buf = Buffer.from(bytes);
      for (Encoding encoding : List.of(Encoding.HEX, Encoding.BASE64, Encoding.BASE64URL,
          Encoding.LATIN1)) {
        String text = buf.toString(encoding);
        assertThat(Buffer.from(text, encoding).toByteArray()).as("%s", encoding).isEqualTo(bytes);
      }
      byte[] even = bytes.length % 2 == 0 ? bytes : java.util.Arrays.copyOf(bytes, bytes.length - 1);
      assertThat(Buffer.from(Buffer.from(even).toString(Encoding.UTF16LE), Encoding.UTF16LE)
          .toByteArray()).isEqualTo(even);
      // Base64 decoding skips whitespace wherever it is, and needs no padding.
      String spaced = buf.toString(Encoding.BASE64).replaceAll("(.{3})", "$1 \n").replace("=", "");
      assertThat(Buffer.from(spaced, Encoding.BASE64).toByteArray()).isEqualTo(bytes);
    }
  }

  @Test
  void randomStringsRoundTripThroughUtf8UnlessTheyHoldUnpairedSurrogates() {
    Random random = new Random(7);
    char[] pool = {'a', 'Z', '0', '?', 'é', 'ÿ', 'Ł', '€', '\u07ff', '\u0800', '\uffff', '\ud83d',
        '\ude00', '\u0000', '\u007f', '\u0080'};
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(i < 2500 ? 20 : 3000);
      for (int j = 0; j < n; j++) {
        sb.append(pool[random.nextInt(pool.length)]);
      }
      String s = sb.toString();
      String wellFormed = toWellFormed(s);
      Buffer buf = Buffer.from(s);
      assertThat(buf.length()).isEqualTo(Buffer.byteLength(s, Encoding.UTF8));
      assertThat(buf.toByteArray()).isEqualTo(wellFormed.getBytes(StandardCharsets.UTF_8));
      assertThat(buf.toString()).isEqualTo(wellFormed);
    }
  }

  /** JavaScript's String.prototype.toWellFormed: each unpaired surrogate becomes U+FFFD. */
  private static String toWellFormed(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? '\ufffd' : c);
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Search, comparison, views

  @Test
  void indexOfLastIndexOfAndIncludesMatchNode() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> h : list("indexOf")) {
      String hex = str(h.get("hex"));
      for (Memory memory : Memory.values()) {
        Buffer buf = memory.hex(hex);
        for (Object o : (List<?>) h.get("cases")) {
          List<?> c = (List<?>) o;
          String kind = str(c.get(0));
          Integer offset = c.get(2) == null ? null : integer(c.get(2));
          Encoding enc = c.get(3) == null ? null : Encoding.of(str(c.get(3)));
          String label = memory + " " + hex + " " + c;
          int[] found = switch (kind) {
            case "number" -> search(buf, integer(c.get(1)), offset);
            case "buffer" -> search(buf, Buffer.from(HexFormat.of().parseHex(str(c.get(1)))), offset);
            default -> search(buf, str(c.get(1)), offset, enc);
          };
          check(failures, "indexOf " + label, c.get(4), (long) found[0]);
          check(failures, "lastIndexOf " + label, c.get(5), (long) found[1]);
          check(failures, "includes " + label, integer(c.get(4)) != -1, found[2] == 1);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  private static int[] search(Buffer buf, int value, Integer offset) {
    return offset == null
        ? new int[] {buf.indexOf(value), buf.lastIndexOf(value), buf.includes(value) ? 1 : 0}
        : new int[] {buf.indexOf(value, offset), buf.lastIndexOf(value, offset),
            buf.includes(value, offset) ? 1 : 0};
  }

  private static int[] search(Buffer buf, Buffer value, Integer offset) {
    return offset == null
        ? new int[] {buf.indexOf(value), buf.lastIndexOf(value), buf.includes(value) ? 1 : 0}
        : new int[] {buf.indexOf(value, offset), buf.lastIndexOf(value, offset),
            buf.includes(value, offset) ? 1 : 0};
  }

  private static int[] search(Buffer buf, String value, Integer offset, Encoding enc) {
    if (offset == null && enc == null) {
      return new int[] {buf.indexOf(value), buf.lastIndexOf(value), buf.includes(value) ? 1 : 0};
    }
    if (offset == null) {
      return new int[] {buf.indexOf(value, enc), buf.lastIndexOf(value, enc),
          buf.includes(value, enc) ? 1 : 0};
    }
    if (enc == null) {
      return new int[] {buf.indexOf(value, offset), buf.lastIndexOf(value, offset),
          buf.includes(value, offset) ? 1 : 0};
    }
    return new int[] {buf.indexOf(value, offset, enc), buf.lastIndexOf(value, offset, enc),
        buf.includes(value, offset, enc) ? 1 : 0};
  }

  @Test
  void compareAndEqualsMatchNode() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : list("compare")) {
      for (Memory memory : Memory.values()) {
        Buffer a = memory.hex(str(c.get("a")));
        Buffer b = Memory.HEAP.hex(str(c.get("b")));
        String label = memory + " " + c;
        if (c.containsKey("args")) {
          List<?> args = (List<?>) c.get("args");
          if (c.get("error") != null) {
            checkError(failures, label, c.get("error"), () -> a.compare(b, integer(args.get(0)),
                integer(args.get(1)), integer(args.get(2)), integer(args.get(3))));
          } else {
            check(failures, label, c.get("compare"), (long) a.compare(b, integer(args.get(0)),
                integer(args.get(1)), integer(args.get(2)), integer(args.get(3))));
          }
          continue;
        }
        check(failures, "compare " + label, c.get("compare"), (long) Buffer.compare(a, b));
        check(failures, "reverse " + label, -integer(c.get("compare")), Buffer.compare(b, a));
        check(failures, "compareTo " + label, c.get("compare"), (long) a.compareTo(b));
        check(failures, "equals " + label, c.get("equals"), a.equals(b));
        if (a.equals(b)) {
          check(failures, "hashCode " + label, a.hashCode(), b.hashCode());
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void sliceAndSubarrayClampAsNodeAndShareMemory() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : list("slice")) {
      for (Memory memory : Memory.values()) {
        Buffer buf = memory.of("0123456789".getBytes(StandardCharsets.US_ASCII));
        int start = integer(c.get("start"));
        if (c.containsKey("end")) {
          int end = integer(c.get("end"));
          check(failures, memory + " slice " + c, c.get("out"), buf.slice(start, end).toString());
          check(failures, memory + " subarray " + c, c.get("sub"), buf.subarray(start, end).toString());
        } else {
          check(failures, memory + " slice " + c, c.get("out"), buf.slice(start).toString());
          check(failures, memory + " subarray " + c, c.get("sub"), buf.subarray(start).toString());
        }
      }
    }
    assertThat(failures).isEmpty();

    for (Memory memory : Memory.values()) {
      Buffer buf = memory.of(new byte[] {1, 2, 3, 4, 5});
      Buffer middle = buf.slice(1, -1);
      middle.set(0, 0xff);
      assertThat(buf.get(1)).isEqualTo(0xff);
      buf.set(3, 300); // the low 8 bits, as buf[3] = 300 in Node
      assertThat(middle.get(2)).isEqualTo(44);
      assertThat(buf.subarray().toByteArray()).containsExactly(1, -1, 3, 44, 5);
      assertThat(buf.slice().length()).isEqualTo(5);
      assertThatThrownBy(() -> buf.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> buf.set(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void byteBuffersAreViewedWithoutCopying() {
    ByteBuffer heap = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9}, 1, 3);
    Buffer buf = Buffer.from(heap);
    assertThat(buf.toByteArray()).containsExactly(1, 2, 3);
    heap.put(1, (byte) 7);
    assertThat(buf.get(0)).isEqualTo(7);
    heap.position(0).limit(5); // later position and limit changes do not move the view
    assertThat(buf.length()).isEqualTo(3);
    assertThat(buf.get(0)).isEqualTo(7);

    ByteBuffer direct = ByteBuffer.allocateDirect(8);
    Buffer view = Buffer.from(direct);
    view.writeUInt32BE(0xCAFEBABEL, 2);
    assertThat(direct.getInt(2)).isEqualTo(0xCAFEBABE);
    direct.put(0, (byte) 0x41);
    assertThat(view.toString(Encoding.LATIN1, 0, 1)).isEqualTo("A");

    // asByteBuffer is a view too, with its own position and limit, and big-endian.
    ByteBuffer out = view.slice(2, 6).asByteBuffer();
    assertThat(out.position()).isZero();
    assertThat(out.remaining()).isEqualTo(4);
    assertThat(out.isDirect()).isTrue();
    assertThat(out.getInt()).isEqualTo(0xCAFEBABE);
    out.put(0, (byte) 0);
    assertThat(view.get(2)).isZero();
    Buffer heapBuf = Buffer.alloc(4);
    heapBuf.asByteBuffer().putShort(1, (short) 0x0102);
    assertThat(heapBuf.toString(Encoding.HEX)).isEqualTo("00010200");

    Buffer readOnly = Buffer.from(ByteBuffer.wrap(new byte[] {1, 2}).asReadOnlyBuffer());
    assertThat(readOnly.readUInt16BE(0)).isEqualTo(0x0102);
    assertThatThrownBy(() -> readOnly.set(0, 1)).isInstanceOf(ReadOnlyBufferException.class);
    assertThatThrownBy(() -> readOnly.writeInt8(1, 0)).isInstanceOf(ReadOnlyBufferException.class);
    assertThat(readOnly.asByteBuffer().isReadOnly()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // Allocation and the pool

  @Test
  void smallUnsafeBuffersAreCarvedFromOneSlabEightByteAligned() {
    Buffer a = Buffer.allocUnsafe(5);
    Buffer b = Buffer.allocUnsafe(3);
    ByteBuffer va = a.asByteBuffer();
    ByteBuffer vb = b.asByteBuffer();
    if (va.array() == vb.array()) { // unless a landed at the very end of a slab
      assertThat(va.array()).hasSize(Buffer.POOL_SIZE);
      assertThat(vb.arrayOffset() - va.arrayOffset()).isEqualTo(8);
    }
    assertThat(vb.arrayOffset() % 8).isZero();
    // Half the pool size and more get memory of their own, as in Node.
    Buffer big = Buffer.allocUnsafe(Buffer.POOL_SIZE / 2);
    assertThat(big.asByteBuffer().array()).hasSize(Buffer.POOL_SIZE / 2);
    assertThat(Buffer.allocUnsafe(Buffer.POOL_SIZE / 2 - 1).asByteBuffer().array())
        .hasSize(Buffer.POOL_SIZE);
    // Small strings, copies and concatenations come from the pool too.
    assertThat(Buffer.from("héllo").asByteBuffer().array()).hasSize(Buffer.POOL_SIZE);
    assertThat(Buffer.from(new byte[] {1, 2}).asByteBuffer().array()).hasSize(Buffer.POOL_SIZE);
    assertThat(Buffer.concat(List.of(a, b)).asByteBuffer().array()).hasSize(Buffer.POOL_SIZE);
    // alloc never shares.
    assertThat(Buffer.alloc(5).asByteBuffer().array()).hasSize(5);
    // A full slab is replaced; the buffers carved from it keep their bytes.
    List<Buffer> many = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      many.add(Buffer.allocUnsafe(24).fill(i));
    }
    for (int i = 0; i < many.size(); i++) {
      assertThat(many.get(i).indexOf(i & 0xff)).isZero();
      assertThat(many.get(i).lastIndexOf(i & 0xff)).isEqualTo(23);
    }
  }

  @Test
  void threadsCarvingThePoolAtOnceNeverGetTheSameBytes() throws Exception {
    int threads = 2;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<List<Buffer>> carved = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<Buffer> mine = new ArrayList<>();
      carved.add(mine);
      int value = t + 1;
      workers.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        for (int i = 0; i < 20_000; i++) {
          mine.add(Buffer.allocUnsafe(1 + i % 61).fill(value));
        }
      }));
    }
    for (Thread w : workers) {
      w.join();
    }
    for (int t = 0; t < threads; t++) {
      for (Buffer b : carved.get(t)) {
        assertThat(b.indexOf(t + 1)).isZero();
        assertThat(b.lastIndexOf(t + 1)).isEqualTo(b.length() - 1);
        assertThat(b.includes(threads - t)).isFalse(); // the other thread's value
      }
    }
  }

  @Test
  void allocAndAllocUnsafeMatchNode() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : list("alloc")) {
      int size = integer(c.get("size"));
      Map<String, Object> fill = c.get("fill") == null ? null : map(c.get("fill"));
      Encoding enc = c.get("enc") == null ? null : Encoding.of(str(c.get("enc")));
      Callable call = () -> {
        if (fill == null) {
          return Buffer.alloc(size);
        } else if (fill.containsKey("num")) {
          return Buffer.alloc(size, integer(fill.get("num")));
        }
        return enc == null ? Buffer.alloc(size, str(fill.get("str")))
            : Buffer.alloc(size, str(fill.get("str")), enc);
      };
      if (c.get("error") != null) {
        checkError(failures, "alloc " + c, c.get("error"), call);
      } else {
        check(failures, "alloc " + c, c.get("hex"), ((Buffer) call.call()).toString(Encoding.HEX));
      }
      if (c.get("unsafeError") != null) {
        checkError(failures, "allocUnsafe " + c, c.get("unsafeError"), () -> Buffer.allocUnsafe(size));
      } else {
        check(failures, "allocUnsafe " + c, size, Buffer.allocUnsafe(size).length());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void concatMatchesNode() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : list("concat")) {
      for (Memory memory : Memory.values()) {
        List<Buffer> buffers = new ArrayList<>();
        for (Object h : (List<?>) c.get("list")) {
          buffers.add(memory.hex(str(h)));
        }
        Callable call = () -> c.get("total") == null ? Buffer.concat(buffers)
            : Buffer.concat(buffers, integer(c.get("total")));
        if (c.get("error") != null) {
          checkError(failures, memory + " " + c, c.get("error"), call);
        } else {
          check(failures, memory + " " + c, c.get("hex"), ((Buffer) call.call()).toString(Encoding.HEX));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // fill and copy

  @Test
  void fillMatchesNodeIncludingItsErrorTexts() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : list("fill")) {
      for (Memory memory : Memory.values()) {
        byte[] initial = new byte[integer(c.get("size"))];
        java.util.Arrays.fill(initial, (byte) 0xee);
        Buffer buf = memory.of(initial);
        Map<String, Object> value = map(c.get("value"));
        Integer offset = c.containsKey("offset") ? integer(c.get("offset")) : null;
        int end = c.containsKey("end") ? integer(c.get("end")) : buf.length();
        Encoding enc = c.containsKey("enc") ? Encoding.of(str(c.get("enc"))) : null;
        Callable call = () -> {
          if (value.containsKey("num")) {
            int v = integer(value.get("num"));
            return offset == null ? buf.fill(v) : buf.fill(v, offset, end);
          }
          if (value.containsKey("buf")) {
            Buffer v = Buffer.from(HexFormat.of().parseHex(str(value.get("buf"))));
            return offset == null ? buf.fill(v) : buf.fill(v, offset, end);
          }
          String v = str(value.get("str"));
          if (offset == null) {
            return enc == null ? buf.fill(v) : buf.fill(v, enc);
          }
          return buf.fill(v, offset, end, enc == null ? Encoding.UTF8 : enc);
        };
        String label = memory + " " + abbreviate(c);
        if (c.get("error") != null) {
          checkError(failures, label, c.get("error"), call);
        } else {
          check(failures, label, buf, call.call());
          check(failures, label, c.get("hex"), buf.toString(Encoding.HEX));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void copyMatchesNodeAndHandlesOverlap() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : list("copy")) {
      for (Memory memory : Memory.values()) {
        List<?> args = (List<?>) c.get("args");
        String label = memory + " " + c;
        if (c.containsKey("overlap")) {
          Buffer whole = memory.hex(str(c.get("source")));
          check(failures, label, c.get("result"), (long) whole.copy(whole, integer(args.get(0)),
              integer(args.get(1)), integer(args.get(2))));
          check(failures, label, c.get("target"), whole.toString(Encoding.HEX));
          continue;
        }
        Buffer source = memory.hex(str(c.get("source")));
        byte[] initial = new byte[integer(c.get("targetSize"))];
        java.util.Arrays.fill(initial, (byte) 0xee);
        Buffer target = Memory.values()[(memory.ordinal() + 1) % 3].of(initial);
        Callable call = () -> switch (args.size()) {
          case 0 -> source.copy(target);
          case 1 -> source.copy(target, integer(args.get(0)));
          case 2 -> source.copy(target, integer(args.get(0)), integer(args.get(1)));
          default -> source.copy(target, integer(args.get(0)), integer(args.get(1)),
              integer(args.get(2)));
        };
        if (c.get("error") != null) {
          checkError(failures, label, c.get("error"), call);
        } else {
          check(failures, label, c.get("result"), (long) (int) (Integer) call.call());
          check(failures, label, c.get("target"), target.toString(Encoding.HEX));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers

  @Test
  void readsOfEveryWidthAndOrderMatchNode() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> h : list("reads")) {
      for (Memory memory : Memory.values()) {
        Buffer buf = memory.hex(str(h.get("hex")));
        for (Object o : (List<?>) h.get("cases")) {
          List<?> c = (List<?>) o;
          String method = str(c.get(0));
          int offset = integer(c.get(1));
          String label = memory + " " + h.get("hex") + " " + c;
          Callable call = () -> read(buf, method, offset);
          if (c.get(2) == null) {
            checkError(failures, label, c.get(3), call);
          } else {
            Object actual = call.call();
            if (actual instanceof Float || actual instanceof Double) {
              double expected = Double.parseDouble(str(c.get(2)));
              double got = ((Number) actual).doubleValue();
              if (Double.compare(expected, got) != 0) {
                failures.add(label + ": expected " + expected + " but was " + got);
              }
            } else {
              check(failures, label, c.get(2), actual.toString());
            }
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  private static Object read(Buffer b, String method, int offset) {
    return switch (method) {
      case "readUInt8" -> b.readUInt8(offset);
      case "readInt8" -> b.readInt8(offset);
      case "readUInt16LE" -> b.readUInt16LE(offset);
      case "readUInt16BE" -> b.readUInt16BE(offset);
      case "readInt16LE" -> b.readInt16LE(offset);
      case "readInt16BE" -> b.readInt16BE(offset);
      case "readUInt32LE" -> b.readUInt32LE(offset);
      case "readUInt32BE" -> b.readUInt32BE(offset);
      case "readInt32LE" -> b.readInt32LE(offset);
      case "readInt32BE" -> b.readInt32BE(offset);
      case "readBigInt64LE" -> b.readBigInt64LE(offset);
      case "readBigInt64BE" -> b.readBigInt64BE(offset);
      case "readBigUInt64LE" -> b.readBigUInt64LE(offset);
      case "readBigUInt64BE" -> b.readBigUInt64BE(offset);
      case "readFloatLE" -> b.readFloatLE(offset);
      case "readFloatBE" -> b.readFloatBE(offset);
      case "readDoubleLE" -> b.readDoubleLE(offset);
      case "readDoubleBE" -> b.readDoubleBE(offset);
      default -> throw new AssertionError(method);
    };
  }

  @Test
  void writesOfEveryWidthAndOrderMatchNodeIncludingRangeErrors() {
    List<String> failures = new ArrayList<>();
    for (Object o : (List<?>) FIXTURES.get("writes")) {
      List<?> c = (List<?>) o;
      String method = str(c.get(0));
      int size = integer(c.get(1));
      String value = str(c.get(2));
      int offset = integer(c.get(3));
      for (Memory memory : Memory.values()) {
        Buffer buf = memory.of(new byte[size]);
        String label = memory + " " + c;
        Callable call = () -> write(buf, method, value, offset);
        if (c.get(4) == null) {
          checkError(failures, label, c.get(5), call);
        } else {
          check(failures, label, c.get(4), (long) (int) (Integer) call.call());
          check(failures, label, c.get(5), buf.toString(Encoding.HEX));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  private static int write(Buffer b, String method, String value, int offset) {
    return switch (method) {
      case "writeUInt8" -> b.writeUInt8(Integer.parseInt(value), offset);
      case "writeInt8" -> b.writeInt8(Integer.parseInt(value), offset);
      case "writeUInt16LE" -> b.writeUInt16LE(Integer.parseInt(value), offset);
      case "writeUInt16BE" -> b.writeUInt16BE(Integer.parseInt(value), offset);
      case "writeInt16LE" -> b.writeInt16LE(Integer.parseInt(value), offset);
      case "writeInt16BE" -> b.writeInt16BE(Integer.parseInt(value), offset);
      case "writeUInt32LE" -> b.writeUInt32LE(Long.parseLong(value), offset);
      case "writeUInt32BE" -> b.writeUInt32BE(Long.parseLong(value), offset);
      case "writeInt32LE" -> b.writeInt32LE(Integer.parseInt(value), offset);
      case "writeInt32BE" -> b.writeInt32BE(Integer.parseInt(value), offset);
      case "writeBigInt64LE" -> b.writeBigInt64LE(Long.parseLong(value), offset);
      case "writeBigInt64BE" -> b.writeBigInt64BE(Long.parseLong(value), offset);
      case "writeBigUInt64LE" -> b.writeBigUInt64LE(new BigInteger(value), offset);
      case "writeBigUInt64BE" -> b.writeBigUInt64BE(new BigInteger(value), offset);
      case "writeFloatLE" -> b.writeFloatLE((float) Double.parseDouble(value), offset);
      case "writeFloatBE" -> b.writeFloatBE((float) Double.parseDouble(value), offset);
      case "writeDoubleLE" -> b.writeDoubleLE(Double.parseDouble(value), offset);
      case "writeDoubleBE" -> b.writeDoubleBE(Double.parseDouble(value), offset);
      default -> throw new AssertionError(method);
    };
  }

  @Test
  void numbersRoundTripAndUnsigned64UsesBigInteger() {
    Buffer buf = Buffer.alloc(8);
    assertThat(buf.writeBigUInt64BE(new BigInteger("18446744073709551615"), 0)).isEqualTo(8);
    assertThat(buf.readBigInt64LE(0)).isEqualTo(-1L);
    assertThat(buf.readBigUInt64LE(0)).isEqualTo(new BigInteger("18446744073709551615"));
    buf.writeBigInt64LE(Long.MIN_VALUE, 0);
    assertThat(buf.readBigUInt64LE(0)).isEqualTo(BigInteger.ONE.shiftLeft(63));
    assertThat(buf.writeDoubleLE(Math.PI, 0)).isEqualTo(8);
    assertThat(buf.readDoubleLE(0)).isEqualTo(Math.PI);
    assertThat(buf.writeFloatBE(Float.intBitsToFloat(0x7fa00001), 4)).isEqualTo(8);
    assertThat(buf.readInt32BE(4)).isEqualTo(0x7fa00001); // NaN payloads are written as they are
  }

  @Test
  void errorsCarryNodesNameCodeAndMessage() {
    Buffer buf = Buffer.alloc(3);
    assertThatThrownBy(() -> buf.readUInt8(3))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.name()).isEqualTo("RangeError");
          assertThat(e.code()).isEqualTo("ERR_OUT_OF_RANGE");
          assertThat(e).hasMessage(
              "The value of \"offset\" is out of range. It must be >= 0 and <= 2. Received 3");
        });
    assertThatThrownBy(() -> buf.readUInt32LE(0))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo("ERR_BUFFER_OUT_OF_BOUNDS");
          assertThat(e).hasMessage("Attempt to access memory outside buffer bounds");
        });
    assertThatThrownBy(() -> Encoding.of("xyz"))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.name()).isEqualTo("TypeError");
          assertThat(e.code()).isEqualTo("ERR_UNKNOWN_ENCODING");
          assertThat(e).hasMessage("Unknown encoding: xyz");
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Fixture plumbing

  @FunctionalInterface
  interface Callable {
    Object call();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(String key) {
    return (List<Map<String, Object>>) FIXTURES.get(key);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  static String str(Object o) {
    return (String) o;
  }

  static int integer(Object o) {
    return Math.toIntExact((Long) o);
  }

  /** Records a mismatch; numbers compare as longs, since the JSON reader gives Long for integers. */
  static void check(List<String> failures, String label, Object expected, Object actual) {
    Object want = expected instanceof Integer i ? (Object) (long) i : expected;
    Object got = actual instanceof Integer i ? (Object) (long) i : actual;
    if (want == null ? got != null : !want.equals(got)) {
      failures.add(label + ": expected " + show(want) + " but was " + show(got));
    }
  }

  /** Records a mismatch unless {@code call} throws Node's error (name, code and message). */
  static void checkError(List<String> failures, String label, Object expected, Callable call) {
    Map<String, Object> error = map(expected);
    try {
      Object result = call.call();
      failures.add(label + ": expected " + error + " but returned " + show(result));
    } catch (NodeException e) {
      String got = e.name() + " " + e.code() + " " + e.getMessage();
      String want = error.get("name") + " " + error.get("code") + " " + error.get("message");
      if (!got.equals(want)) {
        failures.add(label + ": expected " + want + " but threw " + got);
      }
    }
  }

  private static String show(Object o) {
    return o instanceof String s ? Json.quote(s) : String.valueOf(o);
  }

  private static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** A minimal JSON reader for the fixtures: objects, arrays, strings, numbers, literals. */
  static final class Json {
    private final String text;
    private int at;

    private Json(String text) {
      this.text = text;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String resource) {
      try (InputStream in = BufferTest.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing; see src/test/node/buffer-fixtures.js");
        }
        return (Map<String, Object>) new Json(new String(in.readAllBytes(), StandardCharsets.UTF_8)).value();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static String quote(String s) {
      StringBuilder sb = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c) || c >= 0x7f) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      return sb.append('"').toString();
    }

    private Object value() {
      skipSpace();
      char c = text.charAt(at);
      switch (c) {
        case '{': {
          Map<String, Object> map = new LinkedHashMap<>();
          at++;
          skipSpace();
          if (text.charAt(at) == '}') {
            at++;
            return map;
          }
          for (;;) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (text.charAt(at++) == '}') {
              return map;
            }
          }
        }
        case '[': {
          List<Object> list = new ArrayList<>();
          at++;
          skipSpace();
          if (text.charAt(at) == ']') {
            at++;
            return list;
          }
          for (;;) {
            list.add(value());
            skipSpace();
            if (text.charAt(at++) == ']') {
              return list;
            }
          }
        }
        case '"':
          return string();
        case 't':
          at += 4;
          return Boolean.TRUE;
        case 'f':
          at += 5;
          return Boolean.FALSE;
        case 'n':
          at += 4;
          return null;
        default:
          return number();
      }
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      for (;;) {
        char c = text.charAt(at++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = text.charAt(at++);
        switch (e) {
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            sb.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> sb.append(e); // " \ /
        }
      }
    }

    private Object number() {
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      String n = text.substring(start, at);
      if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
        return Long.parseLong(n);
      }
      return Double.parseDouble(n);
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private void expect(char c) {
      if (text.charAt(at++) != c) {
        throw new IllegalStateException("expected " + c + " at " + (at - 1));
      }
    }
  }
}
