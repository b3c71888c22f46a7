package dev.eddy.stream;

import java.util.function.Consumer;

/**
 * The writable side of a stream ({@link Writable}, {@link Duplex}, {@link Transform}): what
 * {@code pipe} and {@code pipeline} write into. Call on the stream's loop thread.
 */
public interface WritableSide {
  /**
   * Writes a chunk; returns false once the buffered length reaches highWaterMark (the chunk is
   * still accepted: wait for 'drain'). {@code callback} gets null or the write's error.
   */
  boolean write(Object chunk, Consumer<Throwable> callback);

  /** {@code write(chunk)} without a callback. */
  default boolean write(Object chunk) {
    return write(chunk, null);
  }

  /** Ends the writable side after the given last chunk (null for none); callback at 'finish' or error. */
  void end(Object chunk, Consumer<Throwable> callback);

  /** {@code end()}. */
  default void end() {
    end(null, null);
  }

  /** Buffers writes until {@link #uncork()}. */
  void cork();

  /** Undoes one {@link #cork()}; the buffered writes go out when the count is 0. */
  void uncork();

  /** Node's {@code writable}: writes are still accepted. */
  boolean writable();

  boolean writableEnded();

  boolean writableFinished();

  boolean writableNeedDrain();

  int writableLength();

  int writableHighWaterMark();

  boolean writableObjectMode();

  int writableCorked();
}
