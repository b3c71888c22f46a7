package dev.eddy.ops;

import static dev.eddy.ops.EnvFileFixtureTest.entries;
import static dev.eddy.ops.EnvFileFixtureTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.ops.internal.EnvExpansion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays dotenv-expand 12 over dotenv 16's parse() for each case of {@code
 * env-expand-fixtures.json} (see {@code src/test/node/env-expand-fixtures.js}): the package used
 * directly, the dotenv.config()-then-expand() flow, and {@link Env#load} against that flow.
 */
class EnvExpansionFixtureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void fixtureIsLargeEnough() throws IOException {
    JsonNode cases = fixture("env-expand-fixtures.json").get("cases");
    assertThat(cases.size()).isGreaterThan(400);
    int hangs = 0;
    for (JsonNode c : cases) if (c.has("hangs")) hangs++;
    assertThat(hangs).isBetween(1, 40);
  }

  @TestFactory
  Stream<DynamicTest> expandsLikeDotenvExpand() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode c : fixture("env-expand-fixtures.json").get("cases")) {
      String input = c.get("input").asText();
      Map<String, String> env = new LinkedHashMap<>();
      for (List<String> p : entries(c.get("env"))) env.put(p.get(0), p.get(1));
      String name =
          (i++) + " " + JSON.writeValueAsString(input) + " env=" + JSON.writeValueAsString(env);
      tests.add(DynamicTest.dynamicTest(name, () -> check(c, input, env)));
    }
    return tests.stream();
  }

  private void check(JsonNode c, String input, Map<String, String> env) throws IOException {
    Map<String, String> parsed = EnvFile.parse(input);
    if (c.has("hangs")) {
      // Node ran the direct expansion first, then the flow; the first that never ended hung.
      try {
        EnvExpansion.expand(parsed, env);
      } catch (EnvExpansion.NotTerminating e) {
        return;
      }
      assertThatThrownBy(() -> EnvExpansion.expand(parsed, populated(env, parsed)))
          .isInstanceOf(EnvExpansion.NotTerminating.class);
      return;
    }
    assertThat(entries(EnvExpansion.expand(parsed, env))).isEqualTo(entries(c.get("expanded")));

    Map<String, String> processEnv = populated(env, parsed);
    Map<String, String> after = new HashMap<>(processEnv);
    after.putAll(EnvExpansion.expand(parsed, processEnv));
    Map<String, String> flow = new HashMap<>();
    for (List<String> p : entries(c.get("flow"))) flow.put(p.get(0), p.get(1));
    assertThat(after).isEqualTo(flow);

    // Env.load follows the flow for every variable the real environment does not define.
    if (EnvFile.parseStrict(input).problems().isEmpty()) {
      Files.writeString(dir.resolve(".env"), input);
      Env loaded = Env.load(dir, "development", env);
      for (String key : parsed.keySet()) {
        String expected = env.containsKey(key) ? env.get(key) : flow.get(key);
        assertThat(loaded.get(key)).as(key).contains(expected);
      }
    }
  }

  private static Map<String, String> populated(
      Map<String, String> env, Map<String, String> parsed) {
    Map<String, String> processEnv = new HashMap<>(env);
    parsed.forEach(processEnv::putIfAbsent);
    return processEnv;
  }
}
