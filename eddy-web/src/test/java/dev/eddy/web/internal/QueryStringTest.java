package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class QueryStringTest {

  static JsonNode fixture(String name) throws IOException {
    try (InputStream in = QueryStringTest.class.getResourceAsStream(name)) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** Null when {@code actual} has the same entries, in the same order, as the [key, value] list. */
  static String difference(Map<String, Object> actual, JsonNode expected) {
    if (actual.size() != expected.size()) return "size " + actual + " vs " + expected;
    Iterator<JsonNode> want = expected.iterator();
    for (Map.Entry<String, Object> got : actual.entrySet()) {
      JsonNode w = want.next();
      if (!got.getKey().equals(w.get(0).textValue()))
        return "key " + got.getKey() + " vs " + w.get(0);
      JsonNode v = w.get(1);
      if (v.isTextual()) {
        if (!v.textValue().equals(got.getValue()))
          return got.getKey() + ": " + got.getValue() + " vs " + v;
      } else {
        List<String> list = new ArrayList<>();
        for (JsonNode e : v) list.add(e.textValue());
        if (!list.equals(got.getValue())) return got.getKey() + ": " + got.getValue() + " vs " + v;
      }
    }
    return null;
  }

  @Test
  void parseMatchesNodeQuerystring() throws IOException {
    JsonNode cases = fixture("json-query-querystring.json");
    assertThat(cases.size()).isGreaterThan(400);
    List<String> failures = new ArrayList<>();
    for (JsonNode c : cases) {
      String q = c.get(0).asText();
      String diff = difference(QueryString.parse(q), c.get(1));
      if (diff != null)
        failures.add((q.length() > 200 ? q.substring(0, 200) + "..." : q) + " -> " + diff);
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void parseFormMatchesBodyParser() throws IOException {
    JsonNode cases = fixture("json-query-form.json");
    assertThat(cases.size()).isGreaterThan(400);
    List<String> failures = new ArrayList<>();
    for (JsonNode c : cases) {
      String body = c.get("body").asText();
      Charset charset =
          c.get("charset").asText().equals("utf-8")
              ? StandardCharsets.UTF_8
              : StandardCharsets.ISO_8859_1;
      int limit = c.get("limit").asInt();
      String label =
          (body.length() > 200 ? body.substring(0, 200) + "..." : body)
              + " ("
              + charset
              + ", "
              + limit
              + ")";
      try {
        Map<String, Object> result = QueryString.parseForm(body, limit, charset);
        if (c.has("error")) {
          failures.add(label + ": parsed, want " + c.get("error"));
        } else {
          String diff = difference(result, c.get("result"));
          if (diff != null) failures.add(label + " -> " + diff);
        }
      } catch (QueryString.TooManyParametersException e) {
        JsonNode error = c.get("error");
        if (error == null
            || error.get("status").asInt() != e.status()
            || !error.get("message").asText().equals(e.getMessage())
            || !error.get("type").asText().equals(e.type())) {
          failures.add(label + ": unexpected " + e.getMessage());
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void parseBasics() {
    assertThat(QueryString.parse(null)).isEmpty();
    assertThat(QueryString.parse("")).isEmpty();
    assertThat(QueryString.parse("a=1&b=2&a=3"))
        .isEqualTo(Map.of("a", List.of("1", "3"), "b", "2"));
    assertThat(QueryString.parse("q=caf%C3%A9+au+lait")).isEqualTo(Map.of("q", "café au lait"));
    assertThat(QueryString.parse("bad=%E2%82%zz")).isEqualTo(Map.of("bad", "\ufffd%zz"));
    assertThat(QueryString.parse("b=1&2=x&1=y").keySet()).containsExactly("1", "2", "b");
    Map<String, Object> m = QueryString.parse("a=1");
    m.put("mutable", "yes");
    assertThat(m).hasSize(2);
  }

  @Test
  void unescapeFallsBackToBytes() {
    assertThat(QueryString.unescape("%41%42")).isEqualTo("AB");
    assertThat(QueryString.unescape("%41%")).isEqualTo("A%");
    assertThat(QueryString.unescape("a+b%2")).isEqualTo("a+b%2");
    assertThat(QueryString.unescape("é%zz%C3%A9")).isEqualTo("\ufffd%zzé");
    assertThat(QueryString.unescape("%ED%A0%80")).isEqualTo("\ufffd\ufffd\ufffd");
  }

  @Provide
  Arbitrary<String> escapes() {
    return Arbitraries.of(
            "%",
            "%4", "%41", "%C3", "%A9", "%E2", "%82", "%AC", "%ED", "%A0", "%9F", "%F0", "%90",
            "%9F", "%98", "%80", "%F4", "%8F", "%BF", "%C0", "%FF", "%zz", "a", "é")
        .list()
        .ofMaxSize(8)
        .map(l -> String.join("", l));
  }

  /** The up-front check agrees with decodeURIComponent itself. */
  @Property(tries = 3000)
  void decodesCleanlyPredictsDecodeUriComponent(@ForAll("escapes") String s) {
    boolean ok;
    try {
      UriCodec.decodeURIComponent(s);
      ok = true;
    } catch (IllegalArgumentException e) {
      ok = false;
    }
    assertThat(QueryString.decodesCleanly(s)).as(s).isEqualTo(ok);
  }

  @Test
  void formLimitsAndCharsets() {
    assertThat(QueryString.parseForm("", 1, StandardCharsets.UTF_8)).isEmpty();
    assertThat(QueryString.parseForm("a=%E9", 10, StandardCharsets.ISO_8859_1))
        .isEqualTo(Map.of("a", "é"));
    assertThat(QueryString.parseForm("a=%E9", 10, StandardCharsets.UTF_8))
        .isEqualTo(Map.of("a", "%E9"));
    assertThat(QueryString.parseForm("a=1&b=2", Integer.MAX_VALUE, StandardCharsets.UTF_8))
        .hasSize(2);
    assertThatThrownBy(() -> QueryString.parseForm("a&b&c", 2, StandardCharsets.UTF_8))
        .isInstanceOf(QueryString.TooManyParametersException.class)
        .hasMessage("too many parameters");
    assertThatThrownBy(() -> QueryString.parseForm("a", 1, StandardCharsets.UTF_16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QueryString.parseForm("a", 0, StandardCharsets.UTF_8))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
