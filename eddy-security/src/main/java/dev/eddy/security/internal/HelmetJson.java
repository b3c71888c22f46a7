package dev.eddy.security.internal;

/**
 * JavaScript's {@code JSON.stringify} for a string or null, which helmet and Eddy's error messages
 * use to quote the offending value. Stateless and thread-safe.
 */
public final class HelmetJson {
  private HelmetJson() {}

  /**
   * The value as {@code JSON.stringify} writes it: {@code null} for null, else a double-quoted
   * string with {@code "}, {@code \}, control characters and lone surrogates escaped.
   */
  public static String quote(String s) {
    if (s == null) return "null";
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          boolean lone = false;
          if (Character.isHighSurrogate(c)) {
            lone = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
            if (!lone) {
              sb.append(c).append(s.charAt(++i));
              continue;
            }
          } else if (Character.isLowSurrogate(c)) {
            lone = true;
          }
          if (c < 0x20 || lone) {
            sb.append("\\u");
            String hex = Integer.toHexString(c);
            for (int k = hex.length(); k < 4; k++) sb.append('0');
            sb.append(hex);
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
