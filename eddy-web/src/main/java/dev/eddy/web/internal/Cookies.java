package dev.eddy.web.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Cookies as the {@code cookie} package (0.7.2) reads and writes them, and the request side of
 * {@code cookie-parser} (1.4.7) on top: {@code Set-Cookie} values for {@code res.cookie()}, the
 * {@code Cookie} header parsed into {@code req.cookies} and {@code req.signedCookies}.
 *
 * <p>Maps come back in the order JavaScript would enumerate the package's object: keys that are
 * array indices ({@code "0"}, {@code "17"}, ...) first in numeric order, then the rest in first
 * appearance. A cookie named {@code __proto__} is dropped, as assigning it on a plain object does
 * nothing. Thread-safe.
 */
public final class Cookies {
  private Cookies() {}

  // ------------------------------------------------------------------------------------------
  // serialize

  /**
   * Attributes for {@link #serialize}. Components left null / false are omitted, as are empty
   * strings (falsy in JavaScript). Immutable; use {@link #NONE} and the withers.
   *
   * @param maxAgeSeconds {@code Max-Age}, already floored
   * @param domain {@code Domain}, validated as a host name (labels, optional leading dot)
   * @param path {@code Path}, any printable ASCII but {@code ;} and {@code <}
   * @param expires {@code Expires}, written as {@code toUTCString()}
   * @param httpOnly {@code HttpOnly}
   * @param secure {@code Secure}
   * @param partitioned {@code Partitioned}
   * @param priority {@code low}, {@code medium} or {@code high} in any case
   * @param sameSite {@code strict}, {@code lax} or {@code none} in any case ({@link
   *     #withSameSite(boolean) true} means strict, as in the package)
   */
  public record Options(
      Long maxAgeSeconds,
      String domain,
      String path,
      Instant expires,
      boolean httpOnly,
      boolean secure,
      boolean partitioned,
      String priority,
      String sameSite) {

    /** No attributes at all. */
    public static final Options NONE =
        new Options(null, null, null, null, false, false, false, null, null);

    /** A copy with {@code Max-Age} in whole seconds, or none for null. */
    public Options withMaxAge(Long seconds) {
      return new Options(
          seconds, domain, path, expires, httpOnly, secure, partitioned, priority, sameSite);
    }

    /**
     * A copy with {@code Max-Age} from a JavaScript number: floored as the package does.
     *
     * @throws IllegalArgumentException "option maxAge is invalid" for NaN or an infinity (the
     *     package throws the same when serializing), and for values beyond the range of a long,
     *     which the package would still print
     */
    public Options withMaxAge(double seconds) {
      double floor = Math.floor(seconds);
      if (!Double.isFinite(floor) || floor >= 0x1p63 || floor < -0x1p63) {
        throw new IllegalArgumentException("option maxAge is invalid");
      }
      return withMaxAge(Long.valueOf((long) floor));
    }

    /** A copy with this {@code Domain} (null or empty for none). */
    public Options withDomain(String domain) {
      return new Options(
          maxAgeSeconds, domain, path, expires, httpOnly, secure, partitioned, priority, sameSite);
    }

    /** A copy with this {@code Path} (null or empty for none). */
    public Options withPath(String path) {
      return new Options(
          maxAgeSeconds, domain, path, expires, httpOnly, secure, partitioned, priority, sameSite);
    }

    /** A copy with this {@code Expires} (null for none). */
    public Options withExpires(Instant expires) {
      return new Options(
          maxAgeSeconds, domain, path, expires, httpOnly, secure, partitioned, priority, sameSite);
    }

    /** A copy with or without {@code HttpOnly}. */
    public Options withHttpOnly(boolean httpOnly) {
      return new Options(
          maxAgeSeconds, domain, path, expires, httpOnly, secure, partitioned, priority, sameSite);
    }

    /** A copy with or without {@code Secure}. */
    public Options withSecure(boolean secure) {
      return new Options(
          maxAgeSeconds, domain, path, expires, httpOnly, secure, partitioned, priority, sameSite);
    }

    /** A copy with or without {@code Partitioned}. */
    public Options withPartitioned(boolean partitioned) {
      return new Options(
          maxAgeSeconds, domain, path, expires, httpOnly, secure, partitioned, priority, sameSite);
    }

    /** A copy with this {@code Priority} (checked when serializing; null or empty for none). */
    public Options withPriority(String priority) {
      return new Options(
          maxAgeSeconds, domain, path, expires, httpOnly, secure, partitioned, priority, sameSite);
    }

    /** A copy with this {@code SameSite} (checked when serializing; null or empty for none). */
    public Options withSameSite(String sameSite) {
      return new Options(
          maxAgeSeconds, domain, path, expires, httpOnly, secure, partitioned, priority, sameSite);
    }

    /** The package's boolean form: true is {@code SameSite=Strict}, false is none. */
    public Options withSameSite(boolean sameSite) {
      return withSameSite(sameSite ? "Strict" : null);
    }
  }

