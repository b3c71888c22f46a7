package dev.eddy.stream;

import java.nio.charset.StandardCharsets;

/** What the stream machinery needs to know of a chunk: its size, and strings as bytes. */
final class Chunks {
  private Chunks() {}

  /** A string's UTF-8 bytes as a byte chunk. */
  static Object utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes for byte chunks, UTF-16 units for strings. */
  static int size(Object chunk) {
    if (chunk instanceof byte[] b) {
      return b.length;
    }
    if (chunk instanceof String s) {
      return s.length();
    }
    throw invalid(chunk);
  }

  static void requireBytesOrString(Object chunk) {
    if (!(chunk instanceof byte[]) && !(chunk instanceof String)) {
      throw invalid(chunk);
    }
  }

  private static IllegalArgumentException invalid(Object chunk) {
    return new IllegalArgumentException("The \"chunk\" argument must be of type string or an instance of "
        + "Buffer. Received " + (chunk == null ? "null" : "an instance of " + chunk.getClass().getSimpleName()));
  }
}
