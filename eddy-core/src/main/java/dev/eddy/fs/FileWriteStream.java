package dev.eddy.fs;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.fs.internal.Flags;
import dev.eddy.fs.internal.FsErrors;
import dev.eddy.stream.StreamOptions;
import dev.eddy.stream.Writable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * Node's {@code fs.WriteStream} (from {@link Fs#createWriteStream}): a {@link Writable} whose
 * chunks (Buffers, or strings as UTF-8) are written in order through the blocking pool. The file
 * is opened on construction with the given flags; a failure to open is emitted as 'error' and then
 * 'close', as Node. The file is closed on every way out: after 'finish' (auto-destroy), on a
 * write error and on {@link #destroy}; a destroy while the open or a write is in flight closes the
 * file when that operation completes. Use it on the loop thread that created it.
 */
public final class FileWriteStream extends Writable {
  private final String path;
  private long bytesWritten;

  private final OpenFile file;
  /** A write that arrived before the file was open. */
  private Buffer waitingChunk;
  private Consumer<Throwable> waitingCallback;

  FileWriteStream(String path, String flags) {
    super(StreamOptions.defaults());
    Flags.parse(flags); // an unknown flag throws here, synchronously, as in Node
    this.path = path;
    this.file = new OpenFile(path, flags, this::opened, this::destroy);
  }

  /** The path this stream writes. */
  public String path() {
    return path;
  }

  /** Node's {@code bytesWritten}: bytes written to the file so far. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** Node's {@code pending}: true until the file is open. */
  public boolean pending() {
    return file.channel() == null;
  }

  private void opened() {
    if (waitingChunk != null) {
      Buffer chunk = waitingChunk;
      Consumer<Throwable> cb = waitingCallback;
      waitingChunk = null;
      waitingCallback = null;
      doWrite(chunk, cb);
    }
  }

  @Override
  protected void doWrite(Object chunk, Consumer<Throwable> callback) {
    Buffer data = (Buffer) chunk; // not object mode: the stream turned strings into Buffers
    FileChannel ch = file.channel();
    if (ch == null) {
      waitingChunk = data;
      waitingCallback = callback;
      return;
    }
    file.begin();
    Eddy.blocking(() -> {
      ByteBuffer src = data.asByteBuffer();
      while (src.hasRemaining()) {
        ch.write(src);
      }
      return null;
    }, (Throwable err, Object ignored) -> {
      if (err == null) {
        bytesWritten += data.length();
      }
      callback.accept(err == null ? null : FsErrors.map(err, "write", null, null));
      file.end(); // closes the file now if a destroy was waiting for this write
    });
  }

  @Override
  protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
    file.destroy(error, callback);
  }
}
