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
  /**
   * Two bits per name present, from two different 6-bit slices of its hash: most puts add a new
   * name and skip the scan, and so do most lookups of an absent name even with a dozen or two
   * headers set (where a single 64-bit mask would be mostly ones).
   */
  private long present;
  private long present2;
  private int count;
  /**
   * The first {@link HeaderBlock} added in one copy, and the index of its first header: {@link
   * #writeTo} copies the block's bytes when its headers are still there unchanged. Kept across
   * removals before it; forgotten when one of its own headers is removed. A second block is copied
   * in as well but written header by header (responses carry one security block).
   */
  private HeaderBlock block;
  private int blockAt;
  /** Slots to make at the first put: how many headers the caller expects (at least 4). */
  private final int expected;

  OutgoingHeaders() {
    this(4);
  }

  /**
   * @param expected how many headers the message will probably have (a connection passes its
   *     previous answer's count, so that a response does not grow its arrays header by header)
   */
  OutgoingHeaders(int expected) {
    this.expected = Math.max(4, expected);
  }

  /**
   * A hash equal for names that differ only in ASCII case (header names are ASCII tokens), from
   * the length and six characters (both ends and the middle) instead of every one: names run to
   * twenty characters and more (X-RateLimit-Remaining), and hashing each on every set cost more
   * than the rest of the set. Names that share length and sampled characters only cost a string
   * comparison more; the lookup still compares whole names.
   */
  static int foldedHash(String name) {
    int n = name.length();
    int h = n;
    if (n > 6) {
      h = 31 * h + (name.charAt(0) | 0x20);
      h = 31 * h + (name.charAt(1) | 0x20);
      h = 31 * h + (name.charAt(n >>> 1) | 0x20);
      h = 31 * h + (name.charAt(n - 3) | 0x20);
      h = 31 * h + (name.charAt(n - 2) | 0x20);
      h = 31 * h + (name.charAt(n - 1) | 0x20);
    } else {
      for (int i = 0; i < n; i++) {
        h = 31 * h + (name.charAt(i) | 0x20);
      }
    }
    // spread into the low bits, which pick the presence bits
    h *= 0x9E3779B9;
    return h ^ (h >>> 15);
  }

  static long bit(int hash) {
    return 1L << hash;
  }

  static long bit2(int hash) {
    return 1L << (hash >>> 6);
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
    if ((present & bit(hash)) == 0 || (present2 & bit2(hash)) == 0) {
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
      grow(count == 0 ? expected : count * 2);
    }
    names[count] = name;
    hashes[count] = hash;
    present |= bit(hash);
    present2 |= bit2(hash);
    values[count++] = value;
  }

  private void grow(int cap) {
    names = java.util.Arrays.copyOf(names, cap);
    values = java.util.Arrays.copyOf(values, cap);
    hashes = java.util.Arrays.copyOf(hashes, cap);
  }

  /**
   * Sets every header of a block, as {@link #put} would one by one. When none of its names is set
   * yet (the usual case: security middleware runs first), the block is appended in one copy and
   * remembered for {@link #writeTo}.
   */
  void putBlock(HeaderBlock block) {
    String[] bn = block.names;
    int[] bh = block.hashes;
    String[] bv = block.values;
    int n = bn.length;
    boolean fresh = block.distinct;
    if (fresh && (present & block.present) != 0 && (present2 & block.present2) != 0) {
      for (int k = 0; k < n && fresh; k++) {
        fresh = find(bn[k], bh[k]) < 0;
      }
    }
    if (!fresh || n == 0) {
      for (int k = 0; k < n; k++) {
        put(bn[k], bh[k], bv[k]);
      }
      return;
    }
    if (count + n > names.length) {
      // room for the handful of headers the answer adds after the block (type, length, ETag...)
      grow(Math.max(expected, count + n + 8));
    }
    System.arraycopy(bn, 0, names, count, n);
    System.arraycopy(bv, 0, values, count, n);
    System.arraycopy(bh, 0, hashes, count, n);
    if (this.block == null) {
      this.block = block;
      this.blockAt = count;
    }
    present |= block.present;
    present2 |= block.present2;
    count += n;
  }

  /** Whether the headers from {@code at} on are still exactly {@code block}'s (same strings). */
  private boolean intact(HeaderBlock block, int at) {
    String[] bn = block.names;
    String[] bv = block.values;
    if (at + bn.length > count) {
      return false;
    }
    for (int k = 0; k < bn.length; k++) {
      if (names[at + k] != bn[k] || values[at + k] != bv[k]) {
        return false;
      }
    }
    return true;
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
      if (block != null) {
        if (i < blockAt) {
          blockAt--;
        } else if (i < blockAt + block.names.length) {
          block = null;
        }
      }
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
    HeaderBlock b = block;
    int at = b != null && intact(b, blockAt) ? blockAt : -1;
    for (int i = 0; i < count; i++) {
      if (i == at) {
        h.write(b.lines);
        i += b.names.length - 1;
        continue;
      }
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
