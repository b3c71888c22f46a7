package dev.eddy.fs;

import dev.eddy.Buffer;
import dev.eddy.Callback;
import dev.eddy.Eddy;
import dev.eddy.Promise;
import dev.eddy.fs.internal.FsErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * An open file, as Node's {@code FileHandle} (from {@link Fs#open}): positional or sequential
 * reads and writes and {@link #close}. Each operation has Node's three faces: a promise, a
 * callback (called on the loop thread in the poll phase) and a {@code Sync} method that blocks the
 * calling thread. The promise and callback forms must be called on a loop thread; the work runs
 * on the blocking pool. Failures are {@link FsException}s with syscall {@code read}, {@code write}
 * or {@code close} and no path, as Node's; using a closed handle is {@code EBADF}.
 *
 * <p>Close every handle: like a Node file descriptor it is not closed by the garbage collector.
 */
public final class FileHandle {
  private final FileChannel channel;

  FileHandle(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Reads up to {@code length} bytes into {@code buffer} at {@code offset}, from file position
   * {@code position} (or, if it is -1, from the current position, which then advances). Blocks
   * the calling thread.
   *
   * @return the number of bytes read, 0 at the end of the file
   * @throws FsException EBADF if closed, EISDIR for a directory, other read errors
   * @throws IndexOutOfBoundsException if {@code offset}/{@code length} fall outside {@code buffer}
   */
  public int readSync(Buffer buffer, int offset, int length, long position) {
    Objects.checkFromIndexSize(offset, length, buffer.length());
    ByteBuffer dst = buffer.asByteBuffer().position(offset).limit(offset + length);
    try {
      int n = position < 0 ? channel.read(dst) : channel.read(dst, position);
      return Math.max(n, 0);
    } catch (IOException e) {
      throw FsErrors.map(e, "read", null, null);
    }
  }

  /** {@link #readSync} on the blocking pool; the promise gives the number of bytes read. */
  public Promise<Integer> read(Buffer buffer, int offset, int length, long position) {
    return Eddy.blocking(() -> readSync(buffer, offset, length, position));
  }

  /** {@link #readSync} on the blocking pool with a Node-style callback. */
  public void read(Buffer buffer, int offset, int length, long position, Callback<? super Integer> callback) {
    Eddy.blocking(() -> readSync(buffer, offset, length, position), callback);
  }

  /**
   * Writes all {@code length} bytes of {@code buffer} from {@code offset} at file position {@code
   * position} (or, if -1, at the current position, or at the end for a file opened with an
   * {@code 'a'} flag). Blocks the calling thread.
   *
   * @return the number of bytes written ({@code length})
   * @throws FsException EBADF if closed or not open for writing, other write errors
   */
  public int writeSync(Buffer buffer, int offset, int length, long position) {
    Objects.checkFromIndexSize(offset, length, buffer.length());
    ByteBuffer src = buffer.asByteBuffer().position(offset).limit(offset + length);
    try {
      long pos = position;
      while (src.hasRemaining()) {
        int n = pos < 0 ? channel.write(src) : channel.write(src, pos);
        if (pos >= 0) {
          pos += n;
        }
      }
      return length;
    } catch (java.nio.channels.NonWritableChannelException e) {
      throw FsErrors.of("EBADF", "write", null, null);
    } catch (IOException e) {
      throw FsErrors.map(e, "write", null, null);
    }
  }

  /** {@link #writeSync} on the blocking pool; the promise gives the number of bytes written. */
  public Promise<Integer> write(Buffer buffer, int offset, int length, long position) {
    return Eddy.blocking(() -> writeSync(buffer, offset, length, position));
  }

  /** {@link #writeSync} on the blocking pool with a Node-style callback. */
  public void write(Buffer buffer, int offset, int length, long position, Callback<? super Integer> callback) {
    Eddy.blocking(() -> writeSync(buffer, offset, length, position), callback);
  }

  /**
   * Closes the file. Blocks the calling thread.
   *
   * @throws FsException EBADF if it was already closed (as closing a descriptor twice in Node)
   */
  public void closeSync() {
    if (!channel.isOpen()) {
      throw FsErrors.of("EBADF", "close", null, null);
    }
    try {
      channel.close();
    } catch (IOException e) {
      throw FsErrors.map(e, "close", null, null);
    }
  }

  /** {@link #closeSync} on the blocking pool. */
  public Promise<Void> close() {
    return Eddy.blocking(() -> {
      closeSync();
      return null;
    });
  }

  /** {@link #closeSync} on the blocking pool with a Node-style callback. */
  public void close(Callback<? super Void> callback) {
    Eddy.blocking(() -> {
      closeSync();
      return null;
    }, callback);
  }
}
