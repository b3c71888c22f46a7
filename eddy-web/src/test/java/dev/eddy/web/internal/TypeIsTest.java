package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.web.internal.NegotiatorFixtureTest.Fixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TypeIs against type-is 2.1.0's recorded answers, plus the documented examples. */
class TypeIsTest {

  @Test
  void isMatchesTheFixture() {
    int n =
        Fixture.checkGrid(
            "typeIs", (ct, types) -> TypeIs.is(Fixture.str(ct), Fixture.list(types)));
    assertThat(n).isGreaterThan(1000);
  }

  @Test
  void fuzzedContentTypes() {
    Fixture.checkFuzz("typeIs", TypeIs::is);
  }

  @Test
  void hasBodyMatchesTheFixture() {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : Fixture.negotiation().get("hasBody")) {
      boolean actual =
          TypeIs.hasBody(Fixture.str(c.get("contentLength")), Fixture.str(c.get("transferEncoding")));
      if (actual != c.get("result").asBoolean()) failures.add(c.toString());
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void normalizeMatchesTheFixture() {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : Fixture.negotiation().get("normalize")) {
      String actual = TypeIs.normalize(c.get("type").asText());
      String expected = Fixture.str(c.get("result"));
      if (!java.util.Objects.equals(actual, expected)) failures.add(c + " got " + actual);
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void mimeMatchMatchesTheFixture() {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : Fixture.negotiation().get("match")) {
      boolean actual = TypeIs.mimeMatch(Fixture.str(c.get("expected")), c.get("actual").asText());
      if (actual != c.get("result").asBoolean()) failures.add(c.toString());
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void documentedExamples() {
    String html = "text/html; charset=utf-8";
    assertThat(TypeIs.is(html, List.of("html"))).isEqualTo("html");
    assertThat(TypeIs.is(html, List.of("text/html"))).isEqualTo("text/html");
    assertThat(TypeIs.is(html, List.of("text/*", "application/json"))).isEqualTo("text/html");
    String json = "application/json";
    assertThat(TypeIs.is(json, List.of("json", "urlencoded"))).isEqualTo("json");
    assertThat(TypeIs.is(json, List.of("application/json"))).isEqualTo("application/json");
    assertThat(TypeIs.is(json, List.of("html", "application/*"))).isEqualTo("application/json");
    assertThat(TypeIs.is(json, List.of("html"))).isNull();
    assertThat(TypeIs.is("application/vnd+json", List.of("+json"))).isEqualTo("application/vnd+json");
    assertThat(TypeIs.is("multipart/form-data; boundary=x", List.of("multipart")))
        .isEqualTo("multipart");
    assertThat(TypeIs.is("Application/JSON; charset=UTF-8", null)).isEqualTo("application/json");
    assertThat(TypeIs.is("application/json", List.of())).isEqualTo("application/json");
  }

  @Test
  void invalidOrAbsentContentTypeIsNull() {
    assertThat(TypeIs.is(null, List.of("json"))).isNull();
    assertThat(TypeIs.is("", null)).isNull();
    assertThat(TypeIs.is("json", null)).isNull();
    assertThat(TypeIs.is("text/html, text/plain", null)).isNull();
  }

  @Test
  void nullTypesAndElements() {
    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    withNull.add("json");
    assertThat(TypeIs.is("application/json", withNull)).isEqualTo("json");
    assertThat(TypeIs.normalize(null)).isNull();
    assertThat(TypeIs.mimeMatch(null, "a/b")).isFalse();
    assertThat(TypeIs.mimeMatch("a/b", null)).isFalse();
  }

  @Test
  void hasBodyRules() {
    assertThat(TypeIs.hasBody(null, null)).isFalse();
    assertThat(TypeIs.hasBody(null, "")).isTrue();
    assertThat(TypeIs.hasBody("0", null)).isTrue();
    assertThat(TypeIs.hasBody("", null)).isTrue();
    assertThat(TypeIs.hasBody("12abc", null)).isFalse();
    assertThat(TypeIs.hasBody(" 0x1F ", null)).isTrue();
  }

  @Test
  void mediaTypeLengthLimits() {
    assertThat(TypeIs.isValidMediaType("a".repeat(127) + "/" + "b".repeat(127))).isTrue();
    assertThat(TypeIs.isValidMediaType("a".repeat(128) + "/b")).isFalse();
    assertThat(TypeIs.isValidMediaType("a/" + "b".repeat(128))).isFalse();
    assertThat(TypeIs.isValidMediaType("  a/b  ")).isTrue();
    assertThat(TypeIs.isValidMediaType("a/b\t")).isFalse();
  }
}
