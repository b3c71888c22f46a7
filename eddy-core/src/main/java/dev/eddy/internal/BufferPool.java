package dev.eddy.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Node's allocation pool (lib/buffer.js {@code allocPool}): small buffers are carved from a shared
 * 8 KiB slab, each starting at a multiple of 8, and a slab too full for a request is replaced by a
 * new one (the old one lives on in the buffers carved from it). One pool serves the whole JVM;
 * carving is a compare-and-set, so any thread may allocate without a lock.
 *
 * <p>Usage: {@code Slab s = current(); int at = s.claim(n); if (at < 0) { retire(s); retry }}.
 */
public final class BufferPool {
  private BufferPool() {}

  /** Node's {@code Buffer.poolSize}. */
  public static final int POOL_SIZE = 8192;

  private static volatile Slab current = new Slab();

  /** The slab to carve from now. */
  public static Slab current() {
    return current;
  }

  /** Replaces {@code full} by a fresh slab, unless another thread did so already. */
  public static void retire(Slab full) {
    if (current == full) {
      CURRENT.compareAndSet(full, new Slab());
    }
  }

  private static final VarHandle CURRENT;
  private static final VarHandle USED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CURRENT = lookup.findStaticVarHandle(BufferPool.class, "current", Slab.class);
      USED = lookup.findVarHandle(Slab.class, "used", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One 8 KiB array and how much of it is handed out. */
  public static final class Slab {
    /** The memory that pooled buffers view. */
    public final byte[] bytes = new byte[POOL_SIZE];
    private volatile int used;

    /**
     * Claims {@code size} bytes (at most half the pool, as Node) and returns their offset, or -1
     * if the slab has no room left for them.
     */
    public int claim(int size) {
      for (;;) {
        int at = used;
        if (size > bytes.length - at) {
          return -1;
        }
        if (USED.compareAndSet(this, at, align(at + size))) {
          return at;
        }
      }
    }

    /**
     * Gives back the tail of a claim that turned out longer than needed (an encoding's upper
     * bound), if nothing was claimed after it; otherwise the tail simply stays unused.
     */
    public void shrink(int at, int claimed, int needed) {
      USED.compareAndSet(this, align(at + claimed), align(at + needed));
    }

    private static int align(int offset) {
      // lib/buffer.js alignPool: later slices start 8-byte aligned.
      return (offset + 7) & ~7;
    }
  }
}
