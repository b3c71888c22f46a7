package dev.eddy.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One problem found by {@link Validate}: a type error while binding or a failed Bean Validation
 * constraint.
 *
 * @param location {@code "body"}, {@code "query"} or {@code "params"}
 * @param path where in that part: {@code "name"}, {@code "address.zip"}, {@code "items[0].qty"},
 *     {@code "tags[1]"}, {@code "labels[key]"}; {@code ""} for the part as a whole
 * @param message what is wrong, e.g. {@code "must not be blank"} or {@code "must be an integer"}
 * @param value the rejected value when it is a string, number or boolean; null otherwise (absent,
 *     null, an object or an array, which are not echoed back)
 */
public record ValidationError(String location, String path, String message, Object value) {
  /**
   * The error as it appears in the 400 answer: {@code location}, {@code path}, {@code message},
   * and {@code value} only when there is one. A new mutable map on each call.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>(6);
    m.put("location", location);
    m.put("path", path);
    m.put("message", message);
    if (value != null) m.put("value", value);
    return m;
  }
}
