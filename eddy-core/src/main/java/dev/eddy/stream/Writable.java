package dev.eddy.stream;

import java.util.List;
import java.util.function.Consumer;

/**
 * Node's {@code stream.Writable}: subclass it and implement {@link #doWrite} (and optionally
 * {@link #doWritev}, {@link #doFinal}, {@link #doDestroy}), or build one from lambdas with {@link
 * #of}. Node 20's semantics: write() returns false at highWaterMark and 'drain' follows, end()
 * then 'prefinish', 'finish' and (with autoDestroy) 'close', errors destroy the stream.
 */
public class Writable extends Stream implements WritableSide {
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

  @Override
  public boolean write(Object chunk, Consumer<Throwable> callback) {
    return writeImpl(chunk, callback);
  }

  @Override
  public void end(Object chunk, Consumer<Throwable> callback) {
    endImpl(chunk, callback);
  }

  @Override
  public void cork() {
    corkImpl();
  }

  @Override
  public void uncork() {
    uncorkImpl();
  }

  @Override
  public boolean writable() {
    return !ws.ending && !ws.ended && !ws.destroyed && ws.errored == null;
  }

  @Override
  public boolean writableEnded() {
    return ws.ending;
  }

  @Override
  public boolean writableFinished() {
    return ws.finished;
  }

  @Override
  public boolean writableNeedDrain() {
    return ws.needDrain && !ws.destroyed && !ws.ending;
  }

  @Override
  public int writableLength() {
    return ws.length;
  }

  @Override
  public int writableHighWaterMark() {
    return ws.hwm;
  }

  @Override
  public boolean writableObjectMode() {
    return ws.objectMode;
  }

  @Override
  public int writableCorked() {
    return ws.corked;
  }

  @Override
  protected void doWritev(List<Object> chunks, Consumer<Throwable> callback) {
    super.doWritev(chunks, callback);
  }
}
