package dev.eddy.ops;

import dev.eddy.Loop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntConsumer;

/**
 * N event loops in this JVM, each on its own thread running the same main: the JVM's better
 * default for using every core, where Node needs a {@link Cluster} of processes. The loops share
 * one heap, one JIT and one port (listen with {@code reusePort(true)}, and the kernel spreads the
 * connections), while each request still runs on one loop thread. Handlers must not share
 * unsynchronized state across loops: give each loop its own app, or keep shared state in
 * thread-safe structures.
 *
 * <pre>{@code
 * LoopGroup.main(Runtime.getRuntime().availableProcessors(), i -> {
 *   App app = buildApp();                       // one app per loop
 *   app.listen(new Server.ListenOptions().port(3000).reusePort(true), null);
 * });
 * }</pre>
 */
public final class LoopGroup {
  private LoopGroup() {}

  /**
   * Starts {@code loops} loops, each running {@code main} with its index (0 to loops - 1) as its
   * main module, and waits until every one has ended.
   *
   * @return 0 if every loop ended with 0, otherwise the first non-zero exit code by index
   * @throws IllegalArgumentException if {@code loops} is below 1
   */
  public static int run(int loops, IntConsumer main) {
    if (loops < 1) {
      throw new IllegalArgumentException("LoopGroup: need at least one loop, got " + loops);
    }
    List<CompletableFuture<Integer>> ends = new ArrayList<>();
    for (int i = 0; i < loops; i++) {
      int index = i;
      ends.add(Loop.create().start(() -> main.accept(index)));
    }
    int code = 0;
    for (CompletableFuture<Integer> end : ends) {
      int c;
      try {
        c = end.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      } catch (ExecutionException e) {
        c = 1;
      }
      if (code == 0) {
        code = c;
      }
    }
    return code;
  }

  /** {@link #run} from a program's {@code main}, then exits the JVM with its code (as {@code Eddy.main}). */
  public static void main(int loops, IntConsumer main) {
    System.exit(run(loops, main));
  }
}
