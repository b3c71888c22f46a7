package dev.eddy.conformance;

import static dev.eddy.Eddy.nextTick;
import static dev.eddy.Eddy.process;
import static dev.eddy.Eddy.queueMicrotask;
import static dev.eddy.Eddy.setImmediate;
import static dev.eddy.Eddy.setTimeout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.Buffer;
import dev.eddy.EddyProcess;
import dev.eddy.Event;
import dev.eddy.stream.Duplex;
import dev.eddy.stream.PassThrough;
import dev.eddy.stream.Readable;
import dev.eddy.stream.ChunkIterator;
import dev.eddy.stream.Stream;
import dev.eddy.stream.Streams;
import dev.eddy.stream.Transform;
import dev.eddy.stream.StreamException;
import dev.eddy.stream.StreamOptions;
import dev.eddy.stream.Writable;
import dev.eddy.stream.WritableSide;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One stream scenario of {@code ../shared/stream-conformance} translated op by op into calls of
 * Eddy's public stream API ({@code dev.eddy.stream}).
 */
final class StreamScenarioRun {
  private static final List<String> MAIN_KEYS = List.of("readable", "writable", "duplex", "transform",
      "passthrough", "from", "listen", "on", "write", "end", "push", "read", "pause", "resume",
      "setEncoding", "destroy", "cork", "uncork", "pipe", "unpipe", "pipeline", "finished", "iterate",
      "state", "log", "nextTick", "microtask", "immediate", "timeout");

  private final JsonNode program;
  private final List<String> out = new ArrayList<>();
  private final Map<String, Stream> streams = new HashMap<>();
  private final Map<Stream, String> names = new IdentityHashMap<>();

  StreamScenarioRun(JsonNode program) {
    if (program == null || !program.isArray()) {
      throw new IllegalArgumentException("program: expected an array of ops");
    }
    this.program = program;
  }

