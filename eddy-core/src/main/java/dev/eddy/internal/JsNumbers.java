package dev.eddy.internal;

import java.math.BigDecimal;

/** JavaScript's Number-to-String conversion, for messages that must read as Node's do. */
public final class JsNumbers {
  private JsNumbers() {}

  /** {@code String(x)} in JavaScript: 1, 1.5, 4294967296, 1e+21, NaN, Infinity, -0 as "0". */
  public static String toString(double x) {
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "Infinity" : "-Infinity";
    }
    if (x == 0) {
      return "0";
    }
    double abs = Math.abs(x);
    if (abs >= 1e-6 && abs < 1e21) {
      if (x == Math.rint(x) && abs < 9.007199254740992E15) {
        return Long.toString((long) x);
      }
      // Java's shortest repr (JDK 19+) has the same digits as JavaScript's; only the layout differs.
      return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }
    String s = Double.toString(x); // d.dddE[-]n
    int e = s.indexOf('E');
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exp = Integer.parseInt(s.substring(e + 1));
    return mantissa + "e" + (exp >= 0 ? "+" : "") + exp;
  }
}
