package dev.eddy.web.internal;

import java.util.List;

/**
 * Request content type checks with the semantics of the npm package {@code type-is} 2.1.0 (what
 * {@code req.is()} and body-parser's type option use). JavaScript's {@code false} is null here.
 * All methods are static and thread-safe.
 */
public final class TypeIs {
  private TypeIs() {}

  /**
   * type-is's {@code hasBody(req)}: whether the request has a body, i.e. a {@code
   * Transfer-Encoding} header is present (any value, even empty) or the {@code Content-Length}
   * value converts to a JavaScript number ({@code Number(value)} is not NaN: an empty or blank
   * value counts as 0, and hexadecimal, exponents and {@code Infinity} are numbers too).
   *
   * @param contentLength the {@code Content-Length} header as received, or null when absent
   * @param transferEncoding the {@code Transfer-Encoding} header as received, or null when absent
   */
  public static boolean hasBody(String contentLength, String transferEncoding) {
    return transferEncoding != null || (contentLength != null && isJsNumber(contentLength));
  }

  /**
   * type-is's {@code is(value, types)}, which {@code req.is(types)} applies once {@link #hasBody}
   * holds. The header's type (before any {@code ;}, trimmed, lower-cased) must be a valid {@code
   * type/subtype} or the answer is null. With no types, that type is returned. Otherwise the first
   * type that matches after {@link #normalize} wins and is returned as given ({@code "json"},
   * {@code "urlencoded"}, {@code "application/json"}), except that a type containing {@code *} or
   * starting with {@code +} returns the request's actual type (e.g. {@code "text/plain"}); null
   * when none matches. Matching is case-sensitive on the given types (the header's is lower-cased).
   *
   * @param contentType the {@code Content-Type} header value, or null when absent
   * @param types the candidate types; null or empty for "the content type"; null elements never
   *     match
   */
  public static String is(String contentType, List<String> types) {
    if (contentType == null || contentType.isEmpty()) return null;
    String val = ContentType.typeOf(contentType);
    if (!isValidMediaType(val)) return null;
    if (types == null || types.isEmpty()) return val;
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i);
      if (mimeMatch(normalize(type), val)) {
        return type.charAt(0) == '+' || type.indexOf('*') != -1 ? val : type;
      }
    }
    return null;
  }

  /**
   * type-is's {@code normalize(type)}: {@code "urlencoded"} is {@code
   * application/x-www-form-urlencoded}, {@code "multipart"} is {@code multipart/*}, {@code "+json"}
   * is {@code *}{@code /*+json}, a string without {@code /} is looked up as an extension ({@link
   * MimeTypes#lookup}, null when unknown), anything else is returned unchanged. Null for null.
   */
  public static String normalize(String type) {
    if (type == null) return null;
    switch (type) {
      case "urlencoded":
        return "application/x-www-form-urlencoded";
      case "multipart":
        return "multipart/*";
      default:
        break;
    }
    if (!type.isEmpty() && type.charAt(0) == '+') return "*/*" + type;
    return type.indexOf('/') == -1 ? MimeTypes.lookup(type) : type;
  }

  /**
   * type-is's {@code match(expected, actual)}: whether {@code actual} ({@code type/subtype}) matches
   * {@code expected}, which may use {@code *} for the type or subtype, or {@code *+suffix} for the
   * subtype ({@code application/*+json} matches {@code application/ld+json}). Both must contain
   * exactly one {@code /}; comparison is case-sensitive. False when either is null.
   */
  public static boolean mimeMatch(String expected, String actual) {
    if (expected == null || actual == null) return false;
    int es = singleSlash(expected);
    int as = singleSlash(actual);
    if (es < 0 || as < 0) return false;
    boolean anyType = es == 1 && expected.charAt(0) == '*';
    if (!anyType && !(es == as && expected.regionMatches(0, actual, 0, es))) return false;
    int eLen = expected.length() - es - 1;
    int aLen = actual.length() - as - 1;
    if (eLen >= 2 && expected.charAt(es + 1) == '*' && expected.charAt(es + 2) == '+') {
      // "*+suffix": the actual subtype must end with "+suffix".
      int suffixLen = eLen - 1;
      return suffixLen <= aLen
          && expected.regionMatches(es + 2, actual, actual.length() - suffixLen, suffixLen);
    }
    if (eLen == 1 && expected.charAt(es + 1) == '*') return true;
    return eLen == aLen && expected.regionMatches(es + 1, actual, as + 1, eLen);
  }

  /** The index of the only slash in {@code s}, or -1 when there is none or more than one. */
  private static int singleSlash(String s) {
    int slash = s.indexOf('/');
    if (slash < 0 || s.indexOf('/', slash + 1) >= 0) return -1;
    return slash;
  }

  /**
   * media-typer 1.1's {@code test}: optional spaces, a type of 1-127 characters from {@code
   * A-Za-z0-9!#$&^_-} starting alphanumeric, {@code /}, a subtype of 1-127 from those plus {@code
   * .} and {@code +}, optional spaces. {@code s} is already lower case here.
   */
  static boolean isValidMediaType(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && s.charAt(i) == ' ') i++;
    int start = i;
    if (i >= n || !isAlnum(s.charAt(i))) return false;
    i++;
    while (i < n && isNameChar(s.charAt(i), false)) i++;
    if (i - start > 127 || i >= n || s.charAt(i) != '/') return false;
    start = ++i;
    if (i >= n || !isAlnum(s.charAt(i))) return false;
    i++;
    while (i < n && isNameChar(s.charAt(i), true)) i++;
    if (i - start > 127) return false;
    while (i < n && s.charAt(i) == ' ') i++;
    return i == n;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isNameChar(char c, boolean subtype) {
    if (isAlnum(c)) return true;
    switch (c) {
      case '!', '#', '$', '&', '^', '_', '-':
        return true;
      case '.', '+':
        return subtype;
      default:
        return false;
    }
  }

  /**
   * Whether JavaScript's {@code Number(s)} is not NaN: after trimming white space, empty, or a
   * decimal literal (optional sign, {@code Infinity}, digits with optional fraction and exponent),
   * or {@code 0x}/{@code 0o}/{@code 0b} followed by digits of that base.
   */
  static boolean isJsNumber(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && MimeTypes.isJsWhitespace(s.charAt(from))) from++;
    while (to > from && MimeTypes.isJsWhitespace(s.charAt(to - 1))) to--;
    if (from == to) return true;
    if (to - from > 2 && s.charAt(from) == '0') {
      char p = s.charAt(from + 1);
      int radix = p == 'x' || p == 'X' ? 16 : p == 'o' || p == 'O' ? 8 : p == 'b' || p == 'B' ? 2 : 0;
      if (radix != 0) {
        for (int i = from + 2; i < to; i++) {
          if (Character.digit(s.charAt(i), radix) < 0 || s.charAt(i) >= 0x80) return false;
        }
        return true;
      }
    }
    int i = from;
    if (s.charAt(i) == '+' || s.charAt(i) == '-') i++;
    if (to - i == 8 && s.startsWith("Infinity", i)) return true;
    int intStart = i;
    while (i < to && isDigit(s.charAt(i))) i++;
    boolean digits = i > intStart;
    if (i < to && s.charAt(i) == '.') {
      int fracStart = ++i;
      while (i < to && isDigit(s.charAt(i))) i++;
      digits |= i > fracStart;
    }
    if (!digits) return false;
    if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      int expStart = i;
      while (i < to && isDigit(s.charAt(i))) i++;
      if (i == expStart) return false;
    }
    return i == to;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
