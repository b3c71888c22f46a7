package dev.eddy.http;

import java.util.List;

/**
 * A fixed set of response headers validated once, for middleware that sets the same headers on
 * every answer (helmet's twelve, CORS's constant ones): {@link ServerResponse#setHeaders} then
 * skips the per-header checks and hashing, adds the headers in one copy when none of them is set
 * yet, and the head is written with one copy of the block's bytes as long as its headers are
 * still there, in order and unchanged. They remain ordinary headers: {@code getHeader}, {@code
 * removeHeader} and a later {@code setHeader} see and change them as if set one by one. Immutable
 * and thread-safe; build it at startup.
 */
public final class HeaderBlock {
  final String[] names;
  final String[] values;
  final int[] hashes;
  /** The header lines ({@code Name: value\r\n} each) as they go on the wire. */
  final byte[] lines;
  /** {@link OutgoingHeaders}' presence bits of the names. */
  final long present;
  final long present2;
  /** Whether the names differ (ignoring case), so that the block may be added in one copy. */
  final boolean distinct;

  private HeaderBlock(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    this.hashes = new int[names.length];
    StringBuilder text = new StringBuilder();
    long bits = 0;
    long bits2 = 0;
    boolean unique = true;
    for (int i = 0; i < names.length; i++) {
      ServerResponse.checkToken(names[i]);
      ServerResponse.checkValue(names[i], values[i]);
      hashes[i] = OutgoingHeaders.foldedHash(names[i]);
      bits |= OutgoingHeaders.bit(hashes[i]);
      bits2 |= OutgoingHeaders.bit2(hashes[i]);
      for (int j = 0; j < i; j++) unique &= !names[j].equalsIgnoreCase(names[i]);
      text.append(names[i]).append(": ").append(values[i]).append("\r\n");
    }
    this.present = bits;
    this.present2 = bits2;
    this.distinct = unique;
    // values are checked to be Latin-1 above, and written one byte per char like every header
    this.lines = text.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * A block from name, value pairs.
   *
   * @throws dev.eddy.NodeException ERR_INVALID_HTTP_TOKEN or ERR_INVALID_CHAR, as setHeader would
   * @throws IllegalArgumentException for an odd number of strings
   */
  public static HeaderBlock of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("HeaderBlock.of takes name, value pairs; got an odd number of strings");
    }
    int n = namesAndValues.length / 2;
    String[] names = new String[n];
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = namesAndValues[2 * i];
      values[i] = namesAndValues[2 * i + 1];
    }
    return new HeaderBlock(names, values);
  }

  /** A block from parallel lists of names and values. */
  public static HeaderBlock of(List<String> names, List<String> values) {
    if (names.size() != values.size()) {
      throw new IllegalArgumentException("HeaderBlock.of: " + names.size() + " names but " + values.size() + " values");
    }
    return new HeaderBlock(names.toArray(String[]::new), values.toArray(String[]::new));
  }

  /** How many headers. */
  public int size() {
    return names.length;
  }
}
