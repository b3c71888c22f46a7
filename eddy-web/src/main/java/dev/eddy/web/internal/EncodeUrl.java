package dev.eddy.web.internal;

/**
 * The {@code encodeurl} package (2.0.3): makes a URL safe to put in a {@code Location} header
 * without encoding it twice. Characters a URL may hold are kept, and so is every {@code %} that
 * starts a valid {@code %XX} escape; everything else is percent-encoded as UTF-8, with lone
 * surrogates turned into U+FFFD first.
 */
public final class EncodeUrl {
  private EncodeUrl() {}

  /**
   * ASCII characters kept as they are: 0x21, 0x23-0x3B, 0x3D, 0x3F-0x5F, 0x61-0x7A, 0x7C, 0x7E. '%'
   * is among them and handled apart.
   */
  private static final boolean[] KEEP = new boolean[128];

  static {
    KEEP[0x21] = true;
    for (int c = 0x23; c <= 0x3B; c++) KEEP[c] = true;
    KEEP[0x3D] = true;
    for (int c = 0x3F; c <= 0x5F; c++) KEEP[c] = true;
    for (int c = 0x61; c <= 0x7A; c++) KEEP[c] = true;
    KEEP[0x7C] = true;
    KEEP[0x7E] = true;
  }

  /**
   * Encodes {@code url} as {@code encodeurl} does: for example {@code "/a b?x=<1>"} becomes {@code
   * "/a%20b?x=%3C1%3E"}, {@code "%20%"} becomes {@code "%20%25"} and a lone surrogate becomes
   * {@code %EF%BF%BD}.
   *
   * <p>Thread-safe; returns {@code url} itself when nothing needs encoding.
   *
   * @throws NullPointerException if {@code url} is null
   */
  public static String encode(String url) {
    int n = url.length();
    int i = 0;
    while (i < n && keeps(url, i)) i++;
    if (i == n) return url;
    StringBuilder out = new StringBuilder(n + 16).append(url, 0, i);
    while (i < n) {
      char c = url.charAt(i);
      if (keeps(url, i)) {
        out.append(c);
        i++;
        continue;
      }
      int cp;
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(url.charAt(i + 1))) {
        cp = Character.toCodePoint(c, url.charAt(i + 1));
        i += 2;
      } else {
        cp = Character.isSurrogate(c) ? 0xFFFD : c;
        i++;
      }
      UriCodec.appendUtf8Escaped(out, cp);
    }
    return out.toString();
  }

  private static boolean keeps(String s, int i) {
    char c = s.charAt(i);
    if (c >= 128 || !KEEP[c]) return false;
    if (c != '%') return true;
    return i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2));
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
