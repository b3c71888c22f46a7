package dev.eddy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * libuv's thread pool: a fixed number of daemon threads shared by every loop of the JVM
 * ({@code EDDY_THREADPOOL_SIZE}, default 4, like {@code UV_THREADPOOL_SIZE}), and a
 * virtual-thread executor for work that mostly waits.
 */
final class BlockingPool {
  private BlockingPool() {}

  static final String SIZE_VARIABLE = "EDDY_THREADPOOL_SIZE";

  static int configuredSize(String value) {
    if (value == null || value.isBlank()) {
      return 4;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= 1024) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the same message as a value out of range
    }
    throw new IllegalStateException(SIZE_VARIABLE + " must be a whole number from 1 to 1024 (libuv's "
        + "limit), but it is '" + value + "'; unset it for the default of 4");
  }

  private static final class Fixed {
    static final ExecutorService POOL = create();

    private static ExecutorService create() {
      int size = configuredSize(System.getenv(SIZE_VARIABLE));
      AtomicInteger ids = new AtomicInteger();
      ThreadFactory f = r -> {
        Thread t = new Thread(r, "eddy-blocking-" + ids.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      return Executors.newFixedThreadPool(size, f);
    }
  }

  private static final class Virtual {
    static final ExecutorService POOL = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("eddy-blocking-virtual-", 1).factory());
  }

  static BlockingPoolStats stats() {
    if (fixed() instanceof java.util.concurrent.ThreadPoolExecutor t) {
      return new BlockingPoolStats(t.getMaximumPoolSize(), t.getActiveCount(), t.getQueue().size(),
          t.getCompletedTaskCount());
    }
    return new BlockingPoolStats(0, 0, 0, 0);
  }

  static ExecutorService fixed() {
    return Fixed.POOL;
  }

  static ExecutorService virtual() {
    return Virtual.POOL;
  }
}
