package dev.eddy.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.web.test.TestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reading the recorded fixtures and comparing an answer with a recorded one. */
final class FixtureSupport {
  private FixtureSupport() {}

  static final Set<String> IGNORED = Set.of("date", "connection", "keep-alive", "etag");

  /** Silences the app's log of unhandled errors (the fixtures expect some 500s). */
  static java.util.logging.Logger quietAppLogger() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.eddy.web");
    log.setLevel(java.util.logging.Level.OFF);
    return log;
  }

  static JsonNode read(String name) {
    try (InputStream in = FixtureSupport.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing fixture " + name);
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Status and headers (names case-insensitive, values and order exact), or null when equal. */
  static String diff(JsonNode expected, TestResponse actual) {
    List<String> want = new ArrayList<>();
    for (JsonNode h : expected.get("headers")) {
      want.add(h.get(0).asText().toLowerCase(Locale.ROOT) + ": " + h.get(1).asText());
    }
    List<String> got = new ArrayList<>();
    for (String[] h : actual.rawHeaders()) {
      String name = h[0].toLowerCase(Locale.ROOT);
      if (!IGNORED.contains(name)) got.add(name + ": " + h[1]);
    }
    int status = expected.get("status").asInt();
    if (status == actual.status() && want.equals(got)) return null;
    return "expected " + status + " " + want + "\n     got " + actual.status() + " " + got;
  }
}
