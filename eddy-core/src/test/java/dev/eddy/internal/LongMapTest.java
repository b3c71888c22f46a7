package dev.eddy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongMapTest {
  /** Random puts and removes over a small key range (many collisions) agree with HashMap. */
  @Test
  void behavesLikeAHashMap() {
    Random rnd = new Random(1234);
    LongMap<String> map = new LongMap<>();
    Map<Long, String> model = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      long key = rnd.nextInt(300) * (rnd.nextBoolean() ? 1L : 1_000_003L);
      switch (rnd.nextInt(3)) {
        case 0 -> {
          map.put(key, "v" + step);
          model.put(key, "v" + step);
        }
        case 1 -> {
          map.remove(key);
          model.remove(key);
        }
        default -> assertThat(map.get(key)).isEqualTo(model.get(key));
      }
      assertThat(map.size()).isEqualTo(model.size());
    }
    for (Map.Entry<Long, String> e : model.entrySet()) {
      assertThat(map.get(e.getKey())).isEqualTo(e.getValue());
    }
  }
}
