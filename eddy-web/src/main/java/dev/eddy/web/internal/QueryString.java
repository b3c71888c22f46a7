package dev.eddy.web.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two flat key/value parsers of Express 5: Node 20's {@code querystring.parse} (the "simple"
 * query parser behind {@code req.query}) and the {@code qs} call that body-parser 2.4.0's {@code
 * urlencoded({extended: false})} makes for form bodies. Both give a {@code LinkedHashMap} whose
 * values are {@code String} or, for a repeated key, {@code List<String>}, in JavaScript's property
 * order (keys that are array indices such as {@code "0"} first, ascending, then the others in the
 * order they first came).
 *
 * <p>All methods are thread-safe.
 */
public final class QueryString {
  private QueryString() {}

  /** querystring.parse's default maxKeys. */
  private static final int MAX_KEYS = 1000;

  /**
   * Node 20's {@code querystring.parse(query)}: pairs split on {@code &}, key and value on the
   * first {@code =} ({@code a} alone is {@code a=""}), {@code +} read as a space, {@code %XX}
   * decoded as {@code decodeURIComponent} does, or, when that fails, byte by byte with the bad
   * escapes kept and the bytes read as UTF-8 (U+FFFD for invalid sequences). Empty pairs are
   * skipped; only the first 1000 pairs (empty ones included) are read. No nesting: {@code a[b]=1}
   * is the key {@code "a[b]"}.
   *
   * @param query the text after {@code ?}, without it; null or empty gives an empty map
   * @return a new mutable map, values {@code String} or {@code List<String>}
   */
  public static Map<String, Object> parse(String query) {
    LinkedHashMap<String, Object> obj = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) return obj;
    String qs = query;
    int n = qs.length();
    int pairs = MAX_KEYS;
    int lastPos = 0;
    boolean sawEq = false;
    StringBuilder key = new StringBuilder();
    StringBuilder value = new StringBuilder();
    boolean keyEncoded = false;
    boolean valEncoded = false;
    // How far a %XX escape has been matched: 1 after '%', 2 after one hex digit. Node shares this
    // counter between key and value, which can mark a value as encoded from the key's escapes;
    // that only decides whether the value is decoded, and it is kept for exactness.
    int encodeCheck = 0;
    for (int i = 0; i < n; i++) {
      char code = qs.charAt(i);
      if (code == '&') {
        if (!sawEq) {
          if (lastPos < i) {
            key.append(qs, lastPos, i);
          } else if (key.isEmpty()) {
            // An empty piece between separators still counts towards maxKeys.
            if (--pairs == 0) return JsJson.jsOrder(obj);
            lastPos = i + 1;
            continue;
          }
        } else if (lastPos < i) {
          value.append(qs, lastPos, i);
        }
        addKeyVal(obj, key, value, keyEncoded, valEncoded);
        if (--pairs == 0) return JsJson.jsOrder(obj);
        keyEncoded = false;
        valEncoded = false;
        key.setLength(0);
        value.setLength(0);
        encodeCheck = 0;
        lastPos = i + 1;
        sawEq = false;
        continue;
      }
      if (!sawEq) {
        if (code == '=') {
          sawEq = true;
          if (lastPos < i) key.append(qs, lastPos, i);
          encodeCheck = 0;
          lastPos = i + 1;
          continue;
        }
        if (!keyEncoded) {
          if (code == '%') {
            encodeCheck = 1;
            continue;
          } else if (encodeCheck > 0) {
            if (isHex(code)) {
              if (++encodeCheck == 3) keyEncoded = true;
              continue;
            }
            encodeCheck = 0;
          }
        }
        if (code == '+') {
          if (lastPos < i) key.append(qs, lastPos, i);
          key.append(' ');
          lastPos = i + 1;
          continue;
        }
      }
      if (code == '+') {
        if (lastPos < i) value.append(qs, lastPos, i);
        value.append(' ');
        lastPos = i + 1;
      } else if (!valEncoded) {
        if (code == '%') {
          encodeCheck = 1;
        } else if (encodeCheck > 0) {
          if (isHex(code)) {
            if (++encodeCheck == 3) valEncoded = true;
          } else {
            encodeCheck = 0;
          }
        }
      }
    }
    if (lastPos < n) {
      if (!sawEq) {
        key.append(qs, lastPos, n);
      } else {
        value.append(qs, lastPos, n);
      }
    } else if (!sawEq && key.isEmpty()) {
      return JsJson.jsOrder(obj);
    }
    addKeyVal(obj, key, value, keyEncoded, valEncoded);
    return JsJson.jsOrder(obj);
  }

  private static void addKeyVal(
      LinkedHashMap<String, Object> obj,
      StringBuilder keyText,
      StringBuilder valueText,
      boolean keyEncoded,
      boolean valEncoded) {
    String key = keyText.toString();
    String value = valueText.toString();
    if (keyEncoded && !key.isEmpty()) key = unescape(key);
    if (valEncoded && !value.isEmpty()) value = unescape(value);
    append(obj, key, value);
  }

  @SuppressWarnings("unchecked")
  private static void append(LinkedHashMap<String, Object> obj, String key, String value) {
    Object current = obj.putIfAbsent(key, value);
    if (current == null) return;
    if (current instanceof List<?> list) {
      ((List<String>) list).add(value);
    } else {
      List<String> both = new ArrayList<>(4);
      both.add((String) current);
      both.add(value);
      obj.put(key, both);
    }
  }

  /**
   * Node's {@code querystring.unescape}: {@code decodeURIComponent(s)}, or when that throws, the
   * lenient byte-wise decoding (valid {@code %XX} become bytes, everything else its low byte, the
   * whole read as UTF-8 with U+FFFD for invalid sequences). {@code +} is left alone.
   *
   * @throws NullPointerException if {@code s} is null
   */
  public static String unescape(String s) {
    if (!decodesCleanly(s)) return unescapeBuffer(s);
    return UriCodec.decodeURIComponent(s);
  }

  /**
   * Whether {@code decodeURIComponent(s)} succeeds: every {@code %} starts a {@code %XX} escape and
   * each run of escapes is well-formed UTF-8 (no overlong forms, surrogates or code points past
   * U+10FFFF, no sequence cut short). Checked up front because failures are common in the wild
   * ("100%") and an exception per pair would be costly.
   */
  static boolean decodesCleanly(String s) {
    int n = s.length();
    int need = 0;
    int lower = 0x80;
    int upper = 0xBF;
    for (int i = s.indexOf('%'); i >= 0 && i < n; i++) {
      if (s.charAt(i) != '%') {
        if (need > 0) return false;
        continue;
      }
      if (i + 2 >= n) return false;
      int hi = hexValue(s.charAt(i + 1));
      int lo = hexValue(s.charAt(i + 2));
      if (hi < 0 || lo < 0) return false;
      int b = hi * 16 + lo;
      i += 2;
      if (need > 0) {
        if (b < lower || b > upper) return false;
        lower = 0x80;
        upper = 0xBF;
        need--;
      } else if (b >= 0x80) {
        if (b >= 0xC2 && b <= 0xDF) {
          need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
          need = 2;
          if (b == 0xE0) lower = 0xA0;
          if (b == 0xED) upper = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
          need = 3;
          if (b == 0xF0) lower = 0x90;
          if (b == 0xF4) upper = 0x8F;
        } else {
          return false;
        }
      }
    }
    return need == 0;
  }

  /** querystring.unescapeBuffer(s, false).toString(). */
  private static String unescapeBuffer(String s) {
    int n = s.length();
    byte[] out = new byte[n];
    int o = 0;
    int index = 0;
    int maxLength = n - 2;
    while (index < n) {
      int c = s.charAt(index);
      if (c == '%' && index < maxLength) {
        c = s.charAt(++index);
        int hi = hexValue(c);
        if (hi < 0) {
          out[o++] = '%';
          continue;
        }
        int lo = hexValue(s.charAt(++index));
        if (lo < 0) {
          out[o++] = '%';
          index--;
        } else {
          c = hi * 16 + lo;
        }
      }
      // A Buffer keeps the low byte of whatever is stored.
      out[o++] = (byte) c;
      index++;
    }
    return JsJson.decodeUtf8(out, 0, o);
  }

  /**
   * The form body parser of body-parser 2.4.0's {@code urlencoded({extended: false})}, which is
   * {@code qs.parse} with depth 0. It differs from {@link #parse(String)}: the count of pairs
   * ({@code &} count + 1) must not exceed {@code parameterLimit}; {@code %5B}/{@code %5D} are read
   * as brackets first; a pair splits at the first {@code ]=} if any, else the first {@code =};
   * decoding is {@code decodeURIComponent} after {@code +} to space, keeping the text undecoded
   * when it is malformed (ISO-8859-1: each {@code %XX} is one character); a key wrapped in brackets
   * loses them ({@code [a]=1} is {@code a}); the key {@code []} spreads its values over the keys
   * "0", "1", ...; empty keys and {@code __proto__} are dropped; a value merged from another
   * spelling of a key is dropped when it is empty.
   *
   * @param body the decoded body text; empty gives an empty map
   * @param parameterLimit body-parser's {@code parameterLimit} (default 1000); Integer.MAX_VALUE
   *     for no limit
   * @param charset the body's charset, UTF-8 or ISO-8859-1 (the only ones the parser accepts)
   * @return a new mutable map, values {@code String} or {@code List<String>}
   * @throws TooManyParametersException when the body has more pairs than {@code parameterLimit}
   *     (body-parser answers 413 "too many parameters")
   * @throws IllegalArgumentException for another charset or a limit below 1
   */
  public static Map<String, Object> parseForm(String body, int parameterLimit, Charset charset) {
    boolean latin1;
    if (StandardCharsets.UTF_8.equals(charset)) {
      latin1 = false;
    } else if (StandardCharsets.ISO_8859_1.equals(charset)) {
      latin1 = true;
    } else {
      throw new IllegalArgumentException("unsupported charset " + charset);
    }
    if (parameterLimit < 1) throw new IllegalArgumentException("parameterLimit must be positive");
    LinkedHashMap<String, Object> result = new LinkedHashMap<>();
    if (body.isEmpty()) return result;
    int count = 1;
    for (int i = body.indexOf('&'); i >= 0; i = body.indexOf('&', i + 1)) {
      if (++count > parameterLimit) throw new TooManyParametersException();
    }
    String clean = bracketsUnescaped(body);
    LinkedHashMap<String, Object> pairs = new LinkedHashMap<>();
    int start = 0;
    while (true) {
      int amp = clean.indexOf('&', start);
      String part = amp < 0 ? clean.substring(start) : clean.substring(start, amp);
      int bracketEquals = part.indexOf("]=");
      int eq = bracketEquals < 0 ? part.indexOf('=') : bracketEquals + 1;
      String key;
      String value;
      if (eq < 0) {
        key = formDecode(part, latin1);
        value = "";
      } else {
        key = formDecode(part.substring(0, eq), latin1);
        value = formDecode(part.substring(eq + 1), latin1);
      }
      append(pairs, key, value);
      if (amp < 0) break;
      start = amp + 1;
    }
    for (Map.Entry<String, Object> e : JsJson.jsOrder(pairs).entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (key.isEmpty()) continue;
      if (key.equals("[]")) {
        if (value instanceof String v) {
          mergeInto(result, "0", v);
        } else {
          List<?> values = (List<?>) value;
          for (int i = 0; i < values.size(); i++) {
            mergeInto(result, Integer.toString(i), values.get(i));
          }
        }
        continue;
      }
      String root =
          key.length() >= 2 && key.charAt(0) == '[' && key.charAt(key.length() - 1) == ']'
              ? key.substring(1, key.length() - 1)
              : key;
      if (root.equals("__proto__")) continue;
      mergeInto(result, root, value);
    }
    return JsJson.jsOrder(result);
  }

  /**
   * qs's merge of one more value for {@code key} into the result: a new key takes the value; an
   * existing one becomes (or grows) a list, except that an empty string adds nothing.
   */
  @SuppressWarnings("unchecked")
  private static void mergeInto(LinkedHashMap<String, Object> result, String key, Object value) {
    Object current = result.get(key);
    if (current == null) {
      result.put(key, value instanceof List<?> l ? new ArrayList<>(l) : value);
      return;
    }
    if (value instanceof String s && s.isEmpty()) return;
    List<String> merged;
    if (current instanceof List<?> list) {
      merged = (List<String>) list;
    } else {
      merged = new ArrayList<>(4);
      merged.add((String) current);
      result.put(key, merged);
    }
    if (value instanceof List<?> more) {
      merged.addAll((List<String>) more);
    } else {
      merged.add((String) value);
    }
  }

  /** {@code %5B} and {@code %5D} (any case) replaced by {@code [} and {@code ]}. */
  private static String bracketsUnescaped(String s) {
    int i = s.indexOf('%');
    if (i < 0) return s;
    StringBuilder out = null;
    int copied = 0;
    for (; i >= 0 && i + 2 < s.length(); i = s.indexOf('%', i + 1)) {
      char a = s.charAt(i + 1);
      char b = s.charAt(i + 2);
      if (a != '5') continue;
      char bracket;
      if (b == 'B' || b == 'b') {
        bracket = '[';
      } else if (b == 'D' || b == 'd') {
        bracket = ']';
      } else {
        continue;
      }
      if (out == null) out = new StringBuilder(s.length());
      out.append(s, copied, i).append(bracket);
      copied = i + 3;
      i += 2;
    }
    if (out == null) return s;
    return out.append(s, copied, s.length()).toString();
  }

  /** qs's decoder: {@code +} to space, then the charset's percent-decoding. */
  private static String formDecode(String s, boolean latin1) {
    String spaced = s.indexOf('+') < 0 ? s : s.replace('+', ' ');
    if (spaced.indexOf('%') < 0) return spaced;
    if (latin1) {
      StringBuilder out = new StringBuilder(spaced.length());
      int n = spaced.length();
      for (int i = 0; i < n; i++) {
        char c = spaced.charAt(i);
        if (c == '%' && i + 2 < n) {
          int hi = hexValue(spaced.charAt(i + 1));
          int lo = hexValue(spaced.charAt(i + 2));
          if (hi >= 0 && lo >= 0) {
            out.append((char) (hi * 16 + lo));
            i += 2;
            continue;
          }
        }
        out.append(c);
      }
      return out.toString();
    }
    return decodesCleanly(spaced) ? UriCodec.decodeURIComponent(spaced) : spaced;
  }

  private static boolean isHex(char c) {
    return hexValue(c) >= 0;
  }

  private static int hexValue(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  /**
   * A form body with more pairs than the parameter limit; body-parser turns it into a 413 with the
   * message "too many parameters" and the type {@code parameters.too.many}.
   */
  public static final class TooManyParametersException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyParametersException() {
      super("too many parameters", null, false, false);
    }

    /** The HTTP status body-parser gives this error: 413. */
    public int status() {
      return 413;
    }

    /** The error's {@code type} property in body-parser: {@code "parameters.too.many"}. */
    public String type() {
      return "parameters.too.many";
    }
  }
}
