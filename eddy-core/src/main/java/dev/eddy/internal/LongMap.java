package dev.eddy.internal;

import java.util.Arrays;

/**
 * A map from long keys to values without boxing: open addressing with linear probing and
 * backward-shift deletion. The loop keys its timer lists by duration with it, so that a {@code
 * setTimeout} of 5000 ms allocates no {@code Long}. Not thread-safe.
 */
public final class LongMap<V> {
  private long[] keys = new long[16];
  private Object[] values = new Object[16];
  private int size;

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** The value for {@code key}, or null. */
  @SuppressWarnings("unchecked")
  public V get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      Object v = values[i];
      if (v == null) {
        return null;
      }
      if (keys[i] == key) {
        return (V) v;
      }
    }
  }

  /** Maps {@code key} to a non-null {@code value}. */
  public void put(long key, V value) {
    if (value == null) {
      throw new NullPointerException("value");
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (values[i] == null) {
        keys[i] = key;
        values[i] = value;
        size++;
        return;
      }
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
    }
  }

  /** Removes the mapping of {@code key}, if any. */
  public void remove(long key) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (true) {
      if (values[i] == null) {
        return;
      }
      if (keys[i] == key) {
        break;
      }
      i = (i + 1) & mask;
    }
    size--;
    // Backward-shift: move later entries of the probe run into the hole so lookups stay correct.
    int hole = i;
    for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
      int home = slot(keys[j], mask);
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    values[hole] = null;
  }

  public int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldValues.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != null) {
        @SuppressWarnings("unchecked")
        V v = (V) oldValues[i];
        put(oldKeys[i], v);
      }
    }
    Arrays.fill(oldValues, null);
  }
}
