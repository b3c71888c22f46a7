package dev.eddy.internal;

import dev.eddy.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Conversions between strings and bytes in every {@link Encoding}, with the rules of Node 20's
 * src/string_bytes.cc and src/base64-inl.h (named after the former). Where Node reads a string's
 * characters as bytes (hex and base64 decoding, Latin-1 and ASCII encoding) it takes the low 8 bits
 * of each UTF-16 unit, so {@code "\u0141"} reads as {@code 'A'}; this is kept.
 */
public final class StringBytes {
  private StringBytes() {}

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  /** Value of a base64 or base64url digit (both alphabets at once, as Node), else -1. */
  private static final byte[] BASE64_VALUES = new byte[256];
  /** Value of a hex digit, else -1. */
  private static final byte[] HEX_VALUES = new byte[256];

  static {
    Arrays.fill(BASE64_VALUES, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; i++) {
      BASE64_VALUES[alphabet.charAt(i)] = (byte) i;
    }
    BASE64_VALUES['-'] = 62;
    BASE64_VALUES['_'] = 63;
    Arrays.fill(HEX_VALUES, (byte) -1);
    for (int i = 0; i < 10; i++) {
      HEX_VALUES['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX_VALUES['a' + i] = (byte) (10 + i);
      HEX_VALUES['A' + i] = (byte) (10 + i);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // bytes -> string

  /** Node's {@code buf.toString(encoding)} of {@code len} bytes from {@code off}. */
  public static String decode(Encoding encoding, byte[] b, int off, int len) {
    return switch (encoding) {
      case UTF8 -> Utf8.decode(b, off, len);
      case LATIN1 -> new String(b, off, len, StandardCharsets.ISO_8859_1);
      case ASCII -> ascii(b, off, len);
      case UTF16LE -> utf16le(b, off, len);
      case HEX -> hex(b, off, len);
      case BASE64 -> base64(b, off, len, false);
      case BASE64URL -> base64(b, off, len, true);
    };
  }

  private static String ascii(byte[] b, int off, int len) {
    int end = off + len;
    int i = Utf8.firstNonAscii(b, off, end);
    if (i == end) {
      return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
    // Node 20 clears the high bit of each byte: Buffer.from([0xe9]).toString('ascii') is 'i'.
    byte[] masked = Arrays.copyOfRange(b, off, end);
    for (int k = i - off; k < len; k++) {
      masked[k] &= 0x7F;
    }
    return new String(masked, StandardCharsets.ISO_8859_1);
  }

  private static String utf16le(byte[] b, int off, int len) {
    // An odd trailing byte is dropped; unpaired surrogates are kept as they are.
    char[] out = new char[len >>> 1];
    for (int i = 0; i < out.length; i++) {
      int at = off + 2 * i;
      out[i] = (char) ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8);
    }
    return new String(out);
  }

  /** Writes {@code v} as 16 lower-case hex digits (big-endian) into {@code out} at {@code at}. */
  public static void putHex(byte[] out, int at, long v) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = HEX_DIGITS[(int) (v & 0xF)];
      v >>>= 4;
    }
  }

  private static String hex(byte[] b, int off, int len) {
    byte[] out = new byte[2 * len];
    for (int i = 0; i < len; i++) {
      int v = b[off + i] & 0xFF;
      out[2 * i] = HEX_DIGITS[v >>> 4];
      out[2 * i + 1] = HEX_DIGITS[v & 0xF];
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  private static String base64(byte[] b, int off, int len, boolean url) {
    byte[] src = off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len);
    return url ? Base64.getUrlEncoder().withoutPadding().encodeToString(src)
        : Base64.getEncoder().encodeToString(src);
  }

  // ---------------------------------------------------------------------------------------------
  // string -> bytes

  /** Node's {@code Buffer.byteLength(s, encoding)}; for base64 an estimate, as Node's is. */
  public static int byteLength(String s, Encoding encoding) {
    int n = s.length();
    if (n == 0) {
      return 0;
    }
    return switch (encoding) {
      case UTF8 -> Utf8.encodedLength(s);
      case LATIN1, ASCII -> n;
      case UTF16LE -> checkedSize(2L * n);
      case HEX -> n >>> 1;
      case BASE64, BASE64URL -> {
        // lib/buffer.js base64ByteLength: two trailing '=' at most are not data.
        int bytes = n;
        if (s.charAt(bytes - 1) == '=') {
          bytes--;
        }
        if (bytes > 1 && s.charAt(bytes - 1) == '=') {
          bytes--;
        }
        yield (int) ((bytes * 3L) >>> 2);
      }
    };
  }

  /** An upper bound of the bytes {@link #write} produces for {@code s}. */
  public static int maxLength(String s, Encoding encoding) {
    int n = s.length();
    return switch (encoding) {
      case UTF8 -> checkedSize(3L * n);
      case LATIN1, ASCII -> n;
      case UTF16LE -> checkedSize(2L * n);
      case HEX -> n >>> 1;
      case BASE64, BASE64URL -> (int) ((n * 3L) >>> 2);
    };
  }

  private static int checkedSize(long size) {
    if (size > Integer.MAX_VALUE - 8) {
      throw new OutOfMemoryError("the encoded string exceeds the maximum array size");
    }
    return (int) size;
  }

  /**
   * From this many chars on, encoding UTF-8 through the JDK's intrinsic and copying the result is
   * faster than encoding char by char in place (about 0.7 ns a char against 0.1).
   */
  private static final int JDK_ENCODER_THRESHOLD = 64;

  /**
   * Writes {@code s} encoded at {@code pos}; {@code dst} must have room for {@link #maxLength}
   * bytes. Returns the number of bytes written.
   */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low 8 bits, as V8
  public static int write(String s, Encoding encoding, byte[] dst, int pos) {
    int n = s.length();
    switch (encoding) {
      case UTF8:
        if (n >= JDK_ENCODER_THRESHOLD) {
          byte[] bytes = Utf8.encode(s);
          System.arraycopy(bytes, 0, dst, pos, bytes.length);
          return bytes.length;
        }
        return Utf8.encode(s, dst, pos) - pos;
      case LATIN1:
      case ASCII:
        // V8's WriteOneByte keeps the low byte of each unit for both (Node 20 does not mask ascii).
        s.getBytes(0, n, dst, pos);
        return n;
      case UTF16LE:
        for (int i = 0; i < n; i++) {
          char c = s.charAt(i);
          dst[pos + 2 * i] = (byte) c;
          dst[pos + 2 * i + 1] = (byte) (c >>> 8);
        }
        return 2 * n;
      case HEX:
        return hexDecode(s, dst, pos);
      case BASE64:
      case BASE64URL:
        return base64Decode(s, dst, pos);
      default:
        throw new AssertionError(encoding);
    }
  }

  /** {@code s} encoded, in an array of its exact length. */
  public static byte[] encode(String s, Encoding encoding) {
    if (encoding == Encoding.UTF8) {
      return Utf8.encode(s);
    }
    byte[] out = new byte[maxLength(s, encoding)];
    int n = write(s, encoding, out, 0);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static int hexDecode(String s, byte[] dst, int pos) {
    // string_bytes.cc hex_decode: pairs until the first that is not two hex digits; an odd last
    // digit is ignored.
    int pairs = s.length() >>> 1;
    for (int i = 0; i < pairs; i++) {
      int hi = HEX_VALUES[s.charAt(2 * i) & 0xFF];
      int lo = HEX_VALUES[s.charAt(2 * i + 1) & 0xFF];
      if (hi < 0 || lo < 0) {
        return i;
      }
      dst[pos + i] = (byte) (hi << 4 | lo);
    }
    return pairs;
  }

  private static int base64Decode(String s, byte[] dst, int pos) {
    // base64-inl.h base64_decode: both alphabets; characters that are not digits are skipped; the
    // first '=' ends the input; a last group of 2 or 3 digits gives 1 or 2 bytes, of 1 nothing.
    int start = pos;
    int n = s.length();
    int group = 0;
    int prev = 0;
    for (int i = 0; i < n; i++) {
      int c = s.charAt(i) & 0xFF;
      int v = BASE64_VALUES[c];
      if (v < 0) {
        if (c == '=') {
          break;
        }
        continue;
      }
      switch (group) {
        case 0 -> { }
        case 1 -> dst[pos++] = (byte) (prev << 2 | v >>> 4);
        case 2 -> dst[pos++] = (byte) (prev << 4 | v >>> 2);
        default -> dst[pos++] = (byte) (prev << 6 | v);
      }
      prev = v;
      group = (group + 1) & 3;
    }
    return pos - start;
  }
}
