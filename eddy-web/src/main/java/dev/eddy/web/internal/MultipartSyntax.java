package dev.eddy.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The header grammar of multipart/form-data as busboy 1.6 reads it: the strict Content-Type and
 * Content-Disposition parsers (quoted strings with backslash escapes, RFC 5987 extended values),
 * the charset decoders busboy knows and its {@code basename}. Strings hold one char per header
 * byte (latin1), as the header parser produces them. Stateless and thread-safe.
 */
public final class MultipartSyntax {
  private MultipartSyntax() {}

  /** A parsed Content-Type: lower-cased type and subtype, parameters (names lower-cased, first wins). */
  public record MediaType(String type, String subtype, Map<String, String> params) {}

  /** A parsed Content-Disposition: the lower-cased type and its parameters. */
  public record Disposition(String type, Map<String, String> params) {}

  /** Decodes a parameter or field value; returns null where busboy gives undefined. */
  @FunctionalInterface
  public interface Decoder {
    /**
     * @param latin1 the value, one char per byte
     * @param hint 0 or 1 when the value has no byte above 0x7F (it is returned as is for UTF-8)
     */
    String decode(String latin1, int hint);
  }

  private static final boolean[] TOKEN = table("!#$%&'*+-.^_`|~");
  private static final boolean[] CHARSET = table("!#$%&+-^_`{}~");
  private static final boolean[] EXTENDED = table("!#$&+-.^_`|~");
  private static final boolean[] QDTEXT = new boolean[256];

  static {
    QDTEXT['\t'] = true;
    for (int c = 0x20; c < 0x100; c++) QDTEXT[c] = c != '"' && c != '\\' && c != 0x7F;
  }

  private static boolean[] table(String extra) {
    boolean[] t = new boolean[256];
    for (int c = '0'; c <= '9'; c++) t[c] = true;
    for (int c = 'a'; c <= 'z'; c++) t[c] = true;
    for (int c = 'A'; c <= 'Z'; c++) t[c] = true;
    for (int i = 0; i < extra.length(); i++) t[extra.charAt(i)] = true;
    return t;
  }

  static boolean token(int c) {
    return c < 256 && TOKEN[c];
  }

  private static boolean in(boolean[] t, int c) {
    return c < 256 && t[c];
  }

  private static int hex(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  /** busboy's {@code parseContentType}: null when malformed (no subtype, bad parameter, ...). */
  public static MediaType parseContentType(String str) {
    int n = str.length();
    if (n == 0) return null;
    int i = 0;
    for (; i < n; i++) {
      char c = str.charAt(i);
      if (!token(c)) {
        if (c != '/' || i == 0) return null;
        break;
      }
    }
    if (i == n) return null;
    String type = lower(str.substring(0, i));
    int subStart = ++i;
    Map<String, String> params = new HashMap<>(4);
    for (; i < n; i++) {
      if (!token(str.charAt(i))) {
        if (i == subStart) return null;
        if (!parseParams(str, i, params, null)) return null;
        break;
      }
    }
    // the subtype ends at the first non-token character, wherever the parameters took i
    int subEnd = subStart;
    while (subEnd < n && token(str.charAt(subEnd))) subEnd++;
    if (subEnd == subStart) return null;
    return new MediaType(type, lower(str.substring(subStart, subEnd)), params);
  }

  /**
   * busboy's {@code parseDisposition}: null when malformed, including an extended value in an
   * unknown charset or a plain value {@code decoder} rejects.
   */
  public static Disposition parseDisposition(String str, Decoder decoder) {
    int n = str.length();
    if (n == 0) return null;
    Map<String, String> params = new HashMap<>(4);
    int i = 0;
    for (; i < n; i++) {
      if (!token(str.charAt(i))) {
        if (!parseParams(str, i, params, decoder)) return null;
        break;
      }
    }
    int typeEnd = 0;
    while (typeEnd < n && token(str.charAt(typeEnd))) typeEnd++;
    return new Disposition(lower(str.substring(0, typeEnd)), params);
  }

  /**
   * The parameter list from {@code i}; {@code decoder} null means Content-Type rules (no extended
   * values, no decoding). False when malformed.
   */
  private static boolean parseParams(String str, int i, Map<String, String> params, Decoder decoder) {
    int n = str.length();
    StringBuilder value = new StringBuilder();
    while (i < n) {
      while (i < n && isWs(str.charAt(i))) i++;
      if (i == n) break;
      if (str.charAt(i++) != ';') return false;
      while (i < n && isWs(str.charAt(i))) i++;
      if (i == n) return false;
      int nameStart = i;
      for (; i < n; i++) {
        char c = str.charAt(i);
        if (!token(c)) {
          if (c != '=') return false;
          break;
        }
      }
      if (i == n) return false;
      String name = str.substring(nameStart, i);
      value.setLength(0);
      String v;
      if (decoder != null && name.charAt(name.length() - 1) == '*') {
        int charsetStart = ++i;
        for (; i < n; i++) {
          char c = str.charAt(i);
          if (!in(CHARSET, c)) {
            if (c != '\'') return false;
            break;
          }
        }
        if (i == n) return false;
        String charset = str.substring(charsetStart, i);
        ++i;
        while (i < n && str.charAt(i) != '\'') i++;
        if (i == n) return false;
        ++i;
        if (i == n) return false;
        int valueStart = i;
        int encode = 0;
        for (; i < n; i++) {
          char c = str.charAt(i);
          if (!in(EXTENDED, c)) {
            if (c == '%') {
              int hi;
              int lo;
              if (i + 2 < n && (hi = hex(str.charAt(i + 1))) != -1 && (lo = hex(str.charAt(i + 2))) != -1) {
                int b = (hi << 4) + lo;
                value.append(str, valueStart, i).append((char) b);
                i += 2;
                valueStart = i + 1;
                if (b >= 128) encode = 2;
                else if (encode == 0) encode = 1;
                continue;
              }
              return false;
            }
            break;
          }
        }
        value.append(str, valueStart, i);
        Decoder d = decoder(charset);
        v = d == null ? null : d.decode(value.toString(), encode);
        if (v == null) return false;
      } else {
        ++i;
        if (i == n) return false;
        if (str.charAt(i) == '"') {
          int valueStart = ++i;
          boolean escaping = false;
          for (; i < n; i++) {
            char c = str.charAt(i);
            if (c == '\\') {
              if (escaping) {
                valueStart = i;
                escaping = false;
              } else {
                value.append(str, valueStart, i);
                escaping = true;
              }
              continue;
            }
            if (c == '"') {
              if (escaping) {
                valueStart = i;
                escaping = false;
                continue;
              }
              value.append(str, valueStart, i);
              break;
            }
            if (escaping) {
              // busboy keeps the backslash of an escaped ordinary character
              valueStart = i - 1;
              escaping = false;
            }
            if (!in(QDTEXT, c)) return false;
          }
          if (i == n) return false;
          ++i;
        } else {
          int valueStart = i;
          for (; i < n; i++) {
            if (!token(str.charAt(i))) {
              if (i == valueStart) return false;
              break;
            }
          }
          value.append(str, valueStart, i);
        }
        v = value.toString();
        if (decoder != null) {
          v = decoder.decode(v, 2);
          if (v == null) return false;
        }
      }
      params.putIfAbsent(lower(name), v);
    }
    return true;
  }

  private static boolean isWs(char c) {
    return c == ' ' || c == '\t';
  }

  /** ASCII lower case, as JavaScript's toLowerCase on token characters. */
  static String lower(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') return s.toLowerCase(java.util.Locale.ROOT);
      if (c > 0x7F) return s.toLowerCase(java.util.Locale.ROOT);
    }
    return s;
  }

