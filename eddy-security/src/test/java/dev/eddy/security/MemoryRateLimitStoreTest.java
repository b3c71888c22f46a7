package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MemoryRateLimitStoreTest {
  /**
   * express-rate-limit 8's MemoryStore as written there: two maps, an interval timer that makes
   * the current map the previous one every window, clients moved back on access.
   */
  static final class ExpressModel {
    final long windowMs;
    long nextTick;
    Map<String, long[]> current = new HashMap<>();
    Map<String, long[]> previous = new HashMap<>();

    ExpressModel(long now, long windowMs) {
      this.windowMs = windowMs;
      this.nextTick = now + windowMs;
    }

    void timers(long now) {
      while (now >= nextTick) {
        previous = current;
        current = new HashMap<>();
        nextTick += windowMs;
      }
    }

    long[] client(String key, long now) {
      long[] c = current.get(key);
      if (c != null) return c;
      c = previous.remove(key);
      if (c == null) c = new long[] {0, now + windowMs};
      current.put(key, c);
      return c;
    }

    RateLimitStore.Hit increment(String key, long now) {
      timers(now);
      long[] c = client(key, now);
      if (c[1] <= now) {
        c[0] = 0;
        c[1] = now + windowMs;
      }
      c[0]++;
      return new RateLimitStore.Hit(c[0], c[1]);
    }

    void decrement(String key, long now) {
      timers(now);
      long[] c = client(key, now);
      if (c[0] > 0) c[0]--;
    }

    void resetKey(String key) {
      current.remove(key);
      previous.remove(key);
    }

    int size(long now) {
      timers(now);
      return current.size() + previous.size();
    }
  }

  record Op(int kind, int key, long advanceMs) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = Combinators.combine(
        Arbitraries.integers().between(0, 9),
        Arbitraries.integers().between(0, 40),
        Arbitraries.longs().between(0, 2_500).injectDuplicates(0.2))
        .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(400);
  }

  @Property(tries = 300)
  void behavesAsExpressRateLimitsMemoryStore(@ForAll("ops") List<Op> ops, @ForAll long seed) {
    AtomicLong now = new AtomicLong(1_700_000_000_000L);
    MemoryRateLimitStore store = new MemoryRateLimitStore(now::get, seed);
    store.init(Duration.ofSeconds(1));
    ExpressModel model = new ExpressModel(now.get(), 1_000);
    for (Op op : ops) {
      now.addAndGet(op.advanceMs() % 3 == 0 ? 0 : op.advanceMs() / 10);
      String key = "10.0.0." + op.key();
      switch (op.kind()) {
        case 0 -> store.unhit(key);
        case 1 -> store.forget(key);
        case 2 -> assertThat(store.size()).isEqualTo(model.size(now.get()));
        default -> assertThat(store.hit(key)).as("hit %s at %d", key, now.get())
            .isEqualTo(model.increment(key, now.get()));
      }
      if (op.kind() == 0) model.decrement(key, now.get());
      if (op.kind() == 1) model.resetKey(key);
      if (op.advanceMs() == 2_500) now.addAndGet(2_500);
    }
    assertThat(store.size()).isEqualTo(model.size(now.get()));
  }

  @Test
  void aDecrementOfAnUnknownKeyStartsItsWindow() {
    AtomicLong now = new AtomicLong(1_000_000);
    MemoryRateLimitStore store = new MemoryRateLimitStore(now::get);
    store.init(Duration.ofSeconds(10));
    store.unhit("a");
    now.addAndGet(4_000);
    assertThat(store.hit("a")).isEqualTo(new RateLimitStore.Hit(1, 1_010_000));
    store.unhit("a");
    store.unhit("a");
    assertThat(store.hit("a")).isEqualTo(new RateLimitStore.Hit(1, 1_010_000));
  }

  @Test
  void keysAreDroppedAfterAWholeWindowWithoutAHitAndResetAllForgetsEverything() {
    AtomicLong now = new AtomicLong(0);
    MemoryRateLimitStore store = new MemoryRateLimitStore(now::get);
    store.init(Duration.ofSeconds(10));
    for (int i = 0; i < 1_000; i++) store.hit("k" + i);
    assertThat(store.size()).isEqualTo(1_000);
    now.set(10_000);                      // one rotation: all in the previous generation
    store.hit("k0");                      // moved back
    assertThat(store.size()).isEqualTo(1_000);
    now.set(20_000);                      // the others are dropped
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.hit("k0")).isEqualTo(new RateLimitStore.Hit(1, 30_000));
    store.forgetAll();
    assertThat(store.size()).isZero();
    assertThat(store.hit("k0")).isEqualTo(new RateLimitStore.Hit(1, 30_000));
  }

  @Test
  void manyKeysGrowTheTablesAndKeepTheirCounts() {
    AtomicLong now = new AtomicLong(0);
    MemoryRateLimitStore store = new MemoryRateLimitStore(now::get);
    store.init(Duration.ofMinutes(1));
    int keys = 200_000;
    for (int round = 1; round <= 3; round++) {
      for (int i = 0; i < keys; i++) {
        assertThat(store.hit("10." + (i >>> 16) + "." + (i >>> 8 & 255) + "." + (i & 255)).totalHits()).isEqualTo(round);
      }
    }
    assertThat(store.size()).isEqualTo(keys);
    assertThat(store.seededHashing()).isFalse();
  }

  @Test
  void keysCraftedToShareAHashCodeSwitchToTheSeededHashAndKeepTheirCounts() {
    // "Aa" and "BB" have the same String hash code, so do all 2^12 strings of 12 such pairs
    List<String> keys = new ArrayList<>();
    for (int bits = 0; bits < 1 << 12; bits++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 12; i++) sb.append((bits >>> i & 1) == 0 ? "Aa" : "BB");
      keys.add(sb.toString());
    }
    assertThat(keys.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
    AtomicLong now = new AtomicLong(0);
    MemoryRateLimitStore store = new MemoryRateLimitStore(now::get, 99);
    store.init(Duration.ofSeconds(10));
    for (String k : keys) store.hit(k);
    now.set(10_000);                      // half of them move back from the previous generation
    for (int i = 0; i < keys.size(); i += 2) assertThat(store.hit(keys.get(i)).totalHits()).isEqualTo(1);
    assertThat(store.seededHashing()).isTrue();
    for (int i = 0; i < keys.size(); i++) {
      assertThat(store.hit(keys.get(i)).totalHits()).as(keys.get(i)).isEqualTo(i % 2 == 0 ? 2 : 1);
    }
    store.forget(keys.get(0));
    assertThat(store.hit(keys.get(0)).totalHits()).isEqualTo(1);
    assertThat(store.size()).isEqualTo(keys.size());
  }

  @Test
  void threadsSharingAStoreLoseNoHit() throws Exception {
    MemoryRateLimitStore store = new MemoryRateLimitStore(() -> 0);
    store.init(Duration.ofMinutes(1));
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 20_000; i++) store.hit("k" + (i % 50));
      }));
    }
    for (Thread t : threads) t.join();
    for (int k = 0; k < 50; k++) assertThat(store.hit("k" + k).totalHits()).isEqualTo(4 * 400 + 1);
  }
}
