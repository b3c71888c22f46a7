package dev.eddy.stream;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;
import static dev.eddy.Eddy.setImmediate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Loop;
import dev.eddy.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The Java face of the streams; their Node semantics are checked by the stream conformance corpus. */
class StreamApiTest {
  private static List<String> run(Consumer<List<String>> program) {
    List<String> log = new ArrayList<>();
    int code = Loop.create(VirtualClock.autoAdvancing()).run(() -> program.accept(log));
    log.add("exit:" + code);
    return log;
  }

  private static String text(Object chunk) {
    return String.valueOf(chunk); // a Buffer's toString() decodes UTF-8, as Node's
  }

  /** Seed 2: pipeline(source, upperCase, sink), awaited. */
  @Test
  void pipelineOfSourceMapAndSinkCanBeAwaited() {
    List<String> log = run(out -> async(() -> {
      Readable source = Readable.from(List.of("hello ", "streams"), StreamOptions.defaults().objectMode(false));
      Transform upper = Transform.map(c -> text(c).toUpperCase());
      StringBuilder got = new StringBuilder();
      Writable sink = Writable.of(StreamOptions.defaults(), (chunk, cb) -> {
        got.append(text(chunk));
        cb.accept(null);
      });
      await(Streams.pipeline(source, upper, sink));
      out.add(got.toString());
    }));
    assertThat(log).containsExactly("HELLO STREAMS", "exit:0");
  }

  @Test
  void writeReturnsFalseAtTheHighWaterMarkAndDrainFollows() {
    List<String> log = run(out -> {
      Writable w = Writable.of(StreamOptions.defaults().highWaterMark(3), (chunk, cb) -> setImmediate(() -> cb.accept(null)));
      w.on(Stream.DRAIN, x -> out.add("drain"));
      out.add("write1:" + w.write("ab"));
      out.add("write2:" + w.write("cd"));
      out.add("length:" + w.writableLength());
    });
    assertThat(log).containsExactly("write1:true", "write2:false", "length:4", "drain", "exit:0");
  }

  @Test
  void pipelineDestroysEveryStreamWithTheFirstError() {
    List<String> log = run(out -> {
      Readable source = Readable.from(List.of("a", "b", "c"));
      Writable sink = Writable.of(StreamOptions.defaults().objectMode(true), (chunk, cb) ->
          cb.accept("b".equals(chunk) ? new IllegalStateException("sink failed at b") : null));
      Streams.pipeline(List.of(source, sink), err -> {
        out.add("pipeline:" + err.getMessage());
        out.add("source destroyed:" + source.destroyed());
      });
    });
    assertThat(log).containsExactly("pipeline:sink failed at b", "source destroyed:true", "exit:0");
  }

  @Test
  void breakingOutOfAnIterationDestroysTheStreamWithAbortError() {
    List<String> log = run(out -> {
      Readable source = Readable.from(List.of("a", "b", "c"));
      source.on(Stream.ERROR, e -> out.add("error:" + ((StreamException) e).code()));
      async(() -> {
        try (ChunkIterator chunks = source.iterator()) {
          while (chunks.hasNext()) {
            Object c = chunks.next();
            out.add("chunk:" + c);
            if (c.equals("b")) {
              break;
            }
          }
        }
        out.add("after loop");
      });
    });
    assertThat(log).containsExactly("chunk:a", "chunk:b", "after loop", "error:ABORT_ERR", "exit:0");
  }

  @Test
  void finishedPromiseRejectsOnPrematureClose() {
    List<String> log = run(out -> async(() -> {
      Readable r = Readable.from(List.of("x"));
      r.destroy();
      try {
        await(Streams.finished(r));
      } catch (StreamException e) {
        out.add(e.code() + ":" + e.getMessage());
      }
    }));
    assertThat(log).containsExactly("ERR_STREAM_PREMATURE_CLOSE:Premature close", "exit:0");
  }
}
