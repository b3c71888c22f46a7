package dev.eddy.fs;

import dev.eddy.Eddy;
import dev.eddy.fs.internal.FsErrors;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * The file under a {@link FileReadStream} or {@link FileWriteStream}: opened on the pool when the
 * stream is built, at most one operation on it at a time, and closed on the pool when the stream
 * is destroyed. A destroy that arrives while the open or an operation is running waits for it, as
 * Node's fs streams do. Loop thread only.
 */
final class OpenFile {
  private final String path;
  private FileChannel channel;
  /** The open or an operation is running on the pool. */
  private boolean busy = true;
  private Throwable destroyError;
  private Consumer<Throwable> destroyCallback;

  /**
   * Opens {@code path} with Node's {@code flags}; then calls {@code onOpened}, or {@code onError}
   * with Node's error for the open (unless a destroy came first).
   */
  OpenFile(String path, String flags, Runnable onOpened, Consumer<Throwable> onError) {
    this.path = path;
    Eddy.blocking(() -> Fs.open(path, flags, "open"), (Throwable err, FileChannel ch) -> {
      busy = false;
      channel = ch;
      if (destroyCallback != null) {
        finishDestroy();
      } else if (err != null) {
        onError.accept(FsErrors.map(err, "open", path, null));
      } else {
        onOpened.run();
      }
    });
  }

  /** The open channel, or null before the open completed or after the close. */
  FileChannel channel() {
    return channel;
  }

  /** Marks an operation as running on the pool. */
  void begin() {
    busy = true;
  }

  /**
   * Marks the running operation as done. Returns true if a destroy was waiting for it: the file is
   * now being closed and the caller must not go on with the stream.
   */
  boolean end() {
    busy = false;
    if (destroyCallback != null) {
      finishDestroy();
      return true;
    }
    return false;
  }

  /** The stream's doDestroy: closes the file now, or when the running operation ends. */
  void destroy(Throwable error, Consumer<Throwable> callback) {
    destroyError = error;
    destroyCallback = callback;
    if (!busy) {
      finishDestroy();
    }
  }

  /** Closes the file (if open) on the pool, then completes the destroy with its error. */
  private void finishDestroy() {
    Consumer<Throwable> callback = destroyCallback;
    Throwable error = destroyError;
    destroyCallback = null;
    FileChannel ch = channel;
    channel = null;
    if (ch == null) {
      callback.accept(error);
      return;
    }
    Eddy.blocking(() -> {
      ch.close();
      return null;
    }, (Throwable closeErr, Object ignored) ->
        callback.accept(error != null || closeErr == null ? error : FsErrors.map(closeErr, "close", null, null)));
  }

  @Override
  public String toString() {
    return "OpenFile(" + path + (channel == null ? ", not open" : "") + ")";
  }
}
