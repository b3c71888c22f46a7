package dev.eddy.web.internal;

/**
 * The {@code fresh} package (2.0.0) behind Express's {@code req.fresh}: whether a conditional
 * request's validators still match the response, so a 304 can be sent. Express only asks for GET,
 * HEAD and QUERY requests with a 2xx or 304 status; those checks are the caller's. Thread-safe.
 */
public final class Fresh {
  private Fresh() {}

  /**
   * Decides freshness from the request's {@code If-None-Match}, {@code If-Modified-Since} and
   * {@code Cache-Control} headers and the response's {@code ETag} and {@code Last-Modified}
   * headers. Absent headers are {@code null}; empty strings count as absent, as in JavaScript.
   *
   * <p>An unconditional request or {@code Cache-Control: no-cache} is never fresh. {@code
   * If-None-Match} wins over {@code If-Modified-Since}: {@code *} matches anything, otherwise any
   * listed tag equal to the ETag, with or without a {@code W/} on either side. With only {@code
   * If-Modified-Since}, fresh when both dates parse (as {@code Date.parse} would) and Last-Modified
   * is not later.
   *
   * @return true when the client's cached copy is still good. Never throws.
   */
  public static boolean isFresh(
      String ifNoneMatch,
      String ifModifiedSince,
      String cacheControl,
      String etag,
      String lastModified) {
    boolean hasNoneMatch = ifNoneMatch != null && !ifNoneMatch.isEmpty();
    boolean hasModifiedSince = ifModifiedSince != null && !ifModifiedSince.isEmpty();
    if (!hasModifiedSince && !hasNoneMatch) return false;

    if (cacheControl != null && !cacheControl.isEmpty() && hasNoCache(cacheControl)) return false;

    if (hasNoneMatch) {
      if (ifNoneMatch.equals("*")) return true;
      if (etag == null || etag.isEmpty()) return false;
      return anyTagMatches(ifNoneMatch, etag);
    }

    if (lastModified == null || lastModified.isEmpty()) return false;
    long modified = HttpDates.parse(lastModified);
    long since = HttpDates.parse(ifModifiedSince);
    // NaN on either side makes the JavaScript comparison false, i.e. stale.
    return modified != HttpDates.INVALID && since != HttpDates.INVALID && modified <= since;
  }

  /**
   * The package's {@code /(?:^|,)\s*?no-cache\s*?(?:,|$)/}: a {@code no-cache} directive bounded
   * by list commas (or the ends) with only JavaScript whitespace in between.
   */
  static boolean hasNoCache(String cc) {
    int from = 0;
    while (true) {
      int at = cc.indexOf("no-cache", from);
      if (at < 0) return false;
      int i = at - 1;
      while (i >= 0 && isJsWhitespace(cc.charAt(i))) i--;
      boolean startOk = i < 0 || cc.charAt(i) == ',';
      if (startOk) {
        int j = at + 8;
        int n = cc.length();
        while (j < n && isJsWhitespace(cc.charAt(j))) j++;
        if (j == n || cc.charAt(j) == ',') return true;
      }
      from = at + 1;
    }
  }

  /** Walks the If-None-Match list as the package's parseTokenList does, comparing as it goes. */
  private static boolean anyTagMatches(String list, String etag) {
    int start = 0;
    int end = 0;
    for (int i = 0, n = list.length(); i < n; i++) {
      char c = list.charAt(i);
      if (c == ' ') {
        if (start == end) start = end = i + 1;
      } else if (c == ',') {
        if (tagMatches(list, start, end, etag)) return true;
        start = end = i + 1;
      } else {
        end = i + 1;
      }
    }
    return tagMatches(list, start, end, etag);
  }

  /** {@code match === etag || match === 'W/' + etag || 'W/' + match === etag}, without substrings. */
  private static boolean tagMatches(String list, int start, int end, String etag) {
    int len = end - start;
    int el = etag.length();
    if (len == el && list.regionMatches(start, etag, 0, el)) return true;
    if (len == el + 2 && list.startsWith("W/", start) && list.regionMatches(start + 2, etag, 0, el)) {
      return true;
    }
    return len + 2 == el && etag.startsWith("W/") && etag.regionMatches(2, list, start, len);
  }

  /** ECMAScript WhiteSpace and LineTerminator, the set of {@code \s} and {@code trim()}. */
  static boolean isJsWhitespace(char c) {
    if (c <= ' ') return c == ' ' || (c >= '\t' && c <= '\r');
    if (c < 0xA0) return false;
    return c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000
        || c == 0xFEFF;
  }
}
