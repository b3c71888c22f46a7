package dev.eddy.bench;

/**
 * mulberry32, ported bit for bit from {@code ../shared/bench/loop/node/harness.js} so that the
 * Java benchmarks draw the same delays as Node's: 32-bit state, returns a double in [0, 1).
 *
 * <p>JavaScript's {@code Math.imul} is Java's int multiplication; {@code x >>> 0} reinterprets as
 * unsigned; {@code t + Math.imul(...)} is a double sum in JavaScript, but {@code ^=} truncates it
 * with ToInt32 (modulo 2^32), which is exactly Java's wrapping int addition.
 */
public final class Mulberry32 {
  private int a;

  public Mulberry32(int seed) {
    this.a = seed;
  }

  public double next() {
    a += 0x6d2b79f5;
    int t = a;
    t = (t ^ (t >>> 15)) * (t | 1);
    t ^= t + (t ^ (t >>> 7)) * (t | 61);
    return Integer.toUnsignedLong(t ^ (t >>> 14)) / 4294967296.0;
  }

  /** Prints the first {@code count} draws of {@code seed} (default 42, 10), to compare with Node. */
  public static void main(String[] args) {
    Mulberry32 r = new Mulberry32(args.length > 0 ? Integer.parseInt(args[0]) : 42);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    for (int i = 0; i < count; i++) {
      System.out.println(r.next());
    }
  }
}
