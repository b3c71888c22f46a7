package dev.eddy.security.internal;

import dev.eddy.security.CspSource;
import dev.eddy.web.Request;
import dev.eddy.web.Response;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed Content-Security-Policy, helmet 8.3.0's {@code contentSecurityPolicy} option handling:
 * validation at construction with helmet's messages, then either one constant header value or, when
 * a directive holds a {@link CspSource}, a value assembled per request. Immutable and thread-safe
 * once built.
 */
public final class HelmetCsp {
  /** Directive value meaning "remove this directive" (helmet's {@code null}). */
  public static final Object REMOVE = new Marker("remove");
  /** Directive value for default-src only: helmet's {@code dangerouslyDisableDefaultSrc}. */
  public static final Object DISABLE_DEFAULT_SRC = new Marker("dangerouslyDisableDefaultSrc");
  /** A missing value (helmet's {@code undefined} or {@code false}): always an error. */
  public static final Object INVALID = new Marker("invalid");

  private record Marker(String name) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Set<String> SHOULD_BE_QUOTED = Set.of("none", "self", "strict-dynamic",
      "report-sample", "inline-speculation-rules", "unsafe-inline", "unsafe-eval", "unsafe-hashes",
      "wasm-unsafe-eval");

  /** helmet's default directives, in its order. */
  public static Map<String, List<String>> defaultDirectives() {
    Map<String, List<String>> d = new LinkedHashMap<>();
    d.put("default-src", List.of("'self'"));
    d.put("base-uri", List.of("'self'"));
    d.put("font-src", List.of("'self'", "https:", "data:"));
    d.put("form-action", List.of("'self'"));
    d.put("frame-ancestors", List.of("'self'"));
    d.put("img-src", List.of("'self'", "data:"));
    d.put("object-src", List.of("'none'"));
    d.put("script-src", List.of("'self'"));
    d.put("script-src-attr", List.of("'none'"));
    d.put("style-src", List.of("'self'", "https:", "'unsafe-inline'"));
    d.put("upgrade-insecure-requests", List.of());
    return d;
  }

  private final String headerName;
  private final String staticValue;
  private final String[] names;
  private final Object[][] values;

  private HelmetCsp(String headerName, String staticValue, String[] names, Object[][] values) {
    this.headerName = headerName;
    this.staticValue = staticValue;
    this.names = names;
    this.values = values;
  }

