package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusesTest {

  static JsonNode fixture() throws IOException {
    try (InputStream in = StatusesTest.class.getResourceAsStream("json-query-statuses.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void matchesTheStatusesPackage() throws IOException {
    JsonNode f = fixture();
    JsonNode messages = f.get("message");
    for (int code = -1; code < 1000; code++) {
      JsonNode m = messages.get(Integer.toString(code));
      assertThat(Statuses.message(code))
          .as("code %d", code)
          .isEqualTo(m == null ? null : m.asText());
    }
    List<Integer> codes = new ArrayList<>();
    f.get("codes").forEach(c -> codes.add(c.asInt()));
    assertThat(Arrays.stream(Statuses.codes()).boxed().toList()).containsExactlyElementsOf(codes);
    List<Integer> redirect = new ArrayList<>();
    f.get("redirect").forEach(c -> redirect.add(c.asInt()));
    List<Integer> empty = new ArrayList<>();
    f.get("empty").forEach(c -> empty.add(c.asInt()));
    List<Integer> retry = new ArrayList<>();
    f.get("retry").forEach(c -> retry.add(c.asInt()));
    for (int code = 0; code < 1000; code++) {
      assertThat(Statuses.isRedirect(code))
          .as("redirect %d", code)
          .isEqualTo(redirect.contains(code));
      assertThat(Statuses.isEmpty(code)).as("empty %d", code).isEqualTo(empty.contains(code));
      assertThat(Statuses.isRetry(code)).as("retry %d", code).isEqualTo(retry.contains(code));
    }
    for (Map.Entry<String, JsonNode> e : f.get("byMessage").properties()) {
      assertThat(Statuses.code(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().asInt());
    }
  }

  @Test
  void examples() {
    assertThat(Statuses.message(418)).isEqualTo("I'm a Teapot");
    assertThat(Statuses.message(413)).isEqualTo("Payload Too Large");
    assertThat(Statuses.message(306)).isNull();
    assertThat(Statuses.code("not found")).isEqualTo(404);
    assertThat(Statuses.codes()).hasSize(63);
  }
}
