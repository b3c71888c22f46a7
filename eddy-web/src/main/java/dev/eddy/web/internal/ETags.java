package dev.eddy.web.internal;

import dev.eddy.internal.LoopLocal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * Entity tags as the {@code etag} package (1.8.1) makes them: for a body, the byte length in hex and
 * the first 27 characters of its SHA-1 in base64; for a file, its size and modification time in hex
 * (the fs.Stats form send uses). Express's default {@code etag} setting is the weak body form.
 * Thread-safe.
 */
public final class ETags {
  private ETags() {}

  /** The package's fixed answer for an empty entity (SHA-1 of nothing, length 0). */
  private static final String EMPTY = "\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\"";

  private static final MessageDigest SHA1;

  static {
    try {
      SHA1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

  private static MessageDigest sha1() {
    try {
      // Cloning a ready instance skips the provider lookup of getInstance on every call.
      return (MessageDigest) SHA1.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("SHA-1");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  /**
   * The entity tag of {@code length} bytes of {@code body} from {@code offset}: {@code
   * "<length hex>-<27 chars of base64 SHA-1>"} in double quotes, with {@code W/} in front when weak.
   *
   * @throws NullPointerException if {@code body} is null
   * @throws IndexOutOfBoundsException if the range is outside the array
   */
  public static String of(byte[] body, int offset, int length, boolean weak) {
    Objects.checkFromIndexSize(offset, length, body.length);
    if (length == 0) {
      return weak ? "W/" + EMPTY : EMPTY;
    }
    if (!Thread.currentThread().isVirtual()) {
      return SCRATCH.get().tag(body, offset, length, weak);
    }
    // a virtual thread lives for one task: a thread-local scratch would be built for nothing
    MessageDigest md = sha1();
    md.update(body, offset, length);
    // 20 bytes encode to 27 characters plus one '=', which the package cuts off.
    String tag = '"' + Integer.toHexString(length) + '-' + BASE64.encodeToString(md.digest()) + '"';
    return weak ? "W/" + tag : tag;
  }

  /** A loop's (or a platform thread's) digest and buffers: a tag then costs one String and nothing else. */
  private static final LoopLocal<Scratch> SCRATCH = LoopLocal.withInitial(Scratch::new);

  private static final class Scratch {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    private final MessageDigest md = sha1();
    private final byte[] digest = new byte[20];
    private final byte[] base64 = new byte[28];
    /** W/ + quote + 8 hex digits + dash + 27 base64 characters + quote. */
    private final byte[] out = new byte[2 + 1 + 8 + 1 + 27 + 1];

    String tag(byte[] body, int offset, int length, boolean weak) {
      md.update(body, offset, length);
      try {
        md.digest(digest, 0, digest.length); // resets md for the next tag
      } catch (java.security.DigestException impossible) {
        throw new IllegalStateException(impossible);
      }
      int b64 = BASE64.encode(digest, base64); // 27: no padding
      int p = 0;
      if (weak) {
        out[p++] = 'W';
        out[p++] = '/';
      }
      out[p++] = '"';
      int shift = (31 - Integer.numberOfLeadingZeros(length)) / 4 * 4; // the highest non-zero nibble
      for (; shift >= 0; shift -= 4) {
        out[p++] = HEX[(length >>> shift) & 0xf];
      }
      out[p++] = '-';
      System.arraycopy(base64, 0, out, p, b64);
      p += b64;
      out[p++] = '"';
      return new String(out, 0, p, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * {@link #of(byte[], int, int, boolean)} over the whole array.
   *
   * @throws NullPointerException if {@code body} is null
   */
  public static String of(byte[] body, boolean weak) {
    return of(body, 0, body.length, weak);
  }

  /**
   * The entity tag of a string body as the package computes it: over the string's UTF-8 bytes, a
   * lone surrogate counting as U+FFFD (as Node's encoder does, where Java's would write '?').
   *
   * @throws NullPointerException if {@code body} is null
   */
  public static String of(String body, boolean weak) {
    return of(nodeUtf8(body), weak);
  }

  /**
   * The tag send gives a file: {@code "<size hex>-<mtime ms hex>"} in double quotes ({@code W/} in
   * front when weak, which is what send asks for). Negative numbers keep JavaScript's {@code -}
   * sign rather than two's complement.
   *
   * @param size file size in bytes
   * @param mtimeMillis modification time in milliseconds since the epoch
   */
  public static String ofFile(long size, long mtimeMillis, boolean weak) {
    String tag = '"' + Long.toString(size, 16) + '-' + Long.toString(mtimeMillis, 16) + '"';
    return weak ? "W/" + tag : tag;
  }

  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  /** UTF-8 bytes of {@code s} with each unpaired surrogate written as U+FFFD, as Node writes it. */
  static byte[] nodeUtf8(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        CharsetEncoder enc =
            StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(REPLACEMENT);
        try {
          ByteBuffer out = enc.encode(CharBuffer.wrap(s));
          byte[] bytes = new byte[out.remaining()];
          out.get(bytes);
          return bytes;
        } catch (CharacterCodingException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
