package dev.eddy.stream;

import java.util.function.Consumer;

/**
 * The writable side of a stream ({@link Writable}, {@link Duplex}, {@link Transform}): what
 * {@code pipe} and {@code pipeline} write into. Call on the stream's loop thread. Sealed: the
 * write algorithm lives in {@link Stream}, and both implementations share it through these
 * default methods.
 */
public sealed interface WritableSide permits Writable, Duplex {
  private Stream self() {
    return (Stream) this;
  }

  private WritableState state() {
    return self().ws;
  }

  /**
   * Writes a chunk; returns false once the buffered length reaches highWaterMark (the chunk is
   * still accepted: wait for 'drain'). {@code callback} gets null or the write's error.
   */
  default boolean write(Object chunk, Consumer<Throwable> callback) {
    return self().writeImpl(chunk, callback);
  }

  /** {@code write(chunk)} without a callback. */
  default boolean write(Object chunk) {
    return write(chunk, null);
  }

  /** Ends the writable side after the given last chunk (null for none); callback at 'finish' or error. */
  default void end(Object chunk, Consumer<Throwable> callback) {
    self().endImpl(chunk, callback);
  }

  /** {@code end(chunk)}: writes the last chunk, then ends the writable side. */
  default void end(Object chunk) {
    end(chunk, null);
  }

  /** {@code end()}. */
  default void end() {
    end(null, null);
  }

  /** Buffers writes until {@link #uncork()}. */
  default void cork() {
    self().corkImpl();
  }

  /** Undoes one {@link #cork()}; the buffered writes go out when the count is 0. */
  default void uncork() {
    self().uncorkImpl();
  }

  /** Node's {@code writable}: writes are still accepted (not ending, ended, destroyed or errored). */
  default boolean writable() {
    WritableState s = state();
    return !s.ending && !s.ended && !s.destroyed && s.errored == null;
  }

  /** Node's {@code writableEnded}: end() has been called. */
  default boolean writableEnded() {
    return state().ending;
  }

  /** Node's {@code writableFinished}: 'finish' is about to be or has been emitted. */
  default boolean writableFinished() {
    return state().finished;
  }

  /** Node's {@code writableNeedDrain}: a write returned false and 'drain' has not come yet. */
  default boolean writableNeedDrain() {
    WritableState s = state();
    return s.needDrain && !s.destroyed && !s.ending;
  }

  /** Bytes (or objects) accepted but not yet written. */
  default int writableLength() {
    return state().length;
  }

  default int writableHighWaterMark() {
    return state().hwm;
  }

  default boolean writableObjectMode() {
    return state().objectMode;
  }

  /** How many cork() calls are not yet undone. */
  default int writableCorked() {
    return state().corked;
  }
}
