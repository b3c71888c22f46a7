package dev.eddy.demo;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;
import static dev.eddy.Eddy.blocking;
import static dev.eddy.Eddy.clearInterval;
import static dev.eddy.Eddy.nextTick;
import static dev.eddy.Eddy.process;
import static dev.eddy.Eddy.queueMicrotask;
import static dev.eddy.Eddy.setImmediate;
import static dev.eddy.Eddy.setInterval;
import static dev.eddy.Eddy.setTimeout;

import dev.eddy.EddyProcess;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import dev.eddy.Loop;
import dev.eddy.Promise;
import dev.eddy.Timeout;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo: the seeds' event-loop questions answered by running them. Each example runs as its
 * own program on a fresh loop and prints what it logs, in the order Node would print it.
 */
public final class Demo {
  private Demo() {}

  /** One runnable example: a title, a one-line lesson, and the program. */
  record Example(String title, String lesson, Consumer<Consumer<String>> program) {}

  static List<Example> examples() {
    return List.of(
        new Example("Q2: nextTick vs setImmediate vs promises",
            "sync code first, then every nextTick, then promise jobs, then the check phase",
            log -> {
              setImmediate(() -> log.accept("1: setImmediate"));
              nextTick(() -> log.accept("2: nextTick"));
              Promise.resolve().thenRun(() -> log.accept("3: Promise"));
              log.accept("4: sync");
            }),
        new Example("Inside an I/O callback, setImmediate beats setTimeout(0)",
            "after the poll phase comes the check phase; timers wait for the next iteration",
            log -> blocking(() -> "stat done", (err, v) -> {
              setTimeout(() -> log.accept("timeout 0"), 0);
              setImmediate(() -> log.accept("immediate"));
              log.accept("io callback: " + v);
            })),
        new Example("Queues drain between every timer",
            "Node >= 11: ticks and promise jobs of one timer run before the next timer",
            log -> {
              setTimeout(() -> {
                log.accept("timer 1");
                nextTick(() -> log.accept("  tick from timer 1"));
                Promise.resolve().thenRun(() -> log.accept("  promise from timer 1"));
              }, 1);
              setTimeout(() -> log.accept("timer 2"), 1);
            }),
        new Example("Q5: async/await error handling",
            "await throws the rejection; an async body never throws to its caller",
            log -> {
              async(() -> {
                log.accept("user 1: " + await(findUser(1)));
                try {
                  await(findUser(2));
                } catch (NotFoundError e) {
                  log.accept("user 2: " + e.getMessage());
                }
              });
              log.accept("findUser runs while main goes on");
            }),
        new Example("Promise.all, race and allSettled over timers",
            "combinators settle in microtask jobs after their inputs",
            log -> {
              Promise<String> fast = delay(10, "fast");
              Promise<String> slow = delay(30, "slow");
              Promise.race(List.of(fast, slow)).thenAccept(v -> log.accept("race: " + v));
              Promise.all(List.of(fast, slow)).thenAccept(v -> log.accept("all: " + v));
              Promise.allSettled(List.of(fast, Promise.<String>reject(new IllegalStateException("no"))))
                  .thenAccept(v -> log.accept("allSettled: " + v.get(0).status() + ", " + v.get(1).status()));
            }),
        new Example("Typed EventEmitter",
            "listeners run synchronously in order; once() removes itself; 'error' without a listener throws",
            log -> {
              Event<Integer> data = Event.of("data");
              EventEmitter emitter = new EventEmitter();
              emitter.on(data, n -> log.accept("on: " + n));
              emitter.once(data, n -> log.accept("once: " + n));
              emitter.emit(data, 1);
              emitter.emit(data, 2);
              try {
                emitter.emit(EventEmitter.ERROR, new IllegalStateException("nobody listens"));
              } catch (IllegalStateException e) {
                log.accept("thrown: " + e.getMessage());
              }
            }),
        new Example("CPU work on the blocking pool keeps the loop responsive",
            "the interval keeps ticking while 200k SHA-256 rounds run on a pool thread",
            log -> {
              int[] ticks = {0};
              Timeout iv = setInterval(() -> ticks[0]++, 5);
              blocking(Demo::hashRounds).thenAccept(hex -> {
                clearInterval(iv);
                log.accept("hash " + hex.substring(0, 16) + "..., the 5 ms interval ran " + ticks[0]
                    + " times meanwhile");
              });
            }),
        new Example("Uncaught exceptions and unhandled rejections",
            "with listeners the process survives; queueMicrotask throws are uncaught, promise throws are rejections",
            log -> {
              process().on(EddyProcess.UNCAUGHT_EXCEPTION, e -> log.accept("uncaughtException: " + e.getMessage()));
              process().on(EddyProcess.UNHANDLED_REJECTION, r -> log.accept("unhandledRejection: " + r.reason().getMessage()));
              queueMicrotask(() -> {
                throw new IllegalStateException("thrown in queueMicrotask");
              });
              Promise.resolve().thenRun(() -> {
                throw new IllegalStateException("thrown in then");
              });
              setTimeout(() -> log.accept("the loop goes on"), 1);
            }));
  }

  /** Q5's domain error. */
  static final class NotFoundError extends Exception {
    private static final long serialVersionUID = 1L;

    NotFoundError(String message) {
      super(message);
    }
  }

  static Promise<String> findUser(long id) {
    return async(() -> {
      String user = await(blocking(() -> id == 1 ? "Ada Lovelace" : null)); // a "database" lookup
      if (user == null) {
        throw new NotFoundError("User not found");
      }
      return user;
    });
  }

  static <T> Promise<T> delay(long ms, T value) {
    return Promise.create((resolve, reject) -> setTimeout(() -> resolve.accept(value), ms));
  }

  static String hashRounds() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] h = "eddy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < 200_000; i++) {
      h = sha.digest(h);
    }
    return java.util.HexFormat.of().formatHex(h);
  }

  /** Runs one example on a fresh loop and returns its lines and exit code. */
  static List<String> run(Example example) {
    java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    int code = Loop.create().run(() -> example.program().accept(lines::add));
    lines.add("(exit code " + code + ")");
    return lines;
  }

  public static void main(String[] args) {
    PrintStream out = System.out;
    out.println("Eddy: Node's event loop on the JVM. Each example runs on its own loop.");
    int i = 0;
    for (Example e : examples()) {
      out.println();
      out.println("[" + (++i) + "] " + e.title());
      out.println("    " + e.lesson());
      for (String line : run(e)) {
        out.println("    > " + line);
      }
    }
  }
}
