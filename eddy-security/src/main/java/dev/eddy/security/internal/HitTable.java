package dev.eddy.security.internal;

/**
 * One generation of {@code MemoryRateLimitStore}'s counters: key to (hits, reset time), an
 * open-addressing table with linear probing over primitive arrays. A check touches one slot of a
 * {@code long[]} (16 bytes: the top 32 bits of the hash with the hits, then the reset time) and
 * one reference in a parallel {@code String[]}, two loads the CPU can issue together, where a map
 * of objects chases table, entry and value one after the other; with a million keys every one of
 * those is a cache miss, and the smaller the table, the more of it stays in the cache. Hits above
 * {@code 2^32 - 2} (billions in one window) move to a side map, so counts stay exact.
 *
 * <p>The store hashes keys with {@link #fastHash} (String's cached hash code, mixed with a secret
 * seed: no pass over the characters, which with a million cold keys costs as much as the table
 * lookup itself) until a table reports {@link #crowded()}: an insert landed far from its slot,
 * which random hashes practically never do at this load, but keys chosen to share a String hash
 * code ({@code "Aa"} and {@code "BB"}, and their concatenations) do. The store then rehashes with
 * {@link #hash}, seeded over the characters, which clients cannot aim without knowing the seed (as
 * .NET's string dictionaries switch to randomized hashing after too many collisions). Two keys
 * with the same hash are told apart by {@code equals}. Removal shifts the following entries back
 * (no tombstones), so probe chains never outgrow the live entries.
 *
 * <p>Not thread-safe: the store locks around it.
 */
public final class HitTable {
  /** longs per slot: tag (high 32 bits, 0 = free) and hits (low 32 bits), then the reset time. */
  private static final int STRIDE = 2;
  private static final int MIN_CAPACITY = 16;
  private static final long LOW = 0xFFFF_FFFFL;
  /** The hits field of a slot whose count is in {@link #bigHits}. */
  private static final long SPILLED = LOW;
  /**
   * An insert this many slots past its home marks the table crowded. At most half full with
   * well-spread hashes, the longest displacement in a table of a million slots is a few dozen at
   * worst; this is reached only by hashes that are not spread, i.e. equal ones.
   */
  static final int CROWDED_DISTANCE = 128;

  private long[] slots;
  private String[] keys;
  private int mask;
  /** 32 minus log2(capacity): the home slot of a tag is its top bits. */
  private int shift;
  private int size;
  private int growAt;
  private boolean crowded;
  /** Counts that do not fit the 32-bit field, by key; null until one is needed. */
  private java.util.HashMap<String, Long> bigHits;

  /** A table sized to hold {@code expected} keys without growing. */
  public HitTable(int expected) {
    allocate(capacityFor(expected));
  }

  private static int capacityFor(int expected) {
    // at most half full: linear probing stays at ~1.5 probes per hit and ~2.5 per miss
    long want = Math.max(MIN_CAPACITY, 2L * Math.max(expected, 0));
    if (want > 1 << 30) throw new IllegalStateException("rate limit table: too many keys (" + expected + ")");
    return Integer.highestOneBit((int) want - 1) << 1;
  }

  private void allocate(int capacity) {
    slots = new long[capacity * STRIDE];
    keys = new String[capacity];
    mask = capacity - 1;
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    growAt = capacity / 2;
    size = 0;
  }

  /**
   * The cheap hash of a key: its String hash code (computed once per String and kept in it)
   * through a seeded bijective mix. Keys with equal hash codes get equal hashes, which is why
   * tables report {@link #crowded()}.
   */
  public static long fastHash(String key, long seed) {
    long h = (key.hashCode() ^ seed) * 0x9E3779B97F4A7C15L;
    h ^= h >>> 32;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 29;
    return h;
  }

  /**
   * The collision-resistant hash of a key, different for each seed. Each step mixes four
   * characters into the state with a bijection (xor, multiply by an odd constant, xor-shift), so
   * keys of the same length that differ in one block never collide, and which keys collide at all
   * depends on the unknown seed.
   */
  public static long hash(String key, long seed) {
    int n = key.length();
    long h = seed ^ (n * 0x9E3779B97F4A7C15L);
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long w = key.charAt(i) | (long) key.charAt(i + 1) << 16 | (long) key.charAt(i + 2) << 32
          | (long) key.charAt(i + 3) << 48;
      h = (h ^ w) * 0xFF51AFD7ED558CCDL;
      h ^= h >>> 32;
    }
    long w = 0;
    for (int s = 0; i < n; i++, s += 16) w |= (long) key.charAt(i) << s;
    h = (h ^ w) * 0xFF51AFD7ED558CCDL;
    // murmur3's finalizer: every input bit reaches the top bits (the slot) and the low bits (the segment)
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  /** The part of a hash a slot keeps: its top 32 bits, never 0 (0 marks a free slot). */
  private static long tag(long hash) {
    long t = hash >>> 32;
    return t == 0 ? 1 : t;
  }

