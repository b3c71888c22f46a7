package dev.eddy.http.internal;

import dev.eddy.internal.LoopLocal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The {@code Date: ...\r\n} header line, re-encoded at most once a second (per loop: each loop
 * keeps its own copy, so nothing is shared between loops).
 */
public final class HttpDate {
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
      "Oct", "Nov", "Dec"};

  private long second = Long.MIN_VALUE;
  private byte[] line;
  private String value;

  private static final LoopLocal<HttpDate> CACHE = LoopLocal.withInitial(HttpDate::new);

  private HttpDate() {}

  /** The current loop's cache (outside a loop, the calling thread's). */
  public static HttpDate current() {
    return CACHE.get();
  }

  /** {@code Date: Mon, 23 Nov 2026 23:32:36 GMT\r\n} for now, as bytes. */
  public byte[] line() {
    refresh();
    return line;
  }

  /** The header value for now (IMF-fixdate). */
  public String value() {
    refresh();
    return value;
  }

  private void refresh() {
    long s = System.currentTimeMillis() / 1000;
    if (s != second) {
      second = s;
      value = format(s * 1000);
      line = ("Date: " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** IMF-fixdate (RFC 9110 section 5.6.7) of {@code epochMillis}, as Node's {@code toUTCString()}. */
  public static String format(long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(29);
    b.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(", ");
    two(b, t.getDayOfMonth());
    b.append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ').append(t.getYear()).append(' ');
    two(b, t.getHour());
    b.append(':');
    two(b, t.getMinute());
    b.append(':');
    two(b, t.getSecond());
    return b.append(" GMT").toString();
  }

  private static void two(StringBuilder b, int v) {
    if (v < 10) {
      b.append('0');
    }
    b.append(v);
  }
}
