package dev.eddy.web.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code Content-Type} value as the npm package {@code content-type} 2.1.0 (the version
 * body-parser 2.4.0, type-is 2.1.0, negotiator 1.1.0 and Express 5.3.0 resolve to) parses and
 * formats it.
 *
 * <p>Parsing in 2.x is lenient and never fails: the type is whatever precedes the first {@code ;}
 * (trimmed of spaces and tabs, lower-cased, not validated), parameter names are lower-cased and
 * trimmed, the first occurrence of a name wins, quoted values are unescaped, malformed parameters
 * are skipped. Only {@link #format()} validates.
 *
 * <p>{@code parameters} iterates in the order JavaScript's {@code Object.keys} would give for the
 * parsed object (canonical array-index names such as {@code "1"} first, in numeric order, then the
 * rest in insertion order), so that parse-then-format round trips like the package's. Instances are
 * immutable and thread-safe.
 *
 * @param type the media type, as given to the constructor (lower case when parsed)
 * @param parameters parameter names to values; copied, unmodifiable; a {@code null} value formats
 *     as {@code undefined}, as the package does
 */
public record ContentType(String type, Map<String, String> parameters) {

  /**
   * Copies {@code parameters} (null means none).
   *
   * @throws NullPointerException if {@code type} is null
   */
  public ContentType {
    Objects.requireNonNull(type, "type");
    parameters =
        parameters == null || parameters.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * {@code contentType.parse(header)}: the lower-cased type and the parameters. Never fails for a
   * string (content-type 2.x no longer rejects malformed values; callers such as type-is validate
   * the type themselves). Thread-safe.
   *
   * @throws NullPointerException if {@code header} is null
   */
  public static ContentType parse(String header) {
    Objects.requireNonNull(header, "header");
    int len = header.length();
    int start = skipOws(header, 0, len);
    int end = skipValue(header, start, len, NO_STOP);
    String type = lower(header, start, trailingOws(header, start, end));
    Params params = new Params(Params.KEEP_ALL);
    scanParameters(header, end, NO_STOP, params);
    return new ContentType(type, params.toJsOrderedMap());
  }

  /**
   * {@code contentType.parse(header, {parameters: false}).type}: the lower-cased text before the
   * first {@code ;}, trimmed of spaces and tabs; no validation, no parameter parsing. Thread-safe.
   *
   * @throws NullPointerException if {@code header} is null
   */
  public static String typeOf(String header) {
    int len = header.length();
    int start = skipOws(header, 0, len);
    int end = skipValue(header, start, len, NO_STOP);
    return lower(header, start, trailingOws(header, start, end));
  }

  /**
   * {@code contentType.parse(header).parameters[name]} without building the whole map: the first
   * value of the parameter {@code name} (matched after lower-casing the header's names, so pass
   * {@code name} in lower case), or null when absent. body-parser's charset lookup is {@code
   * parameter(header, "charset")}. Thread-safe.
   *
   * @throws NullPointerException if {@code header} or {@code name} is null
   */
  public static String parameter(String header, String name) {
    Objects.requireNonNull(name, "name");
    int len = header.length();
    int start = skipOws(header, 0, len);
    int end = skipValue(header, start, len, NO_STOP);
    Params params = new Params(name);
    scanParameters(header, end, NO_STOP, params);
    return params.size == 0 ? null : params.values[0];
  }

  /**
   * {@code contentType.format(this)}: {@code type} followed by {@code ; name=value} for each
   * parameter, values quoted (with {@code \} before {@code "} and {@code \}) unless they are tokens.
   * Parameters are written in JavaScript key order (array-index names first).
   *
   * @throws IllegalArgumentException with the package's TypeError message: {@code "Invalid type:
   *     <type>"} unless the type is {@code token/token}, {@code "Invalid parameter name: <name>"}
   *     unless a name is a token, {@code "Invalid parameter value: <value>"} for a value with
   *     characters outside tab, 0x20-0x7E and 0x80-0xFF
   */
  public String format() {
    return format(type, parameters);
  }

  /**
   * {@code contentType.format({type, parameters})}; see {@link #format()}. {@code parameters} may
   * be null. Thread-safe if {@code parameters} is not modified concurrently.
   *
   * @throws IllegalArgumentException as {@link #format()}
   */
  public static String format(String type, Map<String, String> parameters) {
    if (type == null || !isMediaType(type)) {
      throw new IllegalArgumentException("Invalid type: " + (type == null ? "undefined" : type));
    }
    if (parameters == null || parameters.isEmpty()) return type;
    StringBuilder out = new StringBuilder(type.length() + 16 * parameters.size()).append(type);
    boolean indexKeys = false;
    for (String key : parameters.keySet()) {
      if (JsObjects.isArrayIndex(key)) {
        indexKeys = true;
        break;
      }
    }
    if (indexKeys) {
      for (String key : jsKeyOrder(parameters.keySet())) {
        appendParameter(out, key, parameters.get(key));
      }
    } else {
      for (Map.Entry<String, String> e : parameters.entrySet()) {
        appendParameter(out, e.getKey(), e.getValue());
      }
    }
    return out.toString();
  }

  /**
   * A copy with parameter {@code name} set to {@code value} (replacing in place, else appended), as
   * assigning {@code parsed.parameters[name] = value} does. Thread-safe.
   */
  public ContentType withParameter(String name, String value) {
    LinkedHashMap<String, String> copy = new LinkedHashMap<>(parameters);
    copy.put(name, value);
    return new ContentType(type, copy);
  }

  /**
   * Express's {@code utils.setCharset(type, charset)}: {@code type} unchanged when it or {@code
   * charset} is null or empty, else parsed, its {@code charset} parameter set, and formatted again.
   * Thread-safe.
   *
   * @throws IllegalArgumentException as {@link #format()} (for instance {@code "Invalid type: foo"}
   *     when {@code type} has no slash), as Express throws
   */
  public static String setCharset(String type, String charset) {
    if (type == null || type.isEmpty() || charset == null || charset.isEmpty()) return type;
    ContentType parsed = parse(type);
    LinkedHashMap<String, String> params = new LinkedHashMap<>(parsed.parameters);
    params.put("charset", charset);
    return format(parsed.type, params);
  }

  // ---- formatting helpers

  private static void appendParameter(StringBuilder out, String key, String value) {
    if (!isToken(key)) throw new IllegalArgumentException("Invalid parameter name: " + key);
    out.append("; ").append(key).append('=');
    if (value == null) {
      // The package tests TOKEN_REGEXP against undefined, which coerces to the token "undefined".
      out.append("undefined");
    } else if (isToken(value)) {
      out.append(value);
    } else {
      int n = value.length();
      for (int i = 0; i < n; i++) {
        char c = value.charAt(i);
        if (c != '\t' && (c < 0x20 || c == 0x7f || c > 0xff)) {
          throw new IllegalArgumentException("Invalid parameter value: " + value);
        }
      }
      out.append('"');
      for (int i = 0; i < n; i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') out.append('\\');
        out.append(c);
      }
      out.append('"');
    }
  }

  /** RFC 9110 tchar: ! # $ % & ' * + - . ^ _ ` | ~ DIGIT ALPHA. */
  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
    for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
    for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
  }

  static boolean isTchar(char c) {
    return c < 128 && TCHAR[c];
  }

  static boolean isToken(String s) {
    int n = s.length();
    if (n == 0) return false;
    for (int i = 0; i < n; i++) {
      if (!isTchar(s.charAt(i))) return false;
    }
    return true;
  }

  private static boolean isMediaType(String s) {
    int slash = s.indexOf('/');
    if (slash <= 0 || slash == s.length() - 1) return false;
    for (int i = 0; i < s.length(); i++) {
      if (i != slash && !isTchar(s.charAt(i))) return false;
    }
    return true;
  }

  private static List<String> jsKeyOrder(java.util.Collection<String> keys) {
    List<String> indexes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String k : keys) (JsObjects.isArrayIndex(k) ? indexes : names).add(k);
    indexes.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    indexes.addAll(names);
    return indexes;
  }

  // ---- scanning shared with Negotiator and TypeIs (the package's parse, step by step)

  /** No stop character: what the package's 65536 sentinel stands for. */
  static final int NO_STOP = -1;

  static int skipOws(String s, int i, int len) {
    while (i < len) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t') break;
      i++;
    }
    return i;
  }

  static int trailingOws(String s, int start, int end) {
    while (end > start) {
      char c = s.charAt(end - 1);
      if (c != ' ' && c != '\t') break;
      end--;
    }
    return end;
  }

  static int skipValue(String s, int i, int len, int stop) {
    while (i < len) {
      char c = s.charAt(i);
      if (c == ';' || c == stop) break;
      i++;
    }
    return i;
  }

  /** JavaScript's {@code slice(start, end).toLowerCase()}. */
  static String lower(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z' || c >= 0x80) {
        return s.substring(start, end).toLowerCase(Locale.ROOT);
      }
    }
    return s.substring(start, end);
  }

  /**
   * The package's {@code parseParameters} from {@code index} (at a {@code ;}, the stop character
   * or the end): records what {@code params} asks for and returns where parsing stopped (at the
   * stop character or the end), which is the package's {@code index} result.
   */
  static int scanParameters(String h, int index, int stop, Params params) {
    int len = h.length();
    outer:
    while (index < len) {
      if (h.charAt(index) == stop) break;
      index = skipOws(h, index + 1, len);
      int keyStart = index;
      while (index < len) {
        char c = h.charAt(index);
        if (c == stop) break outer;
        if (c == ';') continue outer;
        if (c == '=') {
          int keyEnd = trailingOws(h, keyStart, index);
          index = skipOws(h, index + 1, len);
          if (index < len && h.charAt(index) == '"') {
            int valueStart = ++index;
            boolean escaped = false;
            int close = -1;
            while (index < len) {
              char q = h.charAt(index++);
              if (q == '"') {
                close = index - 1;
                break;
              }
              if (q == '\\' && index < len) {
                index++;
                escaped = true;
              }
            }
            // An unterminated quoted string records nothing and ends the parameters.
            if (close >= 0) {
              index = skipValue(h, index, len, stop);
              params.quoted(h, keyStart, keyEnd, valueStart, close, escaped);
            }
            continue outer;
          }
          int valueStart = index;
          index = skipValue(h, index, len, stop);
          params.plain(h, keyStart, keyEnd, valueStart, trailingOws(h, valueStart, index));
          continue outer;
        }
        index++;
      }
    }
    return index;
  }

  static String unescapeQuoted(String h, int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = h.charAt(i);
      if (c == '\\') c = h.charAt(++i);
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * Collects parameters during a scan, first occurrence of a name winning. Three modes: keep all
   * names; keep all but take {@code q} aside (Accept entries, where negotiator deletes it); or keep
   * a single name only (no allocation for the others).
   */
  static final class Params {
    static final int KEEP_ALL = 0;
    static final int SPLIT_Q = 1;
    static final int Q_ONLY = 2;
    private static final int ONE_NAME = 3;
    private static final String[] NONE = new String[0];

    private final int mode;
    private final String only;
    String[] keys = NONE;
    String[] values = NONE;
    int size;

    boolean hasQ;
    /** The q value when it was quoted (or parsed in a keep-all mode); else the range below. */
    String qText;
    String qSource;
    int qStart;
    int qEnd;

    Params(int mode) {
      this.mode = mode;
      this.only = null;
    }

    Params(String onlyName) {
      this.mode = ONE_NAME;
      this.only = onlyName;
    }

    void reset() {
      size = 0;
      hasQ = false;
      qText = null;
      qSource = null;
    }

    String get(String key) {
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) return values[i];
      }
      return null;
    }

    private static boolean isQ(String h, int keyStart, int keyEnd) {
      if (keyEnd - keyStart != 1) return false;
      char c = h.charAt(keyStart);
      return c == 'q' || c == 'Q';
    }

    void plain(String h, int keyStart, int keyEnd, int valueStart, int valueEnd) {
      if ((mode == SPLIT_Q || mode == Q_ONLY) && isQ(h, keyStart, keyEnd)) {
        if (!hasQ) {
          hasQ = true;
          qSource = h;
          qStart = valueStart;
          qEnd = valueEnd;
        }
        return;
      }
      if (mode == Q_ONLY) return;
      String key = lower(h, keyStart, keyEnd);
      if (mode == ONE_NAME && !key.equals(only)) return;
      if (!containsKey(key)) add(key, h.substring(valueStart, valueEnd));
    }

    void quoted(String h, int keyStart, int keyEnd, int valueStart, int close, boolean escaped) {
      if ((mode == SPLIT_Q || mode == Q_ONLY) && isQ(h, keyStart, keyEnd)) {
        if (!hasQ) {
          hasQ = true;
          qText = escaped ? unescapeQuoted(h, valueStart, close) : h.substring(valueStart, close);
        }
        return;
      }
      if (mode == Q_ONLY) return;
      String key = lower(h, keyStart, keyEnd);
      if (mode == ONE_NAME && !key.equals(only)) return;
      if (!containsKey(key)) {
        add(key, escaped ? unescapeQuoted(h, valueStart, close) : h.substring(valueStart, close));
      }
    }

    private boolean containsKey(String key) {
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) return true;
      }
      return false;
    }

    private void add(String key, String value) {
      if (size == keys.length) {
        int n = size == 0 ? 2 : size * 2;
        keys = java.util.Arrays.copyOf(keys, n);
        values = java.util.Arrays.copyOf(values, n);
      }
      keys[size] = key;
      values[size++] = value;
    }

    /** Whether the q parameter is present with a non-empty value (JavaScript truthiness). */
    boolean qTruthy() {
      return hasQ && (qText != null ? !qText.isEmpty() : qEnd > qStart);
    }

    /** {@code parseFloat} of the q value; call only when {@link #qTruthy()}. */
    double qValue() {
      return qText != null
          ? Negotiator.parseFloat(qText, 0, qText.length())
          : Negotiator.parseFloat(qSource, qStart, qEnd);
    }

    Map<String, String> toJsOrderedMap() {
      if (size == 0) return Map.of();
      LinkedHashMap<String, String> map = new LinkedHashMap<>();
      boolean indexKeys = false;
      for (int i = 0; i < size; i++) {
        if (JsObjects.isArrayIndex(keys[i])) indexKeys = true;
      }
      if (!indexKeys) {
        for (int i = 0; i < size; i++) map.put(keys[i], values[i]);
        return map;
      }
      List<String> order = jsKeyOrder(java.util.Arrays.asList(keys).subList(0, size));
      for (String k : order) map.put(k, get(k));
      return map;
    }
  }
}
