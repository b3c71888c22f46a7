package dev.eddy.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds multer's {@code req.body} from text fields with the rules of the npm package {@code
 * append-field} 1.0: {@code a[b][c]} nests maps, {@code a[0]} and {@code a[]} build lists, a
 * repeated name turns into a list, and a name that does not parse as such a path is a plain key.
 * Objects are {@code LinkedHashMap<String, Object>} (insertion order; JavaScript would list
 * integer-like keys first), arrays {@code ArrayList<Object>} where a JavaScript hole or {@code
 * undefined} is null. Static and thread-safe; the maps it fills are the caller's.
 */
public final class MultipartFields {
  private MultipartFields() {}

  /** Thrown when a name's list index exceeds the limit given to {@link #append}. */
  public static final class IndexTooLargeException extends RuntimeException {
    IndexTooLargeException() {
      super(null, null, false, false);
    }
  }

  private static final class Step {
    final boolean array;
    final String key;
    final int index;
    boolean append;
    boolean last;
    boolean nextArray;

    Step(String key) {
      this.array = false;
      this.key = key;
      this.index = -1;
    }

    Step(int index) {
      this.array = true;
      this.key = null;
      this.index = index;
    }
  }

  /**
   * Adds one field to {@code store}.
   *
   * @param store the body being built
   * @param name the field name
   * @param value the value (null stands for JavaScript's undefined)
   * @param maxIndex the largest list index a name may use (a Java list is not sparse, so {@code
   *     a[999999999]} would allocate that many slots); larger indexes throw
   * @throws IndexTooLargeException when a list index in the name exceeds {@code maxIndex}
   */
  public static void append(Map<String, Object> store, String name, String value, long maxIndex) {
    List<Step> steps = parsePath(name, maxIndex);
    Object context = store;
    for (Step step : steps) {
      context = setValue(context, step, get(context, step), value);
    }
  }

  private static List<Step> parsePath(String key, long maxIndex) {
    int len = key.length();
    int bracket = key.indexOf('[');
    int firstLen = bracket < 0 ? len : bracket;
    if (firstLen == 0) return failure(key);
    int pos = firstLen;
    Step tail = new Step(key.substring(0, firstLen));
    long largest = -1;
    List<Step> steps = new ArrayList<>(4);
    steps.add(tail);
    while (pos < len) {
      if (key.charAt(pos) == '[' && pos + 1 < len && key.charAt(pos + 1) == ']') {
        pos += 2;
        tail.append = true;
        if (pos != len) return failure(key);
        continue;
      }
      if (key.charAt(pos) != '[') return failure(key);
      int close = key.indexOf(']', pos + 1);
      if (close < 0 || close == pos + 1) return failure(key);
      boolean digits = true;
      for (int i = pos + 1; i < close; i++) {
        char c = key.charAt(i);
        if (c < '0' || c > '9') {
          digits = false;
          break;
        }
      }
      if (digits) {
        long index = 0;
        for (int i = pos + 1; i < close && index <= Integer.MAX_VALUE; i++) index = index * 10 + (key.charAt(i) - '0');
        largest = Math.max(largest, index);
        tail.nextArray = true;
        tail = new Step((int) Math.min(index, Integer.MAX_VALUE));
      } else {
        tail.nextArray = false;
        tail = new Step(key.substring(pos + 1, close));
      }
      steps.add(tail);
      pos = close + 1;
    }
    // only a name that parses as a path builds lists (as multer's check), so test it here
    if (largest > maxIndex || largest > Integer.MAX_VALUE - 8) throw new IndexTooLargeException();
    tail.last = true;
    return steps;
  }

  private static List<Step> failure(String key) {
    Step s = new Step(key);
    s.last = true;
    return List.of(s);
  }

  @SuppressWarnings("unchecked")
  private static Object get(Object context, Step step) {
    if (context instanceof List<?> l) {
      int i = step.array ? step.index : -1;
      return i >= 0 && i < l.size() ? l.get(i) : null;
    }
    return ((Map<String, Object>) context).get(keyOf(step));
  }

  private static String keyOf(Step step) {
    return step.array ? Integer.toString(step.index) : step.key;
  }

  @SuppressWarnings("unchecked")
  private static void put(Object context, Step step, Object value) {
    if (context instanceof List<?> raw) {
      List<Object> l = (List<Object>) raw;
      int i = step.index;
      while (l.size() <= i) l.add(null);
      l.set(i, value);
    } else {
      ((Map<String, Object>) context).put(keyOf(step), value);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object setValue(Object context, Step step, Object current, String value) {
    if (step.last) {
      setLast(context, step, current, value);
      return context;
    }
    if (current == null) {
      Object fresh = step.nextArray ? new ArrayList<>() : new LinkedHashMap<String, Object>();
      put(context, step, fresh);
      return fresh;
    }
    if (current instanceof Map) return current;
    if (current instanceof List<?> list) {
      if (step.nextArray) return current;
      Map<String, Object> obj = new LinkedHashMap<>();
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) != null) obj.put(Integer.toString(i), list.get(i));
      }
      put(context, step, obj);
      return obj;
    }
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("", current);
    put(context, step, obj);
    return obj;
  }

  @SuppressWarnings("unchecked")
  private static void setLast(Object context, Step step, Object current, String value) {
    if (current == null) {
      if (step.append) {
        List<Object> l = new ArrayList<>(2);
        l.add(value);
        put(context, step, l);
      } else {
        put(context, step, value);
      }
    } else if (current instanceof List<?> l) {
      ((List<Object>) l).add(value);
    } else if (current instanceof Map<?, ?> m) {
      Step empty = new Step("");
      empty.last = true;
      setLast(m, empty, m.get(""), value);
    } else {
      List<Object> l = new ArrayList<>(2);
      l.add(current);
      l.add(value);
      put(context, step, l);
    }
  }
}
