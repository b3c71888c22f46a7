package dev.eddy.web.internal;

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
    String tag;
    if (length == 0) {
      tag = EMPTY;
    } else {
      MessageDigest md = sha1();
      md.update(body, offset, length);
      // 20 bytes encode to 27 characters plus one '=', which the package cuts off.
      String hash = BASE64.encodeToString(md.digest());
      tag = '"' + Integer.toHexString(length) + '-' + hash + '"';
    }
    return weak ? "W/" + tag : tag;
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
