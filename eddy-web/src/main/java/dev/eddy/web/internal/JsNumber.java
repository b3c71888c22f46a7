package dev.eddy.web.internal;

import java.math.BigDecimal;

/**
 * ECMAScript's {@code Number::toString} in radix 10: the text {@code String(x)} gives for a double,
 * which is also what {@code JSON.stringify} writes for finite numbers.
 *
 * <p>The shortest round-trip digits come from {@link Double#toString(double)} (exact since Java 19)
 * and are laid out again by the ECMAScript rules: plain notation for decimal exponents in (-7, 21],
 * otherwise {@code d.ddde±n}.
 */
public final class JsNumber {
  private JsNumber() {}

  /** 2^53: below this every integral double prints as its {@code long} value. */
  private static final double TWO_POW_53 = 9007199254740992.0;

  /**
   * Formats {@code x} exactly as JavaScript's {@code String(x)} does: {@code 1.0 -> "1"}, {@code
   * 1e21 -> "1e+21"}, {@code 1e-7 -> "1e-7"}, {@code 0.000001 -> "0.000001"}, {@code -0.0 -> "0"},
   * {@code NaN -> "NaN"}, {@code Infinity -> "Infinity"}.
   *
   * <p>Thread-safe; allocates only the result (and Java's digit string for non-integers).
   */
  public static String toString(double x) {
    if (x == (long) x && Math.abs(x) < TWO_POW_53) {
      // Covers ±0 too: (long) -0.0 is 0.
      return Long.toString((long) x);
    }
    if (Double.isNaN(x)) return "NaN";
    if (Double.isInfinite(x)) return x > 0 ? "Infinity" : "-Infinity";
    StringBuilder out = new StringBuilder(24);
    append(out, x);
    return out.toString();
  }

  /**
   * Appends {@link #toString(double)} of {@code x} to {@code out}. Thread-safe as long as {@code
   * out} is not shared.
   */
  public static void append(StringBuilder out, double x) {
    if (x == (long) x && Math.abs(x) < TWO_POW_53) {
      out.append((long) x);
      return;
    }
    if (Double.isNaN(x)) {
      out.append("NaN");
      return;
    }
    if (x < 0) {
      out.append('-');
      x = -x;
    }
    if (Double.isInfinite(x)) {
      out.append("Infinity");
      return;
    }
    String java = Double.toString(x);
    // Java writes I.F or I.FE<exp>. With the leading zeros dropped, the digits d1..dk and the
    // exponent n satisfy x = 0.d1d2...dk * 10^n, which is the form the ECMAScript layout uses.
    char[] digits = new char[20];
    int k = 0;
    int n = 0;
    boolean beforePoint = true;
    int len = java.length();
    for (int i = 0; i < len; i++) {
      char c = java.charAt(i);
      if (c == '.') {
        beforePoint = false;
      } else if (c == 'E') {
        n += Integer.parseInt(java, i + 1, len, 10);
        break;
      } else if (c == '0' && k == 0) {
        if (!beforePoint) n--;
      } else {
        digits[k++] = c;
        if (beforePoint) n++;
      }
    }
    while (k > 1 && digits[k - 1] == '0') k--;
    if (k == 2 && x < Double.MIN_NORMAL) {
      // Java picks among one- and two-digit candidates the closest one; ECMAScript wants the
      // shortest first. Only tiny subnormals are coarse enough for that to differ (4.9E-324).
      k = shortenSubnormal(digits, n, x);
      if (digits[0] == ':') {
        // 9.x rounded up to ten: the digit 1 one place higher.
        digits[0] = '1';
        n++;
      }
    }
    layout(out, digits, k, n);
  }

  /**
   * For a two-digit Java result, returns 1 if a one-digit decimal also rounds to {@code x} (and
   * stores that digit, ':' standing for ten), else 2.
   */
  private static int shortenSubnormal(char[] digits, int n, double x) {
    int two = (digits[0] - '0') * 10 + (digits[1] - '0');
    int lo = two / 10;
    int hi = lo + 1;
    // The candidates lo and hi (one digit, scaled as 0.d * 10^n) bracket the two-digit value.
    boolean loOk = lo > 0 && Double.parseDouble(lo + "E" + (n - 1)) == x;
    boolean hiOk = Double.parseDouble(hi + "E" + (n - 1)) == x;
    if (!loOk && !hiOk) return 2;
    int pick;
    if (loOk && hiOk) {
      BigDecimal exact = new BigDecimal(x);
      BigDecimal dLo = exact.subtract(new BigDecimal(lo + "E" + (n - 1))).abs();
      BigDecimal dHi = exact.subtract(new BigDecimal(hi + "E" + (n - 1))).abs();
      int cmp = dLo.compareTo(dHi);
      pick = cmp < 0 ? lo : cmp > 0 ? hi : (lo % 2 == 0 ? lo : hi);
    } else {
      pick = loOk ? lo : hi;
    }
    digits[0] = (char) ('0' + pick);
    return 1;
  }

  private static void layout(StringBuilder out, char[] digits, int k, int n) {
    if (k <= n && n <= 21) {
      out.append(digits, 0, k);
      for (int z = k; z < n; z++) out.append('0');
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k - n);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      for (int z = 0; z < -n; z++) out.append('0');
      out.append(digits, 0, k);
    } else {
      out.append(digits[0]);
      if (k > 1) out.append('.').append(digits, 1, k - 1);
      int e = n - 1;
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
  }
}
