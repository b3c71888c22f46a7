package dev.eddy.web;

/**
 * The parts of a request target that routing needs, as the parseurl package finds them: the path
 * (without query and fragment; an absolute-form target gives its path) and the raw query string.
 */
final class Urls {
  private Urls() {}

  /** {@code [pathname, query]}; the query is null without a {@code ?}. */
  static String[] split(String url) {
    if (url == null) return new String[] {null, null};
    int start = 0;
    if (!url.startsWith("/")) {
      int q = url.indexOf('?');
      int scheme = url.indexOf("://");
      if (scheme != -1 && (q == -1 || scheme < q)) {
        int slash = url.indexOf('/', scheme + 3);
        int end = firstOf(url, scheme + 3);
        if (slash == -1 || (end != -1 && end < slash)) {
          // no path: url.parse gives "/"
          String query = q == -1 ? null : stripHash(url.substring(q + 1));
          return new String[] {"/", query};
        }
        start = slash;
      }
    }
    int end = url.length();
    String query = null;
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '?') {
        end = i;
        query = stripHash(url.substring(i + 1));
        break;
      }
      if (c == '#') {
        end = i;
        break;
      }
    }
    return new String[] {url.substring(start, end), query};
  }

  private static int firstOf(String url, int from) {
    for (int i = from; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '?' || c == '#') return i;
    }
    return -1;
  }

  private static String stripHash(String q) {
    int h = q.indexOf('#');
    return h == -1 ? q : q.substring(0, h);
  }
}
