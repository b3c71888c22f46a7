package dev.eddy.http;

import java.util.List;

/**
 * A fixed set of response headers validated once, for middleware that sets the same headers on
 * every answer (helmet's twelve, CORS's constant ones): {@link ServerResponse#setHeaders} then
 * skips the per-header checks and hashing. Immutable and thread-safe; build it at startup.
 */
public final class HeaderBlock {
  final String[] names;
  final String[] values;
  final int[] hashes;

  private HeaderBlock(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    this.hashes = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      ServerResponse.checkToken(names[i]);
      ServerResponse.checkValue(names[i], values[i]);
      hashes[i] = OutgoingHeaders.foldedHash(names[i]);
    }
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