  /** Whether an insert (or a growth) placed a key {@link #CROWDED_DISTANCE} or more slots past its home. */
  public boolean crowded() {
    return crowded;
  }

  /** Keys held. */
  public int size() {
    return size;
  }

  /** Slots (a power of two), for tests. */
  public int capacity() {
    return mask + 1;
  }

  private int home(long tag) {
    return (int) (tag >>> shift);
  }

  /** The slot holding {@code key} ({@code hash} is its {@link #hash} or {@link #fastHash}), or -1. */
  public int find(long hash, String key) {
    long t = tag(hash);
    long[] s = slots;
    String[] k = keys;
    int m = mask;
    for (int i = home(t); ; i = (i + 1) & m) {
      long word = s[i * STRIDE];
      if (word == 0) return -1;
      if (word >>> 32 == t) {
        String other = k[i];
        if (other == key || other.equals(key)) return i;
      }
    }
  }

  /** Adds a key that is not in the table; returns its slot (valid until the next insert or remove). */
  public int insert(long hash, String key, long hits, long resetAt) {
    if (size >= growAt) grow();
    long t = tag(hash);
    int i = freeSlot(t);
    slots[i * STRIDE] = t << 32;
    slots[i * STRIDE + 1] = resetAt;
    keys[i] = key;
    hits(i, hits);
    size++;
    return i;
  }

  private int freeSlot(long tag) {
    int home = home(tag);
    int i = home;
    while (slots[i * STRIDE] != 0) i = (i + 1) & mask;
    if (((i - home) & mask) >= CROWDED_DISTANCE) crowded = true;
    return i;
  }

  private void grow() {
    long[] oldSlots = slots;
    String[] oldKeys = keys;
    int oldSize = size;
    allocate((mask + 1) * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      long word = oldSlots[i * STRIDE];
      if (word != 0) {
        int j = freeSlot(word >>> 32);
        slots[j * STRIDE] = word;
        slots[j * STRIDE + 1] = oldSlots[i * STRIDE + 1];
        keys[j] = oldKeys[i];
      }
    }
    size = oldSize;
  }

  /** A table holding the same entries as this one under another hash function, at the same capacity. */
  public HitTable rehash(java.util.function.ToLongFunction<String> hashOf) {
    HitTable t = new HitTable(0);
    t.allocate(mask + 1);
    for (int i = 0; i < keys.length; i++) {
      long word = slots[i * STRIDE];
      if (word != 0) {
        long tag = tag(hashOf.applyAsLong(keys[i]));
        int j = t.freeSlot(tag);
        t.slots[j * STRIDE] = tag << 32 | (word & LOW);
        t.slots[j * STRIDE + 1] = slots[i * STRIDE + 1];
        t.keys[j] = keys[i];
      }
    }
    t.size = size;
    if (bigHits != null) t.bigHits = new java.util.HashMap<>(bigHits);
    return t;
  }

  /** The key in a slot. */
  public String key(int slot) {
    return keys[slot];
  }

  /** The hits in a slot. */
  public long hits(int slot) {
    long h = slots[slot * STRIDE] & LOW;
    return h != SPILLED ? h : bigHits.get(keys[slot]);
  }

  /** Sets the hits in a slot (not negative). */
  public void hits(int slot, long hits) {
    int b = slot * STRIDE;
    long word = slots[b];
    if ((word & LOW) == SPILLED) bigHits.remove(keys[slot]);
    if (hits >= SPILLED) {
      if (bigHits == null) bigHits = new java.util.HashMap<>();
      bigHits.put(keys[slot], hits);
      hits = SPILLED;
    }
    slots[b] = (word & ~LOW) | hits;
  }

  /** The reset time (epoch milliseconds) in a slot. */
  public long resetAt(int slot) {
    return slots[slot * STRIDE + 1];
  }

  /** Sets the reset time in a slot. */
  public void resetAt(int slot, long resetAt) {
    slots[slot * STRIDE + 1] = resetAt;
  }

  /**
   * Empties a slot, then moves back each following entry of the cluster that may live there (its
   * home slot is not cyclically between the hole and itself), so that every entry stays reachable
   * from its home slot without tombstones.
   */
  public void removeAt(int slot) {
    long[] s = slots;
    int m = mask;
    if ((s[slot * STRIDE] & LOW) == SPILLED) bigHits.remove(keys[slot]);
    int hole = slot;
    for (int j = (hole + 1) & m; ; j = (j + 1) & m) {
      long word = s[j * STRIDE];
      if (word == 0) break;
      int home = home(word >>> 32);
      boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        s[hole * STRIDE] = word;
        s[hole * STRIDE + 1] = s[j * STRIDE + 1];
        keys[hole] = keys[j];
        hole = j;
      }
    }
    s[hole * STRIDE] = 0;
    s[hole * STRIDE + 1] = 0;
    keys[hole] = null;
    size--;
  }

  /** Removes {@code key} if present; returns whether it was. */
  public boolean remove(long hash, String key) {
    int i = find(hash, key);
    if (i < 0) return false;
    removeAt(i);
    return true;
  }
}
