package dev.eddy.fs;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.NodeException;
import dev.eddy.fs.internal.FsErrors;
import dev.eddy.stream.Readable;
import dev.eddy.stream.StreamOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * Node's {@code fs.ReadStream} (from {@link Fs#createReadStream}): a {@link Readable} of {@link
 * Buffer}s read through the blocking pool. The file is opened on construction; a failure to open
 * (ENOENT, EISDIR, ...) is emitted as 'error' and then 'close', as Node. The file is closed on
 * every way out: after 'end' (auto-destroy), on a read error and on {@link #destroy}; a destroy
 * while an open or a read is in flight closes the file when that operation completes, as Node
 * waits for it. Use it on the loop thread that created it.
 */
public final class FileReadStream extends Readable {
  private final String path;
  private final long end;
  private long pos;
  private long bytesRead;

  private final OpenFile file;
  /** doRead was called before the file was open. */
  private boolean readWanted;

  FileReadStream(String path, ReadStreamOptions options) {
    super(StreamOptions.defaults().highWaterMark(options.highWaterMark));
    if (options.start > options.end) {
      throw new NodeException("RangeError", "ERR_OUT_OF_RANGE", "The value of \"start\" is out of range. It must be <= \"end\" (here: "
          + options.end + "). Received " + options.start);
    }
    this.path = path;
    this.pos = options.start;
    this.end = options.end;
    this.file = new OpenFile(path, "r", this::opened, this::destroy);
  }

  /** The path this stream reads. */
  public String path() {
    return path;
  }

  /** Node's {@code bytesRead}: bytes read from the file so far. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Node's {@code pending}: true until the file is open. */
  public boolean pending() {
    return file.channel() == null;
  }

  private void opened() {
    if (readWanted) {
      readWanted = false;
      doRead(readableHighWaterMark());
    }
  }

  @Override
  protected void doRead(int size) {
    FileChannel ch = file.channel();
    if (ch == null) {
      readWanted = true;
      return;
    }
    long remaining = end == Long.MAX_VALUE ? Long.MAX_VALUE : end - pos + 1;
    int n = (int) Math.min(size, remaining);
    if (n <= 0) {
      push(null);
      return;
    }
    long at = pos;
    file.begin();
    Eddy.blocking(() -> {
      ByteBuffer dst = ByteBuffer.allocate(n);
      int got = ch.read(dst, at);
      return got <= 0 ? null : Buffer.from(dst.flip());
    }, (Throwable err, Buffer chunk) -> {
      if (file.end()) {
        return; // destroyed meanwhile: the file is being closed
      }
      if (err != null) {
        destroy(FsErrors.map(err, "read", null, null));
      } else if (chunk == null) {
        push(null);
      } else {
        pos += chunk.length();
        bytesRead += chunk.length();
        push(chunk);
      }
    });
  }

  @Override
  protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
    file.destroy(error, callback);
  }
}
