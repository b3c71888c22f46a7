package dev.eddy.web.internal;

/**
 * The {@code ms} package's parser (2.1.3) as send uses it for a {@code maxAge} given as text
 * ({@code "1d"}, {@code "2 hours"}, {@code "1.5h"}, {@code "500"}), and send's clamping of the
 * result. Thread-safe.
 */
public final class SendMaxAge {
  private SendMaxAge() {}

  /** send's ceiling for max-age: one year of 365 days, in milliseconds. */
  public static final double MAX_MS = 60.0 * 60 * 24 * 365 * 1000;

  private static final double S = 1000;
  private static final double M = S * 60;
  private static final double H = M * 60;
  private static final double D = H * 24;
  private static final double W = D * 7;
  private static final double Y = D * 365.25;

  /**
   * {@code ms(text)}: a number (optionally signed, with a fraction), optional spaces, and an
   * optional unit (ms when none; {@code y} is 365.25 days), matched case-insensitively in ASCII.
   *
   * @return milliseconds, or {@code NaN} where the package returns undefined (no match, or more
   *     than 100 characters). Never throws.
   */
  public static double parse(String text) {
    if (text == null || text.length() > 100) return Double.NaN;
    int n = text.length();
    int i = 0;
    if (i < n && text.charAt(i) == '-') i++;
    int numStart = i;
    // /-?(?:\d+)?\.?\d+/ : digits, an optional dot, then at least one digit
    int intEnd = i;
    while (intEnd < n && isDigit(text.charAt(intEnd))) intEnd++;
    int numEnd;
    if (intEnd < n && text.charAt(intEnd) == '.') {
      int fracEnd = intEnd + 1;
      while (fracEnd < n && isDigit(text.charAt(fracEnd))) fracEnd++;
      if (fracEnd > intEnd + 1) {
        numEnd = fracEnd;
      } else {
        // "5." : the regexp backtracks to "5" and then needs the rest to be a unit, which "." is not
        return Double.NaN;
      }
    } else {
      if (intEnd == numStart) return Double.NaN;
      numEnd = intEnd;
    }
    int unitStart = numEnd;
    while (unitStart < n && text.charAt(unitStart) == ' ') unitStart++;
    String unit = lowerAscii(text.substring(unitStart));
    double mult = switch (unit) {
      case "years", "year", "yrs", "yr", "y" -> Y;
      case "weeks", "week", "w" -> W;
      case "days", "day", "d" -> D;
      case "hours", "hour", "hrs", "hr", "h" -> H;
      case "minutes", "minute", "mins", "min", "m" -> M;
      case "seconds", "second", "secs", "sec", "s" -> S;
      case "milliseconds", "millisecond", "msecs", "msec", "ms", "" -> 1;
      default -> Double.NaN;
    };
    if (Double.isNaN(mult)) return Double.NaN;
    double value = Double.parseDouble(text.substring(0, numEnd));
    return value * mult;
  }

  /**
   * send's clamp: NaN becomes 0, then the value is kept within 0 and {@link #MAX_MS}.
   *
   * @return milliseconds in [0, one year]
   */
  public static double clamp(double ms) {
    if (Double.isNaN(ms)) return 0;
    return Math.min(Math.max(0, ms), MAX_MS);
  }

  /** The {@code max-age} seconds send writes for a clamped value: {@code floor(ms / 1000)}. */
  public static long seconds(double clampedMs) {
    return (long) Math.floor(clampedMs / 1000);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String lowerAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] a = s.toCharArray();
        for (int j = i; j < a.length; j++) {
          if (a[j] >= 'A' && a[j] <= 'Z') a[j] = (char) (a[j] + 32);
        }
        return new String(a);
      }
    }
    return s;
  }
}
