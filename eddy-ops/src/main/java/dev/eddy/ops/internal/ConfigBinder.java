package dev.eddy.ops.internal;

import dev.eddy.ops.Config;
import dev.eddy.ops.ConfigDefault;
import dev.eddy.ops.ConfigException;
import dev.eddy.ops.ConfigName;
import dev.eddy.ops.ConfigPrefix;
import dev.eddy.ops.Env;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * The implementation of {@link Config#bind} and {@link Config#describe}; see there for the rules
 * and the message format. One instance per bind call; not thread-safe, not shared.
 */
public final class ConfigBinder {
  private final Env env;
  private final List<String> problems = new ArrayList<>();

  private ConfigBinder(Env env) {
    this.env = env;
  }

  /**
   * See {@link Config#bind}.
   *
   * @param type the record class
   * @param env the variables
   * @param <R> the record type
   * @return the bound record
   * @throws ConfigException with every problem
   * @throws IllegalArgumentException for an unsupported record shape
   */
  public static <R extends Record> R bind(Class<R> type, Env env) {
    if (!type.isRecord()) throw new IllegalArgumentException(type.getName() + " is not a record");
    ConfigBinder binder = new ConfigBinder(env);
    Object bound = binder.bindRecord(type, "", false, new ArrayDeque<>());
    if (!binder.problems.isEmpty()) throw new ConfigException(binder.problems);
    return type.cast(bound);
  }

  /**
   * The UPPER_SNAKE_CASE variable name for a camelCase component name: a {@code _} goes before an
   * upper-case letter that follows a lower-case letter or digit, and before the last capital of an
   * acronym followed by a lower-case letter ({@code maxURLLength} → {@code MAX_URL_LENGTH}).
   *
   * @param name a Java identifier
   * @return the variable name; never throws; thread-safe
   */
  public static String upperSnake(String name) {
    StringBuilder b = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        char prev = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(prev)
            || Character.isDigit(prev)
            || (Character.isUpperCase(prev) && nextLower)) {
          b.append('_');
        }
      }
      b.append(Character.toUpperCase(c));
    }
    return b.toString();
  }

  // ---- binding ----

  private Object bindRecord(Class<?> type, String prefix, boolean secret, Deque<Class<?>> path) {
    if (path.contains(type)) {
      throw new IllegalArgumentException(
          type.getName() + " contains itself; configuration records cannot be recursive");
    }
    path.push(type);
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    int before = problems.size();
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = bindComponent(type, components[i], prefix, secret, path);
    }
    path.pop();
    if (problems.size() > before) return null;
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      problems.add(
          type.getSimpleName()
              + ": rejected by its constructor: "
              + (cause.getMessage() != null
                  ? cause.getMessage()
                  : cause.getClass().getSimpleName()));
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot construct " + type.getName() + ": " + e, e);
    }
  }

  private Object bindComponent(
      Class<?> owner,
      RecordComponent c,
      String prefix,
      boolean inheritedSecret,
      Deque<Class<?>> path) {
    boolean secret = inheritedSecret || c.isAnnotationPresent(Config.Secret.class);
    Class<?> raw = c.getType();
    Type generic = c.getGenericType();
    String where = owner.getSimpleName() + "." + c.getName();
    if (raw.isRecord()) {
      requireNoValueAnnotations(c, where);
      return bindRecord(raw, nestedPrefix(prefix, c), secret, path);
    }
    if (c.isAnnotationPresent(ConfigPrefix.class)) {
      throw new IllegalArgumentException("@ConfigPrefix on " + where + ", which is not a record");
    }
    boolean optional = raw == Optional.class;
    Type valueType = optional ? typeArgument(generic, where) : generic;
    if (optional && rawClass(valueType, where).isRecord()) {
      requireNoValueAnnotations(c, where);
      String nested = nestedPrefix(prefix, c);
      if (!anySet(nested)) return Optional.empty();
      Object value = bindRecord(rawClass(valueType, where), nested, secret, path);
      return value == null ? null : Optional.of(value);
    }
    Converter converter = converter(valueType, c, where);
    ConfigName named = c.getAnnotation(ConfigName.class);
    String var = prefix + (named != null ? named.value() : upperSnake(c.getName()));
    String text = env.get(var).filter(v -> !v.isBlank()).orElse(null);
    boolean fromDefault = false;
    if (text == null) {
      ConfigDefault dflt = c.getAnnotation(ConfigDefault.class);
      if (dflt != null) {
        text = dflt.value();
        fromDefault = true;
      } else if (optional) {
        return Optional.empty();
      } else {
        String hint = converter.hint();
        problems.add(
            hint == null
                ? var + ": is not set (set " + var + " in the environment or in .env)"
                : var
                    + ": is not set (set "
                    + var
                    + " to "
                    + hint
                    + ", in the environment or in .env)");
        return null;
      }
    }
    try {
      Object value = converter.convert(text, secret);
      return optional ? Optional.of(value) : value;
    } catch (Bad bad) {
      String hint = converter.hint();
      problems.add(
          var
              + ": "
              + (fromDefault ? "the default " : "")
              + show(text, secret)
              + " "
              + bad.what
              + (hint == null ? "" : " (set " + var + " to " + hint + ")"));
      return null;
    }
  }

  private boolean anySet(String prefix) {
    if (prefix.isEmpty()) return true;
    for (Map.Entry<String, String> e : env.asMap().entrySet()) {
      if (e.getKey().startsWith(prefix) && !e.getValue().isBlank()) return true;
    }
    return false;
  }

  private static String nestedPrefix(String prefix, RecordComponent c) {
    ConfigPrefix p = c.getAnnotation(ConfigPrefix.class);
    return prefix + (p != null ? p.value() : upperSnake(c.getName()) + "_");
  }

  private static void requireNoValueAnnotations(RecordComponent c, String where) {
    if (c.isAnnotationPresent(ConfigName.class)
        || c.isAnnotationPresent(ConfigDefault.class)
        || c.isAnnotationPresent(Config.Min.class)
        || c.isAnnotationPresent(Config.Max.class)
        || c.isAnnotationPresent(Config.Pattern.class)) {
      throw new IllegalArgumentException(
          where
              + " is a nested record: @ConfigName, @ConfigDefault, @Min, @Max and @Pattern belong"
              + " on its components (use @ConfigPrefix to rename it)");
    }
  }

  private static Type typeArgument(Type generic, String where) {
    if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
      return p.getActualTypeArguments()[0];
    }
    throw new IllegalArgumentException(where + ": Optional and List need a type argument");
  }

  private static Class<?> rawClass(Type type, String where) {
    if (type instanceof Class<?> k) return k;
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> k) return k;
    throw new IllegalArgumentException(where + ": unsupported type " + type.getTypeName());
  }

  // ---- conversion ----

  /** A value that cannot be converted; {@code what} completes "VALUE ..." and never holds it. */
  private static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;
    final String what;

    Bad(String what) {
      super(what, null, false, false);
      this.what = what;
    }
  }

  private enum Kind {
    STRING,
    INT,
    LONG,
    DOUBLE,
    BOOLEAN,
    DURATION,
    URI,
    URL,
    PATH,
    ENUM,
    LIST
  }

  private static final class Converter {
    final Kind kind;
    final Class<?> enumType;
    final Converter item;
    final Long min;
    final Long max;
    final java.util.regex.Pattern pattern;

    Converter(
        Kind kind,
        Class<?> enumType,
        Converter item,
        Long min,
        Long max,
        java.util.regex.Pattern pattern) {
      this.kind = kind;
      this.enumType = enumType;
      this.item = item;
      this.min = min;
      this.max = max;
      this.pattern = pattern;
    }

    String hint() {
      return switch (kind) {
        case STRING -> pattern == null ? null : "a value matching " + pattern.pattern();
        case INT, LONG -> range("a whole number", "such as 8080");
        case DOUBLE -> range("a number", "such as 0.5");
        case BOOLEAN -> "true or false";
        case DURATION -> "a duration such as 30s, 5m, 1h, 250ms or PT30S";
        case URI -> "an absolute URI such as https://example.com";
        case URL -> "a URL such as https://example.com";
        case PATH -> "a file system path";
        case ENUM -> "one of " + enumNames();
        case LIST ->
            item.kind == Kind.STRING && item.pattern == null
                ? "a comma-separated list such as a,b,c"
                : "a comma-separated list of items, each " + item.hint();
      };
    }

    private String range(String noun, String example) {
      if (min != null && max != null) return noun + " from " + min + " to " + max;
      if (min != null) return noun + " of at least " + min;
      if (max != null) return noun + " of at most " + max;
      return noun + " " + example;
    }

    private String enumNames() {
      StringBuilder b = new StringBuilder();
      for (Object constant : enumType.getEnumConstants()) {
        if (!b.isEmpty()) b.append(", ");
        b.append(((Enum<?>) constant).name());
      }
      return b.toString();
    }

    Object convert(String text, boolean secret) throws Bad {
      if (kind == Kind.STRING) {
        if (pattern != null && !pattern.matcher(text).matches())
          throw new Bad("does not match " + pattern.pattern());
        return text;
      }
      if (kind == Kind.LIST) {
        List<Object> items = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
          int comma = text.indexOf(',', start);
          if (comma < 0) comma = text.length();
          String part = text.substring(start, comma).strip();
          if (!part.isEmpty()) {
            try {
              items.add(item.convert(part, secret));
            } catch (Bad bad) {
              throw new Bad(
                  "has an item " + (secret ? "" : show(part, false) + " ") + "that " + bad.what);
            }
          }
          start = comma + 1;
        }
        return List.copyOf(items);
      }
      String t = text.strip();
      return switch (kind) {
        case INT -> (int) checkRange(parseLong(t, Integer.MIN_VALUE, Integer.MAX_VALUE));
        case LONG -> checkRange(parseLong(t, Long.MIN_VALUE, Long.MAX_VALUE));
        case DOUBLE -> checkRange(parseDouble(t));
        case BOOLEAN -> parseBoolean(t);
        case DURATION -> parseDuration(t);
        case URI -> parseUri(t);
        case URL -> parseUrl(t);
        case PATH -> parsePath(t);
        case ENUM -> parseEnum(t);
        default -> throw new AssertionError(kind);
      };
    }

    private long checkRange(long v) throws Bad {
      if (min != null && v < min) throw new Bad("is less than " + min);
      if (max != null && v > max) throw new Bad("is more than " + max);
      return v;
    }

    private double checkRange(double v) throws Bad {
      if (min != null && v < min) throw new Bad("is less than " + min);
      if (max != null && v > max) throw new Bad("is more than " + max);
      return v;
    }

    private Object parseEnum(String t) throws Bad {
      String normalized = t.replace('-', '_');
      for (Object constant : enumType.getEnumConstants()) {
        if (((Enum<?>) constant).name().equalsIgnoreCase(normalized)) return constant;
      }
      throw new Bad("is not one of " + enumNames());
    }
  }

  private static long parseLong(String t, long lo, long hi) throws Bad {
    int i = 0;
    int n = t.length();
    if (n > 0 && (t.charAt(0) == '+' || t.charAt(0) == '-')) i++;
    if (i == n) throw new Bad("is not an integer");
    for (int j = i; j < n; j++) {
      char c = t.charAt(j);
      if (c < '0' || c > '9') throw new Bad("is not an integer");
    }
    long v;
    try {
      v = Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new Bad("is out of range for an integer");
    }
    if (v < lo || v > hi) throw new Bad("is out of range for an integer");
    return v;
  }

  private static double parseDouble(String t) throws Bad {
    int i = 0;
    int n = t.length();
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
    int digits = 0;
    while (i < n && isDigit(t.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(t.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) throw new Bad("is not a number");
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
      int exp = 0;
      while (i < n && isDigit(t.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) throw new Bad("is not a number");
    }
    if (i != n) throw new Bad("is not a number");
    double v = Double.parseDouble(t);
    if (Double.isInfinite(v)) throw new Bad("is out of range for a number");
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Boolean parseBoolean(String t) throws Bad {
    if (t.equalsIgnoreCase("true") || t.equals("1") || t.equalsIgnoreCase("yes"))
      return Boolean.TRUE;
    if (t.equalsIgnoreCase("false") || t.equals("0") || t.equalsIgnoreCase("no"))
      return Boolean.FALSE;
    throw new Bad("is not a boolean");
  }

  private static Duration parseDuration(String t) throws Bad {
    if (t.isEmpty()) throw new Bad("is not a duration");
    char first = t.charAt(0);
    if (first == '-') throw new Bad("is a negative duration");
    if (first == 'P'
        || first == 'p'
        || ((first == '+') && t.length() > 1 && (t.charAt(1) == 'P' || t.charAt(1) == 'p'))) {
      Duration d;
      try {
        d = Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw new Bad("is not a duration");
      }
      if (d.isNegative()) throw new Bad("is a negative duration");
      return d;
    }
    Duration total = Duration.ZERO;
    int i = 0;
    int n = t.length();
    try {
      while (i < n) {
        int start = i;
        while (i < n && isDigit(t.charAt(i))) i++;
        if (i == start || i - start > 18)
          throw new Bad(i == start ? "is not a duration" : "is out of range for a duration");
        long amount = Long.parseLong(t, start, i, 10);
        int unitStart = i;
        while (i < n && Character.isLetter(t.charAt(i))) i++;
        String unit = t.substring(unitStart, i).toLowerCase(java.util.Locale.ROOT);
        Duration part =
            switch (unit) {
              case "ms" -> Duration.ofMillis(amount);
              case "s" -> Duration.ofSeconds(amount);
              case "m" -> Duration.ofMinutes(amount);
              case "h" -> Duration.ofHours(amount);
              case "d" -> Duration.ofDays(amount);
              default -> throw new Bad("is not a duration");
            };
        total = total.plus(part);
      }
    } catch (ArithmeticException e) {
      throw new Bad("is out of range for a duration");
    }
    return total;
  }

  private static URI parseUri(String t) throws Bad {
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      throw new Bad("is not a valid URI");
    }
    if (!uri.isAbsolute()) throw new Bad("is not an absolute URI");
    return uri;
  }

  private static URL parseUrl(String t) throws Bad {
    try {
      URI uri = new URI(t);
      if (!uri.isAbsolute()) throw new Bad("is not a valid URL");
      return uri.toURL();
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw new Bad("is not a valid URL");
    }
  }

  private static Path parsePath(String t) throws Bad {
    try {
      return Path.of(t);
    } catch (InvalidPathException e) {
      throw new Bad("is not a valid path");
    }
  }

  private static Converter converter(Type type, RecordComponent c, String where) {
    Config.Min min = c.getAnnotation(Config.Min.class);
    Config.Max max = c.getAnnotation(Config.Max.class);
    Config.Pattern pattern = c.getAnnotation(Config.Pattern.class);
    Class<?> raw = rawClass(type, where);
    if (raw == List.class) {
      Converter item = scalar(typeArgument(type, where), min, max, pattern, where);
      return new Converter(Kind.LIST, null, item, null, null, null);
    }
    return scalar(type, min, max, pattern, where);
  }

  private static Converter scalar(
      Type type, Config.Min min, Config.Max max, Config.Pattern pattern, String where) {
    if (!(type instanceof Class<?> k)) {
      throw new IllegalArgumentException(where + ": unsupported type " + type.getTypeName());
    }
    Kind kind;
    if (k == String.class) kind = Kind.STRING;
    else if (k == int.class || k == Integer.class) kind = Kind.INT;
    else if (k == long.class || k == Long.class) kind = Kind.LONG;
    else if (k == double.class || k == Double.class) kind = Kind.DOUBLE;
    else if (k == boolean.class || k == Boolean.class) kind = Kind.BOOLEAN;
    else if (k == Duration.class) kind = Kind.DURATION;
    else if (k == URI.class) kind = Kind.URI;
    else if (k == URL.class) kind = Kind.URL;
    else if (k == Path.class) kind = Kind.PATH;
    else if (k.isEnum()) kind = Kind.ENUM;
    else throw new IllegalArgumentException(where + ": unsupported type " + k.getName());
    boolean numeric = kind == Kind.INT || kind == Kind.LONG || kind == Kind.DOUBLE;
    if ((min != null || max != null) && !numeric) {
      throw new IllegalArgumentException(where + ": @Min and @Max apply to numbers only");
    }
    if (pattern != null && kind != Kind.STRING) {
      throw new IllegalArgumentException(where + ": @Pattern applies to strings only");
    }
    java.util.regex.Pattern compiled = null;
    if (pattern != null) {
      try {
        compiled = java.util.regex.Pattern.compile(pattern.value());
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(where + ": invalid @Pattern: " + e.getMessage(), e);
      }
    }
    return new Converter(
        kind,
        kind == Kind.ENUM ? k : null,
        null,
        min == null ? null : min.value(),
        max == null ? null : max.value(),
        compiled);
  }

  /** A value as a message may show it: quoted and escaped, shortened, or hidden if secret. */
  static String show(String value, boolean secret) {
    if (secret) return "<secret>";
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    int limit = Math.min(value.length(), 40);
    if (limit < value.length() && Character.isHighSurrogate(value.charAt(limit - 1))) limit--;
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < ' ' || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    if (value.length() > limit) b.append("...");
    return b.append('"').toString();
  }

  // ---- describe ----

  /**
   * See {@link Config#describe}.
   *
   * @param config the record
   * @return its description with secrets masked
   */
  public static String describe(Record config) {
    StringBuilder b = new StringBuilder();
    describe(config, false, b);
    return b.toString();
  }

  private static void describe(Object value, boolean secret, StringBuilder b) {
    if (secret) {
      b.append("<secret>");
    } else if (value instanceof Record r) {
      b.append(r.getClass().getSimpleName()).append('[');
      RecordComponent[] components = r.getClass().getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        if (i > 0) b.append(", ");
        RecordComponent c = components[i];
        b.append(c.getName()).append('=');
        describe(read(r, c), c.isAnnotationPresent(Config.Secret.class), b);
      }
      b.append(']');
    } else if (value instanceof Optional<?> o) {
      if (o.isEmpty()) {
        b.append("Optional.empty");
      } else {
        b.append("Optional[");
        describe(o.get(), false, b);
        b.append(']');
      }
    } else {
      b.append(value);
    }
  }

  private static Object read(Record r, RecordComponent c) {
    try {
      Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "<unreadable>";
    }
  }
}