  /**
   * {@code cookie.serialize(name, value, options)} with the default {@code encodeURIComponent}
   * encoding: {@code name=value} then, in this order, {@code Max-Age}, {@code Domain}, {@code
   * Path}, {@code Expires}, {@code HttpOnly}, {@code Secure}, {@code Partitioned}, {@code
   * Priority}, {@code SameSite}.
   *
   * <p>Express's {@code res.cookie} adds its own steps before this (maxAge in milliseconds turned
   * into {@code expires} plus floored seconds, {@code path} defaulting to {@code /}, {@code s:}
   * signing, {@code j:} JSON for objects); those are the caller's.
   *
   * @param options attributes, or null for none
   * @return the {@code Set-Cookie} value
   * @throws IllegalArgumentException with the package's messages: "argument name is invalid",
   *     "option domain is invalid", "option path is invalid", "option expires is invalid" (outside
   *     JavaScript's date range), "option priority is invalid", "option sameSite is invalid"; and
   *     "URI malformed" for a value with an unpaired surrogate
   * @throws NullPointerException if {@code name} or {@code value} is null
   */
  public static String serialize(String name, String value, Options options) {
    if (!ContentDisposition.isToken(name)) throw new IllegalArgumentException("argument name is invalid");
    // encodeURIComponent's output is always a valid cookie-value, so the package's value check
    // cannot fail here.
    String encoded = UriCodec.encodeURIComponent(Objects.requireNonNull(value, "value"));
    StringBuilder out = new StringBuilder(name.length() + encoded.length() + 64);
    out.append(name).append('=').append(encoded);
    if (options == null) return out.toString();

    if (options.maxAgeSeconds() != null) out.append("; Max-Age=").append(options.maxAgeSeconds());

    String domain = options.domain();
    if (domain != null && !domain.isEmpty()) {
      if (!isDomain(domain)) throw new IllegalArgumentException("option domain is invalid");
      out.append("; Domain=").append(domain);
    }

    String path = options.path();
    if (path != null && !path.isEmpty()) {
      for (int i = 0, n = path.length(); i < n; i++) {
        char c = path.charAt(i);
        if (c < 0x20 || c > 0x7E || c == ';' || c == '<') {
          throw new IllegalArgumentException("option path is invalid");
        }
      }
      out.append("; Path=").append(path);
    }

    if (options.expires() != null) {
      long ms;
      try {
        ms = options.expires().toEpochMilli();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("option expires is invalid");
      }
      if (ms > HttpDates.MAX_TIME_MS || ms < -HttpDates.MAX_TIME_MS) {
        throw new IllegalArgumentException("option expires is invalid");
      }
      out.append("; Expires=").append(HttpDates.format(ms));
    }

    if (options.httpOnly()) out.append("; HttpOnly");
    if (options.secure()) out.append("; Secure");
    if (options.partitioned()) out.append("; Partitioned");

    String priority = options.priority();
    if (priority != null && !priority.isEmpty()) {
      switch (priority.toLowerCase(Locale.ROOT)) {
        case "low" -> out.append("; Priority=Low");
        case "medium" -> out.append("; Priority=Medium");
        case "high" -> out.append("; Priority=High");
        default -> throw new IllegalArgumentException("option priority is invalid");
      }
    }

    String sameSite = options.sameSite();
    if (sameSite != null && !sameSite.isEmpty()) {
      switch (sameSite.toLowerCase(Locale.ROOT)) {
        case "lax" -> out.append("; SameSite=Lax");
        case "strict" -> out.append("; SameSite=Strict");
        case "none" -> out.append("; SameSite=None");
        default -> throw new IllegalArgumentException("option sameSite is invalid");
      }
    }
    return out.toString();
  }

