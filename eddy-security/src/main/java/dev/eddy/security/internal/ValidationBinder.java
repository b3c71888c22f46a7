package dev.eddy.security.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed request part (a JSON tree of maps, lists, strings, numbers and booleans, a query
 * map or a params map) into a record, collecting every type error with its path instead of
 * stopping at the first, as Jackson would. Internal: use {@code dev.eddy.security.Validate}.
 *
 * <p>Records, enums, strings, numbers, booleans, characters, {@code Optional}, lists, sets,
 * arrays and string-keyed maps are bound here; other types (UUID, dates, POJOs) are handed to
 * Jackson one value at a time. With {@code coerce} (query strings, route params, form bodies) a
 * string may stand for a number or boolean and a single value for a one-element list. Unknown
 * fields are ignored. Thread-safe; one instance per bound class, built once.
 */
public final class ValidationBinder {
  /** A type error: where, what, and the rejected value when it is a plain scalar (else null). */
  public record Problem(String path, String message, Object value) {}

  /** The path of the value being bound, built into a string only when a problem is reported. */
  static final class Path {
    private Object[] segments = new Object[8];
    private int size;

    void push(Object segment) {
      if (size == segments.length) segments = Arrays.copyOf(segments, size * 2);
      segments[size++] = segment;
    }

