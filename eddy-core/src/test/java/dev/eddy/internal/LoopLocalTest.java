package dev.eddy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Eddy;
import dev.eddy.Loop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Loop.current() on every kind of thread, and the loop-local values built on it. */
class LoopLocalTest {
  private static final LoopLocal<Object> VALUE = LoopLocal.withInitial(Object::new);

  /** Runs {@code body} as the main module of a started loop; returns what it produced. */
  private static <T> T onStartedLoop(java.util.function.Function<Loop, T> body) throws Exception {
    Loop loop = Loop.create();
    AtomicReference<T> out = new AtomicReference<>();
    int code = loop.start(() -> out.set(body.apply(loop))).get(10, TimeUnit.SECONDS);
    assertThat(code).isZero();
    return out.get();
  }

  @Test
  void aStartedLoopIsCurrentOnItsThreadInEveryCallback() throws Exception {
    Loop loop = Loop.create();
    List<Loop> seen = new ArrayList<>();
    loop.start(() -> {
      seen.add(Loop.current());
      Eddy.setTimeout(() -> seen.add(Loop.current()), 1);
      Eddy.setImmediate(() -> seen.add(Loop.current()));
    }).get(10, TimeUnit.SECONDS);
    assertThat(seen).hasSize(3).containsOnly(loop);
    assertThat(Loop.current()).isNull(); // the test's thread runs none
  }

  @Test
  void twoCallerThreadsRunningLoopsAtOnceEachSeeTheirOwn() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    Loop[] loops = {Loop.create(), Loop.create()};
    Loop[] seen = new Loop[4];
    Thread[] threads = new Thread[2];
    for (int i = 0; i < 2; i++) {
      int k = i;
      threads[i] = new Thread(() -> {
        loops[k].run(() -> {
          bothRunning.countDown();
          try {
            // the first caller's loop is found in a field, the second's in the thread local:
            // both must answer while the other runs
            assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          seen[k] = Loop.current();
          Eddy.setImmediate(() -> seen[k + 2] = Loop.current());
        });
        assertThat(Loop.current()).isNull();
      });
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(seen).containsExactly(loops[0], loops[1], loops[0], loops[1]);
  }

  @Test
  void loopsRunOneAfterTheOtherOnTheSameCallerThread() throws Exception {
    CompletableFuture<List<Loop>> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      List<Loop> seen = new ArrayList<>();
      Loop a = Loop.create();
      a.run(() -> seen.add(Loop.current()));
      seen.add(Loop.current());
      Loop b = Loop.create();
      b.run(() -> seen.add(Loop.current()));
      seen.add(Loop.current());
      seen.add(a);
      seen.add(b);
      result.complete(seen);
    });
    t.start();
    List<Loop> seen = result.get(10, TimeUnit.SECONDS);
    assertThat(seen.get(0)).isSameAs(seen.get(4));
    assertThat(seen.get(1)).isNull();
    assertThat(seen.get(2)).isSameAs(seen.get(5));
    assertThat(seen.get(3)).isNull();
  }

  @Test
  void aValueIsKeptPerLoopAndSharedByItsCallbacks() throws Exception {
    Object[] first = onStartedLoop(loop -> {
      Object[] v = new Object[2];
      v[0] = VALUE.get();
      Eddy.setTimeout(() -> v[1] = VALUE.get(), 1);
      return v;
    });
    Object other = onStartedLoop(loop -> VALUE.get());
    assertThat(first[0]).isNotNull().isSameAs(first[1]);
    assertThat(other).isNotNull().isNotSameAs(first[0]);
  }

  @Test
  void offALoopEachThreadHasItsOwnValue() throws Exception {
    Object here = VALUE.get();
    assertThat(VALUE.get()).isSameAs(here);
    CompletableFuture<Object> there = new CompletableFuture<>();
    Thread t = new Thread(() -> there.complete(VALUE.get()));
    t.start();
    assertThat(there.get(10, TimeUnit.SECONDS)).isNotNull().isNotSameAs(here);
    Object onLoop = onStartedLoop(loop -> VALUE.get());
    assertThat(onLoop).isNotSameAs(here);
  }

  @Test
  void anAsyncBodyHoldingTheLoopSeesTheLoopsValue() throws Exception {
    Object[] seen = onStartedLoop(loop -> {
      Object[] v = new Object[3];
      v[0] = VALUE.get();
      Eddy.async(() -> {
        v[1] = Loop.current();
        v[2] = VALUE.get();
        return null;
      });
      return new Object[] {v, loop};
    });
    Object[] v = (Object[]) seen[0];
    assertThat(v[1]).isSameAs(seen[1]);
    assertThat(v[2]).isSameAs(v[0]);
  }

  @Test
  void manyLocalsGrowTheLoopsSlots() throws Exception {
    List<LoopLocal<int[]>> locals = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int k = i;
      locals.add(LoopLocal.withInitial(() -> new int[] {k}));
    }
    int[] got = onStartedLoop(loop -> {
      int[] values = new int[locals.size()];
      for (int i = 0; i < values.length; i++) {
        locals.get(i).get()[0] += 100;
        values[i] = locals.get(i).get()[0];
      }
      return values;
    });
    for (int i = 0; i < got.length; i++) {
      assertThat(got[i]).isEqualTo(i + 100);
    }
  }
}
