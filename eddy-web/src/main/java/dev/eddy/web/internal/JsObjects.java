package dev.eddy.web.internal;

/**
 * JavaScript's property-order rule, which several npm packages' outputs depend on: keys that are
 * canonical array indices enumerate first in ascending order, the others in insertion order.
 */
public final class JsObjects {
  private JsObjects() {}

  /**
   * Whether {@code key} is a canonical array index ({@code "0"}, or digits without a leading zero,
   * at most 2^32 - 2). Thread-safe, never throws for a non-null key.
   */
  public static boolean isArrayIndex(String key) {
    int n = key.length();
    if (n == 0 || n > 10) return false;
    if (n > 1 && key.charAt(0) == '0') return false;
    long v = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    return v <= 4_294_967_294L;
  }
}
