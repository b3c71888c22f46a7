package dev.eddy.worker;

import static dev.eddy.Eddy.setImmediate;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Buffer;
import dev.eddy.EddyProcess;
import dev.eddy.Loop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WorkerTest {
  record Point(int x, int y) {}

  record Bag(String name, List<Integer> items) {}

  enum Color { RED }

  /** Runs {@code main} as the parent program on a new loop and returns its exit code. */
  static int parent(Runnable main) throws Exception {
    return Loop.create().start(main).get(10, SECONDS);
  }

  @Test
  void pingPongOfAThousandMessagesStaysInOrder() throws Exception {
    List<Object> got = new ArrayList<>();
    List<Integer> exits = new ArrayList<>();
    int code = parent(() -> {
      Worker w = new Worker(ctx -> ctx.on(WorkerContext.MESSAGE, m -> {
        if (m.equals("done")) {
          ctx.close();
        } else {
          ctx.postMessage(m);
        }
      }));
      w.on(Worker.MESSAGE, m -> {
        got.add(m);
        w.postMessage(got.size() == 1000 ? "done" : (Object) got.size());
      });
      w.on(Worker.EXIT, exits::add);
      w.postMessage(0);
    });
    assertThat(code).isZero();
    assertThat(got).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(got.get(i)).isEqualTo(i);
    }
    assertThat(exits).containsExactly(0);
  }

  @Test
  void aBurstOfMessagesArrivesInTheOrderPosted() throws Exception {
    List<Object> got = new ArrayList<>();
    int code = parent(() -> {
      Worker w = new Worker(ctx -> {
        for (int i = 0; i < 1000; i++) {
          ctx.postMessage(i);
        }
      });
      w.on(Worker.MESSAGE, got::add);
    });
    assertThat(code).isZero();
    assertThat(got).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(got.get(i)).isEqualTo(i);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void messagesAreCopiesThatTheSenderCanNoLongerChange() throws Exception {
    ArrayList<Integer> list = new ArrayList<>(List.of(1, 2, 3));
    Map<String, Object> map = new HashMap<>(Map.of("k", list));
    byte[] bytes = {1, 2, 3};
    Buffer buf = Buffer.from(new byte[] {1, 2, 3});
    Point point = new Point(1, 2);
    Bag bag = new Bag("b", list);
    List<Object> got = new ArrayList<>();
    int code = parent(() -> {
      Worker w = new Worker(ctx -> ctx.once(WorkerContext.MESSAGE, m -> {
        List<?> l = (List<?>) m;
        ((List<Object>) l.get(0)).add(100); // the receiver owns a mutable copy
        ctx.postMessage(List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6),
            String.valueOf(l.get(0) == ((Map<?, ?>) l.get(1)).get("k"))));
      }));
      w.on(Worker.MESSAGE, m -> got.addAll((List<?>) m));
      w.postMessage(List.of(list, map, bytes, buf, point, bag, Color.RED));
      list.add(4);
      map.put("other", 1);
      bytes[0] = 9;
      buf.set(0, 9);
    });
    assertThat(code).isZero();
    assertThat(got.get(0)).isEqualTo(List.of(1, 2, 3, 100));
    assertThat(got.get(1)).isEqualTo(Map.of("k", List.of(1, 2, 3, 100)));
    assertThat((byte[]) got.get(2)).containsExactly(1, 2, 3);
    assertThat(((Buffer) got.get(3)).toByteArray()).containsExactly(1, 2, 3);
    assertThat(got.get(4)).isSameAs(point);
    // Rebuilt around the copy of the shared list, so the worker's 100 shows here too.
    assertThat(got.get(5)).isEqualTo(new Bag("b", List.of(1, 2, 3, 100))).isNotSameAs(bag);
    assertThat(got.get(6)).isSameAs(Color.RED);
    assertThat(got.get(7)).as("a list shared inside the message stays shared in the copy").isEqualTo("true");
  }

  @Test
  void aValueThatCannotBeClonedIsRefusedAtOnceOnEitherSide() throws Exception {
    List<Object> got = new ArrayList<>();
    int code = parent(() -> {
      Worker w = new Worker(ctx -> {
        try {
          ctx.postMessage(Map.of("thread", Thread.currentThread()));
        } catch (IllegalArgumentException e) {
          ctx.postMessage("worker: " + e.getMessage());
        }
      });
      w.on(Worker.MESSAGE, got::add);
      try {
        w.postMessage(List.of(1, new StringBuilder("x")));
      } catch (IllegalArgumentException e) {
        got.add("parent: " + e.getMessage());
      }
    });
    assertThat(code).isZero();
    assertThat(got).hasSize(2);
    assertThat((String) got.get(0)).startsWith("parent: DataCloneError: message[1] is a java.lang.StringBuilder");
    // the worker's loop thread (a Thread subclass of Eddy's)
    assertThat((String) got.get(1)).startsWith("worker: DataCloneError: message.get(thread) is a ")
        .contains("Thread, which cannot be cloned");
  }

  @Test
  void aTransferredBufferMovesItsMemoryAndDetachesTheSendersCopiedOneDoesNot() throws Exception {
    Buffer moved = Buffer.from(new byte[] {1, 2, 3, 4});
    Buffer alias = moved.subarray(0); // another view of the same memory, which transfer leaves alone
    Buffer copied = Buffer.from(new byte[] {1, 2, 3, 4});
    List<Object> seen = new ArrayList<>();
    int code = parent(() -> {
      Worker w = new Worker(ctx -> ctx.once(WorkerContext.MESSAGE, m -> {
        for (Object b : (List<?>) m) {
          ((Buffer) b).set(0, 99);
        }
        ctx.postMessage("written");
      }));
      w.on(Worker.MESSAGE, m -> {
        seen.add(alias.get(0)); // 99: the worker wrote into the very same memory
        seen.add(copied.get(0)); // 1: the worker wrote into a copy
      });
      w.postMessage(List.of(moved, copied), List.of(moved));
      seen.add("sender length " + moved.length());
    });
    assertThat(code).isZero();
    assertThat(seen).containsExactly("sender length 0", 99, 1);
  }

  @Test
  void anUncaughtExceptionInTheWorkerReachesTheParentAsErrorThenExit1() throws Exception {
    List<String> events = new ArrayList<>();
    int code = parent(() -> {
      Worker sync = new Worker(ctx -> {
        throw new IllegalStateException("boom");
      });
      sync.on(Worker.ERROR, e -> events.add("sync error:" + e.getMessage()));
      sync.on(Worker.EXIT, c -> events.add("sync exit:" + c));
      Worker later = new Worker(ctx -> setImmediate(() -> {
        throw new IllegalStateException("later");
      }));
      later.on(Worker.ERROR, e -> events.add("later error:" + e.getMessage()));
      later.on(Worker.EXIT, c -> events.add("later exit:" + c));
    });
    assertThat(code).isZero();
    assertThat(events).containsSubsequence("sync error:boom", "sync exit:1");
    assertThat(events).containsSubsequence("later error:later", "later exit:1");
    assertThat(events).hasSize(4);
  }

  @Test
  void aWorkerThatHandlesItsOwnUncaughtExceptionsKeepsRunning() throws Exception {
    List<String> events = new ArrayList<>();
    int code = parent(() -> {
      Worker w = new Worker(ctx -> {
        Loop.current().process().on(EddyProcess.UNCAUGHT_EXCEPTION,
            e -> ctx.postMessage("handled " + e.getMessage()));
        throw new IllegalStateException("boom");
      });
      w.on(Worker.MESSAGE, m -> events.add((String) m));
      w.on(Worker.ERROR, e -> events.add("error"));
      w.on(Worker.EXIT, c -> events.add("exit:" + c));
    });
    assertThat(code).isZero();
    assertThat(events).containsExactly("handled boom", "exit:0");
  }

  @Test
  void terminateEndsAWorkerWithExitCode1() throws Exception {
    List<String> events = new ArrayList<>();
    int code = parent(() -> {
      // A message listener keeps this worker alive forever.
      Worker w = new Worker(ctx -> ctx.on(WorkerContext.MESSAGE, m -> {}));
      w.on(Worker.ONLINE, v -> w.terminate().thenAccept(c -> events.add("terminate:" + c)));
      w.on(Worker.ERROR, e -> events.add("error"));
      w.on(Worker.EXIT, c -> events.add("exit:" + c));
    });
    assertThat(code).isZero();
    assertThat(events).containsExactlyInAnyOrder("terminate:1", "exit:1");
  }

  @Test
  void terminateInterruptsAWorkerBlockedInAWait() throws Exception {
    List<String> events = new ArrayList<>();
    int code = parent(() -> {
      Worker w = new Worker(ctx -> new CountDownLatch(1).await());
      w.on(Worker.ONLINE, v -> w.terminate().thenAccept(c -> events.add("terminate:" + c)));
      w.on(Worker.ERROR, e -> events.add("error"));
      w.on(Worker.EXIT, c -> events.add("exit:" + c));
    });
    assertThat(code).isZero();
    assertThat(events).containsExactlyInAnyOrder("terminate:1", "exit:1");
  }

  @Test
  void anUnrefdWorkerLetsTheParentLoopEnd() throws Exception {
    CompletableFuture<AutoCloseable> workerKeep = new CompletableFuture<>();
    CompletableFuture<Loop> workerLoop = new CompletableFuture<>();
    int code = parent(() -> new Worker(ctx -> {
      workerLoop.complete(Loop.current());
      workerKeep.complete(Loop.current().keepAlive());
    }).unref());
    assertThat(code).isZero();
    Loop child = workerLoop.get(10, SECONDS);
    AutoCloseable keep = workerKeep.get(10, SECONDS);
    assertThat(child.isFinished()).as("the worker still runs after its parent ended").isFalse();
    keep.close();
    assertThat(child.termination().get(10, SECONDS)).isZero();
  }

  @Test
  void workerDataIsClonedAndParentPortIsNullOutsideWorkers() throws Exception {
    List<Object> got = new ArrayList<>();
    ArrayList<String> data = new ArrayList<>(List.of("a"));
    int code = parent(() -> {
      got.add(WorkerContext.current() == null);
      Worker w = new Worker(ctx -> ctx.postMessage(List.of(ctx.workerData(),
          WorkerContext.current() == ctx, ctx.threadId())), data);
      data.add("b");
      w.on(Worker.MESSAGE, m -> {
        got.addAll((List<?>) m);
        got.add(w.threadId());
      });
    });
    assertThat(code).isZero();
    assertThat(got.subList(0, 3)).containsExactly(true, List.of("a"), true);
    assertThat(got.get(3)).isEqualTo(got.get(4));
  }
}
