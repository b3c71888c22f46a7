package dev.eddy.stream;

import dev.eddy.Buffer;

/** What the stream machinery needs to know of a chunk: its size, and strings as bytes. */
final class Chunks {
  private Chunks() {}

  /** A string's UTF-8 bytes as a byte chunk. */
  static Buffer utf8(String s) {
    return Buffer.from(s);
  }

  /** Bytes for byte chunks, UTF-16 units for strings. */
  static int size(Object chunk) {
    if (chunk instanceof Buffer b) {
      return b.length();
    }
    if (chunk instanceof String s) {
      return s.length();
    }
    throw invalid(chunk);
  }

  /** A byte-mode chunk as the machinery keeps it: a Buffer (a byte[] is copied into one) or a String. */
  static Object normalize(Object chunk) {
    if (chunk instanceof Buffer || chunk instanceof String) {
      return chunk;
    }
    if (chunk instanceof byte[] raw) {
      return Buffer.from(raw);
    }
    throw invalid(chunk);
  }

  private static IllegalArgumentException invalid(Object chunk) {
    return new IllegalArgumentException("The \"chunk\" argument must be of type string or an instance of "
        + "Buffer. Received " + (chunk == null ? "null" : "an instance of " + chunk.getClass().getSimpleName()));
  }
}
