package dev.eddy.stream;

/**
 * Options of a stream's constructor, Node's names and defaults: anything left unset takes Node's
 * default (highWaterMark 16 KiB, or 16 objects in object mode; autoDestroy and emitClose on;
 * decodeStrings on; allowHalfOpen on). Mutable builder; a stream copies what it needs when built.
 */
public final class StreamOptions {
  Boolean objectMode;
  Integer highWaterMark;
  Boolean autoDestroy;
  Boolean emitClose;
  Boolean decodeStrings;
  String encoding;
  Boolean allowHalfOpen;
  Boolean readableObjectMode;
  Boolean writableObjectMode;
  Integer readableHighWaterMark;
  Integer writableHighWaterMark;

  /** Options with every value at Node's default. */
  public static StreamOptions defaults() {
    return new StreamOptions();
  }

  /** Chunks are arbitrary objects, counted one each, instead of bytes. */
  public StreamOptions objectMode(boolean v) {
    objectMode = v;
    return this;
  }

  /** The buffer level (bytes, or objects in object mode) at which writes return false and reads stop. */
  public StreamOptions highWaterMark(int v) {
    if (v < 0) {
      throw new IllegalArgumentException("The value of \"options.highWaterMark\" is invalid. Received " + v);
    }
    highWaterMark = v;
    return this;
  }

  /** Destroy the stream after 'end' / 'finish' (default true). */
  public StreamOptions autoDestroy(boolean v) {
    autoDestroy = v;
    return this;
  }

  /** Emit 'close' after destroy (default true). */
  public StreamOptions emitClose(boolean v) {
    emitClose = v;
    return this;
  }

  /** Convert written strings to bytes before they reach the sink (default true). */
  public StreamOptions decodeStrings(boolean v) {
    decodeStrings = v;
    return this;
  }

  /** Decode the readable side's bytes to strings with this encoding (Node's {@code encoding} option). */
  public StreamOptions encoding(String v) {
    encoding = v;
    return this;
  }

  /** For a Duplex: keep the writable side open after the readable side ended (default true). */
  public StreamOptions allowHalfOpen(boolean v) {
    allowHalfOpen = v;
    return this;
  }

  /** For a Duplex: object mode of the readable side only. */
  public StreamOptions readableObjectMode(boolean v) {
    readableObjectMode = v;
    return this;
  }

  /** For a Duplex: object mode of the writable side only. */
  public StreamOptions writableObjectMode(boolean v) {
    writableObjectMode = v;
    return this;
  }

  /** For a Duplex: highWaterMark of the readable side only. */
  public StreamOptions readableHighWaterMark(int v) {
    readableHighWaterMark = v;
    return this;
  }

  /** For a Duplex: highWaterMark of the writable side only. */
  public StreamOptions writableHighWaterMark(int v) {
    writableHighWaterMark = v;
    return this;
  }
}