  /**
   * The package's domain pattern: dot-separated labels of 1 to 63 ASCII letters, digits and
   * hyphens that start and end with a letter or digit, with at most one leading dot.
   */
  static boolean isDomain(String d) {
    int n = d.length();
    int i = d.charAt(0) == '.' ? 1 : 0;
    while (true) {
      int start = i;
      while (i < n && d.charAt(i) != '.') {
        char c = d.charAt(i);
        if (!(isAlnum(c) || c == '-')) return false;
        i++;
      }
      int len = i - start;
      if (len < 1 || len > 63) return false;
      if (!isAlnum(d.charAt(start)) || !isAlnum(d.charAt(i - 1))) return false;
      if (i == n) return true;
      i++; // the dot; a trailing one leaves an empty label, rejected above
    }
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  // ------------------------------------------------------------------------------------------
  // parse

  /**
   * {@code cookie.parse(header)}: {@code name=value} pairs split on {@code ;}, names and values
   * trimmed of spaces and tabs, one pair of surrounding double quotes removed from a value, values
   * containing {@code %} URI-decoded (kept raw when that fails), the first occurrence of a name
   * winning. Pieces without {@code =} are skipped.
   *
   * @param cookieHeader the {@code Cookie} header; null is treated as empty
   * @return a new mutable map in JavaScript enumeration order (see the class comment). Never
   *     throws.
   */
  public static Map<String, String> parse(String cookieHeader) {
    LinkedHashMap<String, String> obj = new LinkedHashMap<>();
    if (cookieHeader == null) return obj;
    String str = cookieHeader;
    int len = str.length();
    if (len < 2) return obj;

    boolean indexKeys = false;
    int index = 0;
    do {
      int eqIdx = str.indexOf('=', index);
      if (eqIdx == -1) break;
      int endIdx = str.indexOf(';', index);
      if (endIdx == -1) {
        endIdx = len;
      } else if (eqIdx > endIdx) {
        // This piece has no '='; restart just after the last ';' before the '=' found.
        index = str.lastIndexOf(';', eqIdx - 1) + 1;
        continue;
      }

      int keyStart = startIndex(str, index, eqIdx);
      int keyEnd = endIndex(str, eqIdx, keyStart);
      String key = str.substring(keyStart, keyEnd);

      if (!obj.containsKey(key) && !key.equals("__proto__")) {
        int valStart = startIndex(str, eqIdx + 1, endIdx);
        int valEnd = endIndex(str, endIdx, valStart);
        // Checked by position as the package does: a lone '"' (or an empty value) is both ends.
        if (valStart < len
            && str.charAt(valStart) == '"'
            && valEnd - 1 >= 0
            && str.charAt(valEnd - 1) == '"') {
          valStart++;
          valEnd--;
        }
        String val = valEnd > valStart ? str.substring(valStart, valEnd) : "";
        obj.put(key, tryDecode(val));
        if (!indexKeys && JsObjects.isArrayIndex(key)) indexKeys = true;
      }
      index = endIdx + 1;
    } while (index < len);

    return indexKeys ? jsOrder(obj) : obj;
  }

  private static int startIndex(String str, int index, int max) {
    do {
      char c = index < str.length() ? str.charAt(index) : 0;
      if (c != ' ' && c != '\t') return index;
    } while (++index < max);
    return max;
  }

  private static int endIndex(String str, int index, int min) {
    while (index > min) {
      char c = str.charAt(--index);
      if (c != ' ' && c != '\t') return index + 1;
    }
    return min;
  }

  /** decodeURIComponent when there is a '%', the raw value when it throws. */
  private static String tryDecode(String val) {
    int pct = val.indexOf('%');
    if (pct < 0) return val;
    // UriCodec reads hex digits with Character.digit, which also takes non-ASCII digits that
    // JavaScript rejects; screen the escapes first so such values stay raw as in Node.
    for (int i = pct, n = val.length(); i >= 0; i = val.indexOf('%', i + 1)) {
      if (i + 2 >= n || !isAsciiHex(val.charAt(i + 1)) || !isAsciiHex(val.charAt(i + 2))) {
        return val;
      }
    }
    try {
      return UriCodec.decodeURIComponent(val);
    } catch (IllegalArgumentException e) {
      return val;
    }
  }

  private static boolean isAsciiHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Re-orders a map as JavaScript enumerates an object: array indices ascending, then the rest. */
  static <V> LinkedHashMap<String, V> jsOrder(Map<String, V> map) {
    List<Map.Entry<String, V>> indices = new ArrayList<>();
    LinkedHashMap<String, V> out = new LinkedHashMap<>(Math.max(16, map.size() * 2));
    for (Map.Entry<String, V> e : map.entrySet()) {
      if (JsObjects.isArrayIndex(e.getKey())) indices.add(e);
    }
    indices.sort((a, b) -> Long.compare(Long.parseLong(a.getKey()), Long.parseLong(b.getKey())));
    for (Map.Entry<String, V> e : indices) out.put(e.getKey(), e.getValue());
    for (Map.Entry<String, V> e : map.entrySet()) {
      if (!JsObjects.isArrayIndex(e.getKey())) out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // cookie-parser

  /**
   * A {@code j:} cookie whose JSON parsed to a truthy value other than a string, which
   * cookie-parser puts in place of the text (a JSON string is returned as a plain {@code String}).
   *
   * @param json the text after {@code j:}, for callers that want to parse it with their own model
   * @param value the parsed value as plain Java: {@code LinkedHashMap<String, Object>} (keys in
   *     JavaScript order), {@code ArrayList<Object>}, {@code Boolean.TRUE} or a number at the top;
   *     inside containers also {@code String}, {@code Boolean} and {@code null}; numbers are
   *     {@code Long} when integral and within ±2^53, otherwise {@code Double} (all JavaScript
   *     numbers are doubles; an overflowing literal is an infinity)
   */
  public record JsonCookie(String json, Object value) {}

  /**
   * {@code req.cookies} and {@code req.signedCookies} as cookie-parser fills them.
   *
   * @param cookies unsigned cookies: {@code String} or {@link JsonCookie} values
   * @param signedCookies cookies whose value started {@code s:}: the verified value ({@code String}
   *     or {@link JsonCookie}) or {@code Boolean.FALSE} when no secret verifies it
   */
  public record RequestCookies(Map<String, Object> cookies, Map<String, Object> signedCookies) {}

  /**
   * What cookie-parser 1.4.7 does to a request: parse the header; when there are secrets, move
   * every {@code s:} cookie to the signed map (unsigned with the first secret that verifies it, or
   * {@code false}); then in both maps replace {@code j:} values whose JSON parses to something
   * truthy by a {@link JsonCookie} (or by the string, for a JSON string). Without secrets {@code
   * s:} values stay as plain strings. A
   * {@code j:} value that is not JSON, or whose JSON is {@code false}, {@code null}, {@code 0} or
   * {@code ""}, stays a string.
   *
   * <p>JSON is read with Jackson set up to accept what {@code JSON.parse} accepts (no trailing
   * content; nesting and number length limits raised).
   *
   * @param cookieHeader the {@code Cookie} header, or null
   * @param secrets signing secrets, newest first; may be empty, not null
   * @return the two maps, mutable, in JavaScript enumeration order
   * @throws NullPointerException if {@code secrets} or one of the secrets is null
   */
  public static RequestCookies parseRequest(String cookieHeader, List<String> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    if (cookieHeader == null || cookieHeader.isEmpty()) {
      return new RequestCookies(new LinkedHashMap<>(), new LinkedHashMap<>());
    }
    Map<String, String> parsed = parse(cookieHeader);
    LinkedHashMap<String, Object> cookies = new LinkedHashMap<>(Math.max(16, parsed.size() * 2));
    LinkedHashMap<String, Object> signed = new LinkedHashMap<>();
    boolean withSecrets = !secrets.isEmpty();
    for (Map.Entry<String, String> e : parsed.entrySet()) {
      String value = e.getValue();
      if (withSecrets && value.startsWith("s:")) {
        CookieSignature.SignedValue sv = CookieSignature.signedCookie(value, secrets);
        signed.put(
            e.getKey(),
            sv.status() == CookieSignature.Status.VALID ? jsonCookie(sv.value()) : Boolean.FALSE);
      } else {
        cookies.put(e.getKey(), jsonCookie(value));
      }
    }
    return new RequestCookies(cookies, signed);
  }

  /**
   * cookie-parser's {@code JSONCookie} step for one value: when it starts {@code j:} and the rest
   * parses to a truthy JSON value, that value (a {@code String} for a JSON string, otherwise a
   * {@link JsonCookie}); in every other case the input string itself.
   *
   * @return a {@code String} or a {@link JsonCookie}
   * @throws NullPointerException if {@code value} is null
   */
  public static Object jsonCookie(String value) {
    if (!value.startsWith("j:")) return value;
    String json = value.substring(2);
    Object parsed;
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || node.isMissingNode()) return value;
      parsed = toJava(node);
    } catch (JsonProcessingException | RuntimeException e) {
      return value;
    }
    if (!truthy(parsed)) return value;
    // A JSON string becomes a plain string value, exactly what cookie-parser stores.
    return parsed instanceof String str ? str : new JsonCookie(json, parsed);
  }

  private static final ObjectMapper JSON =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(Integer.MAX_VALUE)
                          .maxNumberLength(Integer.MAX_VALUE)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static boolean truthy(Object v) {
    if (v == null) return false;
    if (v instanceof Boolean b) return b;
    if (v instanceof String s) return !s.isEmpty();
    if (v instanceof Long l) return l != 0;
    if (v instanceof Double d) return d != 0 && !d.isNaN();
    return true;
  }

  private static final double MAX_SAFE = 9_007_199_254_740_992.0; // 2^53

  /** Leaves of the JSON tree as plain Java, numbers read as JavaScript doubles. */
  private static Object scalar(JsonNode node) {
    switch (node.getNodeType()) {
      case STRING -> {
        return node.textValue();
      }
      case BOOLEAN -> {
        return node.booleanValue();
      }
      case NUMBER -> {
        double d = node.isBigDecimal() ? node.decimalValue().doubleValue() : node.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE) return (long) d;
        return d;
      }
      default -> {
        return null;
      }
    }
  }

