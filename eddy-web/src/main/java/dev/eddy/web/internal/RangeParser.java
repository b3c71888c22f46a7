package dev.eddy.web.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The {@code range-parser} package (1.3.0) behind Express's {@code req.range()} and send's partial
 * responses. Thread-safe.
 */
public final class RangeParser {
  private RangeParser() {}

  /** {@link Result#status()} of a header that parsed into at least one satisfiable range. */
  public static final int OK = 0;

  /** {@link Result#status()} when no range is satisfiable (the package's -1). */
  public static final int UNSATISFIABLE = -1;

  /** {@link Result#status()} of a malformed header (the package's -2). */
  public static final int MALFORMED = -2;

  private static final Result UNSATISFIABLE_RESULT = new Result(UNSATISFIABLE, null, List.of());
  private static final Result MALFORMED_RESULT = new Result(MALFORMED, null, List.of());

  /** An inclusive byte range. */
  public record Range(long start, long end) {}

  /**
   * The outcome of {@link #parse}.
   *
   * @param status {@link #OK}, {@link #UNSATISFIABLE} (-1) or {@link #MALFORMED} (-2)
   * @param type the unit before {@code =}, verbatim (not trimmed or lower-cased; send serves only
   *     {@code "bytes"}); null unless OK
   * @param ranges the ranges in header order (combined ones take the place of their first member);
   *     empty unless OK; unmodifiable
   */
  public record Result(int status, String type, List<Range> ranges) {}

  /**
   * Parses a {@code Range} header against a representation of {@code size} bytes, exactly as the
   * package does: each range's end is clamped to {@code size - 1}, a suffix range {@code -n} means
   * the last n bytes, ranges that end before they start or start beyond the end are dropped, and
   * with {@code combine} overlapping or adjacent ranges are merged.
   *
   * @param size the representation's length
   * @param header the header value
   * @param combine merge overlapping and adjacent ranges
   * @return the result; never null
   * @throws NullPointerException if {@code header} is null (the package's TypeError)
   */
  public static Result parse(long size, String header, boolean combine) {
    Objects.requireNonNull(header, "argument str must be a string");
    int eq = header.indexOf('=');
    if (eq < 0) return MALFORMED_RESULT;

    List<Range> ranges = null;
    int n = header.length();
    int from = eq + 1;
    // Positions are JavaScript numbers: digit strings past 2^53 round, very long ones overflow to
    // Infinity, and the arithmetic below stays in doubles until a range is known to be in bounds.
    double last = (double) size - 1;
    while (true) {
      int comma = header.indexOf(',', from);
      int partEnd = comma < 0 ? n : comma;
      int dash = header.indexOf('-', from);
      if (dash < 0 || dash >= partEnd) return MALFORMED_RESULT;

      int s0 = trimStart(header, from, dash);
      int s1 = trimEnd(header, s0, dash);
      int e0 = trimStart(header, dash + 1, partEnd);
      int e1 = trimEnd(header, e0, partEnd);

      double start = parsePos(header, s0, s1);
      double end = parsePos(header, e0, e1);
      if (s0 == s1) {
        start = size - end;
        end = last;
      } else if (e0 == e1) {
        end = last;
      }
      if (end > last) end = last;
      if (Double.isNaN(start) || Double.isNaN(end)) return MALFORMED_RESULT;

      if (!(start > end || start < 0)) {
        if (ranges == null) ranges = new ArrayList<>(2);
        ranges.add(new Range((long) start, (long) end));
      }
      if (comma < 0) break;
      from = comma + 1;
    }

    if (ranges == null) return UNSATISFIABLE_RESULT;
    String type = header.substring(0, eq);
    if (combine && ranges.size() > 1) ranges = combine(ranges);
    return new Result(OK, type, Collections.unmodifiableList(ranges));
  }

  /** {@code /^\d+$/} then {@code Number(str)}; NaN otherwise (including the empty string). */
  private static double parsePos(String s, int from, int to) {
    if (from == to) return Double.NaN;
    long v = 0;
    boolean exact = true;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return Double.NaN;
      if (exact) {
        if (v > (Long.MAX_VALUE - 9) / 10) exact = false;
        else v = v * 10 + (c - '0');
      }
    }
    if (exact && v <= (1L << 53)) return v;
    // Rare: let the platform round the decimal string as Number() does.
    return Double.parseDouble(s.substring(from, to));
  }

  private static int trimStart(String s, int from, int to) {
    while (from < to && Fresh.isJsWhitespace(s.charAt(from))) from++;
    return from;
  }

  private static int trimEnd(String s, int from, int to) {
    while (to > from && Fresh.isJsWhitespace(s.charAt(to - 1))) to--;
    return to;
  }

  /** Merges overlapping and adjacent ranges, keeping each merged range at its earliest index. */
  private static List<Range> combine(List<Range> ranges) {
    int n = ranges.size();
    long[] starts = new long[n];
    long[] ends = new long[n];
    int[] index = new int[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    // Stable, like V8's sort, so equal starts keep header order.
    Arrays.sort(order, (a, b) -> Long.compare(ranges.get(a).start(), ranges.get(b).start()));
    for (int i = 0; i < n; i++) {
      Range r = ranges.get(order[i]);
      starts[i] = r.start();
      ends[i] = r.end();
      index[i] = order[i];
    }
    int j = 0;
    for (int i = 1; i < n; i++) {
      if (starts[i] > ends[j] + 1) {
        j++;
        starts[j] = starts[i];
        ends[j] = ends[i];
        index[j] = index[i];
      } else if (ends[i] > ends[j]) {
        ends[j] = ends[i];
        index[j] = Math.min(index[j], index[i]);
      }
    }
    int kept = j + 1;
    Integer[] byIndex = new Integer[kept];
    for (int i = 0; i < kept; i++) byIndex[i] = i;
    Arrays.sort(byIndex, (a, b) -> Integer.compare(index[a], index[b]));
    List<Range> out = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) {
      int k = byIndex[i];
      out.add(new Range(starts[k], ends[k]));
    }
    return out;
  }
}
