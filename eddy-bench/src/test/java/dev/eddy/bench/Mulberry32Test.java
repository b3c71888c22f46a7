package dev.eddy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The Java port draws the same delays as Node's harness.js. Expected values from Node 20:
 * {@code prng(42)} -> floor(r*101) and {@code prng(7)} -> 1+floor(r*100), the first 8 values and a
 * hash ((s*31+v)>>>0) of the first 1000.
 */
class Mulberry32Test {
  private static long hash(int[] values) {
    long s = 0;
    for (int v : values) {
      s = (s * 31 + v) & 0xffffffffL;
    }
    return s;
  }

  @Test
  void sameDelaysAsNode() {
    Mulberry32 r42 = new Mulberry32(42);
    Mulberry32 r7 = new Mulberry32(7);
    int[] a = new int[1000];
    int[] b = new int[1000];
    for (int i = 0; i < 1000; i++) {
      a[i] = (int) Math.floor(r42.next() * 101);
      b[i] = 1 + (int) Math.floor(r7.next() * 100);
    }
    assertThat(java.util.Arrays.copyOf(a, 8)).containsExactly(60, 45, 86, 67, 17, 53, 27, 63);
    assertThat(java.util.Arrays.copyOf(b, 8)).containsExactly(2, 7, 98, 70, 53, 41, 47, 24);
    assertThat(hash(a)).isEqualTo(1121298517L);
    assertThat(hash(b)).isEqualTo(2595756448L);
  }
}
