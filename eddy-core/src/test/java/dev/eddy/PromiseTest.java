package dev.eddy;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;
import static dev.eddy.Eddy.process;
import static dev.eddy.Eddy.setTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PromiseTest {

  /** The same program as /tmp/p.js below, run on Node 20; its output is the expected list. */
  @Test
  void combinatorsFinallyThenablesAndAwaitInterleaveAsInNode() {
    // node -e: see the javadoc of each line; Node 20.20 printed this list.
    List<String> node = List.of("async-start", "f", "a", "f2", "await:5", "b", "all:1,2", "race:r",
        "any:y", "settled:rejected/fulfilled", "thenable.then",
        "agg:AggregateException:All promises were rejected:2", "allrej:no", "catch:r1", "c",
        "adopted:T", "ret:7", "fin:1", "d", "caught:boom", "e");
    Run r = Run.virtual(run -> {
      List<String> log = run.log;
      Promise.resolve(1).andFinally(() -> log.add("f")).thenAccept(v -> log.add("fin:" + v));
      Promise.resolve().thenRun(() -> log.add("a")).thenRun(() -> log.add("b"))
          .thenRun(() -> log.add("c")).thenRun(() -> log.add("d")).thenRun(() -> log.add("e"));
      Promise.all(List.of(Promise.resolve(1), Promise.resolve(2)))
          .thenAccept(v -> log.add("all:" + v.get(0) + "," + v.get(1)));
      Promise.race(List.of(Promise.<String>create((res, rej) -> {}), Promise.resolve("r")))
          .thenAccept(v -> log.add("race:" + v));
      Promise.any(List.of(Promise.<String>reject(new RuntimeException("x")), Promise.resolve("y")))
          .thenAccept(v -> log.add("any:" + v));
      Promise.allSettled(List.of(Promise.<String>reject(new RuntimeException("x")), Promise.resolve("y")))
          .thenAccept(v -> log.add("settled:" + v.get(0).status() + "/" + v.get(1).status()));
      Thenable<String> thenable = (res, rej) -> {
        log.add("thenable.then");
        res.accept("T");
      };
      Promise.resolve().<Object>then(v -> thenable).thenAccept(v -> log.add("adopted:" + v));
      Promise.reject(new RuntimeException("boom")).andFinally(() -> log.add("f2"))
          .catchAccept(e -> log.add("caught:" + e.getMessage()));
      Promise.any(List.of(Promise.reject(new RuntimeException("x1")), Promise.reject(new RuntimeException("x2"))))
          .catchAccept(e -> log.add("agg:" + e.getClass().getSimpleName() + ":" + e.getMessage() + ":"
              + ((AggregateException) e).errors().size()));
      Promise.all(List.of(Promise.resolve(1), Promise.<Integer>reject(new RuntimeException("no"))))
          .catchAccept(e -> log.add("allrej:" + e.getMessage()));
      async(() -> {
        log.add("async-start");
        int v = await(Promise.resolve(5));
        log.add("await:" + v);
        try {
          await(Promise.reject(new RuntimeException("r1")));
        } catch (RuntimeException e) {
          log.add("catch:" + e.getMessage());
        }
        return 7;
      }).thenAccept(v -> log.add("ret:" + v));
    });
    assertThat(r.log).containsExactlyElementsOf(node);
    assertThat(r.exitCode).isZero();
  }

  @Test
  void unhandledRejectionIsFatalByDefault() {
    Run r = Run.virtual(run -> {
      process().on(EddyProcess.EXIT, code -> run.log("exit:" + code));
      Promise.reject(new IllegalStateException("nobody listens"));
      setTimeout(() -> run.log("never"), 10);
    });
    assertThat(r.exitCode).isEqualTo(1);
    assertThat(r.log).containsExactly("exit:1");
  }

  @Test
  void unhandledRejectionListenerGetsReasonAndPromise() {
    Run r = Run.virtual(run -> {
      process().on(EddyProcess.UNHANDLED_REJECTION, rej -> {
        run.log("unhandled:" + rej.reason().getMessage() + ":" + rej.promise().isRejected());
      });
      Promise.reject(new IllegalStateException("r1"));
      setTimeout(() -> run.log("timer"), 10);
    });
    assertThat(r.log).containsExactly("unhandled:r1:true", "timer");
    assertThat(r.exitCode).isZero();
  }

  @Test
  void rejectionHandledBeforeTheDrainEndsIsNotReported() {
    Run r = Run.virtual(run -> {
      Promise<Object> p = Promise.reject(new IllegalStateException("late"));
      Eddy.nextTick(() -> p.catchAccept(e -> run.log("caught:" + e.getMessage())));
    });
    assertThat(r.log).containsExactly("caught:late");
    assertThat(r.exitCode).isZero();
  }

  @Test
  void resolvingWithItselfRejects() {
    Run r = Run.virtual(run -> {
      Promise.Resolvers<Object> res = Promise.withResolvers();
      res.resolve().accept(res.promise());
      res.promise().catchAccept(e -> run.log(e.getMessage()));
    });
    assertThat(r.log).containsExactly("Chaining cycle detected for promise");
  }

  @Test
  void completionStageConversionsBothWays() throws Exception {
    CompletableFuture<String> external = new CompletableFuture<>();
    List<String> seen = new ArrayList<>();
    CompletableFuture<Integer>[] out = new CompletableFuture[1];
    Loop loop = Loop.create();
    CompletableFuture<Integer> exit = loop.start(() -> {
      Promise<String> p = Promise.fromCompletionStage(external);
      p.thenAccept(v -> seen.add("got:" + v + ":" + (Loop.current() != null)));
      out[0] = p.then(String::length).toCompletableFuture();
    });
    // The loop stays alive for the pending stage; completing it from this thread settles p on the loop.
    external.complete("hello");
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(seen).containsExactly("got:hello:true");
    assertThat(out[0].get(1, TimeUnit.SECONDS)).isEqualTo(5);
  }

  @Test
  void failedCompletionStageRejectsWithTheCause() throws Exception {
    List<String> seen = new ArrayList<>();
    int code = Loop.create().run(() -> Promise.fromCompletionStage(
            CompletableFuture.<String>failedFuture(new java.io.IOException("disk")))
        .catchAccept(e -> seen.add(e.getClass().getSimpleName() + ":" + e.getMessage())));
    assertThat(code).isZero();
    assertThat(seen).containsExactly("IOException:disk");
  }

  @Test
  void executorThrowRejects() {
    Run r = Run.virtual(run -> Promise.create((res, rej) -> {
      throw new java.io.IOException("in executor");
    }).catchAccept(e -> run.log(e.getMessage())));
    assertThat(r.log).containsExactly("in executor");
  }

  @Test
  void promisesNeedALoop() {
    assertThatThrownBy(() -> Promise.resolve(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Promise.resolve called outside an Eddy loop");
  }

  @Test
  void thenRejectsNullHandlers() {
    Run r = Run.virtual(run -> {
      try {
        Promise.resolve(1).then(null);
      } catch (NullPointerException e) {
        run.log(e.getMessage());
      }
    });
    assertThat(r.log).containsExactly("onFulfilled");
  }

  @Test
  void aReportedRejectionHandledLaterEmitsRejectionHandledAsNode() {
    // node: unhandled -> catch added in a timer -> ["unhandled","caught","rejectionHandled"]
    Run r = Run.virtual(run -> {
      process().on(EddyProcess.UNHANDLED_REJECTION, rej -> {
        run.log("unhandled");
        setTimeout(() -> rej.promise().catchAccept(e -> run.log("caught")), 1);
      });
      process().on(EddyProcess.REJECTION_HANDLED, p -> run.log("rejectionHandled"));
      Promise.reject(new IllegalStateException("x"));
    });
    assertThat(r.log).containsExactly("unhandled", "caught", "rejectionHandled");
  }
}
