package dev.eddy.fs;

import dev.eddy.NodeException;

/**
 * The options of {@link Fs#createReadStream(String, ReadStreamOptions)}: {@code start} and {@code
 * end} (both inclusive byte positions, as Node) and {@code highWaterMark} (default 64 KiB, the
 * size of each read). A mutable builder for one call, used on one thread.
 */
public final class ReadStreamOptions {
  long start;
  long end = Long.MAX_VALUE;
  int highWaterMark = Fs.DEFAULT_READ_HIGH_WATER_MARK;

  private ReadStreamOptions() {}

  /** Node's defaults: the whole file, 64 KiB reads. */
  public static ReadStreamOptions defaults() {
    return new ReadStreamOptions();
  }

  /**
   * The first byte to read.
   *
   * @throws NodeException RangeError ERR_OUT_OF_RANGE if negative
   */
  public ReadStreamOptions start(long start) {
    if (start < 0) {
      throw new NodeException("RangeError", "ERR_OUT_OF_RANGE",
          "The value of \"start\" is out of range. It must be >= 0 && <= 9007199254740991. Received " + start);
    }
    this.start = start;
    return this;
  }

  /**
   * The last byte to read (inclusive, as Node: {@code start(0).end(0)} reads one byte).
   *
   * @throws NodeException RangeError ERR_OUT_OF_RANGE if negative
   */
  public ReadStreamOptions end(long end) {
    if (end < 0) {
      throw new NodeException("RangeError", "ERR_OUT_OF_RANGE",
          "The value of \"end\" is out of range. It must be >= 0 && <= 9007199254740991. Received " + end);
    }
    this.end = end;
    return this;
  }

  /**
   * The most bytes read at a time and buffered before reading pauses.
   *
   * @throws IllegalArgumentException if not positive
   */
  public ReadStreamOptions highWaterMark(int highWaterMark) {
    if (highWaterMark <= 0) {
      throw new IllegalArgumentException("highWaterMark must be positive, but it is " + highWaterMark);
    }
    this.highWaterMark = highWaterMark;
    return this;
  }
}
