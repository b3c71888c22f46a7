package dev.eddy.web;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Options of the body parsers ({@link Web#json(BodyOptions)}, {@link Web#urlencoded(BodyOptions)},
 * {@link Web#text(BodyOptions)}, {@link Web#raw(BodyOptions)}), body-parser's options:
 * {@code BodyOptions.defaults().limit("1mb").type("application/vnd.api+json")}. Immutable.
 *
 * @param limit the largest body in bytes after decompression (default 100 KiB = 102400); more is a 413
 * @param types media types this parser takes ({@code "json"}, {@code "text/*"}, {@code "+json"}); empty means the parser's default
 * @param typeMatcher a predicate deciding instead of {@code types}, or null
 * @param inflate accept gzip, deflate and br bodies (default true); false answers 415 to them
 * @param strict JSON only: the body must start with {@code {} or {@code [} (default true)
 * @param defaultCharset text and forms: the charset when Content-Type has none (default utf-8)
 * @param parameterLimit forms: the most fields (default 1000); more is a 413
 * @param verify called with the raw bytes before parsing; a throw answers 403
 */
public record BodyOptions(long limit, List<String> types, Predicate<Request> typeMatcher, boolean inflate,
    boolean strict, String defaultCharset, int parameterLimit, Verifier verify) {

  /** Checks a raw body before it is parsed (body-parser's {@code verify}); throw to refuse it with 403. */
  @FunctionalInterface
  public interface Verifier {
    void verify(Request req, Response res, byte[] body, String charset) throws Exception;
  }

  public BodyOptions {
    if (limit < 0) throw new IllegalArgumentException("option limit must be >= 0, got " + limit);
    if (parameterLimit < 1) throw new IllegalArgumentException("option parameterLimit must be a positive number");
    types = List.copyOf(types);
  }

  public static BodyOptions defaults() {
    return new BodyOptions(102400, List.of(), null, true, true, "utf-8", 1000, null);
  }

  public BodyOptions limit(long bytes) { return new BodyOptions(bytes, types, typeMatcher, inflate, strict, defaultCharset, parameterLimit, verify); }

  /** A limit in the bytes package's notation: {@code "100kb"}, {@code "1mb"}, {@code "512"} (1 kb = 1024 bytes). */
  public BodyOptions limit(String size) { return limit(parseBytes(size)); }

  public BodyOptions type(String... types) { return new BodyOptions(limit, List.of(types), null, inflate, strict, defaultCharset, parameterLimit, verify); }
  public BodyOptions type(Predicate<Request> matcher) { return new BodyOptions(limit, List.of(), matcher, inflate, strict, defaultCharset, parameterLimit, verify); }
  public BodyOptions inflate(boolean v) { return new BodyOptions(limit, types, typeMatcher, v, strict, defaultCharset, parameterLimit, verify); }
  public BodyOptions strict(boolean v) { return new BodyOptions(limit, types, typeMatcher, inflate, v, defaultCharset, parameterLimit, verify); }
  public BodyOptions defaultCharset(String v) { return new BodyOptions(limit, types, typeMatcher, inflate, strict, v.toLowerCase(Locale.ROOT), parameterLimit, verify); }
  public BodyOptions parameterLimit(int v) { return new BodyOptions(limit, types, typeMatcher, inflate, strict, defaultCharset, v, verify); }
  public BodyOptions verify(Verifier v) { return new BodyOptions(limit, types, typeMatcher, inflate, strict, defaultCharset, parameterLimit, v); }

  /**
   * Parses a size as the bytes package does.
   *
   * @throws IllegalArgumentException for anything else, naming the accepted forms
   */
  public static long parseBytes(String size) {
    String s = size == null ? "" : size.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
    if (i == 0) throw new IllegalArgumentException("option limit \"" + size + "\" is invalid (use e.g. 100kb, 1mb or a number of bytes)");
    double n;
    try {
      n = Double.parseDouble(s.substring(0, i));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option limit \"" + size + "\" is invalid (use e.g. 100kb, 1mb or a number of bytes)");
    }
    String unit = s.substring(i).trim();
    long mul = switch (unit) {
      case "", "b" -> 1L;
      case "kb" -> 1L << 10;
      case "mb" -> 1L << 20;
      case "gb" -> 1L << 30;
      case "tb" -> 1L << 40;
      case "pb" -> 1L << 50;
      default -> throw new IllegalArgumentException("option limit \"" + size + "\" is invalid (use e.g. 100kb, 1mb or a number of bytes)");
    };
    return (long) Math.floor(n * mul);
  }
}
