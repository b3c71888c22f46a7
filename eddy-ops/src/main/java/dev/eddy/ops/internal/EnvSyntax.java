package dev.eddy.ops.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few JavaScript semantics that dotenv and dotenv-expand inherit from the language and that a
 * faithful port has to reproduce: what {@code \s} and {@code String.prototype.trim} treat as white
 * space, which characters end a line for {@code ^}/{@code $} in multiline mode, and the order in
 * which a plain object lists its keys.
 *
 * <p>Stateless; every method is thread-safe.
 */
public final class EnvSyntax {
  private EnvSyntax() {}

  /**
   * Whether {@code c} matches JavaScript's {@code \s} (which is also the set {@code trim()}
   * removes): ECMAScript WhiteSpace plus LineTerminator.
   *
   * @param c a UTF-16 code unit
   * @return true for JavaScript white space; never throws; thread-safe
   */
  public static boolean isSpace(char c) {
    if (c <= ' ') return c == ' ' || (c >= '\t' && c <= '\r');
    if (c < 0x00a0) return false;
    return c == 0x00a0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000
        || c == 0xfeff;
  }

  /**
   * Whether {@code c} is a JavaScript LineTerminator: what {@code ^} and {@code $} see as a line
   * boundary in multiline mode and what {@code .} refuses to match.
   *
   * @param c a UTF-16 code unit
   * @return true for LF, CR, LS and PS; never throws; thread-safe
   */
  public static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
  }

  /**
   * {@code String.prototype.trim}: strips {@link #isSpace} characters from both ends (Java's {@code
   * String.trim} strips a different set).
   *
   * @param s the string, not null
   * @return s without leading and trailing JavaScript white space; never throws; thread-safe
   */
  public static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) start++;
    while (end > start && isSpace(s.charAt(end - 1))) end--;
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /**
   * Whether {@code key} is an array index, the keys a JavaScript object lists before all others (in
   * ascending numeric order): the canonical decimal form of an integer below 2^32 - 1.
   *
   * @param key a property name, not null
   * @return true if JavaScript would order the key numerically; never throws; thread-safe
   */
  public static boolean isArrayIndex(String key) {
    return dev.eddy.web.internal.JsObjects.isArrayIndex(key);
  }

  /**
   * Reorders a map built in insertion order into the order a JavaScript object with the same
   * assignments enumerates its keys: array indices first, ascending, then the rest in insertion
   * order. Returns the same map when no key is an array index, which is the usual case.
   *
   * @param map a map in insertion order; not modified
   * @return a map in JavaScript key order; never throws; thread-safe if map is not shared
   */
  public static LinkedHashMap<String, String> jsOrder(LinkedHashMap<String, String> map) {
    List<String> indices = null;
    for (String key : map.keySet()) {
      if (isArrayIndex(key)) {
        if (indices == null) indices = new ArrayList<>();
        indices.add(key);
      }
    }
    if (indices == null) return map;
    indices.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    LinkedHashMap<String, String> ordered = LinkedHashMap.newLinkedHashMap(map.size());
    for (String key : indices) ordered.put(key, map.get(key));
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (!isArrayIndex(e.getKey())) ordered.put(e.getKey(), e.getValue());
    }
    return ordered;
  }
}
