package dev.eddy.web.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * HTTP dates the way Express and its helper packages see them: {@link #format} is JavaScript's
 * {@code Date.prototype.toUTCString()} (IMF-fixdate, used for Last-Modified, Expires and cookie
 * expiry) and {@link #parse} is V8's {@code Date.parse} (used by fresh, send's If-Range and
 * If-Unmodified-Since checks).
 *
 * <p>{@code Date.parse} is far more lenient than RFC 9110: it accepts RFC 1123, RFC 850 and asctime
 * dates but also ISO 8601 and a large family of "legacy" forms, and Express's freshness answers
 * depend on exactly which strings it accepts. The parser here therefore follows V8's date parser
 * (ES5 ISO first, then the legacy tokenizer) step for step rather than an RFC grammar. Dates
 * without a zone are local time, as in Node: the JVM's default zone unless one is given.
 *
 * <p>All methods are static, allocation-light and thread-safe.
 */
public final class HttpDates {
  private HttpDates() {}

  /** The value {@link #parse} returns for what {@code Date.parse} answers with NaN. */
  public static final long INVALID = Long.MIN_VALUE;

  /** ECMAScript's time value range: 100,000,000 days either side of the epoch. */
  static final long MAX_TIME_MS = 8_640_000_000_000_000L;

  /** V8 still converts local times up to ten days beyond the range before clipping. */
  private static final long MAX_LOCAL_TIME_MS = MAX_TIME_MS + 864_000_000L;

  private static final String[] WEEKDAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  /**
   * Formats a time value as {@code Date.prototype.toUTCString()} does, e.g. {@code "Tue, 01 Jan
   * 2030 12:00:00 GMT"}: the day always two digits, the year at least four (with a leading {@code
   * -} before the year zero), milliseconds dropped.
   *
   * @param epochMillis milliseconds since 1970-01-01T00:00:00Z
   * @return the IMF-fixdate, or {@code "Invalid Date"} outside JavaScript's ±8.64e15 ms range (as
   *     JavaScript answers for such a Date). Never throws.
   */
  public static String format(long epochMillis) {
    if (epochMillis > MAX_TIME_MS || epochMillis < -MAX_TIME_MS) return "Invalid Date";
    long days = Math.floorDiv(epochMillis, 86_400_000L);
    int msOfDay = (int) (epochMillis - days * 86_400_000L);
    // Civil-from-days (proleptic Gregorian), exact for the whole ECMAScript range.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    int weekday = (int) Math.floorMod(days + 4, 7);
    int seconds = msOfDay / 1000;

    StringBuilder out = new StringBuilder(29);
    out.append(WEEKDAYS[weekday]).append(", ");
    two(out, day);
    out.append(' ').append(MONTHS[month - 1]).append(' ');
    // V8 prints "%04d", or "%05d" for a negative year (the sign counts toward the width).
    if (year < 0) out.append('-');
    String digits = Long.toString(Math.abs(year));
    for (int i = digits.length(); i < 4; i++) out.append('0');
    out.append(digits);
    out.append(' ');
    two(out, seconds / 3600);
    out.append(':');
    two(out, seconds / 60 % 60);
    out.append(':');
    two(out, seconds % 60);
    return out.append(" GMT").toString();
  }

  private static void two(StringBuilder out, int v) {
    out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /**
   * Parses a date as {@code Date.parse} does in Node (V8), dates without a zone taken in the JVM's
   * default time zone.
   *
   * @param httpDate the header value; {@code null} and {@code ""} are invalid
   * @return milliseconds since the epoch, or {@link #INVALID} ({@code Long.MIN_VALUE}) where {@code
   *     Date.parse} gives NaN. Never throws.
   */
  public static long parse(String httpDate) {
    return parse(httpDate, null);
  }

  /**
   * {@link #parse(String)} with an explicit zone for dates that carry none (as Node running with
   * {@code TZ=zone}).
   *
   * @param httpDate the header value; {@code null} and {@code ""} are invalid
   * @param zone zone for local dates; {@code null} for the JVM's default, looked up only when needed
   * @return milliseconds since the epoch, or {@link #INVALID}. Never throws.
   */
  public static long parse(String httpDate, ZoneId zone) {
    if (httpDate == null || httpDate.isEmpty()) return INVALID;
    Parser p = new Parser(httpDate);
    if (!p.parse()) return INVALID;
    return p.toEpochMillis(zone);
  }

  // ---------------------------------------------------------------------------------------------
  // V8's DateParser, kept structurally close to the original so its many corner cases line up.

  private static final int NONE = Integer.MAX_VALUE;
  private static final int MAX_SIGNIFICANT_DIGITS = 9;

  // Token tags: keywords use their KeywordType (>= 0).
  private static final int T_INVALID = -6;
  private static final int T_UNKNOWN = -5;
  private static final int T_WHITESPACE = -4;
  private static final int T_NUMBER = -3;
  private static final int T_SYMBOL = -2;
  private static final int T_END = -1;

  // Keyword types.
  private static final int K_INVALID = 0;
  private static final int K_MONTH_NAME = 1;
  private static final int K_TIME_ZONE_NAME = 2;
  private static final int K_TIME_SEPARATOR = 3;
  private static final int K_AM_PM = 4;

  /** Prefix (3 chars, 0-padded), type and value of each keyword, in V8's lookup order. */
  private static final String[] KEYWORDS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "am\0",
    "pm\0", "ut\0", "utc", "z\0\0", "gmt", "cdt", "cst", "edt", "est", "mdt", "mst", "pdt", "pst",
    "t\0\0"
  };

  private static final int[] KEYWORD_TYPES = {
    K_MONTH_NAME, K_MONTH_NAME, K_MONTH_NAME, K_MONTH_NAME, K_MONTH_NAME, K_MONTH_NAME,
    K_MONTH_NAME, K_MONTH_NAME, K_MONTH_NAME, K_MONTH_NAME, K_MONTH_NAME, K_MONTH_NAME, K_AM_PM,
    K_AM_PM, K_TIME_ZONE_NAME, K_TIME_ZONE_NAME, K_TIME_ZONE_NAME, K_TIME_ZONE_NAME,
    K_TIME_ZONE_NAME, K_TIME_ZONE_NAME, K_TIME_ZONE_NAME, K_TIME_ZONE_NAME, K_TIME_ZONE_NAME,
    K_TIME_ZONE_NAME, K_TIME_ZONE_NAME, K_TIME_ZONE_NAME, K_TIME_SEPARATOR
  };

  private static final int[] KEYWORD_VALUES = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 12, 0, 0, 0, 0, -5, -6, -4, -5, -6, -7, -7, -8, 0
  };

  private static boolean between(int x, int lo, int hi) {
    return Integer.compareUnsigned(x - lo, hi - lo) <= 0;
  }

  private static boolean isMinute(int x) {
    return between(x, 0, 59);
  }

  private static boolean isHour(int x) {
    return between(x, 0, 23);
  }

  private static boolean isMonth(int x) {
    return between(x, 1, 12);
  }

  private static boolean isDay(int x) {
    return between(x, 1, 31);
  }

  /** One parse: reader, tokenizer and the three composers flattened into fields. */
  private static final class Parser {
    private final String s;
    private final int n;

    // Input reader: ch is the current code unit, 0 at the end (so a NUL ends the input too).
    private int index;
    private int ch;

    // Tokenizer look-ahead.
    private int tTag;
    private int tLength;
    private int tValue;

    // Day composer.
    private final int[] dayComp = new int[3];
    private int dayIndex;
    private int namedMonth = NONE;
    private boolean isoDate;

    // Time composer.
    private final int[] timeComp = new int[4];
    private int timeIndex;
    private int hourOffset = NONE;

    // Time zone composer.
    private int tzSign = NONE;
    private int tzHour = NONE;
    private int tzMinute = NONE;

    // Results.
    private int year;
    private int month;
    private int day;
    private int hour;
    private int minute;
    private int second;
    private int millisecond;
    private boolean hasOffset;
    private int utcOffsetSeconds;

    Parser(String s) {
      this.s = s;
      this.n = s.length();
      next();
      scan();
    }

    // --- input reader ---

    private void next() {
      ch = index < n ? s.charAt(index) : 0;
      index++;
    }

    private int readUnsignedNumeral() {
      int v = 0;
      int i = 0;
      // Leading zeros do not count toward the nine significant digits (the length still does).
      while (ch == '0') next();
      while (ch >= '0' && ch <= '9') {
        if (i < MAX_SIGNIFICANT_DIGITS) v = v * 10 + ch - '0';
        i++;
        next();
      }
      return v;
    }

    // --- tokenizer: a token is (tag, length, value); "current" is the look-ahead ---

    private void scan() {
      int prePos = index;
      if (ch == 0) {
        set(T_END, 0, -1);
      } else if (ch >= '0' && ch <= '9') {
        int v = readUnsignedNumeral();
        set(T_NUMBER, index - prePos, v);
      } else if (ch == ':' || ch == '-' || ch == '+' || ch == '.' || ch == ')') {
        int c = ch;
        next();
        set(T_SYMBOL, 1, c);
      } else if (ch >= 'A' && !isWhiteSpaceAbove(ch)) {
        int p0 = 0;
        int p1 = 0;
        int p2 = 0;
        int len = 0;
        for (; ch >= 'A' && !isWhiteSpaceAbove(ch); next(), len++) {
          int lower = ch | 0x20;
          if (len == 0) p0 = lower;
          else if (len == 1) p1 = lower;
          else if (len == 2) p2 = lower;
        }
        int k = lookup(p0, p1, p2, len);
        if (k < 0) set(K_INVALID, len, 0);
        else set(KEYWORD_TYPES[k], len, KEYWORD_VALUES[k]);
      } else if (ch == ' ' || (ch >= '\t' && ch <= '\r') || isWhiteSpaceAbove(ch)) {
        next();
        set(T_WHITESPACE, index - prePos, -1);
      } else if (ch == '(') {
        int balance = 0;
        do {
          if (ch == ')') --balance;
          else if (ch == '(') ++balance;
          next();
        } while (balance > 0 && ch != 0);
        set(T_UNKNOWN, 1, -1);
      } else {
        next();
        set(T_UNKNOWN, 1, -1);
      }
    }

    /**
     * ECMAScript WhiteSpace among the characters at or above 'A' (NBSP, ZWNBSP and the other Zs
     * spaces): they end words. Line terminators there (U+2028, U+2029) do not, as in V8.
     */
    private static boolean isWhiteSpaceAbove(int c) {
      return c == 0xA0
          || c == 0x1680
          || (c >= 0x2000 && c <= 0x200A)
          || c == 0x202F
          || c == 0x205F
          || c == 0x3000
          || c == 0xFEFF;
    }

    private static int lookup(int p0, int p1, int p2, int len) {
      for (int i = 0; i < KEYWORDS.length; i++) {
        String k = KEYWORDS[i];
        if (k.charAt(0) == p0
            && k.charAt(1) == p1
            && k.charAt(2) == p2
            && (len <= 3 || KEYWORD_TYPES[i] == K_MONTH_NAME)) {
          return i;
        }
      }
      return -1;
    }

    private void set(int tag, int length, int value) {
      tTag = tag;
      tLength = length;
      tValue = value;
    }

    /** Consumes the look-ahead token; its parts are left in the {@code c*} fields. */
    private int cTag;

    private int cLength;
    private int cValue;

    private void take() {
      cTag = tTag;
      cLength = tLength;
      cValue = tValue;
      scan();
    }

    private boolean peekSymbol(char c) {
      return tTag == T_SYMBOL && tValue == c;
    }

    private boolean skipSymbol(char c) {
      if (peekSymbol(c)) {
        scan();
        return true;
      }
      return false;
    }

    private boolean peekNumber() {
      return tTag == T_NUMBER;
    }

    private boolean peekFixedNumber(int length) {
      return tTag == T_NUMBER && tLength == length;
    }

    private boolean peekSign() {
      return tTag == T_SYMBOL && (tValue == '-' || tValue == '+');
    }

    private boolean peekKeywordZ() {
      return tTag == K_TIME_ZONE_NAME && tLength == 1 && tValue == 0;
    }

    // --- composers ---

    private boolean dayAdd(int v) {
      if (dayIndex < 3) {
        dayComp[dayIndex++] = v;
        return true;
      }
      return false;
    }

    private boolean timeAdd(int v) {
      if (timeIndex < 4) {
        timeComp[timeIndex++] = v;
        return true;
      }
      return false;
    }

    private boolean timeAddFinal(int v) {
      if (!timeAdd(v)) return false;
      while (timeIndex < 4) timeComp[timeIndex++] = 0;
      return true;
    }

    private boolean timeIsExpecting(int v) {
      return (timeIndex == 1 && isMinute(v))
          || (timeIndex == 2 && isMinute(v))
          || (timeIndex == 3 && between(v, 0, 999));
    }

    private void tzSet(int offsetHours) {
      tzSign = offsetHours < 0 ? -1 : 1;
      tzHour = offsetHours * tzSign;
      tzMinute = 0;
    }

    private boolean tzIsExpecting(int v) {
      return tzHour != NONE && tzMinute == NONE && isMinute(v);
    }

    private boolean tzIsUtc() {
      return tzHour == 0 && tzMinute == 0;
    }

    private static int readMilliseconds(int number, int length) {
      if (length == 1) return number * 100;
      if (length == 2) return number * 10;
      if (length > 3) {
        if (length > MAX_SIGNIFICANT_DIGITS) length = MAX_SIGNIFICANT_DIGITS;
        int factor = 1;
        do {
          factor *= 10;
          length--;
        } while (length > 3);
        return number / factor;
      }
      return number;
    }

    // --- the parse itself ---

    boolean parse() {
      // First the ES5 ISO form; what it cannot use is handed to the legacy loop as one token.
      if (!parseEs5()) return false;
      boolean hasReadNumber = dayIndex != 0;
      for (; cTag != T_END; take()) {
        if (cTag == T_NUMBER) {
          hasReadNumber = true;
          int v = cValue;
          if (skipSymbol(':')) {
            if (skipSymbol(':')) {
              if (timeIndex != 0) return false;
              timeAdd(v);
              timeAdd(0);
            } else {
              if (!timeAdd(v)) return false;
              if (peekSymbol('.')) scan();
            }
          } else if (skipSymbol('.') && timeIsExpecting(v)) {
            timeAdd(v);
            if (!peekNumber()) return false;
            take();
            int ms = readMilliseconds(cValue, cLength);
            if (ms < 0) return false;
            timeAddFinal(ms);
          } else if (tzIsExpecting(v)) {
            tzMinute = v;
          } else if (timeIsExpecting(v)) {
            timeAddFinal(v);
            if (tTag != T_END && tTag != T_WHITESPACE && !peekKeywordZ() && !peekSign()) {
              return false;
            }
          } else {
            if (!dayAdd(v)) return false;
            skipSymbol('-');
          }
        } else if (cTag >= 0) {
          int type = cTag;
          int value = cValue;
          if (type == K_AM_PM && timeIndex != 0) {
            hourOffset = value;
          } else if (type == K_MONTH_NAME) {
            namedMonth = value;
            skipSymbol('-');
          } else if (type == K_TIME_ZONE_NAME && hasReadNumber) {
            tzSet(value);
          } else {
            if (hasReadNumber) return false;
            if (peekNumber()) return false;
          }
        } else if (cTag == T_SYMBOL
            && (cValue == '-' || cValue == '+')
            && (tzIsUtc() || timeIndex != 0)) {
          tzSign = cValue == '+' ? 1 : -1;
          int v = 0;
          int length = 0;
          if (peekNumber()) {
            take();
            length = cLength;
            v = cValue;
          }
          hasReadNumber = true;
          if (peekSymbol(':')) {
            tzHour = v;
            tzMinute = NONE;
          } else if (length == 2 || length == 1) {
            tzHour = v;
            tzMinute = 0;
          } else if (length == 4 || length == 3) {
            tzHour = v / 100;
            tzMinute = v % 100;
          } else {
            return false;
          }
        } else if (cTag == T_SYMBOL
            && (cValue == '-' || cValue == '+' || cValue == ')')
            && hasReadNumber) {
          return false;
        }
        // Anything else (whitespace, other symbols, unknown characters) is ignored.
      }
      return writeDay() && writeTime() && writeZone();
    }

    /**
     * V8's ParseES5DateTime. Returns false for a definitely invalid string; otherwise the token
     * the legacy loop continues with is left in the {@code c*} fields (end of input when the whole
     * string was an ISO date).
     */
    private boolean parseEs5() {
      if (peekSign()) {
        take();
        int signTag = cTag;
        int signValue = cValue;
        if (!peekFixedNumber(6)) return true; // the sign token goes to the legacy loop
        int sign = signValue == '+' ? 1 : -1;
        int y = tValue;
        scan();
        if (sign < 0 && y == 0) {
          cTag = signTag;
          cLength = 1;
          cValue = signValue;
          return true;
        }
        dayAdd(sign * y);
      } else if (peekFixedNumber(4)) {
        dayAdd(tValue);
        scan();
      } else {
        take();
        return true;
      }
      if (skipSymbol('-')) {
        if (!peekFixedNumber(2) || !isMonth(tValue)) {
          take();
          return true;
        }
        dayAdd(tValue);
        scan();
        if (skipSymbol('-')) {
          if (!peekFixedNumber(2) || !isDay(tValue)) {
            take();
            return true;
          }
          dayAdd(tValue);
          scan();
        }
      }
      if (tTag != K_TIME_SEPARATOR) {
        if (tTag != T_END) {
          take();
          return true;
        }
      } else {
        scan();
        if (!peekFixedNumber(2) || !between(tValue, 0, 24)) return false;
        boolean hourIs24 = tValue == 24;
        timeAdd(tValue);
        scan();
        if (!skipSymbol(':')) return false;
        if (!peekFixedNumber(2) || !isMinute(tValue) || (hourIs24 && tValue > 0)) return false;
        timeAdd(tValue);
        scan();
        if (skipSymbol(':')) {
          if (!peekFixedNumber(2) || !isMinute(tValue) || (hourIs24 && tValue > 0)) return false;
          timeAdd(tValue);
          scan();
          if (skipSymbol('.')) {
            if (!peekNumber() || (hourIs24 && tValue > 0)) return false;
            timeAdd(readMilliseconds(tValue, tLength));
            scan();
          }
        }
        if (peekKeywordZ()) {
          scan();
          tzSet(0);
        } else if (peekSign()) {
          tzSign = tValue == '+' ? 1 : -1;
          scan();
          if (peekFixedNumber(4)) {
            int hourmin = tValue;
            scan();
            int h = hourmin / 100;
            int m = hourmin % 100;
            if (!isHour(h) || !isMinute(m)) return false;
            tzHour = h;
            tzMinute = m;
          } else {
            if (!peekFixedNumber(2) || !isHour(tValue)) return false;
            tzHour = tValue;
            scan();
            if (!skipSymbol(':')) return false;
            if (!peekFixedNumber(2) || !isMinute(tValue)) return false;
            tzMinute = tValue;
            scan();
          }
        }
        if (tTag != T_END) return false;
      }
      // A date-only ISO form is UTC; a date-time without a zone is local.
      if (tzHour == NONE && timeIndex == 0) tzSet(0);
      isoDate = true;
      cTag = T_END;
      cLength = 0;
      cValue = -1;
      return true;
    }

    private boolean writeDay() {
      if (dayIndex < 1) return false;
      while (dayIndex < 3) dayComp[dayIndex++] = 1;
      int y = 0; // no year at all means 2000, as KJS did
      int m;
      int d;
      if (namedMonth == NONE) {
        if (isoDate || (dayIndex == 3 && !isDay(dayComp[0]))) {
          y = dayComp[0];
          m = dayComp[1];
          d = dayComp[2];
        } else {
          m = dayComp[0];
          d = dayComp[1];
          if (dayIndex == 3) y = dayComp[2];
        }
      } else {
        m = namedMonth;
        if (dayIndex == 1) {
          d = dayComp[0];
        } else if (!isDay(dayComp[0])) {
          y = dayComp[0];
          d = dayComp[1];
        } else {
          d = dayComp[0];
          y = dayComp[1];
        }
      }
      if (!isoDate) {
        if (between(y, 0, 49)) y += 2000;
        else if (between(y, 50, 99)) y += 1900;
      }
      if (!isMonth(m) || !isDay(d)) return false;
      year = y;
      month = m - 1;
      day = d;
      return true;
    }

    private boolean writeTime() {
      while (timeIndex < 4) timeComp[timeIndex++] = 0;
      int h = timeComp[0];
      int m = timeComp[1];
      int sec = timeComp[2];
      int ms = timeComp[3];
      if (hourOffset != NONE) {
        if (!between(h, 0, 12)) return false;
        h %= 12;
        h += hourOffset;
      }
      if (!isHour(h) || !isMinute(m) || !isMinute(sec) || !between(ms, 0, 999)) {
        if (h != 24 || m != 0 || sec != 0 || ms != 0) return false;
      }
      hour = h;
      minute = m;
      second = sec;
      millisecond = ms;
      return true;
    }

    private boolean writeZone() {
      if (tzSign != NONE) {
        if (tzHour == NONE) tzHour = 0;
        if (tzMinute == NONE) tzMinute = 0;
        // 32-bit unsigned arithmetic, then V8's Smi range check (31 bits on Node's x64 builds).
        long total = ((tzHour * 3600L) + (tzMinute * 60L)) & 0xFFFF_FFFFL;
        if (total > Integer.MAX_VALUE) return false;
        int seconds = (int) total;
        utcOffsetSeconds = tzSign < 0 ? -seconds : seconds;
        hasOffset = true;
      }
      return true;
    }

    long toEpochMillis(ZoneId zone) {
      // MakeDay rejects years beyond a million either way; the clip below would anyway.
      if (year > 1_000_000 || year < -1_000_000) return INVALID;
      long days = daysFromCivil(year, month + 1, 1) + day - 1;
      long time = hour * 3_600_000L + minute * 60_000L + second * 1000L + millisecond;
      long date = days * 86_400_000L + time;
      if (!hasOffset) {
        if (date < -MAX_LOCAL_TIME_MS || date > MAX_LOCAL_TIME_MS) return INVALID;
        date -= localOffsetMillis(date, zone == null ? ZoneId.systemDefault() : zone);
      } else {
        date -= utcOffsetSeconds * 1000L;
      }
      if (date > MAX_TIME_MS || date < -MAX_TIME_MS) return INVALID;
      return date;
    }
  }

  /** Days from 1970-01-01 to the given proleptic Gregorian date. */
  static long daysFromCivil(long y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  /**
   * The zone's offset for a wall-clock time, resolving gaps and overlaps to the offset in force
   * before the transition, as V8 asks ICU to (UCAL_TZ_LOCAL_FORMER for both).
   */
  private static long localOffsetMillis(long localMillis, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    if (rules.isFixedOffset()) return rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L;
    long secs = Math.floorDiv(localMillis, 1000L);
    int nanos = (int) Math.floorMod(localMillis, 1000L) * 1_000_000;
    LocalDateTime ldt = LocalDateTime.ofEpochSecond(secs, nanos, ZoneOffset.UTC);
    List<ZoneOffset> offsets = rules.getValidOffsets(ldt);
    if (offsets.size() == 1) return offsets.get(0).getTotalSeconds() * 1000L;
    ZoneOffsetTransition transition = rules.getTransition(ldt);
    return transition.getOffsetBefore().getTotalSeconds() * 1000L;
  }
}
