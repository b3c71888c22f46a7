package dev.eddy.http;

import dev.eddy.Buffer;
import dev.eddy.http.internal.OutBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of an outgoing message (Node's {@code kOutHeaders}), shared by {@link
 * ServerResponse} and {@link ClientRequest}: names as set, each value a String or an immutable
 * List of Strings sent as several lines, in insertion order. Two small arrays scanned
 * case-insensitively: a message has a handful of headers, so no map and no lower-casing on the hot
 * path. Names and values are validated by the callers before they get here.
 */
final class OutgoingHeaders {
  private static final String[] NO_NAMES = new String[0];
  private static final Object[] NO_VALUES = new Object[0];
  private static final int[] NO_HASHES = new int[0];
  private String[] names = NO_NAMES;
  private Object[] values = NO_VALUES;
  /** Case-insensitive hashes of the names: a lookup compares ints before it compares strings. */
  private int[] hashes = NO_HASHES;
  /** One bit per (hash & 63) of the names present: most puts add a new name and skip the scan. */
  private long present;
  private int count;

  /** A hash equal for names that differ only in ASCII case (header names are ASCII tokens). */
  static int foldedHash(String name) {
    int h = 0;
    for (int i = 0, n = name.length(); i < n; i++) {
      h = 31 * h + (name.charAt(i) | 0x20);
    }
    return h;
  }

  int size() {
    return count;
  }

  String name(int i) {
    return names[i];
  }

  Object value(int i) {
    return values[i];
  }

  int find(String name) {
    return find(name, foldedHash(name));
  }

  private int find(String name, int hash) {
    if ((present & (1L << hash)) == 0) {
      return -1;
    }
    int[] hs = hashes;
    for (int i = 0; i < count; i++) {
      if (hs[i] == hash) {
        String n = names[i];
        if (n == name || (n.length() == name.length() && n.equalsIgnoreCase(name))) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Sets a header; an existing one keeps its place (as a JavaScript object key) and takes the new spelling. */
  void put(String name, Object value) {
    put(name, foldedHash(name), value);
  }

  /** {@link #put(String, Object)} with the name's {@link #foldedHash} already known. */
  void put(String name, int hash, Object value) {
    int i = find(name, hash);
    if (i >= 0) {
      names[i] = name;
      values[i] = value;
      return;
    }
    if (count == names.length) {
      int cap = count == 0 ? 8 : count * 4;
      names = java.util.Arrays.copyOf(names, cap);
      values = java.util.Arrays.copyOf(values, cap);
      hashes = java.util.Arrays.copyOf(hashes, cap);
    }
    names[count] = name;
    hashes[count] = hash;
    present |= 1L << hash;
    values[count++] = value;
  }

  /** Adds a value, keeping the earlier ones (Node's appendHeader). */
  void append(String name, String value) {
    int i = find(name);
    if (i < 0) {
      put(name, value);
    } else {
      List<String> l = new ArrayList<>(valuesOf(values[i]));
      l.add(value);
      values[i] = List.copyOf(l);
    }
  }

  /** The value, several joined with ", ", or null. */
  String get(String name) {
    int i = find(name);
    if (i < 0) {
      return null;
    }
    return values[i] instanceof String s ? s : String.join(", ", valuesOf(values[i]));
  }

  List<String> getAll(String name) {
    int i = find(name);
    return i < 0 ? List.of() : valuesOf(values[i]);
  }

  void remove(String name) {
    int i = find(name);
    if (i >= 0) {
      System.arraycopy(names, i + 1, names, i, count - i - 1);
      System.arraycopy(values, i + 1, values, i, count - i - 1);
      System.arraycopy(hashes, i + 1, hashes, i, count - i - 1);
      count--;
      names[count] = null;
      values[count] = null;
    }
  }

  /** Lower-case names to a String or a List of Strings, in order. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      m.put(names[i].toLowerCase(Locale.ROOT), values[i]);
    }
    return m;
  }

  List<String> lowerCaseNames() {
    List<String> l = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      l.add(names[i].toLowerCase(Locale.ROOT));
    }
    return l;
  }

  /** Writes every header line ({@code Name: value\r\n}, one per value). */
  void writeTo(OutBuf h) {
    for (int i = 0; i < count; i++) {
      String n = names[i];
      Object v = values[i];
      if (v instanceof String str) {
        h.writeLatin1(n).writeByte(':').writeByte(' ').writeLatin1(str).crlf();
      } else {
        for (String each : valuesOf(v)) {
          h.writeLatin1(n).writeByte(':').writeByte(' ').writeLatin1(each).crlf();
        }
      }
    }
  }

  static List<String> valuesOf(Object v) {
    if (v instanceof String s) {
      return List.of(s);
    }
    @SuppressWarnings("unchecked")
    List<String> l = (List<String>) v;
    return l;
  }

  /**
   * The byte length of a body chunk given whole to {@code end()} (String as UTF-8, Buffer, byte[]),
   * or -1 for another type: how Node learns the Content-Length before composing the head.
   */
  static long bodyLength(Object chunk) {
    if (chunk == null) {
      return 0;
    }
    if (chunk instanceof Buffer b) {
      return b.length();
    }
    if (chunk instanceof byte[] a) {
      return a.length;
    }
    if (chunk instanceof String s) {
      return utf8Length(s);
    }
    return -1;
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

}