  private static final Decoder UTF8 = (s, hint) -> {
    if (s.isEmpty() || hint < 2) return s;
    return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  };
  private static final Decoder LATIN1 = (s, hint) -> s;
  private static final Decoder UTF16LE = (s, hint) -> utf16le(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
  private static final Decoder BASE64 = (s, hint) -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.ISO_8859_1));

  /**
   * busboy's {@code getDecoder}: UTF-8, the latin1 family (ascii, iso-8859-1, windows-1252, ...:
   * all read as latin1), UTF-16LE and base64 (the bytes re-encoded as base64 text); null for any
   * other charset, which busboy cannot decode (its values become undefined).
   */
  public static Decoder decoder(String charset) {
    String cs = charset;
    for (int pass = 0; pass < 2; pass++) {
      switch (cs) {
        case "utf-8", "utf8":
          return UTF8;
        case "latin1", "ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "windows-1252",
            "iso_8859-1:1987", "cp1252", "x-cp1252":
          return LATIN1;
        case "utf16le", "utf-16le", "ucs2", "ucs-2":
          return UTF16LE;
        case "base64":
          return BASE64;
        default:
          cs = cs.toLowerCase(java.util.Locale.ROOT);
      }
    }
    return null;
  }

  /**
   * A field value's bytes decoded with busboy's rules for {@code charset}, or null for a charset
   * it cannot decode.
   */
  public static String decodeValue(byte[] b, int len, String charset) {
    Decoder d = decoder(charset);
    if (d == null) return null;
    if (len == 0) return "";
    if (d == UTF8) return new String(b, 0, len, StandardCharsets.UTF_8);
    if (d == LATIN1) return new String(b, 0, len, StandardCharsets.ISO_8859_1);
    if (d == UTF16LE) return utf16le(b, 0, len);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(b, len));
  }

  /** Node's ucs2 decoding: code units as they are (lone surrogates kept), a trailing odd byte dropped. */
  private static String utf16le(byte[] b, int off, int len) {
    char[] out = new char[len / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (char) ((b[off + 2 * i] & 0xFF) | (b[off + 2 * i + 1] & 0xFF) << 8);
    }
    return new String(out);
  }

  /** busboy's {@code basename}: the part after the last {@code /} or {@code \}; {@code .} and {@code ..} become empty. */
  public static String basename(String path) {
    for (int i = path.length() - 1; i >= 0; i--) {
      char c = path.charAt(i);
      if (c == '/' || c == '\\') {
        path = path.substring(i + 1);
        break;
      }
    }
    return path.equals("..") || path.equals(".") ? "" : path;
  }

  /**
   * multer's reversal of the WHATWG escapes in names: {@code %0A}, {@code %0D} and {@code %22}
   * (any case) become LF, CR and {@code "}; every other {@code %} stays.
   */
  public static String decodeFormDataName(String s) {
    int p = s.indexOf('%');
    if (p < 0) return s;
    StringBuilder sb = null;
    int last = 0;
    for (; p >= 0 && p + 2 < s.length(); p = s.indexOf('%', p + 1)) {
      char a = s.charAt(p + 1);
      char b = s.charAt(p + 2);
      char r = 0;
      if (a == '0' && (b == 'a' || b == 'A')) r = '\n';
      else if (a == '0' && (b == 'd' || b == 'D')) r = '\r';
      else if (a == '2' && b == '2') r = '"';
      if (r == 0) continue;
      if (sb == null) sb = new StringBuilder(s.length());
      sb.append(s, last, p).append(r);
      last = p + 3;
      p += 2;
    }
    if (sb == null) return s;
    return sb.append(s, last, s.length()).toString();
  }
}
