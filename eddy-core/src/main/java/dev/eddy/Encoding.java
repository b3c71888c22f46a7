package dev.eddy;

import dev.eddy.internal.NodeErrors;
import java.util.Locale;

/**
 * The character encodings of Node's {@code Buffer} and {@code StringDecoder}, with Node 20's
 * conversion rules (see {@link Buffer} for what each does with invalid input).
 *
 * <p>Node's aliases map to one constant each: {@code utf-8} is {@link #UTF8}; {@code ucs2}, {@code
 * ucs-2} and {@code utf-16le} are {@link #UTF16LE}; {@code binary} is {@link #LATIN1}. Use {@link
 * #of} to turn a name from configuration or a ported program into a constant.
 */
public enum Encoding {
  /** UTF-8; decoding replaces each maximal invalid subpart with U+FFFD, as V8 does. */
  UTF8("utf8"),
  /** UTF-16 little-endian code units, unpaired surrogates kept; {@code ucs2} in Node. */
  UTF16LE("utf16le"),
  /** One byte per character: the low 8 bits of each char; {@code binary} in Node. */
  LATIN1("latin1"),
  /** Encodes like {@link #LATIN1}; decoding clears the high bit of each byte, as Node 20 does. */
  ASCII("ascii"),
  /** Two lowercase hex digits per byte; decoding stops at the first pair that is not hex. */
  HEX("hex"),
  /** RFC 4648 base64 with padding; decoding is lenient (see {@link Buffer}). */
  BASE64("base64"),
  /** RFC 4648 base64url without padding; decoding is the same lenient one as {@link #BASE64}. */
  BASE64URL("base64url");

  private final String nodeName;

  Encoding(String nodeName) {
    this.nodeName = nodeName;
  }

  /** Node's canonical name: {@code utf8}, {@code utf16le}, {@code latin1}, ... */
  public String nodeName() {
    return nodeName;
  }

  /**
   * Returns the encoding Node knows by {@code name}, ignoring case: {@code "UTF-8"}, {@code
   * "ucs2"}, {@code "binary"}, {@code "Base64url"}. Any thread may call this.
   *
   * @param name an encoding name as Node accepts it
   * @return the encoding
   * @throws NodeException a {@code TypeError} with code {@code ERR_UNKNOWN_ENCODING} and Node's
   *     message ({@code Unknown encoding: xyz}) if Node does not know the name; the empty string
   *     is unknown too, as in Node's {@code buf.toString('')}
   * @throws NullPointerException if {@code name} is null
   */
  public static Encoding of(String name) {
    Encoding encoding = lookup(name);
    if (encoding == null) {
      throw NodeErrors.unknownEncoding(name);
    }
    return encoding;
  }

  /**
   * Node's {@code Buffer.isEncoding(name)}: whether {@link #of} accepts the name. Any thread may
   * call this.
   *
   * @param name a name, or null (which is no encoding)
   * @return true if {@code name} names an encoding
   */
  public static boolean isEncoding(String name) {
    return name != null && lookup(name) != null;
  }

  private static Encoding lookup(String name) {
    // Node lower-cases with JavaScript's locale-independent mapping; Locale.ROOT is the same, and
    // unlike equalsIgnoreCase it does not equate "ſ" (long s) with "s".
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "utf8", "utf-8" -> UTF8;
      case "utf16le", "utf-16le", "ucs2", "ucs-2" -> UTF16LE;
      case "latin1", "binary" -> LATIN1;
      case "ascii" -> ASCII;
      case "hex" -> HEX;
      case "base64" -> BASE64;
      case "base64url" -> BASE64URL;
      default -> null;
    };
  }
}
