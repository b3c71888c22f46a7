package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.web.internal.NegotiatorFixtureTest.Fixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** ContentType against content-type 2.1.0's recorded answers, plus unit checks. */
class ContentTypeTest {

  @Test
  void parseMatchesTheFixture() {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : Fixture.negotiation().get("contentTypeParse")) {
      String header = c.get("header").asText();
      ContentType parsed = ContentType.parse(header);
      List<List<String>> params = new ArrayList<>();
      parsed.parameters().forEach((k, v) -> params.add(List.of(k, v)));
      JsonNode actual = Fixture.MAPPER.valueToTree(params);
      if (!parsed.type().equals(c.get("type").asText()) || !actual.equals(c.get("parameters"))) {
        failures.add(c + " got " + parsed);
      }
      if (!ContentType.typeOf(header).equals(parsed.type())) failures.add("typeOf " + header);
      for (Map.Entry<String, String> e : parsed.parameters().entrySet()) {
        if (!e.getValue().equals(ContentType.parameter(header, e.getKey()))) {
          failures.add("parameter " + header + " " + e.getKey());
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void fuzzedParse() {
    Fixture.checkFuzz(
        "contentTypeParse",
        (h, ignored) -> {
          ContentType ct = ContentType.parse(h);
          List<List<String>> params = new ArrayList<>();
          ct.parameters().forEach((k, v) -> params.add(List.of(k, v)));
          return List.of(ct.type(), params);
        });
  }

  @Test
  void formatMatchesTheFixture() {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : Fixture.negotiation().get("contentTypeFormat")) {
      Map<String, String> params = new LinkedHashMap<>();
      for (JsonNode pair : c.get("parameters")) {
        params.put(pair.get(0).asText(), Fixture.str(pair.get(1)));
      }
      String type = c.get("type").asText();
      String actual;
      try {
        actual = ContentType.format(type, params);
        if (!actual.equals(new ContentType(type, params).format())) failures.add("record " + c);
      } catch (IllegalArgumentException e) {
        actual = "error: " + e.getMessage();
      }
      String expected =
          c.has("error") ? "error: " + c.get("error").asText() : c.get("result").asText();
      if (!expected.equals(actual)) failures.add(c + " got " + actual);
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void setCharsetMatchesExpress() {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : Fixture.negotiation().get("setCharset")) {
      String actual;
      try {
        actual =
            ContentType.setCharset(Fixture.str(c.get("type")), Fixture.str(c.get("charset")));
      } catch (IllegalArgumentException e) {
        actual = "error: " + e.getMessage();
      }
      String expected =
          c.has("error") ? "error: " + c.get("error").asText() : Fixture.str(c.get("result"));
      if (!Objects.equals(expected, actual)) failures.add(c + " got " + actual);
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void parseIsLenient() {
    ContentType ct = ContentType.parse(" Text/HTML ; Charset = \"UTF-8\" ; charset=x; q");
    assertThat(ct.type()).isEqualTo("text/html");
    assertThat(ct.parameters()).containsExactly(Map.entry("charset", "UTF-8"));
    assertThat(ContentType.parse("").type()).isEmpty();
    assertThat(ContentType.parse("a; b=\"c\\\"d\"").parameters()).containsEntry("b", "c\"d");
    assertThat(ContentType.parse("a; b=\"unterminated").parameters()).isEmpty();
  }

  @Test
  void parametersFollowJavaScriptKeyOrder() {
    ContentType ct = ContentType.parse("a/b; z=1; 10=2; 2=3; y=4");
    assertThat(ct.parameters().keySet()).containsExactly("2", "10", "z", "y");
    assertThat(ct.format()).isEqualTo("a/b; 2=3; 10=2; z=1; y=4");
  }

  @Test
  void recordIsImmutableAndCopies() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("charset", "utf-8");
    ContentType ct = new ContentType("text/plain", params);
    params.put("x", "y");
    assertThat(ct.parameters()).containsOnlyKeys("charset");
    assertThatThrownBy(() -> ct.parameters().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(ct.withParameter("charset", "latin1").format())
        .isEqualTo("text/plain; charset=latin1");
    assertThat(new ContentType("text/plain", null).parameters()).isEmpty();
  }

  @Test
  void formatErrors() {
    assertThatThrownBy(() -> ContentType.format("text", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid type: text");
    assertThatThrownBy(() -> ContentType.format("a/b", Map.of("a b", "c")))
        .hasMessage("Invalid parameter name: a b");
    assertThatThrownBy(() -> ContentType.format("a/b", Map.of("a", "\u0100")))
        .hasMessage("Invalid parameter value: \u0100");
    assertThat(ContentType.format("a/b", Map.of("a", "x \"y\""))).isEqualTo("a/b; a=\"x \\\"y\\\"\"");
  }

  @Test
  void parameterLookup() {
    assertThat(ContentType.parameter("application/json; Charset=UTF-8", "charset"))
        .isEqualTo("UTF-8");
    assertThat(ContentType.parameter("application/json", "charset")).isNull();
    assertThat(ContentType.parameter("a/b; charset=\"x\"; charset=y", "charset")).isEqualTo("x");
  }
}