  /** One open container while converting; the tree is walked with a stack, not recursion. */
  private static final class Frame {
    final Iterator<Map.Entry<String, JsonNode>> fields;
    final Iterator<JsonNode> elements;
    final LinkedHashMap<String, Object> map;
    final ArrayList<Object> list;
    boolean indexKeys;
    String key;

    Frame(JsonNode node) {
      if (node.isObject()) {
        fields = node.properties().iterator();
        elements = null;
        map = new LinkedHashMap<>();
        list = null;
      } else {
        fields = null;
        elements = node.elements();
        map = null;
        list = new ArrayList<>(node.size());
      }
    }

    Object finish() {
      return map == null ? list : indexKeys ? jsOrder(map) : map;
    }

    void add(Object v) {
      if (map != null) {
        map.put(key, v);
        if (!indexKeys && JsObjects.isArrayIndex(key)) indexKeys = true;
      } else {
        list.add(v);
      }
    }
  }

  /**
   * Converts a parsed tree to plain Java. Iterative, because JSON.parse takes any depth and a
   * cookie can nest thousands of brackets.
   */
  private static Object toJava(JsonNode root) {
    if (!root.isContainerNode()) return scalar(root);
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root));
    while (true) {
      Frame top = stack.peek();
      JsonNode child;
      if (top.fields != null && top.fields.hasNext()) {
        Map.Entry<String, JsonNode> e = top.fields.next();
        top.key = e.getKey();
        child = e.getValue();
      } else if (top.elements != null && top.elements.hasNext()) {
        child = top.elements.next();
      } else {
        Object done = top.finish();
        stack.pop();
        if (stack.isEmpty()) return done;
        stack.peek().add(done);
        continue;
      }
      if (child.isContainerNode()) stack.push(new Frame(child));
      else top.add(scalar(child));
    }
  }
}
