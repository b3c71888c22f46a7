package dev.eddy.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Vary} header arithmetic of the npm package {@code vary} 1.1.2 (used by {@code
 * res.vary()}, {@code res.format()} and cors). All methods are static and thread-safe.
 */
public final class Vary {
  private Vary() {}

  /**
   * {@code vary.append(header, field)}: the {@code Vary} value after adding the comma-separated
   * field names in {@code field}. Names already present (compared case-insensitively) are not
   * added again; new ones are appended as written, joined with {@code ", "}. The result is {@code
   * *} when the header is exactly {@code *}, or when either side contains a {@code *} entry. The
   * existing text is kept as is.
   *
   * @param currentHeader the current value; null is treated as empty (as {@code vary(res, field)}
   *     does for an absent header)
   * @param field one or more field names separated by commas (spaces around them are ignored)
   * @throws IllegalArgumentException {@code "field argument is required"} for a null or empty
   *     field, {@code "field argument contains an invalid header name"} when an entry is not an
   *     RFC 7230 token (including an empty entry, as in {@code "a,,b"})
   */
  public static String append(String currentHeader, String field) {
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException("field argument is required");
    }
    return appendFields(currentHeader, parse(field));
  }

  /**
   * {@code vary.append(header, fields)} with an array: each element is one field name, taken as
   * is (not split or trimmed). An empty list returns the header unchanged.
   *
   * @throws IllegalArgumentException {@code "field argument is required"} for a null list, {@code
   *     "field argument contains an invalid header name"} when an element is not a token
   */
  public static String append(String currentHeader, List<String> fields) {
    if (fields == null) throw new IllegalArgumentException("field argument is required");
    return appendFields(currentHeader, fields);
  }

  private static String appendFields(String header, List<String> fields) {
    for (int j = 0; j < fields.size(); j++) {
      String f = fields.get(j);
      if (f == null || !ContentType.isToken(f)) {
        throw new IllegalArgumentException("field argument contains an invalid header name");
      }
    }
    if (header == null) header = "";
    if (header.equals("*")) return header;
    List<String> vals = parse(header.toLowerCase(Locale.ROOT));
    if (fields.contains("*") || vals.contains("*")) return "*";
    String val = header;
    for (int i = 0; i < fields.size(); i++) {
      String fld = fields.get(i).toLowerCase(Locale.ROOT);
      if (!vals.contains(fld)) {
        vals.add(fld);
        val = val.isEmpty() ? fields.get(i) : val + ", " + fields.get(i);
      }
    }
    return val;
  }

  /** vary's tokenizer: split on commas, spaces dropped around entries (not inside them). */
  private static List<String> parse(String header) {
    List<String> list = new ArrayList<>(4);
    int start = 0;
    int end = 0;
    for (int i = 0, len = header.length(); i < len; i++) {
      switch (header.charAt(i)) {
        case ' ':
          if (start == end) start = end = i + 1;
          break;
        case ',':
          list.add(header.substring(start, end));
          start = end = i + 1;
          break;
        default:
          end = i + 1;
          break;
      }
    }
    list.add(header.substring(start, end));
    return list;
  }
}
