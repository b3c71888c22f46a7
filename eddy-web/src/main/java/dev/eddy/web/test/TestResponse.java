package dev.eddy.web.test;

import dev.eddy.web.internal.JsJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An answer received by {@link TestClient}, with supertest-style assertions that throw {@link
 * AssertionError} naming the request, what was expected and what arrived. Immutable.
 */
public final class TestResponse {
  private final String request;
  private final int status;
  private final String reason;
  private final List<String[]> headers;
  private final byte[] body;

  TestResponse(String request, int status, String reason, List<String[]> headers, byte[] body) {
    this.request = request;
    this.status = status;
    this.reason = reason;
    this.headers = List.copyOf(headers);
    this.body = body;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /** A header's value, several lines joined with {@code ", "}; null when absent. Case-insensitive. */
  public String header(String name) {
    List<String> all = headers(name);
    return all.isEmpty() ? null : String.join(", ", all);
  }

  /** Every line of a header, in order (Set-Cookie lines stay separate). */
  public List<String> headers(String name) {
    List<String> out = new ArrayList<>();
    for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) out.add(h[1]);
    return out;
  }

  /** Header lines as received: name, value pairs. */
  public List<String[]> rawHeaders() {
    return headers;
  }

  public byte[] bytes() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON into Map/List/String/Number/Boolean/null. */
  public Object json() {
    return JsJson.standard().parse(body, 0, body.length);
  }

  /** The body bound to a record or class with Jackson. */
  public <T> T json(Class<T> type) {
    return JsJson.standard().convert(json(), type);
  }

  // ------------------------------------------------------------------ assertions

  private AssertionError fail(String what, Object expected, Object actual) {
    return new AssertionError(request + ": expected " + what + " " + expected + ", got " + actual
        + " (status " + status + ", body " + abbreviate(text()) + ")");
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** Asserts the status. */
  public TestResponse expect(int expectedStatus) {
    if (status != expectedStatus) throw fail("status", expectedStatus, status);
    return this;
  }

  /** Asserts a header is absent. */
  public TestResponse expectNoHeader(String name) {
    String actual = header(name);
    if (actual != null) throw fail("no header " + name.toLowerCase(Locale.ROOT) + ", found", "", quote(actual));
    return this;
  }

  /** Asserts a header's exact value (lines joined with ", "). */
  public TestResponse expectHeader(String name, String expected) {
    String actual = header(name);
    if (!Objects.equals(expected, actual)) throw fail("header " + name.toLowerCase(Locale.ROOT), quote(expected), quote(actual));
    return this;
  }

  /** Asserts a header is present and matches the pattern somewhere. */
  public TestResponse expectHeader(String name, Pattern pattern) {
    String actual = header(name);
    if (actual == null || !pattern.matcher(actual).find()) throw fail("header " + name + " matching", pattern, quote(actual));
    return this;
  }

  /** Asserts the body text exactly. */
  public TestResponse expectBody(String expected) {
    if (!expected.equals(text())) throw fail("body", quote(expected), quote(text()));
    return this;
  }

  /**
   * Asserts the body is JSON equal to {@code expected} (a Map/List/String/Number/Boolean/null
   * tree, or any value, compared after writing it as JSON and reading it back).
   */
  public TestResponse expectJson(Object expected) {
    Object want = normalize(expected);
    Object got;
    try {
      got = json();
    } catch (RuntimeException e) {
      throw fail("JSON body", want, "invalid JSON: " + e.getMessage());
    }
    if (!Objects.equals(want, got)) throw fail("JSON body", want, got);
    return this;
  }

  private static Object normalize(Object value) {
    byte[] b = JsJson.standard().stringify(value, 0, false);
    return JsJson.standard().parse(b, 0, b.length);
  }

  private static String quote(String s) {
    return s == null ? "(absent)" : '"' + s + '"';
  }

  @Override
  public String toString() {
    return request + " -> " + status + " " + reason + " " + headers.size() + " headers, " + body.length + " bytes";
  }

  static Map<String, String> asMap(List<String[]> headers) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String[] h : headers) out.merge(h[0].toLowerCase(Locale.ROOT), h[1], (a, b) -> a + ", " + b);
    return out;
  }
}
