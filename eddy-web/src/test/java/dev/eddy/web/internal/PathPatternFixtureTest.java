package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays what router 2.3.0's Layer (path-to-regexp 8.4.2) did for each recorded (path, options,
 * request path) in {@code path-fixtures.json}; see {@code src/test/node/path-fixtures.js}.
 */
class PathPatternFixtureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode fixture() throws IOException {
    try (InputStream in = PathPatternFixtureTest.class.getResourceAsStream("path-fixtures.json")) {
      assertThat(in).as("path-fixtures.json on the test classpath").isNotNull();
      return JSON.readTree(in);
    }
  }

  @Test
  void fixtureIsLargeEnough() throws IOException {
    JsonNode cases = fixture().get("cases");
    int requests = 0;
    for (JsonNode c : cases) requests += c.has("requests") ? c.get("requests").size() : 0;
    assertThat(cases.size()).isGreaterThan(300);
    assertThat(requests).isGreaterThan(3000);
  }

  @TestFactory
  Stream<DynamicTest> matchesLikeRouter() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : fixture().get("cases")) {
      tests.add(DynamicTest.dynamicTest(describe(c), () -> check(c)));
    }
    return tests.stream();
  }

  private static String describe(JsonNode c) {
    String what =
        c.has("regex")
            ? "/" + c.get("regex").asText() + "/" + c.get("flags").asText()
            : c.has("arrayElement")
                ? "[" + c.get("arrayElement").asText() + "]"
                : "'" + c.get("path").asText() + "'";
    return what + " " + c.get("opts");
  }

  private static void check(JsonNode c) {
    JsonNode opts = c.get("opts");
    boolean sensitive = opts.get("sensitive").asBoolean();
    boolean strict = opts.get("strict").asBoolean();
    boolean end = opts.get("end").asBoolean();
    PathPattern pattern;
    try {
      if (c.has("regex")) {
        int flags = c.get("flags").asText().contains("i") ? Pattern.CASE_INSENSITIVE : 0;
        pattern = PathPattern.regex(Pattern.compile(c.get("regex").asText(), flags), end);
      } else if (c.has("arrayElement")) {
        pattern =
            PathPattern.compileArrayElement(c.get("arrayElement").asText(), sensitive, strict, end);
      } else {
        pattern = PathPattern.compile(c.get("path").asText(), sensitive, strict, end);
      }
    } catch (PathSyntaxException e) {
      if (c.has("compileError")) {
        assertThat(e.getMessage()).isEqualTo(c.get("compileError").asText());
        return;
      }
      throw e;
    }
    if (c.has("compileError")) {
      fail("expected compile error " + c.get("compileError").asText());
    }

    List<String> problems = new ArrayList<>();
    for (JsonNode r : c.get("requests")) {
      String req = r.get("req").asText();
      String expected = expected(r);
      String actual;
      try {
        actual = render(pattern.match(req));
      } catch (ParamDecodeException e) {
        actual = "error " + e.status() + " " + e.getMessage();
      }
      if (!expected.equals(actual)) {
        problems.add("'" + req + "': expected " + expected + " but got " + actual);
      }
    }
    assertThat(problems).isEmpty();
  }

  private static String expected(JsonNode r) {
    if (r.has("error")) return "error " + r.get("status").asInt() + " " + r.get("error").asText();
    JsonNode m = r.get("match");
    if (m.isNull()) return "no match";
    StringBuilder out = new StringBuilder("path='").append(m.get("path").asText()).append("' {");
    Iterator<Map.Entry<String, JsonNode>> fields = m.get("params").fields();
    boolean first = true;
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!first) out.append(", ");
      first = false;
      out.append(f.getKey()).append('=');
      JsonNode v = f.getValue();
      if (v.isArray()) {
        List<String> parts = new ArrayList<>();
        for (JsonNode p : v) parts.add("'" + p.asText() + "'");
        out.append(parts);
      } else {
        out.append('\'').append(v.asText()).append('\'');
      }
    }
    return out.append('}').toString();
  }

  private static String render(PathMatch m) {
    if (m == null) return "no match";
    StringBuilder out = new StringBuilder("path='").append(m.matchedPath()).append("' {");
    boolean first = true;
    for (Map.Entry<String, Object> e : m.params().entrySet()) {
      if (!first) out.append(", ");
      first = false;
      out.append(e.getKey()).append('=');
      if (e.getValue() instanceof List<?> list) {
        List<String> parts = new ArrayList<>();
        for (Object p : list) parts.add("'" + p + "'");
        out.append(parts);
      } else {
        out.append('\'').append(e.getValue()).append('\'');
      }
    }
    return out.append('}').toString();
  }
}
