package dev.eddy.child.internal;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.stream.Readable;
import dev.eddy.stream.StreamOptions;
import dev.eddy.stream.Writable;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Streams over a child's pipes. Not {@code JavaStreams.fromInputStream}: that one reads with
 * {@code readNBytes}, which waits for a full 64 KiB or EOF (so a child's output would arrive only
 * at exit) and holds a thread of the 4-thread pool for as long as the child is silent. Here each
 * read is a plain {@code read(byte[])} (returns what the pipe has) on a virtual thread, so a
 * thousand idle children cost no pool thread. Loop thread only, except the blocking calls.
 */
public final class Pipes {
  private Pipes() {}

  /**
   * A byte Readable of {@code in}, a stream of {@code process}; destroying it closes {@code in}.
   * The JDK's reaper thread drains and closes a child's pipes when the child exits, so a read
   * racing with it can fail with "Stream closed": once the child is dead that is its EOF. A null
   * {@code process} (the child's own stdin) has no such race.
   */
  public static Readable readable(InputStream in, Process process) {
    return new Readable(StreamOptions.defaults().highWaterMark(64 * 1024)) {
      @Override
      protected void doRead(int size) {
        Eddy.blockingVirtual(() -> {
          byte[] buf = new byte[Math.max(1, Math.min(size, 64 * 1024))];
          int n;
          try {
            n = in.read(buf);
          } catch (java.io.IOException e) {
            if (process == null || process.isAlive()) {
              throw e;
            }
            n = -1;
          }
          return n < 0 ? null : java.util.Arrays.copyOf(buf, n);
        }).thenAccept(bytes -> push(bytes == null ? null : Buffer.from(bytes)))
            .catchAccept(err -> destroy(err));
      }

      @Override
      protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
        Eddy.blockingVirtual(() -> {
          in.close();
          return null;
        }).thenAccept(v -> callback.accept(error)).catchAccept(e -> callback.accept(error != null ? error : e));
      }
    };
  }

  /** A Readable that ends at once: the stdout/stderr of a child that could not start. */
  public static Readable empty() {
    return new Readable(StreamOptions.defaults()) {
      @Override
      protected void doRead(int size) {
        push(null);
      }
    };
  }

  /**
   * A Writable into {@code out}, each chunk written and flushed on a virtual thread (a child that
   * does not read its stdin blocks only that thread); end() and destroy() close {@code out}, which
   * is the EOF the child sees.
   */
  public static Writable writable(OutputStream out) {
    return new Writable(StreamOptions.defaults()) {
      @Override
      protected void doWrite(Object chunk, Consumer<Throwable> callback) {
        byte[] bytes = chunk instanceof Buffer b ? b.toByteArray()
            : String.valueOf(chunk).getBytes(StandardCharsets.UTF_8);
        Eddy.blockingVirtual(() -> {
          out.write(bytes);
          out.flush();
          return null;
        }).thenAccept(v -> callback.accept(null)).catchAccept(callback::accept);
      }

      @Override
      protected boolean hasFinal() {
        return true;
      }

      @Override
      protected void doFinal(Consumer<Throwable> callback) {
        Eddy.blockingVirtual(() -> {
          out.close();
          return null;
        }).thenAccept(v -> callback.accept(null)).catchAccept(callback::accept);
      }

      @Override
      protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
        Eddy.blockingVirtual(() -> {
          try {
            out.close();
          } catch (java.io.IOException ignored) {
            // the child already closed its end (EPIPE on flush): nothing more to release
          }
          return null;
        }).thenAccept(v -> callback.accept(error)).catchAccept(e -> callback.accept(error));
      }
    };
  }
}
