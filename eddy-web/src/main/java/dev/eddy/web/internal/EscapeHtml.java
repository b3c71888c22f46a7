package dev.eddy.web.internal;

/**
 * The {@code escape-html} package (1.0.3): the five characters that matter in HTML text and
 * attribute values replaced by entities. Express uses it for the bodies of redirects and of its
 * default error pages.
 */
public final class EscapeHtml {
  private EscapeHtml() {}

  /**
   * Replaces {@code &}, {@code <}, {@code >}, {@code "} and {@code '} with {@code &amp;}, {@code
   * &lt;}, {@code &gt;}, {@code &quot;} and {@code &#39;}; everything else is kept as is.
   *
   * <p>Thread-safe; returns {@code s} itself when there is nothing to escape.
   *
   * @throws NullPointerException if {@code s} is null
   */
  public static String escape(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && replacement(s.charAt(i)) == null) i++;
    if (i == n) return s;
    StringBuilder out = new StringBuilder(n + 16).append(s, 0, i);
    for (; i < n; i++) {
      char c = s.charAt(i);
      String r = replacement(c);
      if (r == null) {
        out.append(c);
      } else {
        out.append(r);
      }
    }
    return out.toString();
  }

  private static String replacement(char c) {
    // A switch on the few interesting characters; '>' (62) is the largest of them.
    if (c > '>') return null;
    return switch (c) {
      case '"' -> "&quot;";
      case '&' -> "&amp;";
      case '\'' -> "&#39;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      default -> null;
    };
  }
}
