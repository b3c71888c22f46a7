package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Negotiator against what negotiator 1.1.0 answered for the same headers and offers (fixture
 * {@code negotiation.json}, recorded by {@code eddy-web/src/test/node/negotiation-fixtures.js}).
 */
class NegotiatorFixtureTest {

  /** Reads the recorded fixtures; shared by the other fixture-driven tests of this package. */
  static final class Fixture {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode negotiation;
    private static JsonNode mime;

    static synchronized JsonNode negotiation() {
      if (negotiation == null) negotiation = read("negotiation.json");
      return negotiation;
    }

    static synchronized JsonNode mime() {
      if (mime == null) mime = read("mime-types.json");
      return mime;
    }

    private static JsonNode read(String name) {
      try (InputStream in = NegotiatorFixtureTest.class.getResourceAsStream(name)) {
        return MAPPER.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static String str(JsonNode n) {
      return n == null || n.isNull() ? null : n.asText();
    }

    static List<String> list(JsonNode n) {
      if (n == null || n.isNull()) return null;
      List<String> out = new ArrayList<>();
      for (JsonNode e : n) out.add(str(e));
      return out;
    }

    /**
     * Runs {@code fn} over every (row, column) input of a grid section and compares the answer
     * (as JSON; an exception becomes {"error": message}) with the recorded one. Returns the number
     * of cases checked; fails listing every mismatch.
     */
    static int checkGrid(String section, BiFunction<JsonNode, JsonNode, Object> fn) {
      JsonNode grid = negotiation().get(section);
      JsonNode rows = grid.get("rows");
      JsonNode cols = grid.get("cols");
      JsonNode results = grid.get("results");
      List<String> failures = new ArrayList<>();
      int n = 0;
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < cols.size(); c++) {
          JsonNode expected = results.get(r).get(c);
          JsonNode actual;
          try {
            actual = MAPPER.valueToTree(fn.apply(rows.get(r), cols.get(c)));
          } catch (IllegalArgumentException e) {
            actual = MAPPER.valueToTree(Map.of("error", e.getMessage()));
          }
          n++;
          if (!expected.equals(actual)) {
            failures.add(rows.get(r) + " x " + cols.get(c) + ": expected " + expected + ", got " + actual);
          }
        }
      }
      assertThat(failures).as(section).isEmpty();
      return n;
    }

    /**
     * Runs {@code fn} over every [header, offers, result] row of a fuzz section and compares its
     * answer (as JSON) with the recorded result; returns the number of rows.
     */
    static int checkFuzz(String section, BiFunction<String, List<String>, Object> fn) {
      JsonNode rows = negotiation().get("fuzz").get(section);
      List<String> failures = new ArrayList<>();
      for (JsonNode row : rows) {
        JsonNode actual = MAPPER.valueToTree(fn.apply(row.get(0).asText(), list(row.get(1))));
        if (!row.get(2).equals(actual)) failures.add(row + " got " + actual);
      }
      assertThat(failures).as("fuzz " + section).isEmpty();
      return rows.size();
    }
  }

  @Test
  void recordedWithTheExpectedVersions() {
    JsonNode v = Fixture.negotiation().get("versions");
    assertThat(v.get("negotiator").asText()).isEqualTo("1.1.0");
    assertThat(v.get("accepts").asText()).isEqualTo("2.0.0");
    assertThat(v.get("type-is").asText()).isEqualTo("2.1.0");
    assertThat(v.get("content-type").asText()).isEqualTo("2.1.0");
    assertThat(v.get("vary").asText()).isEqualTo("1.1.2");
  }

  @Test
  void mediaTypes() {
    int n =
        Fixture.checkGrid(
            "mediaTypes",
            (accept, available) ->
                Negotiator.mediaTypes(Fixture.str(accept), Fixture.list(available)));
    assertThat(n).isGreaterThan(1500);
  }

  @Test
  void mediaTypeIsTheFirstOfMediaTypes() {
    Fixture.checkGrid(
        "mediaTypes",
        (accept, available) -> {
          String best = Negotiator.mediaType(Fixture.str(accept), Fixture.list(available));
          List<String> all = Negotiator.mediaTypes(Fixture.str(accept), Fixture.list(available));
          assertThat(best).isEqualTo(all.isEmpty() ? null : all.get(0));
          return all;
        });
  }

  @Test
  void charsets() {
    Fixture.checkGrid(
        "charsets",
        (accept, available) -> Negotiator.charsets(Fixture.str(accept), Fixture.list(available)));
  }

  @Test
  void encodings() {
    Fixture.checkGrid(
        "encodings",
        (row, available) ->
            Negotiator.encodings(
                Fixture.str(row.get("accept")),
                Fixture.list(available),
                Fixture.list(row.get("preferred"))));
  }

  @Test
  void languages() {
    Fixture.checkGrid(
        "languages",
        (accept, available) -> Negotiator.languages(Fixture.str(accept), Fixture.list(available)));
  }

  @Test
  void acceptsType() {
    Fixture.checkGrid(
        "acceptsType", (accept, offers) -> Accepts.type(Fixture.str(accept), Fixture.list(offers)));
  }

  @Test
  void acceptsCharset() {
    Fixture.checkGrid(
        "acceptsCharset",
        (accept, offers) -> Accepts.charset(Fixture.str(accept), Fixture.list(offers)));
  }

  @Test
  void acceptsEncoding() {
    Fixture.checkGrid(
        "acceptsEncoding",
        (accept, offers) -> Accepts.encoding(Fixture.str(accept), Fixture.list(offers)));
  }

  @Test
  void acceptsLanguage() {
    Fixture.checkGrid(
        "acceptsLanguage",
        (accept, offers) -> Accepts.language(Fixture.str(accept), Fixture.list(offers)));
  }

  @Test
  void fuzzedHeaders() {
    Fixture.checkFuzz(
        "mediaTypes",
        (h, offers) -> List.of(Negotiator.mediaTypes(h, null), Negotiator.mediaTypes(h, offers)));
    Fixture.checkFuzz(
        "charsets",
        (h, offers) -> List.of(Negotiator.charsets(h, null), Negotiator.charsets(h, offers)));
    Fixture.checkFuzz(
        "encodings",
        (h, offers) ->
            List.of(
                Negotiator.encodings(h, null, null),
                Negotiator.encodings(h, offers, null),
                Negotiator.encodings(h, offers, List.of("br", "gzip"))));
    Fixture.checkFuzz(
        "languages",
        (h, offers) -> List.of(Negotiator.languages(h, null), Negotiator.languages(h, offers)));
    Fixture.checkFuzz(
        "acceptsType", (h, offers) -> offers.isEmpty() ? null : Accepts.type(h, offers));
  }
}
