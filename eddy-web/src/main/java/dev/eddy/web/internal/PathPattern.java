package dev.eddy.web.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Express 5 route or mount path, matched the way router 2.3.0's {@code Layer} matches it with
 * path-to-regexp 8.4.2: {@code :name} and {@code :"quoted name"} parameters, {@code *name}
 * wildcards (captured as a list of segments), {@code {...}} optional groups, {@code \} escapes, the
 * router's {@code sensitive}/{@code strict}/{@code end} options, and RegExp paths.
 *
 * <p>No {@link java.util.regex} is involved for string paths: pure literals are compared directly
 * and the rest run on a small backtracking matcher that reproduces, step for step, the JavaScript
 * RegExp path-to-regexp would have generated (same alternation order, same greedy backtracking,
 * same case folding as a non-unicode {@code i} RegExp), so captures split exactly as under Node.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PathPattern {
  private static final int SLASH = 0;
  private static final int LITERAL = 1;
  private static final int TOKENS = 2;
  private static final int REGEX = 3;

  /** path-to-regexp refuses to build more alternatives than this from optional groups. */
  private static final int MAX_COMBINATIONS = 256;

  private static final PathMatch SLASH_MATCH = new PathMatch("", Map.of());

  private final String source;
  private final boolean caseSensitive;
  private final boolean trailing;
  private final boolean end;
  private final int kind;
  private final String literal;
  private final Combo[] combos;
  private final int maxCaptures;
  private final Pattern regex;
  private final String[] regexKeys;
  private final boolean regexNeedsJsOrder;
  private final String firstSegment;

  private PathPattern(
      String source,
      boolean caseSensitive,
      boolean trailing,
      boolean end,
      int kind,
      String literal,
      Combo[] combos,
      Pattern regex,
      String[] regexKeys,
      String firstSegment) {
    this.source = source;
    this.caseSensitive = caseSensitive;
    this.trailing = trailing;
    this.end = end;
    this.kind = kind;
    this.literal = literal;
    this.combos = combos;
    int max = 0;
    if (combos != null) {
      for (Combo c : combos) max = Math.max(max, c.names.length);
    }
    this.maxCaptures = max;
    this.regex = regex;
    this.regexKeys = regexKeys;
    this.regexNeedsJsOrder = regexKeys != null && needsJsOrder(Arrays.asList(regexKeys));
    this.firstSegment = firstSegment;
  }

  /**
   * Compiles an Express 5 string path as a router {@code Layer} would.
   *
   * @param path the path as the application wrote it
   * @param caseSensitive the router's {@code caseSensitive} option ({@code sensitive} in router)
   * @param strict the router's {@code strict} option: when false, trailing slashes of the path are
   *     dropped and one trailing slash of the request path is allowed
   * @param end true for routes ({@code app.get}, {@code app.route}), false for {@code app.use} and
   *     router mounts, which match a prefix ending at a {@code /} boundary
   * @return the compiled pattern (immutable, shareable between threads); {@code use('/')} becomes a
   *     pattern that matches every path
   * @throws PathSyntaxException with path-to-regexp's exact message when the path is invalid
   * @throws NullPointerException when path is null
   */
  public static PathPattern compile(
      String path, boolean caseSensitive, boolean strict, boolean end) {
    return compile(path, caseSensitive, strict, end, true);
  }

  /**
   * Compiles one element of an array path ({@code app.use(['/a', '/b'], fn)}). Identical to {@link
   * #compile} except that router's "match everything" shortcut for a {@code '/'} mount applies only
   * to a path given on its own: inside an array {@code '/'} mounted with {@code end=false} matches
   * only {@code /} itself (and paths starting with {@code //}), as under Node.
   *
   * @throws PathSyntaxException with path-to-regexp's exact message when the path is invalid
   * @throws NullPointerException when path is null
   */
  public static PathPattern compileArrayElement(
      String path, boolean caseSensitive, boolean strict, boolean end) {
    return compile(path, caseSensitive, strict, end, false);
  }

  private static PathPattern compile(
      String path, boolean caseSensitive, boolean strict, boolean end, boolean slashShortcut) {
    Objects.requireNonNull(path, "path");
    if (slashShortcut && !end && path.equals("/")) {
      return new PathPattern(
          path, caseSensitive, !strict, false, SLASH, null, null, null, null, null);
    }
    String loose = strict || path.equals("/") ? path : trimTrailingSlashes(path);
    List<Token> tokens = new Parser(loose).parse();

    boolean allText = true;
    for (Token t : tokens) {
      if (!(t instanceof Text)) {
        allText = false;
        break;
      }
    }
    if (allText) {
      StringBuilder text = new StringBuilder();
      for (Token t : tokens) text.append(((Text) t).value());
      String lit = text.toString();
      String seg = leadingSegment(lit, true);
      return new PathPattern(
          path,
          caseSensitive,
          !strict,
          end,
          LITERAL,
          lit,
          null,
          null,
          null,
          seg == null ? null : fold(seg, caseSensitive));
    }

    List<Combo> combos = new ArrayList<>();
    flatten(
        tokens,
        0,
        new ArrayList<>(),
        seq -> {
          if (combos.size() >= MAX_COMBINATIONS) {
            throw new PathSyntaxException("Too many path combinations", loose);
          }
          combos.add(Combo.of(seq, loose));
        });

    String seg = null;
    for (int i = 0; i < combos.size(); i++) {
      String s = combos.get(i).leadingSegment;
      if (s == null) {
        seg = null;
        break;
      }
      s = fold(s, caseSensitive);
      if (i == 0) {
        seg = s;
      } else if (!s.equals(seg)) {
        seg = null;
        break;
      }
    }
    return new PathPattern(
        path,
        caseSensitive,
        !strict,
        end,
        TOKENS,
        null,
        combos.toArray(new Combo[0]),
        null,
        null,
        seg);
  }

  /**
   * A RegExp route or mount. The pattern is used as router uses a JavaScript RegExp: it is searched
   * for anywhere in the request path (add {@code ^} to anchor it), {@code end} and the
   * strict/caseSensitive options do not apply (case sensitivity comes from the pattern's own
   * flags), the matched text becomes {@link PathMatch#matchedPath}, and each capture that took part
   * becomes a parameter, decoded with {@code decodeURIComponent}. Parameter names are router's:
   * named groups by their name, other captures {@code "0"}, {@code "1"}, ... — counted, as router
   * does, from every {@code (} in the source not followed by {@code ?}, so an escaped {@code \(}
   * shifts the numbering just as it does under Node.
   *
   * @param regex the pattern, written so that it means what the JavaScript RegExp would
   * @param end accepted for symmetry with {@link #compile}; router ignores it for RegExps
   * @return the pattern (thread-safe as {@link Pattern} is)
   * @throws NullPointerException when regex is null
   */
  public static PathPattern regex(Pattern regex, boolean end) {
    Objects.requireNonNull(regex, "regex");
    return new PathPattern(
        regex.pattern(),
        (regex.flags() & Pattern.CASE_INSENSITIVE) == 0,
        false,
        end,
        REGEX,
        null,
        null,
        regex,
        regexKeys(regex.pattern()),
        null);
  }

  /**
   * Matches a raw request path (the pathname, still percent-encoded).
   *
   * <p>Thread-safe; allocates nothing but the result (and a small capture array for patterns
   * with parameters).
   *
   * @param rawPath the path; null never matches
   * @return the match, or null when the path does not match
   * @throws ParamDecodeException when a captured value is not valid percent-encoded UTF-8 (router
   *     reports it as a 400 error)
   */
  public PathMatch match(String rawPath) {
    if (rawPath == null) return null;
    switch (kind) {
      case SLASH:
        return SLASH_MATCH;
      case LITERAL:
        return matchLiteral(rawPath);
      case TOKENS:
        return matchTokens(rawPath);
      default:
        return matchRegex(rawPath);
    }
  }

  /**
   * For route indexing: the first path segment (between the leading {@code /} and the next {@code
   * /} or the end) that every path this pattern matches has, folded with {@link #firstSegmentKey}'s
   * rule unless case-sensitive. Null when that segment is not fixed text: parameters, wildcards or
   * optional groups that change it, the root {@code /}, an empty first segment, {@code use('/')}
   * and RegExps.
   */
  public String firstSegment() {
    return firstSegment;
  }

  /**
   * The index key of a request path's first segment, folded exactly as {@link #firstSegment()}
   * folds a pattern's: a request path can only match a pattern whose {@code firstSegment()} is
   * non-null if its key is equal to it. Lower-casing alone is not enough for that guarantee outside
   * ASCII (JavaScript's {@code i} flag compares upper-case forms: {@code σ} matches {@code ς}), so
   * non-ASCII characters are folded to the lower case of their JavaScript upper-case form.
   *
   * @param rawPath the request path
   * @param caseSensitive the router's caseSensitive option
   * @return the folded segment ({@code ""} for {@code "/"}), or null when the path does not start
   *     with {@code /}
   */
  public static String firstSegmentKey(String rawPath, boolean caseSensitive) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') return null;
    int j = rawPath.indexOf('/', 1);
    return fold(rawPath.substring(1, j < 0 ? rawPath.length() : j), caseSensitive);
  }

  /**
   * Whether letters must match in case: the router option for string paths, the absence of {@link
   * Pattern#CASE_INSENSITIVE} for RegExps.
   */
  public boolean caseSensitive() {
    return caseSensitive;
  }

  /** The path as given to {@link #compile}, or the RegExp's source for {@link #regex}. */
  public String source() {
    return source;
  }

  /** Whether this pattern was made by {@link #regex}: its match need not start at index 0. */
  public boolean isRegex() {
    return kind == REGEX;
  }

  @Override
  public String toString() {
    return source;
  }

  // ---------------------------------------------------------------- matching

  private PathMatch matchLiteral(String s) {
    int len = literal.length();
    int n = s.length();
    if (n < len || (end && n > len + 1) || !regionMatches(s, 0, literal)) return null;
    int e = suffix(s, len);
    if (e < 0) return null;
    return new PathMatch(e == n ? s : s.substring(0, e), Map.of());
  }

  private PathMatch matchTokens(String s) {
    int[] caps = maxCaptures == 0 ? null : new int[maxCaptures * 2];
    for (Combo c : combos) {
      int e = matchFrom(c.elems, 0, s, 0, caps);
      if (e >= 0) return buildMatch(c, s, e, caps);
    }
    return null;
  }

  private static PathMatch buildMatch(Combo c, String s, int e, int[] caps) {
    String matched = e == s.length() ? s : s.substring(0, e);
    if (c.names.length == 0) return new PathMatch(matched, Map.of());
    LinkedHashMap<String, Object> params = new LinkedHashMap<>(c.names.length * 2);
    for (int g = 0; g < c.names.length; g++) {
      String raw = s.substring(caps[2 * g], caps[2 * g + 1]);
      params.put(c.names[g], c.wildcard[g] ? splitAndDecode(raw) : decodeParam(raw));
    }
    return new PathMatch(matched, c.needsJsOrder ? jsOrder(params) : params);
  }

  private PathMatch matchRegex(String s) {
    Matcher m = regex.matcher(s);
    if (!m.find()) return null;
    String matched = m.group();
    int groups = m.groupCount();
    LinkedHashMap<String, Object> params = null;
    for (int i = 1; i <= groups; i++) {
      String value = m.group(i);
      if (value == null) continue;
      String key = i - 1 < regexKeys.length ? regexKeys[i - 1] : Integer.toString(i - 1);
      if (params == null) params = new LinkedHashMap<>();
      params.put(key, decodeParam(value));
    }
    if (params == null) return new PathMatch(matched, Map.of());
    return new PathMatch(matched, regexNeedsJsOrder ? jsOrder(params) : params);
  }

  /**
   * Runs elements {@code ei..} of one alternative from {@code pos}; returns where the whole match
   * ends, or -1. Alternatives inside a capture are tried in the generated RegExp's order (the
   * repeated unit greedily, longest first, then the second unit, then the literal), so the first
   * success is the one JavaScript would report.
   */
  private int matchFrom(Elem[] elems, int ei, String s, int pos, int[] caps) {
    if (ei == elems.length) return suffix(s, pos);
    Elem el = elems[ei];
    if (el.group < 0) {
      if (!regionMatches(s, pos, el.text)) return -1;
      return matchFrom(elems, ei + 1, s, pos + el.text.length(), caps);
    }
    int g = 2 * el.group;
    for (int k = 0; k < 2; k++) {
      Unit u = k == 0 ? el.first : el.second;
      if (u == null) break;
      for (int stop = pos + run(u, s, pos); stop > pos; stop--) {
        caps[g] = pos;
        caps[g + 1] = stop;
        int e = matchFrom(elems, ei + 1, s, stop, caps);
        if (e >= 0) return e;
      }
    }
    if (el.text != null && regionMatches(s, pos, el.text)) {
      int stop = pos + el.text.length();
      caps[g] = pos;
      caps[g + 1] = stop;
      return matchFrom(elems, ei + 1, s, stop, caps);
    }
    return -1;
  }

  /** The tail of the RegExp: an optional slash at the very end, then the end or a {@code /}. */
  private int suffix(String s, int p) {
    int n = s.length();
    if (p == n) return n;
    if (trailing && p == n - 1 && s.charAt(p) == '/') return n;
    return !end && s.charAt(p) == '/' ? p : -1;
  }

  /** How many consecutive characters from pos the unit accepts. */
  private int run(Unit u, String s, int pos) {
    int n = s.length();
    if (u.any) return n - pos;
    int i = pos;
    while (i < n && accepts(u, s, i)) i++;
    return i - pos;
  }

  private boolean accepts(Unit u, String s, int i) {
    char c = s.charAt(i);
    String ex = u.excluded;
    for (int k = 0; k < ex.length(); k++) {
      if (charEquals(c, ex.charAt(k))) return false;
    }
    for (String f : u.forbidden) {
      if (regionMatches(s, i, f)) return false;
    }
    return true;
  }

  private boolean charEquals(char a, char b) {
    return a == b || (!caseSensitive && equalsIgnoreCase(a, b));
  }

  private boolean regionMatches(String s, int off, String text) {
    int len = text.length();
    if (off + len > s.length()) return false;
    if (caseSensitive) return s.startsWith(text, off);
    for (int i = 0; i < len; i++) {
      char a = s.charAt(off + i);
      char b = text.charAt(i);
      if (a != b && !equalsIgnoreCase(a, b)) return false;
    }
    return true;
  }

  /**
   * A non-unicode JavaScript RegExp with the {@code i} flag compares characters by their
   * "canonical" upper-case form, which is not what {@link String#equalsIgnoreCase} does (the long
   * s, dotless i and Kelvin sign do not match ASCII letters; final sigma matches sigma).
   */
  private static boolean equalsIgnoreCase(char a, char b) {
    if ((a | b) < 128) return ((a ^ b) == 32) && (a | 32) >= 'a' && (a | 32) <= 'z';
    if (a < 128 || b < 128) return false;
    return Canon.TABLE[a] == Canon.TABLE[b];
  }

  private static String fold(String seg, boolean caseSensitive) {
    if (caseSensitive) return seg;
    int i = 0;
    int n = seg.length();
    while (i < n) {
      char c = seg.charAt(i);
      if (c >= 128 || (c >= 'A' && c <= 'Z')) break;
      i++;
    }
    if (i == n) return seg;
    StringBuilder out = new StringBuilder(n).append(seg, 0, i);
    for (; i < n; i++) {
      char c = seg.charAt(i);
      if (c < 128) {
        out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
      } else {
        out.append(Character.toLowerCase(Canon.TABLE[c]));
      }
    }
    return out.toString();
  }

  /** JavaScript's canonical upper case of each UTF-16 code unit, built on first non-ASCII use. */
  private static final class Canon {
    static final char[] TABLE = new char[65536];

    static {
      for (int c = 0; c < TABLE.length; c++) {
        char ch = (char) c;
        char r = ch;
        String upper = String.valueOf(ch).toUpperCase(Locale.ROOT);
        if (upper.length() == 1) {
          char cu = upper.charAt(0);
          if (!(ch >= 128 && cu < 128)) r = cu;
        }
        TABLE[c] = r;
      }
    }
  }

  // ---------------------------------------------------------------- decoding

  private static Object splitAndDecode(String raw) {
    int slash = raw.indexOf('/');
    if (slash < 0) return List.of(decodeParam(raw));
    ArrayList<String> parts = new ArrayList<>();
    int from = 0;
    while (slash >= 0) {
      parts.add(decodeParam(raw.substring(from, slash)));
      from = slash + 1;
      slash = raw.indexOf('/', from);
    }
    parts.add(decodeParam(raw.substring(from)));
    return List.copyOf(parts);
  }

  private static String decodeParam(String value) {
    if (value.isEmpty() || value.indexOf('%') < 0) return value;
    try {
      return UriCodec.decodeURIComponent(value);
    } catch (IllegalArgumentException e) {
      throw new ParamDecodeException(value);
    }
  }

  // ---------------------------------------------------------------- JavaScript key order

  /** True when inserting these keys in order would not already give JavaScript's key order. */
  private static boolean needsJsOrder(List<String> keys) {
    boolean seenName = false;
    long lastIndex = -1;
    List<String> seen = new ArrayList<>();
    for (String k : keys) {
      if (seen.contains(k)) continue;
      seen.add(k);
      if (JsObjects.isArrayIndex(k)) {
        long v = Long.parseLong(k);
        if (seenName || v < lastIndex) return true;
        lastIndex = v;
      } else {
        seenName = true;
      }
    }
    return false;
  }

  private static Map<String, Object> jsOrder(LinkedHashMap<String, Object> params) {
    List<String> indexes = new ArrayList<>();
    for (String k : params.keySet()) {
      if (JsObjects.isArrayIndex(k)) indexes.add(k);
    }
    indexes.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    LinkedHashMap<String, Object> out = new LinkedHashMap<>(params.size() * 2);
    for (String k : indexes) out.put(k, params.get(k));
    for (Map.Entry<String, Object> e : params.entrySet()) {
      if (!JsObjects.isArrayIndex(e.getKey())) out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  // ---------------------------------------------------------------- RegExp keys

  /**
   * Router's parameter names for a RegExp: every {@code (} not followed by {@code ?} is a key, a
   * {@code (?<name>} is a key named by {@code name}; unnamed keys are numbered from 0. This is a
   * hand-run of router's {@code /\((?:\?<(.*?)>)?(?!\?)/g} scan, including its quirks.
   */
  private static String[] regexKeys(String src) {
    List<String> keys = new ArrayList<>();
    int counter = 0;
    int n = src.length();
    int i = 0;
    while (i < n) {
      if (src.charAt(i) != '(') {
        i++;
        continue;
      }
      String name = null;
      int next = -1;
      if (i + 2 < n && src.charAt(i + 1) == '?' && src.charAt(i + 2) == '<') {
        for (int j = i + 3; j < n; j++) {
          char c = src.charAt(j);
          if (c == '>' && (j + 1 >= n || src.charAt(j + 1) != '?')) {
            name = src.substring(i + 3, j);
            next = j + 1;
            break;
          }
          if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') break;
        }
      }
      if (next < 0) {
        if (i + 1 < n && src.charAt(i + 1) == '?') {
          i++;
          continue;
        }
        next = i + 1;
      }
      keys.add(name == null || name.isEmpty() ? Integer.toString(counter++) : name);
      i = next;
    }
    return keys.toArray(new String[0]);
  }

  // ---------------------------------------------------------------- parsing

  private static String trimTrailingSlashes(String path) {
    int e = path.length();
    while (e > 0 && path.charAt(e - 1) == '/') e--;
    return e == path.length() ? path : path.substring(0, e);
  }

  /**
   * The first segment every path of one alternative starts with, or null when it is not fixed.
   * Text with no further {@code /} fixes the segment only when nothing follows it.
   */
  private static String leadingSegment(String text, boolean allText) {
    if (text.isEmpty() || text.charAt(0) != '/') return null;
    int j = text.indexOf('/', 1);
    if (j < 0) {
      if (!allText) return null;
      j = text.length();
    }
    return j == 1 ? null : text.substring(1, j);
  }

  private sealed interface Token permits Text, Param, Group {}

  private record Text(String value) implements Token {}

  private record Param(String name, boolean wildcard) implements Token {}

  private record Group(List<Token> tokens) implements Token {}

  /** path-to-regexp's parser; message indexes count code points, as its {@code [...str]} does. */
  private static final class Parser {
    private final String str;
    private final int[] chars;
    private int index;

    Parser(String str) {
      this.str = str;
      this.chars = str.codePoints().toArray();
    }

    List<Token> parse() {
      return consumeUntil(-1);
    }

    private PathSyntaxException error(String problem) {
      return new PathSyntaxException(problem, str);
    }

    private List<Token> consumeUntil(int endChar) {
      List<Token> output = new ArrayList<>();
      StringBuilder path = new StringBuilder();
      while (index < chars.length) {
        int value = chars[index++];
        if (value == endChar) {
          writePath(output, path);
          return output;
        }
        if (value == '\\') {
          if (index == chars.length) {
            throw error("Unexpected end after \\ at index " + index);
          }
          path.appendCodePoint(chars[index++]);
          continue;
        }
        if (value == ':' || value == '*') {
          String name = readName();
          writePath(output, path);
          output.add(new Param(name, value == '*'));
          continue;
        }
        if (value == '{') {
          writePath(output, path);
          output.add(new Group(consumeUntil('}')));
          continue;
        }
        if (value == '}'
            || value == '('
            || value == ')'
            || value == '['
            || value == ']'
            || value == '+'
            || value == '?'
            || value == '!') {
          throw error("Unexpected " + (char) value + " at index " + (index - 1));
        }
        path.appendCodePoint(value);
      }
      if (endChar >= 0) {
        throw error("Unexpected end at index " + index + ", expected " + (char) endChar);
      }
      writePath(output, path);
      return output;
    }

    private String readName() {
      StringBuilder name = new StringBuilder();
      if (index < chars.length && isIdStart(chars[index])) {
        do {
          name.appendCodePoint(chars[index++]);
        } while (index < chars.length && isIdContinue(chars[index]));
      } else if (index < chars.length && chars[index] == '"') {
        int quoteStart = index;
        while (index < chars.length) {
          ++index;
          if (index < chars.length && chars[index] == '"') {
            index++;
            quoteStart = 0;
            break;
          }
          if (index < chars.length && chars[index] == '\\') index++;
          // past the end JavaScript appends "undefined", but the quote error below follows anyway
          if (index < chars.length) name.appendCodePoint(chars[index]);
        }
        if (quoteStart != 0) {
          throw error("Unterminated quote at index " + quoteStart);
        }
      }
      if (name.isEmpty()) {
        throw error("Missing parameter name at index " + index);
      }
      return name.toString();
    }

    private static void writePath(List<Token> output, StringBuilder path) {
      if (path.isEmpty()) return;
      output.add(new Text(path.toString()));
      path.setLength(0);
    }

    /** {@code [$_\p{ID_Start}]}; Java's identifier start also admits U+2E2F, ID_Start does not. */
    private static boolean isIdStart(int cp) {
      return cp == '$'
          || cp == '_'
          || (cp != 0x2E2F && Character.isUnicodeIdentifierStart(cp));
    }

    /** {@code [$\u200c\u200d\p{ID_Continue}]}; Java's identifier-part also admits ignorables. */
    private static boolean isIdContinue(int cp) {
      return cp == '$'
          || cp == 0x200C
          || cp == 0x200D
          || (cp != 0x2E2F
              && Character.isUnicodeIdentifierPart(cp)
              && !Character.isIdentifierIgnorable(cp));
    }
  }

  /** path-to-regexp's expansion of optional groups, in its order: with the group, then without. */
  private static void flatten(
      List<Token> tokens, int index, List<Token> result, Consumer<List<Token>> callback) {
    while (index < tokens.size()) {
      Token token = tokens.get(index++);
      if (token instanceof Group g) {
        int len = result.size();
        int rest = index;
        flatten(g.tokens(), 0, result, seq -> flatten(tokens, rest, seq, callback));
        result.subList(len, result.size()).clear();
        continue;
      }
      result.add(token);
    }
    callback.accept(result);
  }

  // ---------------------------------------------------------------- compiled alternatives

  /**
   * One character the generated RegExp's repeated atom accepts: not one of {@code excluded}
   * ({@code [^...]}) and not the start of any {@code forbidden} text ({@code (?!...)}).
   */
  private static final class Unit {
    static final Unit ANY = new Unit("", new String[0]);

    final String excluded;
    final String[] forbidden;
    final boolean any;

    Unit(String excluded, String[] forbidden) {
      this.excluded = excluded;
      this.forbidden = forbidden;
      this.any = excluded.isEmpty() && forbidden.length == 0;
    }

    /** path-to-regexp's {@code negate(a, b)}. */
    static Unit negate(String a, String b) {
      if (b.length() > a.length()) return negate(b, a);
      if (a.equals(b)) b = "";
      if (b.length() > 1) return new Unit("", new String[] {a, b});
      if (a.length() > 1) return new Unit(b, new String[] {a});
      String ex = a + b;
      return ex.isEmpty() ? ANY : new Unit(ex, new String[0]);
    }
  }

  /**
   * A literal ({@code group < 0}, {@code text}) or a capture: {@code (first+|second+|text)} with
   * absent parts null.
   */
  private static final class Elem {
    final int group;
    final String text;
    final Unit first;
    final Unit second;

    Elem(int group, String text, Unit first, Unit second) {
      this.group = group;
      this.text = text;
      this.first = first;
      this.second = second;
    }
  }

  /** One alternative of the generated RegExp (one way of taking or leaving the optional groups). */
  private static final class Combo {
    final Elem[] elems;
    final String[] names;
    final boolean[] wildcard;
    final boolean needsJsOrder;
    final String leadingSegment;

    private Combo(Elem[] elems, String[] names, boolean[] wildcard, String leadingSegment) {
      this.elems = elems;
      this.names = names;
      this.wildcard = wildcard;
      this.needsJsOrder = needsJsOrder(Arrays.asList(names));
      this.leadingSegment = leadingSegment;
    }

    /** path-to-regexp's {@code toRegExpSource}, producing elements instead of RegExp source. */
    static Combo of(List<Token> tokens, String originalPath) {
      List<Elem> elems = new ArrayList<>();
      List<String> names = new ArrayList<>();
      List<Boolean> wild = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      StringBuilder backtrack = new StringBuilder();
      StringBuilder wildcardBacktrack = new StringBuilder();
      int prevCaptureType = 0;
      int hasSegmentCapture = 0;
      int index = 0;
      while (index < tokens.size()) {
        Token token = tokens.get(index++);
        if (token instanceof Text t) {
          String v = t.value();
          text.append(v);
          backtrack.append(v);
          if (prevCaptureType == 2) wildcardBacktrack.append(v);
          if (v.indexOf('/') >= 0) hasSegmentCapture = 0;
          continue;
        }
        Param p = (Param) token;
        if (prevCaptureType != 0 && backtrack.isEmpty()) {
          throw new PathSyntaxException(
              "Missing text before \"" + p.name() + "\" " + (p.wildcard() ? "wildcard" : "param"),
              originalPath);
        }
        if (!text.isEmpty()) {
          elems.add(new Elem(-1, text.toString(), null, null));
          text.setLength(0);
        }
        Unit first;
        Unit second = null;
        String alt = null;
        if (!p.wildcard()) {
          if ((hasSegmentCapture & 2) != 0) {
            first = Unit.negate("/", backtrack.toString());
          } else if (wildcardLaterInSegment(tokens, index)) {
            first = Unit.negate("/", peekText(tokens, index));
          } else if ((hasSegmentCapture & 1) != 0) {
            first = Unit.negate("/", backtrack.toString());
            alt = backtrack.toString();
          } else {
            first = Unit.negate("/", "");
          }
          prevCaptureType = 1;
        } else {
          if ((hasSegmentCapture & 2) != 0) {
            first = Unit.negate(backtrack.toString(), "");
          } else if (!wildcardBacktrack.isEmpty()) {
            first = Unit.negate(wildcardBacktrack.toString(), "");
            second = Unit.negate("/", "");
          } else {
            first = Unit.ANY;
          }
          wildcardBacktrack.setLength(0);
          prevCaptureType = 2;
        }
        hasSegmentCapture |= prevCaptureType;
        elems.add(new Elem(names.size(), alt, first, second));
        names.add(p.name());
        wild.add(p.wildcard());
        backtrack.setLength(0);
      }
      if (!text.isEmpty()) elems.add(new Elem(-1, text.toString(), null, null));

      String seg;
      if (elems.isEmpty()) {
        seg = null;
      } else if (elems.get(0).group < 0) {
        seg = leadingSegment(elems.get(0).text, elems.size() == 1);
      } else {
        seg = null;
      }
      boolean[] w = new boolean[wild.size()];
      for (int i = 0; i < w.length; i++) w[i] = wild.get(i);
      return new Combo(elems.toArray(new Elem[0]), names.toArray(new String[0]), w, seg);
    }

    private static boolean wildcardLaterInSegment(List<Token> tokens, int index) {
      while (index < tokens.size()) {
        Token t = tokens.get(index++);
        if (t instanceof Param p && p.wildcard()) return true;
        if (t instanceof Text x && x.value().indexOf('/') >= 0) break;
      }
      return false;
    }

    private static String peekText(List<Token> tokens, int index) {
      StringBuilder out = new StringBuilder();
      while (index < tokens.size() && tokens.get(index) instanceof Text t) {
        out.append(t.value());
        index++;
      }
      return out.toString();
    }
  }
}
