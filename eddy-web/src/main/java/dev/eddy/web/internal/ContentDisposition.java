package dev.eddy.web.internal;

/**
 * {@code Content-Disposition} values as the {@code content-disposition} package (2.0.1, the version
 * Express 5.3.0 loads) creates them for {@code res.attachment()} and {@code res.download()}: a
 * printable-ASCII file name goes in {@code filename} (a token as is, otherwise quoted), any other
 * name goes in {@code filename*=UTF-8''...} with an ASCII {@code filename} fallback in which every
 * character outside printable ASCII became {@code ?}. Express strips directories (basename) before
 * calling; this class does not. Thread-safe.
 */
public final class ContentDisposition {
  private ContentDisposition() {}

  /**
   * The header for a disposition type and an optional file name, as the package's {@code
   * create(filename, {type, fallback})}.
   *
   * @param type disposition type, e.g. {@code "attachment"}; null or empty means {@code
   *     "attachment"}; must be an HTTP token
   * @param filename the file name, or null for none
   * @param fallback whether to add the ASCII {@code filename} next to {@code filename*} for names
   *     that need it (the package's default is true)
   * @return the header value
   * @throws IllegalArgumentException for a name with an unpaired surrogate ({@code
   *     encodeURIComponent}'s "URI malformed"), else for a type that is not a token ({@code
   *     "Invalid type: ..."}), checked in that order as in the package
   */
  public static String format(String type, String filename, boolean fallback) {
    if (filename == null) return checkType(type);
    if (isAsciiText(filename) && !hasPercentEscape(filename)) {
      String t = checkType(type);
      StringBuilder out = new StringBuilder(t.length() + filename.length() + 16).append(t);
      appendParam(out, "filename", filename);
      return out.toString();
    }
    // The package builds the parameters (and may fail to encode) before it looks at the type.
    String extended = encodeExtended(filename);
    String t = checkType(type);
    StringBuilder out = new StringBuilder(t.length() + filename.length() + extended.length() + 24);
    out.append(t);
    if (fallback) appendParam(out, "filename", asciiFallback(filename));
    out.append("; filename*=").append(extended);
    return out.toString();
  }

  /**
   * {@code create(filename, {type, fallback})} with a caller-chosen ASCII fallback name.
   *
   * @param type disposition type; null or empty means {@code "attachment"}
   * @param filename the file name, or null for none
   * @param fallback the fallback name, printable ASCII only
   * @return the header value
   * @throws IllegalArgumentException for a bad type, a fallback that is not printable ASCII
   *     ({@code "Fallback must be valid US-ASCII: ..."}), or an unpaired surrogate in the name
   */
  public static String format(String type, String filename, String fallback) {
    if (filename == null) return checkType(type);
    if (!isAsciiText(fallback)) {
      throw new IllegalArgumentException("Fallback must be valid US-ASCII: " + fallback);
    }
    String extended = fallback.equals(filename) ? null : encodeExtended(filename);
    String t = checkType(type);
    StringBuilder out = new StringBuilder(t.length() + filename.length() * 2 + 24).append(t);
    appendParam(out, "filename", fallback);
    if (extended != null) out.append("; filename*=").append(extended);
    return out.toString();
  }

  /**
   * {@code format("attachment", filename, true)}, what {@code res.attachment(name)} sends (after
   * Express has taken the basename).
   *
   * @throws IllegalArgumentException for a name with an unpaired surrogate
   */
  public static String attachment(String filename) {
    return format("attachment", filename, true);
  }

  private static String checkType(String type) {
    String t = type == null || type.isEmpty() ? "attachment" : type;
    if (!isToken(t)) throw new IllegalArgumentException("Invalid type: " + t);
    return t;
  }

  /**
   * A {@code name=value} parameter as the package's format writes it: the value bare when it is a
   * token, quoted (backslash before {@code "} and {@code \}) otherwise. Fallback values are always
   * printable ASCII here, so the package's further {@code filename*} branch cannot be reached.
   */
  private static void appendParam(StringBuilder out, String name, String value) {
    out.append("; ").append(name).append('=');
    if (isToken(value)) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') out.append('\\');
      out.append(c);
    }
    out.append('"');
  }

  /** Characters outside printable ASCII become '?', one per UTF-16 unit as the regex replace does. */
  private static String asciiFallback(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] < 0x20 || chars[i] > 0x7E) chars[i] = '?';
    }
    return new String(chars);
  }

  /** RFC 8187 {@code UTF-8''...}: encodeURIComponent plus escapes for the non-attr-chars it keeps. */
  static String encodeExtended(String s) {
    String enc = UriCodec.encodeURIComponent(s);
    StringBuilder out = new StringBuilder(enc.length() + 16).append("UTF-8''");
    for (int i = 0, n = enc.length(); i < n; i++) {
      char c = enc.charAt(i);
      if (c == '\'' || c == '(' || c == ')' || c == '*') {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isAsciiText(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) return false;
    }
    return true;
  }

  /** The package's {@code /%[0-9A-Fa-f]{2}/}: a name that would read as percent-encoded. */
  private static boolean hasPercentEscape(String s) {
    for (int i = s.indexOf('%'); i >= 0 && i + 2 < s.length(); i = s.indexOf('%', i + 1)) {
      if (isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) return true;
    }
    return false;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** RFC 7230 tchar: {@code !#$%&'*+-.^_`|~}, digits and letters. */
  static boolean isToken(String s) {
    int n = s.length();
    if (n == 0) return false;
    for (int i = 0; i < n; i++) {
      if (!isTchar(s.charAt(i))) return false;
    }
    return true;
  }

  static boolean isTchar(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') return true;
    switch (c) {
      case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
        return true;
      default:
        return false;
    }
  }
}