  /** A scenario's error: an Error with the label as message. */
  static final class ScenarioError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScenarioError(String message) {
      super(message, null, false, false);
    }
  }

  List<String> run(long timeoutMs) {
    return Ops.runOnLoop(() -> {
      // The kit's one handler: an uncaught exception (an 'error' nobody listens to) ends the run.
      process().on(EddyProcess.UNCAUGHT_EXCEPTION, e -> {
        log("uncaught:" + err(e));
        process().exit(1);
      });
      run(program);
    }, out, timeoutMs);
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

  private static String kind(JsonNode op) {
    return Ops.kind(op, MAIN_KEYS);
  }

  // ---------------------------------------------------------------------------------------------
  // Chunks and errors as the kit prints them
  // ---------------------------------------------------------------------------------------------

  /** Parses a chunk of the scenario language: "abc" a string, "[abc]" bytes, %XX escapes. */
  static Object chunk(String c) {
    boolean bytes = c.length() >= 2 && c.startsWith("[") && c.endsWith("]");
    String body = bytes ? c.substring(1, c.length() - 1) : c;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch == '%' && i + 2 < body.length() + 0 && i + 2 <= body.length() - 1) {
        b.write(Integer.parseInt(body.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        b.write(ch);
      }
    }
    byte[] raw = b.toByteArray();
    return bytes ? Buffer.from(raw) : new String(raw, StandardCharsets.UTF_8);
  }

  /** Prints a chunk as the kit does. */
  static String show(Object chunk) {
    if (chunk instanceof Buffer buf) {
      return "[" + escape(buf.toByteArray()) + "]";
    }
    if (chunk instanceof String s) {
      return escape(s.getBytes(StandardCharsets.UTF_8));
    }
    return escape(String.valueOf(chunk).getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(byte[] raw) {
    StringBuilder sb = new StringBuilder();
    for (byte x : raw) {
      int v = x & 0xff;
      if ((v >= 'A' && v <= 'Z') || (v >= 'a' && v <= 'z') || (v >= '0' && v <= '9') || v == '_' || v == '.'
          || v == ':' || v == '-') {
        sb.append((char) v);
      } else {
        sb.append('%').append(String.format("%02X", v));
      }
    }
    return sb.toString();
  }

  static String err(Throwable e) {
    if (e instanceof StreamException se) {
      return se.code();
    }
    return e.getMessage();
  }

  // ---------------------------------------------------------------------------------------------
  // Ops
  // ---------------------------------------------------------------------------------------------

  private Stream stream(JsonNode op, String key) {
    Stream s = streams.get(op.get(key).asText());
    if (s == null) {
      throw new IllegalArgumentException("unknown stream " + op.get(key));
    }
    return s;
  }

  private String name(Object s) {
    String n = names.get(s);
    return n == null ? "?" : n;
  }

  private static StreamOptions options(JsonNode op) {
    StreamOptions o = StreamOptions.defaults();
    if (op.has("objectMode")) {
      o.objectMode(op.get("objectMode").asBoolean());
    }
    if (op.has("highWaterMark")) {
      o.highWaterMark(op.get("highWaterMark").asInt());
    }
    if (op.has("autoDestroy")) {
      o.autoDestroy(op.get("autoDestroy").asBoolean());
    }
    if (op.has("emitClose")) {
      o.emitClose(op.get("emitClose").asBoolean());
    }
    if (op.has("decodeStrings")) {
      o.decodeStrings(op.get("decodeStrings").asBoolean());
    }
    if (op.has("encoding")) {
      o.encoding(op.get("encoding").asText());
    }
    if (op.has("allowHalfOpen")) {
      o.allowHalfOpen(op.get("allowHalfOpen").asBoolean());
    }
    if (op.has("readableObjectMode")) {
      o.readableObjectMode(op.get("readableObjectMode").asBoolean());
    }
    if (op.has("writableObjectMode")) {
      o.writableObjectMode(op.get("writableObjectMode").asBoolean());
    }
    if (op.has("readableHighWaterMark")) {
      o.readableHighWaterMark(op.get("readableHighWaterMark").asInt());
    }
    if (op.has("writableHighWaterMark")) {
      o.writableHighWaterMark(op.get("writableHighWaterMark").asInt());
    }
    return o;
  }

  /** Runs {@code r} at WHEN: sync, tick, micro, immediate or a number of ms. */
  private static void at(JsonNode when, Runnable r) {
    if (when == null || when.isNull() || (when.isTextual() && when.asText().equals("sync"))) {
      r.run();
    } else if (when.isNumber()) {
      setTimeout(r, when.asLong());
    } else {
      switch (when.asText()) {
        case "tick" -> nextTick(r);
        case "micro" -> queueMicrotask(r);
        case "immediate" -> setImmediate(r);
        default -> throw new IllegalArgumentException("bad WHEN " + when);
      }
    }
  }

  /** The sink behaviour of a writable side: logs, then completes at the scenario's pace. */
  private final class SinkLogic {
    private final String name;
    private final JsonNode op;
    private int calls;

    SinkLogic(String name, JsonNode op) {
      this.name = name;
      this.op = op;
    }

    void write(Object chunk, Consumer<Throwable> callback) {
      log("_write:" + name + ":" + show(chunk));
      complete(callback);
    }

    boolean hasWritev() {
      return op.path("writev").asBoolean(false);
    }

    void writev(List<Object> chunks, Consumer<Throwable> callback) {
      StringBuilder sb = new StringBuilder();
      for (Object c : chunks) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(show(c));
      }
      log("_writev:" + name + ":" + sb);
      complete(callback);
    }

    private void complete(Consumer<Throwable> callback) {
      int n = ++calls;
      at(op.get("done"), () -> {
        if (op.has("failAt") && op.get("failAt").asInt() == n) {
          callback.accept(new ScenarioError(op.path("error").asText()));
        } else {
          callback.accept(null);
        }
      });
    }

    boolean hasFinal() {
      return op.has("final");
    }

    void doFinal(Consumer<Throwable> callback) {
      log("_final:" + name);
      at(op.get("final"), () -> callback.accept(
          op.has("finalError") ? new ScenarioError(op.get("finalError").asText()) : null));
    }
  }

  private final class Sink extends Writable {
    private final SinkLogic sink;

    Sink(String name, JsonNode op) {
      super(options(op));
      sink = new SinkLogic(name, op);
    }

    @Override
    protected void doWrite(Object chunk, Consumer<Throwable> callback) {
      sink.write(chunk, callback);
    }

    @Override
    protected boolean hasWritev() {
      return sink.hasWritev();
    }

    @Override
    protected void doWritev(List<Object> chunks, Consumer<Throwable> callback) {
      sink.writev(chunks, callback);
    }

    @Override
    protected boolean hasFinal() {
      return sink.hasFinal();
    }

    @Override
    protected void doFinal(Consumer<Throwable> callback) {
      sink.doFinal(callback);
    }
  }

  /** The source behaviour of a readable side: deliveries of the scenario's chunks at its pace. */
  private final class Source {
    private final String name;
    private final JsonNode op;
    private final List<Object> chunks = new ArrayList<>();
    private int calls;
    private int next;

    Source(String name, JsonNode op) {
      this.name = name;
      this.op = op;
      if (op.has("chunks")) {
        for (JsonNode c : op.get("chunks")) {
          chunks.add(chunk(c.asText()));
        }
      }
    }

    void read(Readable self) {
      log("_read:" + name);
      int i = ++calls;
      at(op.get("pace"), () -> deliver(self, i));
    }

    private void deliver(Readable self, int i) {
      String eof = op.path("eof").asText("last");
      if (op.has("readFailAt") && op.get("readFailAt").asInt() == i) {
        self.destroy(new ScenarioError(op.path("error").asText()));
        return;
      }
      if (next < chunks.size()) {
        self.push(chunks.get(next++));
        if (next == chunks.size() && eof.equals("last")) {
          self.push(null);
        }
      } else if (!eof.equals("never")) {
        self.push(null);
      }
    }
  }

  private final class SourceReadable extends Readable {
    private final Source source;

    SourceReadable(String name, JsonNode op) {
      super(options(op));
      source = new Source(name, op);
    }

    @Override
    protected void doRead(int size) {
      source.read(this);
    }
  }

  private final class SourceSinkDuplex extends Duplex {
    private final Source source;
    private final SinkLogic sink;

    SourceSinkDuplex(String name, JsonNode op) {
      super(options(op));
      source = new Source(name, op);
      sink = new SinkLogic(name, op);
    }

    @Override
    protected void doRead(int size) {
      source.read(this);
    }

    @Override
    protected void doWrite(Object chunk, Consumer<Throwable> callback) {
      sink.write(chunk, callback);
    }

    @Override
    protected boolean hasWritev() {
      return sink.hasWritev();
    }

    @Override
    protected void doWritev(List<Object> chunks, Consumer<Throwable> callback) {
      sink.writev(chunks, callback);
    }

    @Override
    protected boolean hasFinal() {
      return sink.hasFinal();
    }

    @Override
    protected void doFinal(Consumer<Throwable> callback) {
      sink.doFinal(callback);
    }
  }

  private final class Transformer extends Transform {
    private final String name;
    private final JsonNode op;
    private int calls;

    Transformer(String name, JsonNode op) {
      super(options(op));
      this.name = name;
      this.op = op;
    }

    @Override
    protected void doTransform(Object chunk, BiConsumer<Throwable, Object> callback) {
      log("_transform:" + name + ":" + show(chunk));
      int n = ++calls;
      at(op.get("done"), () -> {
        if (op.has("failAt") && op.get("failAt").asInt() == n) {
          callback.accept(new ScenarioError(op.path("error").asText()), null);
          return;
        }
        for (Object piece : pieces(chunk, op.path("mode").asText("pass"))) {
          push(piece);
        }
        callback.accept(null, null);
      });
    }

    @Override
    protected boolean hasFlush() {
      return op.has("flush");
    }

    @Override
    protected void doFlush(BiConsumer<Throwable, Object> callback) {
      log("_flush:" + name);
      at(op.get("flush"), () -> {
        if (op.has("flushError")) {
          callback.accept(new ScenarioError(op.get("flushError").asText()), null);
          return;
        }
        if (op.has("flushPush")) {
          push(chunk(op.get("flushPush").asText()));
        }
        callback.accept(null, null);
      });
    }
  }

  private static List<Object> pieces(Object chunk, String mode) {
    switch (mode) {
      case "pass":
        return List.of(chunk);
      case "drop":
        return List.of();
      case "dup":
        return List.of(chunk, chunk);
      case "upper":
        if (chunk instanceof String str) {
          return List.of(upper(str));
        }
        if (chunk instanceof Buffer b) {
          byte[] u = b.toByteArray();
          for (int i = 0; i < u.length; i++) {
            if (u[i] >= 'a' && u[i] <= 'z') {
              u[i] -= 32;
            }
          }
          return List.of(Buffer.from(u));
        }
        return List.of(chunk);
      case "split": {
        int len = chunk instanceof String str ? str.length() : ((Buffer) chunk).length();
        int half = (len + 1) / 2;
        Object a = chunk instanceof String str ? str.substring(0, half) : ((Buffer) chunk).subarray(0, half);
        if (half == len) {
          return List.of(a);
        }
        Object b = chunk instanceof String str ? str.substring(half) : ((Buffer) chunk).subarray(half, len);
        return List.of(a, b);
      }
      default:
        throw new IllegalArgumentException("bad mode " + mode);
    }
  }

  private static String upper(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
    }
    return sb.toString();
  }

  private void register(String name, Stream s) {
    streams.put(name, s);
    names.put(s, name);
  }

  private void exec(JsonNode op) {
    String k = kind(op);
    JsonNode v = op.get(k);
    switch (k) {
      case "writable" -> register(v.asText(), new Sink(v.asText(), op));
      case "readable" -> register(v.asText(), new SourceReadable(v.asText(), op));
      case "duplex" -> register(v.asText(), new SourceSinkDuplex(v.asText(), op));
      case "transform" -> register(v.asText(), new Transformer(v.asText(), op));
      case "passthrough" -> register(v.asText(), new PassThrough(options(op)));
      case "from" -> {
        List<Object> items = new ArrayList<>();
        for (JsonNode c : op.get("chunks")) {
          items.add(chunk(c.asText()));
        }
        StreamOptions o = StreamOptions.defaults();
        if (op.has("objectMode")) {
          o.objectMode(op.get("objectMode").asBoolean());
        }
        if (op.has("highWaterMark")) {
          o.highWaterMark(op.get("highWaterMark").asInt());
        }
        register(v.asText(), Readable.from(items, o));
      }
      case "listen" -> {
        Stream s = stream(op, "listen");
        for (JsonNode ev : op.get("events")) {
          listen(s, ev.asText(), false, null);
        }
      }
      case "on" -> listen(stream(op, "on"), op.get("event").asText(), op.path("once").asBoolean(false), op.get("do"));
      case "write" -> {
        WritableSide w = (WritableSide) stream(op, "write");
        String c = op.get("chunk").asText();
        String n = v.asText();
        boolean r = w.write(chunk(c), e -> log(e == null ? "wcb:" + n + ":" + c : "wcb:" + n + ":" + c + ":" + err(e)));
        log("write:" + n + ":" + r);
      }
      case "end" -> {
        WritableSide w = (WritableSide) stream(op, "end");
        String n = v.asText();
        w.end(op.has("chunk") ? chunk(op.get("chunk").asText()) : null,
            e -> log(e == null ? "endcb:" + n : "endcb:" + n + ":" + err(e)));
      }
      case "destroy" -> stream(op, "destroy").destroy(op.has("error") ? new ScenarioError(op.get("error").asText()) : null);
      case "cork" -> ((WritableSide) stream(op, "cork")).cork();
      case "uncork" -> ((WritableSide) stream(op, "uncork")).uncork();
      case "state" -> {
        Stream s = stream(op, "state");
        for (JsonNode key : op.get("keys")) {
          log(key.asText() + ":" + v.asText() + ":" + state(s, key.asText()));
        }
      }
      case "push" -> {
        Readable r = (Readable) stream(op, "push");
        JsonNode c = op.get("chunk");
        log("push:" + v.asText() + ":" + r.push(c == null || c.isNull() ? null : chunk(c.asText())));
      }
      case "read" -> {
        Readable r = (Readable) stream(op, "read");
        boolean loop = op.path("loop").asBoolean(false);
        while (true) {
          Object got = op.has("n") ? r.read(op.get("n").asInt()) : r.read();
          log("read:" + v.asText() + ":" + (got == null ? "null" : show(got)));
          if (!loop || got == null) {
            break;
          }
        }
      }
      case "pause" -> ((Readable) stream(op, "pause")).pause();
      case "resume" -> ((Readable) stream(op, "resume")).resume();
      case "setEncoding" -> ((Readable) stream(op, "setEncoding")).setEncoding(op.get("encoding").asText());
      case "pipe" -> {
        Readable r = (Readable) stream(op, "pipe");
        WritableSide w = (WritableSide) stream(op, "to");
        r.pipe(w, !op.path("keepOpen").asBoolean(false));
      }
      case "unpipe" -> {
        Readable r = (Readable) stream(op, "unpipe");
        r.unpipe(op.has("to") ? (WritableSide) stream(op, "to") : null);
      }
      case "pipeline" -> {
        List<Stream> list = new ArrayList<>();
        for (JsonNode n : v) {
          list.add(streams.get(n.asText()));
        }
        String first = v.get(0).asText();
        Streams.pipeline(list, e -> log("pipeline:" + first + ":" + (e == null ? "ok" : err(e))));
      }
      case "finished" -> {
        String n = v.asText();
        Streams.finished(stream(op, "finished"), e -> log("finished:" + n + ":" + (e == null ? "ok" : err(e))));
      }
      case "iterate" -> {
        Readable r = (Readable) stream(op, "iterate");
        String n = v.asText();
        int breakAfter = op.path("breakAfter").asInt(-1);
        int throwAfter = op.path("throwAfter").asInt(-1);
        JsonNode body = op.get("do");
        dev.eddy.Eddy.async(() -> {
          int i = 0;
          try {
            try (ChunkIterator it = r.iterator()) {
              while (it.hasNext()) {
                Object c = it.next();
                log("iter:" + n + ":" + show(c));
                if (body != null) {
                  run(body);
                }
                if (++i == breakAfter) {
                  break;
                }
                if (i == throwAfter) {
                  throw new ScenarioError(op.path("error").asText());
                }
              }
            }
            log("iter-done:" + n);
          } catch (RuntimeException e) {
            log("iter-error:" + n + ":" + err(e));
          }
        });
      }
      case "log" -> log(v.asText());
      case "nextTick" -> nextTick(() -> run(v));
      case "microtask" -> queueMicrotask(() -> run(v));
      case "immediate" -> setImmediate(() -> run(v));
      case "timeout" -> setTimeout(() -> run(op.get("do")), v.asLong());
      default -> throw new IllegalArgumentException("unknown op " + op);
    }
  }

  private String state(Stream s, String key) {
    switch (key) {
      case "destroyed":
        return String.valueOf(s.destroyed());
      case "closed":
        return String.valueOf(s.closed());
      case "errored":
        return s.errored() == null ? "null" : err(s.errored());
      default:
        break;
    }
    if (s instanceof Readable r) {
      switch (key) {
        case "readable":
          return String.valueOf(r.readable());
        case "readableLength":
          return String.valueOf(r.readableLength());
        case "readableFlowing":
          return String.valueOf(r.readableFlowing());
        case "readableEnded":
          return String.valueOf(r.readableEnded());
        case "readableHighWaterMark":
          return String.valueOf(r.readableHighWaterMark());
        case "readableObjectMode":
          return String.valueOf(r.readableObjectMode());
        case "isPaused":
          return String.valueOf(r.isPaused());
        default:
          break;
      }
    }
    if (s instanceof WritableSide w) {
      switch (key) {
        case "writable":
          return String.valueOf(w.writable());
        case "writableLength":
          return String.valueOf(w.writableLength());
        case "writableNeedDrain":
          return String.valueOf(w.writableNeedDrain());
        case "writableEnded":
          return String.valueOf(w.writableEnded());
        case "writableFinished":
          return String.valueOf(w.writableFinished());
        case "writableCorked":
          return String.valueOf(w.writableCorked());
        case "writableHighWaterMark":
          return String.valueOf(w.writableHighWaterMark());
        case "writableObjectMode":
          return String.valueOf(w.writableObjectMode());
        default:
          break;
      }
    }
    throw new IllegalArgumentException("unknown state key " + key);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void listen(Stream s, String ev, boolean once, JsonNode then) {
    String n = name(s);
    Consumer<Object> f = arg -> {
      switch (ev) {
        case "data" -> log("data:" + n + ":" + show(arg));
        case "error" -> log("error:" + n + ":" + err((Throwable) arg));
        case "pipe", "unpipe" -> log(ev + ":" + n + ":" + name(arg));
        default -> log(ev + ":" + n);
      }
      if (then != null) {
        run(then);
      }
    };
    Event event = Event.of(ev);
    if (once) {
      s.once(event, f);
    } else {
      s.on(event, f);
    }
  }
}
