package dev.eddy.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HitTableTest {
  /** A hash whose home slot in a 16-slot table is {@code slot}, with {@code tag} in the bits a slot keeps. */
  private static long at(int slot, long tag) {
    return (long) slot << 60 | tag << 32;
  }

  @Test
  void keysWithTheSameHashAreToldApartByEquals() {
    HitTable t = new HitTable(0);
    long h = at(3, 7);
    int a = t.insert(h, "a", 1, 100);
    int b = t.insert(h, "b", 2, 200);
    assertThat(t.find(h, "a")).isEqualTo(a);
    assertThat(t.find(h, "b")).isEqualTo(b);
    assertThat(t.find(h, new String("b"))).isEqualTo(b);
    assertThat(t.find(h, "c")).isEqualTo(-1);
    assertThat(t.hits(b)).isEqualTo(2);
    assertThat(t.resetAt(b)).isEqualTo(200);
    assertThat(t.remove(h, "a")).isTrue();
    // b moved into a's slot when a left, and is still found from its home slot
    assertThat(t.find(h, "b")).isEqualTo(a);
    assertThat(t.remove(h, "a")).isFalse();
    assertThat(t.size()).isEqualTo(1);
  }

  @Test
  void removalKeepsAClusterThatWrapsAroundTheEndReachable() {
    HitTable t = new HitTable(0);
    assertThat(t.capacity()).isEqualTo(16);
    // homes 14, 14, 15, 0: the cluster runs 14, 15, 0, 1
    t.insert(at(14, 1), "p", 1, 0);
    t.insert(at(14, 2), "q", 2, 0);
    t.insert(at(15, 3), "r", 3, 0);
    t.insert(at(0, 4), "s", 4, 0);
    assertThat(t.find(at(0, 4), "s")).isEqualTo(1);
    t.remove(at(14, 1), "p");
    assertThat(t.find(at(14, 2), "q")).isEqualTo(14);
    assertThat(t.find(at(15, 3), "r")).isEqualTo(15);
    assertThat(t.find(at(0, 4), "s")).isEqualTo(0);
    assertThat(t.hits(t.find(at(15, 3), "r"))).isEqualTo(3);
    t.remove(at(15, 3), "r");
    // s is at its home slot now: it stays there
    assertThat(t.find(at(0, 4), "s")).isEqualTo(0);
    assertThat(t.find(at(14, 2), "q")).isEqualTo(14);
    assertThat(t.size()).isEqualTo(2);
  }

  @Test
  void growsAtHalfFullAndKeepsEveryEntry() {
    HitTable t = new HitTable(0);
    Map<String, Long> expected = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      String k = "10.0." + (i >>> 8) + "." + (i & 255);
      t.insert(HitTable.hash(k, 42), k, i, i * 10L);
      expected.put(k, (long) i);
    }
    assertThat(t.size()).isEqualTo(10_000);
    assertThat(t.capacity()).isEqualTo(32_768);
    expected.forEach((k, v) -> {
      int slot = t.find(HitTable.hash(k, 42), k);
      assertThat(t.key(slot)).isEqualTo(k);
      assertThat(t.hits(slot)).isEqualTo(v);
      assertThat(t.resetAt(slot)).isEqualTo(v * 10);
    });
    assertThat(new HitTable(10_000).capacity()).isEqualTo(32_768);
  }

  @Test
  void randomInsertsAndRemovesAgreeWithAMap() {
    Random rnd = new Random(1);
    HitTable t = new HitTable(0);
    Map<String, Long> model = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      String k = "k" + rnd.nextInt(300);
      // few distinct hashes: long probe chains, many equal hashes, removals in the middle of clusters
      long h = at(k.hashCode() & 3, 1 + (k.hashCode() >>> 2 & 1));
      int slot = t.find(h, k);
      assertThat(slot >= 0).isEqualTo(model.containsKey(k));
      if (slot >= 0) {
        assertThat(t.hits(slot)).isEqualTo(model.get(k));
        if (rnd.nextBoolean()) {
          t.removeAt(slot);
          model.remove(k);
        }
      } else {
        t.insert(h, k, step, 0);
        model.put(k, (long) step);
      }
    }
    assertThat(t.size()).isEqualTo(model.size());
  }

  @Test
  void equalHashesCrowdTheTableAndARehashSpreadsThem() {
    HitTable t = new HitTable(0);
    for (int i = 0; i < HitTable.CROWDED_DISTANCE; i++) t.insert(at(5, 1), "k" + i, i, 0);
    assertThat(t.crowded()).isFalse();
    t.insert(at(5, 1), "last", 7, 70);
    assertThat(t.crowded()).isTrue();
    HitTable spread = t.rehash(k -> HitTable.hash(k, 3));
    assertThat(spread.crowded()).isFalse();
    assertThat(spread.size()).isEqualTo(HitTable.CROWDED_DISTANCE + 1);
    assertThat(spread.capacity()).isEqualTo(t.capacity());
    int slot = spread.find(HitTable.hash("last", 3), "last");
    assertThat(spread.hits(slot)).isEqualTo(7);
    assertThat(spread.resetAt(slot)).isEqualTo(70);
    assertThat(spread.hits(spread.find(HitTable.hash("k9", 3), "k9"))).isEqualTo(9);
  }

  @Test
  void theFastHashSpreadsHashCodesAndIsSeeded() {
    assertThat(HitTable.fastHash("Aa", 1)).isEqualTo(HitTable.fastHash("BB", 1));
    assertThat(HitTable.fastHash("Aa", 1)).isNotEqualTo(HitTable.fastHash("Aa", 2));
    assertThat(HitTable.fastHash("1.2.3.4", 1) >>> 60).isNotEqualTo(HitTable.fastHash("1.2.3.5", 1) >>> 60);
  }

  @Test
  void countsBeyond32BitsStayExact() {
    HitTable t = new HitTable(0);
    int a = t.insert(at(2, 1), "a", 5_000_000_000L, 10);
    t.insert(at(2, 1), "b", 0xFFFF_FFFEL, 20);
    assertThat(t.hits(a)).isEqualTo(5_000_000_000L);
    int b = t.find(at(2, 1), "b");
    t.hits(b, t.hits(b) + 1);
    assertThat(t.hits(b)).isEqualTo(0xFFFF_FFFFL);
    t.hits(b, t.hits(b) + 1);
    assertThat(t.hits(b)).isEqualTo(0x1_0000_0000L);
    t.hits(b, 3);
    assertThat(t.hits(b)).isEqualTo(3);
    // a moves back into its slot when a key before it leaves, and keeps its count through a rehash
    t.insert(at(1, 1), "c", 1, 0);
    HitTable r = t.rehash(k -> HitTable.hash(k, 9));
    assertThat(r.hits(r.find(HitTable.hash("a", 9), "a"))).isEqualTo(5_000_000_000L);
    t.remove(at(2, 1), "a");
    int again = t.insert(at(2, 1), "a", 7, 0);
    assertThat(t.hits(again)).isEqualTo(7);
    assertThat(t.resetAt(t.find(at(2, 1), "b"))).isEqualTo(20);
  }

  @Test
  void theHashDependsOnTheSeed() {
    assertThat(HitTable.hash("1.2.3.4", 1)).isNotEqualTo(HitTable.hash("1.2.3.4", 2));
    assertThat(HitTable.hash("1.2.3.4", 1)).isEqualTo(HitTable.hash(new String("1.2.3.4"), 1));
    // java.lang.String's hashCode collides on these; the table's hash does not
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat(HitTable.hash("Aa", 7)).isNotEqualTo(HitTable.hash("BB", 7));
  }
}
