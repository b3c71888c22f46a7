package dev.eddy.web;

import dev.eddy.web.internal.QueryString;
import java.util.Map;

/** The urlencoded parser's step after reading: flat fields, a 413 past the parameter limit. */
final class FormParser {
  private FormParser() {}

  static Map<String, Object> parse(String body, int parameterLimit, String charset) {
    if (body.isEmpty()) return new java.util.LinkedHashMap<>();
    int count = 0;
    int index = -1;
    do {
      count++;
      if (count > parameterLimit) {
        throw new HttpError(413, "too many parameters", "parameters.too.many", Map.of(), null);
      }
      index = body.indexOf('&', index + 1);
    } while (index != -1);
    return QueryString.parseForm(body, parameterLimit,
        "iso-8859-1".equals(charset) ? java.nio.charset.StandardCharsets.ISO_8859_1 : java.nio.charset.StandardCharsets.UTF_8);
  }
}
