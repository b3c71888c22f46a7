package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays what dotenv 16's parse() returned for each input of {@code env-parse-fixtures.json} (see
 * {@code src/test/node/env-parse-fixtures.js}), keys in order.
 */
class EnvFileFixtureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode fixture(String name) throws IOException {
    try (InputStream in = EnvFileFixtureTest.class.getResourceAsStream("/dev/eddy/ops/" + name)) {
      assertThat(in).as(name + " on the test classpath").isNotNull();
      return JSON.readTree(in);
    }
  }

  static List<List<String>> entries(JsonNode pairs) {
    List<List<String>> out = new ArrayList<>();
    for (JsonNode p : pairs) out.add(List.of(p.get(0).asText(), p.get(1).asText()));
    return out;
  }

  static List<List<String>> entries(Map<String, String> map) {
    List<List<String>> out = new ArrayList<>();
    map.forEach((k, v) -> out.add(List.of(k, v)));
    return out;
  }

  @Test
  void fixtureIsLargeEnough() throws IOException {
    assertThat(fixture("env-parse-fixtures.json").get("cases").size()).isGreaterThan(800);
  }

  @TestFactory
  Stream<DynamicTest> parsesLikeDotenv() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : fixture("env-parse-fixtures.json").get("cases")) {
      String input = c.get("input").asText();
      List<List<String>> expected = entries(c.get("entries"));
      tests.add(
          DynamicTest.dynamicTest(
              JSON.writeValueAsString(input),
              () -> {
                assertThat(entries(EnvFile.parse(input))).isEqualTo(expected);
                assertThat(entries(EnvFile.parseStrict(input).values())).isEqualTo(expected);
              }));
    }
    return tests.stream();
  }
}