  /**
   * Parses the options as helmet does.
   *
   * @param rawDirectives directive names as the user wrote them (camelCase or dashed) to a {@code
   *     List} of String/{@link CspSource}, or one of {@link #REMOVE}, {@link #DISABLE_DEFAULT_SRC},
   *     {@link #INVALID}; iterated in order
   * @throws IllegalArgumentException with helmet's message for an invalid name or value, a
   *     duplicate, no directives, or a missing default-src
   */
  public static HelmetCsp parse(boolean useDefaults, boolean reportOnly, Map<String, Object> rawDirectives) {
    String headerName = reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy";
    Map<String, List<?>> result = new LinkedHashMap<>();
    if (useDefaults) result.putAll(defaultDirectives());
    boolean disabledDefaultSrc = false;
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, Object> e : rawDirectives.entrySet()) {
      String name = parseDirectiveName(e.getKey());
      if (!seen.add(name)) {
        throw new IllegalArgumentException("Content-Security-Policy received a duplicate directive " + HelmetJson.quote(name));
      }
      Object raw = e.getValue();
      if (raw == REMOVE) {
        if (name.equals("default-src")) {
          throw new IllegalArgumentException("Content-Security-Policy needs a default-src but it was set to `null`."
              + " If you really want to disable it, set it to `contentSecurityPolicy.dangerouslyDisableDefaultSrc`.");
        }
        result.remove(name);
        continue;
      }
      if (raw == DISABLE_DEFAULT_SRC) {
        if (!name.equals("default-src")) {
          throw new IllegalArgumentException("Content-Security-Policy: tried to disable " + HelmetJson.quote(name)
              + " as if it were default-src; simply omit the key");
        }
        disabledDefaultSrc = true;
        result.remove(name);
        continue;
      }
      if (!(raw instanceof List<?> list)) {
        throw invalidValue(name);
      }
      for (Object element : list) {
        if (element instanceof String s) {
          if (hasSeparator(s)) throw invalidValue(name);
          String quoted = unquotedError(name, s);
          if (quoted != null) throw new IllegalArgumentException(quoted);
        }
      }
      result.put(name, list);
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("Content-Security-Policy has no directives. Either set some or disable the header");
    }
    if (!result.containsKey("default-src") && !disabledDefaultSrc) {
      throw new IllegalArgumentException("Content-Security-Policy needs a default-src but none was provided."
          + " If you really want to disable it, set it to `contentSecurityPolicy.dangerouslyDisableDefaultSrc`.");
    }
    boolean allStrings = true;
    for (List<?> l : result.values()) {
      for (Object o : l) allStrings &= o instanceof String;
    }
    if (allStrings) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, List<?>> e : result.entrySet()) {
        if (sb.length() > 0) sb.append(';');
        // helmet joins with spaces and drops the separator only when the joined text is empty
        String joined = String.join(" ", (List<String>) castStrings(e.getValue()));
        sb.append(e.getKey());
        if (!joined.isEmpty()) sb.append(' ').append(joined);
      }
      return new HelmetCsp(headerName, sb.toString(), null, null);
    }
    String[] names = new String[result.size()];
    Object[][] values = new Object[result.size()][];
    int i = 0;
    for (Map.Entry<String, List<?>> e : result.entrySet()) {
      names[i] = e.getKey();
      values[i++] = e.getValue().toArray();
    }
    return new HelmetCsp(headerName, null, names, values);
  }

  @SuppressWarnings("unchecked")
  private static List<String> castStrings(List<?> l) {
    return (List<String>) l;
  }

  /** The header to set: {@code Content-Security-Policy} or its {@code -Report-Only} variant. */
  public String headerName() {
    return headerName;
  }

  /** The constant header value, or null when it is computed per request ({@link #value}). */
  public String staticValue() {
    return staticValue;
  }

  /**
   * The header value for this request, calling the {@link CspSource}s in directive order.
   *
   * @throws RuntimeException what a source threw, or {@link IllegalStateException} with helmet's
   *     message when a result is invalid; the middleware passes it to {@code next}
   */
  public String value(Request req, Response res) {
    if (staticValue != null) return staticValue;
    StringBuilder sb = new StringBuilder(256);
    for (int d = 0; d < names.length; d++) {
      if (d > 0) sb.append(';');
      String name = names[d];
      sb.append(name);
      int start = sb.length();
      for (Object element : values[d]) {
        String v;
        if (element instanceof CspSource source) {
          v = source.value(req, res);
          if (v == null) {
            throw new IllegalStateException("Content-Security-Policy: a CspSource returned null for " + HelmetJson.quote(name));
          }
          String err = unquotedError(name, v);
          if (err != null) throw new IllegalStateException(err);
        } else {
          v = (String) element;
        }
        sb.append(' ').append(v);
      }
      // helmet checks the assembled directive value, static parts included, once a source ran
      for (int k = start; k < sb.length(); k++) {
        char c = sb.charAt(k);
        if (c == ';' || c == ',') throw new IllegalStateException(invalidValue(name).getMessage());
      }
    }
    return sb.toString();
  }

  private static IllegalArgumentException invalidValue(String name) {
    return new IllegalArgumentException("Content-Security-Policy received an invalid directive value for " + HelmetJson.quote(name));
  }

  private static boolean hasSeparator(String s) {
    return s.indexOf(';') >= 0 || s.indexOf(',') >= 0;
  }

  private static String unquotedError(String name, String entry) {
    if (SHOULD_BE_QUOTED.contains(entry) || entry.startsWith("nonce-") || entry.startsWith("sha256-")
        || entry.startsWith("sha384-") || entry.startsWith("sha512-")) {
      return "Content-Security-Policy received an invalid directive value for " + HelmetJson.quote(name) + ". "
          + HelmetJson.quote(entry) + " should be quoted";
    }
    return null;
  }

  /** Checks helmet's name syntax {@code [a-z]([a-zA-Z0-9-]*[a-zA-Z0-9])?} and dashes camelCase. */
  private static String parseDirectiveName(String raw) {
    boolean ok = raw != null && !raw.isEmpty() && raw.charAt(0) >= 'a' && raw.charAt(0) <= 'z';
    if (ok) {
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (c != '-' || i == raw.length() - 1)) {
          ok = false;
          break;
        }
      }
    }
    if (!ok) {
      throw new IllegalArgumentException("Content-Security-Policy received an invalid directive name " + HelmetJson.quote(raw));
    }
    StringBuilder sb = null;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (sb == null) sb = new StringBuilder(raw.length() + 4).append(raw, 0, i);
        sb.append('-').append((char) (c + 32));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? raw : sb.toString();
  }
}
