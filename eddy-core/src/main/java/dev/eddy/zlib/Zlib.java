package dev.eddy.zlib;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.stream.StreamOptions;
import dev.eddy.stream.Transform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.zip.GZIPOutputStream;

/**
 * Node's {@code zlib} streams. Compression runs on the blocking pool, one chunk at a time, as
 * Node runs zlib on libuv's thread pool, so the loop stays responsive while a large file is
 * compressed.
 */
public final class Zlib {
  private Zlib() {}

  /** {@code zlib.createGzip()}: a Transform from bytes to their gzip format (RFC 1952). */
  public static Transform createGzip() {
    return new GzipTransform(java.util.zip.Deflater.DEFAULT_COMPRESSION);
  }

  /** {@code zlib.createGzip({level})}, level 0 (store) to 9 (smallest). */
  public static Transform createGzip(int level) {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("The value of \"options.level\" is out of range. It must be >= -1 and <= 9. Received "
          + level);
    }
    return new GzipTransform(level);
  }

  private static final class GzipTransform extends Transform {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final GZIPOutputStream gzip;

    GzipTransform(int level) {
      super(StreamOptions.defaults());
      try {
        gzip = new GZIPOutputStream(sink, 64 * 1024, true) {
          {
            def.setLevel(level);
          }
        };
      } catch (IOException e) {
        throw new IllegalStateException("gzip header could not be written to memory", e);
      }
    }

    /** Compressed bytes produced so far, taken out of the in-memory sink (pool thread). */
    private byte[] drainSink() {
      byte[] out = sink.toByteArray();
      sink.reset();
      return out;
    }

    @Override
    protected void doTransform(Object chunk, BiConsumer<Throwable, Object> callback) {
      byte[] in = chunk instanceof Buffer b ? b.toByteArray() : String.valueOf(chunk).getBytes(
          java.nio.charset.StandardCharsets.UTF_8);
      Eddy.blocking(() -> {
        gzip.write(in);
        return drainSink();
      }, (err, out) -> callback.accept(err, err != null || out.length == 0 ? null : Buffer.from(out)));
    }

    @Override
    protected boolean hasFlush() {
      return true;
    }

    @Override
    protected void doFlush(BiConsumer<Throwable, Object> callback) {
      Eddy.blocking(() -> {
        gzip.finish();
        return drainSink();
      }, (err, out) -> callback.accept(err, err != null || out.length == 0 ? null : Buffer.from(out)));
    }
  }
}
