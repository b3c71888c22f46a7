package dev.eddy.stream;

/**
 * Node's {@code stream.Duplex}: a readable side and a writable side in one stream, sharing one
 * emitter and one destroy. Implement {@link #doRead} and {@link #doWrite}. With {@code
 * allowHalfOpen(false)} the writable side ends one tick after the readable side's 'end'.
 */
public non-sealed class Duplex extends Readable implements WritableSide {
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
}
