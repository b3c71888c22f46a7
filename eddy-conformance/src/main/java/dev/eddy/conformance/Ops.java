package dev.eddy.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;

/** What the scenario languages of both kits share: an op is an object with exactly one main key. */
final class Ops {
  private Ops() {}

  /** The op's main key. @throws IllegalArgumentException if it has none or several */
  static String kind(JsonNode op, List<String> mainKeys) {
    String found = null;
    Iterator<String> names = op.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (mainKeys.contains(k)) {
        if (found != null) {
          throw new IllegalArgumentException("op with two main keys: " + op);
        }
        found = k;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("not an op: " + op);
    }
    return found;
  }
}
