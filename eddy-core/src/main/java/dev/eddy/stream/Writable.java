package dev.eddy.stream;

import java.util.function.Consumer;

/**
 * Node's {@code stream.Writable}: subclass it and implement {@link #doWrite} (and optionally
 * {@link #doWritev}, {@link #doFinal}, {@link #doDestroy}), or build one from lambdas with {@link
 * #of}. Node 20's semantics: write() returns false at highWaterMark and 'drain' follows, end()
 * then 'prefinish', 'finish' and (with autoDestroy) 'close', errors destroy the stream.
 */
public non-sealed class Writable extends Stream implements WritableSide {
  /** A writable with Node's default options. */
  protected Writable() {
    this(StreamOptions.defaults());
  }

  protected Writable(StreamOptions options) {
    ws = new WritableState(options, false);
  }

  /** The sink of {@link #of}: Node's {@code write(chunk, encoding, callback)} option. */
  @FunctionalInterface
  public interface Sink {
    void write(Object chunk, Consumer<Throwable> callback);
  }

  /** {@code new Writable({write})}. */
  public static Writable of(StreamOptions options, Sink sink) {
    return new Writable(options) {
      @Override
      protected void doWrite(Object chunk, Consumer<Throwable> callback) {
        sink.write(chunk, callback);
      }
    };
  }

}
