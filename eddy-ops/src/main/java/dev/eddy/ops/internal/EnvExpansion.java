package dev.eddy.ops.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Variable expansion exactly as dotenv-expand 12 does it: {@code ${VAR}}, {@code $VAR}, {@code
 * ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:+alt}}, {@code ${VAR+alt}}, {@code \$} for
 * a literal dollar, values expanded in file order against the values already expanded and the
 * process environment (which wins), and a value already in the process environment kept as is.
 *
 * <p>The package's quirks are reproduced because a file that works under Node must mean the same
 * here: a reference without an operator is split at the text {@code null} ({@code $nullable} reads
 * the variable {@code ""} with the default {@code able}); the replacement is applied to the first
 * occurrence of the reference's text, even an escaped one; {@code $$}, {@code $&}, {@code $`} and
 * {@code $'} in a substituted value act as in {@code String.prototype.replace}; a value that
 * reappears is replaced by its default instead of being expanded again.
 *
 * <p>Deviations: names inherited from {@code Object.prototype} ({@code constructor}, {@code
 * toString}, ...) are ordinary names here, not functions; and where dotenv-expand never terminates
 * (a substitution that keeps growing the value or leaves it unchanged), this throws {@link
 * NotTerminating} instead of hanging.
 *
 * <p>Stateless; thread-safe.
 */
public final class EnvExpansion {
  /** Substitutions per value (plus its length) after which dotenv-expand would never stop. */
  private static final int MAX_STEPS = 10_000;

  private static final int MAX_LENGTH = 1 << 20;

  private EnvExpansion() {}

  /** dotenv-expand would loop forever (or until memory runs out) expanding {@link #key()}. */
  public static final class NotTerminating extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final String key;

    NotTerminating(String key) {
      super("the expansion of " + key + " does not terminate");
      this.key = key;
    }

    /**
     * The variable being expanded.
     *
     * @return its name
     */
    public String key() {
      return key;
    }
  }

  /**
   * dotenv-expand's {@code expand({parsed, processEnv})}, without the final write into {@code
   * processEnv}.
   *
   * @param parsed the file's variables in JavaScript key order (as {@code EnvFile.parse} returns
   *     them); not modified
   * @param processEnv the environment the references see first; not modified
   * @return the expanded variables, in the same order
   * @throws NotTerminating naming the variable whose expansion does not terminate
   */
  public static LinkedHashMap<String, String> expand(
      Map<String, String> parsed, Map<String, String> processEnv) {
    LinkedHashMap<String, String> running = LinkedHashMap.newLinkedHashMap(parsed.size());
    for (Map.Entry<String, String> e : parsed.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      String fromProcess = processEnv.get(key);
      if (fromProcess != null && !fromProcess.isEmpty() && !fromProcess.equals(value)) {
        value = fromProcess;
      } else {
        value = expandValue(key, value, processEnv, running);
      }
      running.put(key, resolveEscapes(value));
    }
    return running;
  }

  private static String expandValue(
      String owner, String value, Map<String, String> processEnv, Map<String, String> running) {
    String result = value;
    Set<String> seen = null;
    int steps = 0;
    int[] match = new int[4];
    while (find(result, match)) {
      if (++steps > MAX_STEPS + value.length() || result.length() > MAX_LENGTH) {
        throw new NotTerminating(owner);
      }
      if (seen == null) seen = new HashSet<>();
      seen.add(result);
      String template = result.substring(match[0], match[1]);
      String expression = result.substring(match[2], match[3]);

      // The first operator, leftmost, preferring the two-character ones at the same position.
      String splitter = null;
      int at = -1;
      for (int i = 0; i < expression.length() && splitter == null; i++) {
        char c = expression.charAt(i);
        if (c == ':' && i + 1 < expression.length()) {
          char d = expression.charAt(i + 1);
          if (d == '+') splitter = ":+";
          else if (d == '-') splitter = ":-";
        } else if (c == '+') {
          splitter = "+";
        } else if (c == '-') {
          splitter = "-";
        }
        if (splitter != null) at = i;
      }
      String key;
      String rest;
      if (splitter == null) {
        // expression.split(null) splits at the string "null".
        int i = expression.indexOf("null");
        if (i < 0) {
          key = expression;
          rest = "";
        } else {
          key = expression.substring(0, i);
          rest = expression.substring(i + 4);
        }
      } else {
        key = expression.substring(0, at);
        rest = expression.substring(at + splitter.length());
      }

      String found = processEnv.containsKey(key) ? processEnv.get(key) : running.get(key);
      String replacement;
      if (":+".equals(splitter) || "+".equals(splitter)) {
        replacement = found != null && !found.isEmpty() ? rest : "";
      } else if (found != null && !found.isEmpty()) {
        replacement = seen.contains(found) ? rest : found;
      } else {
        replacement = rest;
      }
      result = replaceFirst(result, template, replacement);
      if (result.equals(running.get(key))) break;
    }
    return result;
  }

  /**
   * The first match of {@code (?<!\\)\$\{([^{}]+)\}|(?<!\\)\$([A-Za-z_][A-Za-z0-9_]*)}: fills
   * {start, end, expressionStart, expressionEnd}.
   */
  private static boolean find(String s, int[] match) {
    int n = s.length();
    for (int i = s.indexOf('$'); i >= 0 && i < n; i = s.indexOf('$', i + 1)) {
      if (i > 0 && s.charAt(i - 1) == '\\') continue;
      if (i + 1 >= n) return false;
      char c = s.charAt(i + 1);
      if (c == '{') {
        int j = i + 2;
        while (j < n && s.charAt(j) != '{' && s.charAt(j) != '}') j++;
        if (j > i + 2 && j < n && s.charAt(j) == '}') {
          match[0] = i;
          match[1] = j + 1;
          match[2] = i + 2;
          match[3] = j;
          return true;
        }
      } else if (isNameStart(c)) {
        int j = i + 2;
        while (j < n && isNamePart(s.charAt(j))) j++;
        match[0] = i;
        match[1] = j;
        match[2] = i + 1;
        match[3] = j;
        return true;
      }
    }
    return false;
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  /**
   * {@code s.replace(template, replacement)} with a string pattern: the first occurrence, and the
   * replacement's {@code $$}, {@code $&}, {@code $`} and {@code $'} patterns.
   */
  static String replaceFirst(String s, String template, String replacement) {
    int at = s.indexOf(template);
    if (at < 0) return s;
    int end = at + template.length();
    StringBuilder b = new StringBuilder(s.length() + replacement.length());
    b.append(s, 0, at);
    int n = replacement.length();
    for (int i = 0; i < n; i++) {
      char c = replacement.charAt(i);
      if (c == '$' && i + 1 < n) {
        char d = replacement.charAt(i + 1);
        switch (d) {
          case '$' -> {
            b.append('$');
            i++;
            continue;
          }
          case '&' -> {
            b.append(template);
            i++;
            continue;
          }
          case '`' -> {
            b.append(s, 0, at);
            i++;
            continue;
          }
          case '\'' -> {
            b.append(s, end, s.length());
            i++;
            continue;
          }
          default -> {}
        }
      }
      b.append(c);
    }
    b.append(s, end, s.length());
    return b.toString();
  }

  /** {@code \$} becomes {@code $}, left to right. */
  static String resolveEscapes(String v) {
    int i = v.indexOf("\\$");
    if (i < 0) return v;
    StringBuilder b = new StringBuilder(v.length());
    int from = 0;
    while (i >= 0) {
      b.append(v, from, i).append('$');
      from = i + 2;
      i = v.indexOf("\\$", from);
    }
    return b.append(v, from, v.length()).toString();
  }
}
