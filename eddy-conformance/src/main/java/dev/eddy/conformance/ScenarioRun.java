package dev.eddy.conformance;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;
import static dev.eddy.Eddy.blocking;
import static dev.eddy.Eddy.clearImmediate;
import static dev.eddy.Eddy.clearTimeout;
import static dev.eddy.Eddy.nextTick;
import static dev.eddy.Eddy.process;
import static dev.eddy.Eddy.queueMicrotask;
import static dev.eddy.Eddy.setImmediate;
import static dev.eddy.Eddy.setInterval;
import static dev.eddy.Eddy.setTimeout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.EddyProcess;
import dev.eddy.Immediate;
import dev.eddy.Promise;
import dev.eddy.Timeout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario translated op by op into calls of Eddy's public API (the table of the kit's
 * README); there is no second, simulated loop here.
 */
final class ScenarioRun {
  private static final List<String> MAIN_KEYS = List.of("log", "nextTick", "microtask", "then",
      "chain", "async", "adopt", "immediate", "timeout", "interval", "clear", "refresh", "io",
      "throw", "reject", "onUncaught", "onUnhandled", "onBeforeExit", "onExit", "exit", "busy");
  private static final Path IO_TARGET = Path.of(".").toAbsolutePath();

  private final JsonNode program;
  /** Written only by whoever holds the loop; read after the loop ended. */
  private final List<String> out = new ArrayList<>();
  private final Map<String, Object> handles = new HashMap<>();

  ScenarioRun(JsonNode program) {
    if (program == null || !program.isArray()) {
      throw new IllegalArgumentException("program: expected an array of ops");
    }
    this.program = program;
  }

  /** A scenario's {@code throw}: an Error with the label as message. */
  static final class ScenarioError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScenarioError(String message) {
      super(message);
    }
  }

  List<String> run(long timeoutMs) {
    return Ops.runOnLoop(() -> run(program), out, timeoutMs);
  }

  private void log(String s) {
    synchronized (out) {
      out.add(s);
    }
  }

  private void run(JsonNode ops) {
    for (JsonNode op : ops) {
      exec(op);
    }
  }

  private Runnable cb(JsonNode ops) {
    return () -> run(ops);
  }

  private static String kind(JsonNode op) {
    return Ops.kind(op, MAIN_KEYS);
  }

  private void exec(JsonNode op) {
    String k = kind(op);
    JsonNode v = op.get(k);
    switch (k) {
      case "log" -> log(v.asText());
      case "nextTick" -> nextTick(cb(v));
      case "microtask" -> queueMicrotask(cb(v));
      case "then" -> Promise.resolve().thenRun(cb(v));
      case "chain" -> {
        Promise<Void> p = Promise.resolve();
        for (JsonNode step : v) {
          p = p.thenRun(cb(step));
        }
        catchIfAsked(p, op);
      }
      case "async" -> {
        Promise<Void> p = async(() -> {
          for (JsonNode el : v) {
            if (el.isTextual() && el.asText().equals("await")) {
              await(Promise.resolve());
            } else {
              exec(el);
            }
          }
        });
        catchIfAsked(p, op);
      }
      case "adopt" -> Promise.<Void>create((resolve, reject) -> resolveWithPromise(resolve))
          .thenRun(cb(v));
      case "immediate" -> {
        Immediate h = setImmediate(cb(v));
        if (op.path("unref").asBoolean(false)) {
          h.unref();
        }
        remember(op, h);
      }
      case "timeout" -> {
        Timeout h = setTimeout(cb(op.get("do")), v.asLong());
        if (op.path("unref").asBoolean(false)) {
          h.unref();
        }
        remember(op, h);
      }
      case "interval" -> {
        int times = op.get("times").asInt();
        JsonNode body = op.get("do");
        int[] n = {0};
        Timeout[] h = new Timeout[1];
        h[0] = setInterval(() -> {
          if (++n[0] >= times) {
            clearTimeout(h[0]);
          }
          run(body);
        }, v.asLong());
        if (op.path("unref").asBoolean(false)) {
          h[0].unref();
        }
        remember(op, h[0]);
      }
      case "clear" -> {
        Object h = handles.get(v.asText());
        if (h instanceof Immediate im) {
          clearImmediate(im);
        } else if (h instanceof Timeout t) {
          clearTimeout(t);
        }
      }
      case "refresh" -> {
        if (handles.get(v.asText()) instanceof Timeout t) {
          t.refresh();
        }
      }
      case "io" -> io(1, cb(v));
      case "throw" -> throw new ScenarioError(v.asText());
      case "reject" -> Promise.reject(new ScenarioError(v.asText()));
      case "onUncaught" -> process().on(EddyProcess.UNCAUGHT_EXCEPTION, e -> {
        log("uncaught:" + e.getMessage());
        run(v);
      });
      case "onUnhandled" -> process().on(EddyProcess.UNHANDLED_REJECTION, r -> {
        log("unhandled:" + r.reason().getMessage());
        run(v);
      });
      case "onBeforeExit" -> process().once(EddyProcess.BEFORE_EXIT, code -> {
        log("beforeExit");
        run(v);
      });
      case "onExit" -> process().on(EddyProcess.EXIT, code -> {
        log("onExit:" + code);
        run(v);
      });
      case "exit" -> process().exit(v.asInt());
      case "busy" -> busy(v.asLong());
      default -> throw new IllegalArgumentException("unknown op " + op);
    }
  }

  /**
   * A real stat on the blocking pool whose callback runs in the poll phase, after {@code hops}
   * extra round trips. A single stat can complete in time for the very next poll phase (seen on a
   * generated scenario: an io started in the check phase beat an immediate of the next
   * iteration), which Node's fs.stat does not do in practice; the kit's own jitter modes add such
   * hops and its generator keeps only scenarios invariant under them, so one hop makes the timing
   * Node-like without changing any specified order.
   */
  private static void io(int hops, Runnable done) {
    blocking(() -> Files.readAttributes(IO_TARGET, BasicFileAttributes.class), (err, attrs) -> {
      if (hops > 0) {
        io(hops - 1, done);
      } else {
        done.run();
      }
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void resolveWithPromise(java.util.function.Consumer<Void> resolve) {
    // new Promise(r => r(Promise.resolve())): resolving with a promise adopts it.
    ((java.util.function.Consumer) resolve).accept(Promise.resolve());
  }

  private void catchIfAsked(Promise<Void> p, JsonNode op) {
    JsonNode handler = op.get("catch");
    if (handler != null) {
      p.catchAccept(e -> {
        log("caught:" + e.getMessage());
        run(handler);
      });
    }
  }

  private void remember(JsonNode op, Object handle) {
    JsonNode id = op.get("id");
    if (id != null) {
      handles.put(id.asText(), handle);
    }
  }

  private static void busy(long ms) {
    long end = System.nanoTime() + ms * 1_000_000L;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
