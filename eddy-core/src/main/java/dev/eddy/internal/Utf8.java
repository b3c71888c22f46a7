package dev.eddy.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as V8 converts it: decoding replaces each maximal subpart of an ill-formed sequence with
 * one U+FFFD (the WHATWG Encoding Standard's decoder, which V8's {@code Utf8Decoder} implements);
 * encoding writes each unpaired surrogate as U+FFFD ({@code EF BF BD}), as V8's {@code WriteUtf8}
 * with {@code REPLACE_INVALID_UTF8} does.
 *
 * <p>The JDK's own converters are not used for the general case because they differ exactly
 * there: {@code String.getBytes(UTF_8)} writes {@code '?'} for an unpaired surrogate. They are used
 * where they are provably equivalent and faster: ASCII-only input, and large strings whose JDK
 * encoding contains no substituted {@code '?'}.
 */
public final class Utf8 {
  private Utf8() {}

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** Index of the first byte >= 0x80 in {@code [from, to)}, or {@code to}: eight bytes a step. */
  public static int firstNonAscii(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      if (((long) LONGS.get(b, i) & HIGH_BITS) != 0) {
        break;
      }
    }
    for (; i < to; i++) {
      if (b[i] < 0) {
        return i;
      }
    }
    return to;
  }

  /** Decodes {@code len} bytes from {@code off}, replacing ill-formed sequences as V8 does. */
  public static String decode(byte[] b, int off, int len) {
    int end = off + len;
    int i = firstNonAscii(b, off, end);
    if (i == end) {
      // ASCII is its own Latin-1 decoding, which the JDK turns into a compact string by one copy.
      return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
    // One char per byte at most: only a 4-byte sequence yields two chars.
    char[] out = new char[len];
    int n = 0;
    for (int k = off; k < i; k++) {
      out[n++] = (char) b[k];
    }
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        out[n++] = (char) c;
        i++;
        continue;
      }
      int need;
      int cp;
      int lower = 0x80;
      int upper = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        if (c == 0xE0) {
          lower = 0xA0; // below is an overlong form
        } else if (c == 0xED) {
          upper = 0x9F; // above encodes a surrogate
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        if (c == 0xF0) {
          lower = 0x90; // below is an overlong form
        } else if (c == 0xF4) {
          upper = 0x8F; // above is beyond U+10FFFF
        }
      } else {
        // 80..C1 (continuation or overlong lead) and F5..FF never start a character.
        out[n++] = '\uFFFD';
        i++;
        continue;
      }
      int j = i + 1;
      boolean complete = true;
      for (int k = 0; k < need; k++, j++) {
        int d;
        if (j >= end || (d = b[j] & 0xFF) < lower || d > upper) {
          complete = false;
          break;
        }
        cp = (cp << 6) | (d & 0x3F);
        lower = 0x80;
        upper = 0xBF;
      }
      if (!complete) {
        // The bytes [i, j) are a maximal subpart: one U+FFFD, then b[j] starts afresh.
        out[n++] = '\uFFFD';
        i = j;
        continue;
      }
      i = j;
      if (cp >= 0x10000) {
        out[n++] = Character.highSurrogate(cp);
        out[n++] = Character.lowSurrogate(cp);
      } else {
        out[n++] = (char) cp;
      }
    }
    return new String(out, 0, n);
  }

  /** V8's {@code String::Utf8Length}: an unpaired surrogate counts 3 bytes (its U+FFFD). */
  public static int encodedLength(String s) {
    int n = s.length();
    long bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // 4 bytes for 2 chars
          i++;
        } else {
          bytes += 2;
        }
      }
    }
    if (bytes > Integer.MAX_VALUE) {
      throw new OutOfMemoryError("UTF-8 of the string exceeds the maximum array size");
    }
    return (int) bytes;
  }

  /**
   * Writes the UTF-8 of {@code s} at {@code pos}; {@code dst} must have room for {@link
   * #encodedLength} bytes (3 per char always suffices). Returns the position after the last byte.
   */
  public static int encode(String s, byte[] dst, int pos) {
    int n = s.length();
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      dst[pos++] = (byte) c;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        dst[pos++] = (byte) c;
      } else if (c < 0x800) {
        dst[pos++] = (byte) (0xC0 | (c >> 6));
        dst[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        char d;
        if (Character.isHighSurrogate(c) && i + 1 < n
            && Character.isLowSurrogate(d = s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, d);
          i++;
          dst[pos++] = (byte) (0xF0 | (cp >> 18));
          dst[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          dst[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          dst[pos++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          dst[pos++] = (byte) 0xEF;
          dst[pos++] = (byte) 0xBF;
          dst[pos++] = (byte) 0xBD;
        }
      } else {
        dst[pos++] = (byte) (0xE0 | (c >> 12));
        dst[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        dst[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return pos;
  }

  /** The UTF-8 of {@code s} in an array of its exact length. */
  public static byte[] encode(String s) {
    // The JDK's encoder is intrinsified (an array copy for ASCII); its only difference from V8 is
    // '?' for an unpaired surrogate, so its result stands unless it has more '?' than s has.
    byte[] jdk = s.getBytes(StandardCharsets.UTF_8);
    if (!contains(jdk, (byte) '?') || count(jdk) == count(s)) {
      return jdk;
    }
    byte[] out = new byte[encodedLength(s)];
    encode(s, out, 0);
    return out;
  }

  private static final long ONES = 0x0101010101010101L;

  /** Whether {@code b} contains {@code value}: eight bytes a step (a zero byte of b ^ value). */
  private static boolean contains(byte[] b, byte value) {
    long pattern = (value & 0xFF) * ONES;
    int i = 0;
    for (; i + 8 <= b.length; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      if (((x - ONES) & ~x & HIGH_BITS) != 0) {
        return true;
      }
    }
    for (; i < b.length; i++) {
      if (b[i] == value) {
        return true;
      }
    }
    return false;
  }

  private static int count(byte[] b) {
    int count = 0;
    for (byte x : b) {
      if (x == '?') {
        count++;
      }
    }
    return count;
  }

  private static int count(String s) {
    int count = 0;
    for (int i = s.indexOf('?'); i >= 0; i = s.indexOf('?', i + 1)) {
      count++;
    }
    return count;
  }
}