    void pop() {
      segments[--size] = null;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < size; i++) {
        Object s = segments[i];
        if (s instanceof Integer index) {
          sb.append('[').append(index).append(']');
        } else if (s instanceof Key key) {
          sb.append('[').append(key.name).append(']');
        } else {
          if (sb.length() > 0) sb.append('.');
          sb.append(s);
        }
      }
      return sb.toString();
    }
  }

  /** A map key, written in brackets so that a key with a dot stays one segment. */
  private record Key(String name) {}

  private static final ClassValue<RecordInfo> RECORDS = new ClassValue<>() {
    @Override
    protected RecordInfo computeValue(Class<?> type) {
      return new RecordInfo(type);
    }
  };

  private static final class RecordInfo {
    final String[] names;
    final Type[] types;
    final Constructor<?> constructor;

    RecordInfo(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      names = new String[components.length];
      types = new Type[components.length];
      Class<?>[] raw = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        names[i] = components[i].getName();
        types[i] = components[i].getGenericType();
        raw[i] = components[i].getType();
      }
      try {
        constructor = type.getDeclaredConstructor(raw);
        constructor.setAccessible(true);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalArgumentException("cannot bind " + type.getName() + ": its canonical constructor is not accessible ("
            + e + "); make the record public or open its package", e);
      }
    }
  }

  private final Type type;

  private ValidationBinder(Type type) {
    this.type = type;
  }

  /**
   * A binder for a record class (or any type the binder knows). Checks the records it reaches
   * now, so that a record whose constructor cannot be called fails when the route is declared.
   *
   * @throws IllegalArgumentException when a record's canonical constructor is not accessible
   */
  public static ValidationBinder of(Class<?> type) {
    if (type == null) throw new IllegalArgumentException("the type to bind is null");
    warm(type, new java.util.HashSet<>());
    return new ValidationBinder(type);
  }

  private static void warm(Type t, Set<Class<?>> seen) {
    if (t instanceof ParameterizedType p) {
      for (Type a : p.getActualTypeArguments()) warm(a, seen);
      return;
    }
    if (t instanceof GenericArrayType g) {
      warm(g.getGenericComponentType(), seen);
      return;
    }
    if (t instanceof Class<?> c) {
      if (c.isArray()) {
        warm(c.getComponentType(), seen);
      } else if (c.isRecord() && seen.add(c)) {
        RecordInfo info = RECORDS.get(c);
        for (Type ct : info.types) warm(ct, seen);
      }
    }
  }

  /**
   * Binds {@code tree}; problems are added to {@code problems} in field order. The result may
   * hold nulls or zeros where a problem was found; it is null when the root itself is unusable.
   */
  public Object bind(Object tree, boolean coerce, ObjectMapper fallback, List<Problem> problems) {
    Ctx ctx = new Ctx(coerce, fallback, problems);
    if (tree == null && type instanceof Class<?> c && c.isRecord()) {
      problems.add(new Problem("", "is required", null));
      return null;
    }
    return ctx.bind(tree, type);
  }

  private static final class Ctx {
    final boolean coerce;
    final ObjectMapper fallback;
    final List<Problem> problems;
    final Path path = new Path();

    Ctx(boolean coerce, ObjectMapper fallback, List<Problem> problems) {
      this.coerce = coerce;
      this.fallback = fallback;
      this.problems = problems;
    }

    /** Reports a problem and returns the value to use in its place. */
    Object problem(String message, Object value, Class<?> raw) {
      boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
      problems.add(new Problem(path.toString(), message, scalar ? value : null));
      return defaultFor(raw);
    }

    Object bind(Object v, Type t) {
      Class<?> raw = raw(t);
      if (v == null) {
        // an unchecked checkbox sends nothing, so a missing boolean is false; other primitives
        // have no neutral value and are required
        if (raw == boolean.class) return Boolean.FALSE;
        if (raw.isPrimitive()) return problem("is required", null, raw);
        if (raw == Optional.class) return Optional.empty();
        return null;
      }
      if (raw == Object.class) return v;
      if (raw == Optional.class) return Optional.ofNullable(bind(v, typeArg(t, 0)));
      if (coerce && v instanceof List<?> list && isScalar(raw)) {
        if (list.size() == 1) return bind(list.get(0), t);
        return problem("must be a single value", null, raw);
      }
      if (raw == String.class || raw == CharSequence.class) {
        return v instanceof String ? v : problem("must be a string", v, raw);
      }
      if (raw == int.class || raw == Integer.class) return integer(v, raw, Integer.MIN_VALUE, Integer.MAX_VALUE);
      if (raw == long.class || raw == Long.class) return integer(v, raw, Long.MIN_VALUE, Long.MAX_VALUE);
      if (raw == short.class || raw == Short.class) return integer(v, raw, Short.MIN_VALUE, Short.MAX_VALUE);
      if (raw == byte.class || raw == Byte.class) return integer(v, raw, Byte.MIN_VALUE, Byte.MAX_VALUE);
      if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
          || raw == BigDecimal.class || raw == BigInteger.class || raw == Number.class) {
        return decimal(v, raw);
      }
      if (raw == boolean.class || raw == Boolean.class) {
        if (v instanceof Boolean) return v;
        if (coerce && v instanceof String s) {
          if (s.equals("true")) return Boolean.TRUE;
          if (s.equals("false")) return Boolean.FALSE;
        }
        return problem("must be a boolean", v, raw);
      }
      if (raw == char.class || raw == Character.class) {
        if (v instanceof String s && s.length() == 1) return s.charAt(0);
        return problem("must be a single character", v, raw);
      }
      if (raw.isEnum()) return enumValue(v, raw);
      if (raw.isRecord()) return record(v, raw);
      if (raw.isArray() || raw == List.class || raw == Collection.class || raw == Iterable.class
          || raw == ArrayList.class || raw == Set.class || raw == LinkedHashSet.class || raw == java.util.HashSet.class) {
        return collection(v, t, raw);
      }
      if ((raw == Map.class || raw == LinkedHashMap.class || raw == HashMap.class) && isStringKeyed(t)) {
        return map(v, t, raw);
      }
      try {
        return fallback.convertValue(v, fallback.constructType(t));
      } catch (IllegalArgumentException e) {
        return problem("must be a valid " + raw.getSimpleName(), v, raw);
      }
    }

    private Object integer(Object v, Class<?> raw, long min, long max) {
      long n;
      if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
        n = ((Number) v).longValue();
      } else if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        if (d != Math.rint(d) || Double.isInfinite(d)) return problem("must be an integer", v, raw);
        if (d < -0x1p63 || d >= 0x1p63) return problem("must be between " + min + " and " + max, v, raw);
        n = (long) d;
      } else if (v instanceof BigInteger || v instanceof BigDecimal) {
        BigDecimal b = v instanceof BigInteger bi ? new BigDecimal(bi) : (BigDecimal) v;
        if (b.signum() != 0 && b.stripTrailingZeros().scale() > 0) return problem("must be an integer", v, raw);
        if (b.compareTo(BigDecimal.valueOf(min)) < 0 || b.compareTo(BigDecimal.valueOf(max)) > 0) {
          return problem("must be between " + min + " and " + max, v, raw);
        }
        n = b.longValue();
      } else if (coerce && v instanceof String s && isInteger(s)) {
        try {
          n = Long.parseLong(s);
        } catch (NumberFormatException e) {
          return problem("must be between " + min + " and " + max, v, raw);
        }
      } else {
        return problem("must be an integer", v, raw);
      }
      if (n < min || n > max) return problem("must be between " + min + " and " + max, v, raw);
      if (raw == int.class || raw == Integer.class) return (int) n;
      if (raw == short.class || raw == Short.class) return (short) n;
      if (raw == byte.class || raw == Byte.class) return (byte) n;
      return n;
    }

    private Object decimal(Object v, Class<?> raw) {
      Number n;
      if (v instanceof Number num) {
        n = num;
      } else if (coerce && v instanceof String s && isNumber(s)) {
        n = new BigDecimal(s);
      } else {
        return problem("must be a number", v, raw);
      }
      if (raw == double.class || raw == Double.class || raw == Number.class) return n.doubleValue();
      if (raw == float.class || raw == Float.class) return n.floatValue();
      BigDecimal b = n instanceof BigDecimal bd ? bd
          : n instanceof BigInteger bi ? new BigDecimal(bi)
          : n instanceof Double || n instanceof Float ? new BigDecimal(n.toString())
          : BigDecimal.valueOf(n.longValue());
      if (raw == BigDecimal.class) return b;
      if (b.signum() != 0 && b.stripTrailingZeros().scale() > 0) return problem("must be an integer", v, raw);
      return b.toBigInteger();
    }

    private Object enumValue(Object v, Class<?> raw) {
      if (v instanceof String s) {
        for (Object c : raw.getEnumConstants()) {
          if (((Enum<?>) c).name().equals(s)) return c;
        }
      }
      StringBuilder sb = new StringBuilder("must be one of [");
      Object[] constants = raw.getEnumConstants();
      for (int i = 0; i < constants.length; i++) sb.append(i == 0 ? "" : ", ").append(((Enum<?>) constants[i]).name());
      return problem(sb.append(']').toString(), v, raw);
    }

    private Object record(Object v, Class<?> raw) {
      if (!(v instanceof Map<?, ?> map)) return problem("must be an object", v, raw);
      RecordInfo info = RECORDS.get(raw);
      int before = problems.size();
      Object[] args = new Object[info.names.length];
      for (int i = 0; i < args.length; i++) {
        path.push(info.names[i]);
        args[i] = bind(map.get(info.names[i]), info.types[i]);
        path.pop();
      }
      try {
        return info.constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        // a compact constructor checking its invariants: a client error unless it only tripped
        // over a value already reported
        if (problems.size() == before) {
          Throwable cause = e.getCause();
          String message = cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage() : "is invalid";
          problems.add(new Problem(path.toString(), message, null));
        }
        return null;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot construct " + raw.getName(), e);
      }
    }

    private Object collection(Object v, Type t, Class<?> raw) {
      List<?> list;
      if (v instanceof List<?> l) {
        list = l;
      } else if (coerce && !(v instanceof Map)) {
        list = List.of(v);
      } else {
        return problem("must be an array", v, raw);
      }
      Type element = raw.isArray() ? componentType(t) : typeArg(t, 0);
      int n = list.size();
      if (raw.isArray()) {
        Object array = Array.newInstance(raw.getComponentType(), n);
        for (int i = 0; i < n; i++) {
          path.push(i);
          Object e = bind(list.get(i), element);
          path.pop();
          if (e != null || !raw.getComponentType().isPrimitive()) Array.set(array, i, e);
        }
        return array;
      }
      Collection<Object> out = raw == Set.class || raw == LinkedHashSet.class || raw == java.util.HashSet.class
          ? new LinkedHashSet<>(Math.max(4, n * 2)) : new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        path.push(i);
        out.add(bind(list.get(i), element));
        path.pop();
      }
      return out;
    }

    private Object map(Object v, Type t, Class<?> raw) {
      if (!(v instanceof Map<?, ?> in)) return problem("must be an object", v, raw);
      Type valueType = typeArg(t, 1);
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, in.size() * 2));
      for (Map.Entry<?, ?> e : in.entrySet()) {
        String k = String.valueOf(e.getKey());
        path.push(new Key(k));
        out.put(k, bind(e.getValue(), valueType));
        path.pop();
      }
      return out;
    }
  }

  private static boolean isScalar(Class<?> raw) {
    return raw == String.class || raw.isPrimitive() || raw.isEnum() || Number.class.isAssignableFrom(raw)
        || raw == Boolean.class || raw == Character.class || raw == CharSequence.class;
  }

  /** {@code -?[0-9]+}: what a query string may spell an integer as. */
  static boolean isInteger(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    if (i == s.length()) return false;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  /** A JSON number: {@code -?digits(.digits)?([eE][+-]?digits)?} (no NaN, Infinity, hex or spaces). */
  static boolean isNumber(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && s.charAt(i) == '-') i++;
    int start = i;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
    if (i == start) return false;
    if (i < n && s.charAt(i) == '.') {
      int f = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
      if (i == f) return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      int e = i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
      if (i == e) return false;
    }
    return i == n;
  }

  private static Object defaultFor(Class<?> raw) {
    if (!raw.isPrimitive()) return null;
    if (raw == boolean.class) return Boolean.FALSE;
    if (raw == char.class) return '\0';
    if (raw == long.class) return 0L;
    if (raw == double.class) return 0.0;
    if (raw == float.class) return 0.0f;
    if (raw == short.class) return (short) 0;
    if (raw == byte.class) return (byte) 0;
    return 0;
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) return c;
    if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    if (t instanceof GenericArrayType g) return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
    if (t instanceof WildcardType w) return raw(w.getUpperBounds()[0]);
    if (t instanceof TypeVariable<?> v) return raw(v.getBounds()[0]);
    return Object.class;
  }

  private static Type typeArg(Type t, int i) {
    if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
      Type a = p.getActualTypeArguments()[i];
      return a instanceof WildcardType w ? w.getUpperBounds()[0] : a;
    }
    return Object.class;
  }

  private static Type componentType(Type t) {
    if (t instanceof GenericArrayType g) return g.getGenericComponentType();
    return ((Class<?>) t).getComponentType();
  }

  private static boolean isStringKeyed(Type t) {
    Class<?> k = raw(typeArg(t, 0));
    return k == String.class || k == Object.class;
  }
}
