package dev.eddy.stream;

import java.util.function.Consumer;

/**
 * Node's {@code stream.Duplex}: a readable side and a writable side in one stream, sharing one
 * emitter and one destroy. Implement {@link #doRead} and {@link #doWrite}. With {@code
 * allowHalfOpen(false)} the writable side ends one tick after the readable side's 'end'.
 */
public class Duplex extends Readable implements WritableSide {
  private final boolean allowHalfOpen;

  protected Duplex() {
    this(StreamOptions.defaults());
  }

  protected Duplex(StreamOptions options) {
    this(options, false);
  }

  Duplex(StreamOptions options, boolean transform) {
    super(options, transform);
    this.allowHalfOpen = options.allowHalfOpen == null || options.allowHalfOpen;
  }

  @Override
  boolean allowHalfOpen() {
    return allowHalfOpen;
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
    return writableNow();
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
}
