package dev.eddy.ops;

import static dev.eddy.ops.internal.EnvSyntax.isLineTerminator;
import static dev.eddy.ops.internal.EnvSyntax.isSpace;

import dev.eddy.ops.internal.EnvSyntax;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .env} file syntax of dotenv 16: {@code KEY=value} and {@code KEY: value} lines, an
 * optional {@code export } prefix, single, double and backtick quotes (which may span lines),
 * {@code \n}/{@code \r} escapes in double quotes only, {@code #} comments, and every other line
 * ignored.
 *
 * <p>{@link #parse} reproduces {@code require('dotenv').parse} exactly, quirks included: any {@code
 * #} ends an unquoted value (not only {@code " #"}); an assignment with nothing after it may take
 * its value from a quoted string on the following lines; {@code KEY:value} without a space is not
 * an assignment; the last of duplicate keys wins but keeps the first one's position; keys that are
 * canonical integers are listed first, in numeric order, as in a JavaScript object; and {@code
 * __proto__} is dropped.
 *
 * <p>{@link #parseStrict} returns the same values plus the lines dotenv would silently skip or
 * misread, for a useful "broken .env" message.
 */
public final class EnvFile {
  private EnvFile() {}

  /**
   * What {@link #parseStrict} found: the values {@link #parse} returns and the problems, in line
   * order.
   *
   * @param values the variables, in dotenv's order; unmodifiable
   * @param problems what is wrong, one entry per broken line; unmodifiable, empty if none
   */
  public record Parsed(Map<String, String> values, List<Problem> problems) {}

  /**
   * One broken line. The message never contains a value, only names, so it is safe to log.
   *
   * @param line the 1-based line number (lines end at LF, CRLF or CR)
   * @param message what is wrong and how to fix it, e.g. {@code not a KEY=value assignment (write
   *     KEY=value, or start the line with # to make it a comment)}
   */
  public record Problem(int line, String message) {}

  /**
   * Parses {@code .env} text exactly as dotenv 16's {@code parse} does, silently skipping lines
   * that are not assignments.
   *
   * @param text the file's content (a leading byte order mark is skipped as white space)
   * @return the variables in dotenv's (JavaScript object) order; unmodifiable
   * @throws NullPointerException if text is null
   * @implNote stateless; thread-safe
   */
  public static Map<String, String> parse(String text) {
    return new Scanner(text, false).run().values();
  }

  /**
   * Parses like {@link #parse} and also reports what dotenv would silently skip or misread: lines
   * that are neither assignments, comments nor blank, and quoted values whose quote is never closed
   * or is followed by more text (dotenv then keeps the quote characters as part of the value).
   * Never throws for bad input: the caller decides whether problems are fatal ({@link Env#load}
   * makes them fatal).
   *
   * @param text the file's content
   * @return the values (the same as {@link #parse}) and the problems
   * @throws NullPointerException if text is null
   * @implNote stateless; thread-safe
   */
  public static Parsed parseStrict(String text) {
    return new Scanner(text, true).run();
  }

  /**
   * A hand-written matcher for dotenv's LINE regular expression, global and multiline, with its
   * backtracking reduced to the few places where it can change the outcome (the closing quote of a
   * quoted value, and where the trailing white space run ends).
   */
  private static final class Scanner {
    private final String s;
    private final int n;
    private final boolean strict;
    private final LinkedHashMap<String, String> values = new LinkedHashMap<>();
    private List<Problem> problems;
    // Strict mode: which lines some assignment touched.
    private boolean[] covered;
    private int[] lineStarts;

    // Results of the last successful match attempt.
    private String key;
    private int keyStart;
    private int valueStart;
    private int valueEnd;
    private boolean quotedAlternative;
    private int matchEnd;

    Scanner(String text, boolean strict) {
      this.s = normalizeLineBreaks(text);
      this.n = s.length();
      this.strict = strict;
    }

    Parsed run() {
      if (strict) {
        lineStarts = lineStarts(s);
        covered = new boolean[lineStarts.length];
        problems = new ArrayList<>();
      }
      int pos = 0;
      while (true) {
        int p = nextLineStart(pos);
        if (p < 0) break;
        if (attempt(p)) {
          assign();
          pos = matchEnd;
          continue;
        }
        // Every line start up to the first non-space character fails the same way.
        int t = indexOfLineTerminator(skipSpace(p));
        if (t < 0) break;
        pos = t + 1;
      }
      Map<String, String> ordered = Collections.unmodifiableMap(EnvSyntax.jsOrder(values));
      if (!strict) return new Parsed(ordered, List.of());
      reportUncoveredLines();
      problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
      return new Parsed(ordered, List.copyOf(problems));
    }

    private void assign() {
      String raw = EnvSyntax.trim(s.substring(valueStart, valueEnd));
      char first = raw.isEmpty() ? 0 : raw.charAt(0);
      String value = stripQuotes(raw);
      if (first == '"') value = expandNewlines(value);
      // A JavaScript object ignores a string assigned to __proto__.
      if (!key.equals("__proto__")) values.put(key, value);
      if (strict) {
        int from = lineOf(keyStart);
        int to = lineOf(Math.max(keyStart, matchEnd - 1));
        for (int i = from; i <= to; i++) covered[i] = true;
        if (!quotedAlternative && isQuote(first)) reportBadQuote(from, first, raw);
      }
    }

    /** dotenv's regex tried at line start p; fills the match fields on success. */
    private boolean attempt(int p) {
      int q = skipSpace(p);
      if (s.startsWith("export", q) && q + 6 < n && isSpace(s.charAt(q + 6))) {
        if (attemptKey(skipSpace(q + 6))) {
          keyStart = q;
          return true;
        }
      }
      if (attemptKey(q)) {
        keyStart = q;
        return true;
      }
      return false;
    }

    private boolean attemptKey(int k) {
      int ke = k;
      while (ke < n && isKeyChar(s.charAt(ke))) ke++;
      if (ke == k) return false;
      int i = skipSpace(ke);
      int v;
      if (i < n && s.charAt(i) == '=') {
        v = i + 1;
      } else if (ke + 1 < n && s.charAt(ke) == ':' && isSpace(s.charAt(ke + 1))) {
        v = ke + 2;
      } else {
        return false;
      }
      key = s.substring(k, ke);
      tail(v);
      return true;
    }

    /**
     * The optional value and what may follow it. This always matches (with the lazy separator
     * taking no more white space), so only the value's alternatives need trying.
     */
    private void tail(int v) {
      valueStart = v;
      int u = skipSpace(v);
      if (u < n && isQuote(s.charAt(u)) && quoted(u, s.charAt(u))) return;
      quotedAlternative = false;
      int m = v;
      while (m < n) {
        char c = s.charAt(m);
        if (c == '#' || c == '\n' || c == '\r') break;
        m++;
      }
      // When the value alternative fails, the value is absent and valueEnd == valueStart.
      valueEnd = m;
      matchEnd = end(m);
    }

    /**
     * A quoted value opening at u. The inner part may run past a quote only where a backslash
     * precedes it; the regex tries the furthest closing quote first and takes the first whose
     * remainder of the line matches.
     */
    private boolean quoted(int u, char quote) {
      int[] candidates = null;
      int count = 0;
      int i = u + 1;
      while (true) {
        int j = s.indexOf(quote, i);
        if (j < 0) break;
        if (candidates == null) candidates = new int[4];
        else if (count == candidates.length)
          candidates = java.util.Arrays.copyOf(candidates, count * 2);
        candidates[count++] = j;
        if (j - 1 > u && s.charAt(j - 1) == '\\') i = j + 1;
        else break;
      }
      for (int c = count - 1; c >= 0; c--) {
        int e = end(candidates[c] + 1);
        if (e >= 0) {
          valueEnd = candidates[c] + 1;
          matchEnd = e;
          quotedAlternative = true;
          return true;
        }
      }
      return false;
    }

    /** Where {@code \s*(?:#.*)?$} matching at x ends, or -1 if it cannot match there. */
    private int end(int x) {
      int y = skipSpace(x);
      if (y == n) return n;
      if (s.charAt(y) == '#') {
        int z = y;
        while (z < n && !isLineTerminator(s.charAt(z))) z++;
        return z;
      }
      for (int k = y - 1; k >= x; k--) {
        if (isLineTerminator(s.charAt(k))) return k;
      }
      return -1;
    }

    private int nextLineStart(int pos) {
      if (pos > n) return -1;
      if (pos == 0 || isLineTerminator(s.charAt(pos - 1))) return pos;
      int t = indexOfLineTerminator(pos);
      return t < 0 ? -1 : t + 1;
    }

    private int indexOfLineTerminator(int from) {
      for (int i = from; i < n; i++) {
        if (isLineTerminator(s.charAt(i))) return i;
      }
      return -1;
    }

    private int skipSpace(int i) {
      while (i < n && isSpace(s.charAt(i))) i++;
      return i;
    }

    // ---- strict mode ----

    private int lineOf(int index) {
      int lo = 0;
      int hi = lineStarts.length - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (lineStarts[mid] <= index) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }

    private void reportBadQuote(int line, char quote, String raw) {
      String kind = quote == '"' ? "double" : quote == '\'' ? "single" : "backtick";
      String message =
          raw.indexOf(quote, 1) < 0
              ? "the value of "
                  + key
                  + " opens a "
                  + kind
                  + " quote that is never closed (add the closing "
                  + quote
                  + ", or remove the opening one)"
              : "the value of "
                  + key
                  + " has text after its closing "
                  + kind
                  + " quote (move the text inside the quotes, or start a comment with #)";
      problems.add(new Problem(line + 1, message));
    }

    private void reportUncoveredLines() {
      for (int line = 0; line < lineStarts.length; line++) {
        if (covered[line]) continue;
        int start = lineStarts[line];
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : n;
        String text = EnvSyntax.trim(s.substring(start, end));
        if (text.isEmpty() || text.charAt(0) == '#') continue;
        problems.add(new Problem(line + 1, describeNonAssignment(text)));
      }
    }

    /** Names are not secret, so a message may quote them; values never appear. */
    private static String describeNonAssignment(String text) {
      int eq = text.indexOf('=');
      String name = EnvSyntax.trim(eq < 0 ? text : text.substring(0, eq));
      if (name.startsWith("export") && name.length() > 6 && isSpace(name.charAt(6))) {
        name = EnvSyntax.trim(name.substring(6));
      }
      if (eq < 0) {
        if (isName(name)) {
          return name
              + " has no value (write "
              + name
              + "=value, or start the line with # to make it a comment)";
        }
        int colon = text.indexOf(':');
        if (colon > 0 && isName(EnvSyntax.trim(text.substring(0, colon)))) {
          String n = EnvSyntax.trim(text.substring(0, colon));
          return n + ": needs a space after the colon and none before it (write " + n + "=value)";
        }
        return "not a KEY=value assignment (write KEY=value, or start the line with # to make it a"
                   + " comment)";
      }
      if (name.isEmpty()) {
        return "no variable name before = (write KEY=value)";
      }
      if (!isName(name) && name.length() <= 64 && name.indexOf('"') < 0) {
        return "\""
            + name
            + "\" is not a valid variable name (use only letters, digits, _, . and -)";
      }
      return "not a KEY=value assignment (write KEY=value, or start the line with # to make it a"
                 + " comment)";
    }

    private static boolean isName(String s) {
      if (s.isEmpty()) return false;
      for (int i = 0; i < s.length(); i++) {
        if (!isKeyChar(s.charAt(i))) return false;
      }
      return true;
    }

    private static int[] lineStarts(String s) {
      int count = 1;
      for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') count++;
      int[] starts = new int[count];
      int k = 1;
      for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') starts[k++] = i + 1;
      return starts;
    }
  }

  // ---- value post-processing, shared by both modes ----

  private static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }

  private static boolean isQuote(char c) {
    return c == '\'' || c == '"' || c == '`';
  }

  /** dotenv turns CRLF and lone CR into LF before matching. */
  private static String normalizeLineBreaks(String text) {
    int cr = text.indexOf('\r');
    if (cr < 0) return text;
    StringBuilder b = new StringBuilder(text.length());
    b.append(text, 0, cr);
    for (int i = cr; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        b.append('\n');
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * dotenv's {@code value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2')}: on every line (in the regex's
   * multiline sense) that starts with a quote, removes that quote and the last identical quote that
   * ends a line. For an ordinary quoted value this just drops the outer quotes.
   */
  static String stripQuotes(String v) {
    int n = v.length();
    StringBuilder out = null;
    int copied = 0;
    int pos = 0;
    outer:
    while (pos < n) {
      for (int start = pos; start < n; start++) {
        char q = v.charAt(start);
        if (!isQuote(q) || (start > 0 && !isLineTerminator(v.charAt(start - 1)))) continue;
        for (int e = n - 1; e > start; e--) {
          if (v.charAt(e) == q && (e + 1 == n || isLineTerminator(v.charAt(e + 1)))) {
            if (out == null) out = new StringBuilder(n);
            out.append(v, copied, start).append(v, start + 1, e);
            copied = e + 1;
            pos = e + 1;
            continue outer;
          }
        }
      }
      break;
    }
    if (out == null) return v;
    return out.append(v, copied, n).toString();
  }

  /** {@code \n} and {@code \r} escapes, applied by dotenv to double-quoted values only. */
  private static String expandNewlines(String v) {
    int i = v.indexOf('\\');
    if (i < 0) return v;
    StringBuilder b = new StringBuilder(v.length());
    b.append(v, 0, i);
    for (; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        char next = v.charAt(i + 1);
        if (next == 'n' || next == 'r') {
          b.append(next == 'n' ? '\n' : '\r');
          i++;
          continue;
        }
      }
      b.append(c);
    }
    return b.toString();
  }
}
