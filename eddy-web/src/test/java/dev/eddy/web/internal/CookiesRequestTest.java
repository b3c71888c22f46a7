package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.web.internal.Cookies.JsonCookie;
import dev.eddy.web.internal.Cookies.RequestCookies;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cookie-parser's request side: {@link Cookies#parseRequest} against recorded req.cookies / req.signedCookies. */
class CookiesRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void matchesCookieParser() throws IOException {
    JsonNode f = HttpDatesTest.fixture("cookie-parser-fixtures.json");
    assertThat(f.get("version").asText()).isEqualTo("1.4.7");
    List<String> failures = new ArrayList<>();
    for (JsonNode c : f.get("cases")) {
      String header = c.get("header").isNull() ? null : c.get("header").asText();
      List<String> secrets = new ArrayList<>();
      c.get("secrets").forEach(s -> secrets.add(s.asText()));
      RequestCookies r = Cookies.parseRequest(header, secrets);
      String problem = compare(c.get("cookies"), r.cookies());
      if (problem == null) problem = compare(c.get("signedCookies"), r.signedCookies());
      if (problem != null) failures.add(c + " -> " + problem + " in " + r);
    }
    assertThat(failures).isEmpty();
    assertThat(f.get("cases").size()).isGreaterThan(100);
  }

  private static String compare(JsonNode expected, Map<String, Object> actual) throws IOException {
    if (expected.size() != actual.size()) return "size " + actual.size();
    Iterator<Map.Entry<String, Object>> it = actual.entrySet().iterator();
    for (JsonNode pair : expected) {
      Map.Entry<String, Object> e = it.next();
      if (!pair.get(0).asText().equals(e.getKey())) return "key " + e.getKey();
      JsonNode d = pair.get(1);
      Object v = e.getValue();
      if (d.has("string")) {
        if (!d.get("string").asText().equals(v)) return "value of " + e.getKey();
      } else if (d.has("false")) {
        if (!Boolean.FALSE.equals(v)) return "value of " + e.getKey();
      } else {
        if (!(v instanceof JsonCookie jc)) return "not JSON: " + e.getKey();
        if (!sameJson(JSON.readTree(d.get("json").asText()), jc.value())) return "JSON of " + e.getKey();
      }
    }
    return null;
  }

  /** Structural equality with JavaScript's view: object key order matters, numbers compare as doubles. */
  static boolean sameJson(JsonNode expected, Object actual) {
    switch (expected.getNodeType()) {
      case NULL:
        // JSON.stringify writes Infinity as null.
        return actual == null || (actual instanceof Double d && d.isInfinite());
      case BOOLEAN:
        return Boolean.valueOf(expected.booleanValue()).equals(actual);
      case STRING:
        return expected.textValue().equals(actual);
      case NUMBER:
        return actual instanceof Number n && n.doubleValue() == expected.doubleValue();
      case ARRAY: {
        if (!(actual instanceof List<?> list) || list.size() != expected.size()) return false;
        for (int i = 0; i < list.size(); i++) if (!sameJson(expected.get(i), list.get(i))) return false;
        return true;
      }
      case OBJECT: {
        if (!(actual instanceof Map<?, ?> map) || map.size() != expected.size()) return false;
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        for (Map.Entry<String, JsonNode> e : expected.properties()) {
          Map.Entry<?, ?> a = it.next();
          if (!e.getKey().equals(a.getKey()) || !sameJson(e.getValue(), a.getValue())) return false;
        }
        return true;
      }
      default:
        return false;
    }
  }

  @Test
  void signedCookiesMoveOutOfCookies() {
    String good = "s:" + CookieSignature.sign("v1", "secret");
    String bad = "s:" + CookieSignature.sign("v2", "other");
    RequestCookies r =
        Cookies.parseRequest("a=" + UriCodec.encodeURIComponent(good) + "; b=" + bad + "; c=3", List.of("secret"));
    assertThat(r.cookies()).containsExactly(Map.entry("c", "3"));
    assertThat(r.signedCookies()).containsExactly(Map.entry("a", "v1"), Map.entry("b", Boolean.FALSE));
  }

  @Test
  void withoutSecretsSignedValuesStayPlain() {
    RequestCookies r = Cookies.parseRequest("a=s:x.y", List.of());
    assertThat(r.cookies()).containsExactly(Map.entry("a", "s:x.y"));
    assertThat(r.signedCookies()).isEmpty();
  }

  @Test
  void jsonCookies() {
    RequestCookies r = Cookies.parseRequest("a=j:{\"x\":[1,2.5,\"s\"]}; b=j:0; c=j:nope; d=j:\"\"", List.of());
    assertThat(r.cookies().get("a")).isInstanceOf(JsonCookie.class);
    JsonCookie a = (JsonCookie) r.cookies().get("a");
    assertThat(a.json()).isEqualTo("{\"x\":[1,2.5,\"s\"]}");
    assertThat(a.value()).isEqualTo(Map.of("x", List.of(1L, 2.5, "s")));
    assertThat(r.cookies().get("b")).isEqualTo("j:0");
    assertThat(r.cookies().get("c")).isEqualTo("j:nope");
    assertThat(r.cookies().get("d")).isEqualTo("j:\"\"");
    assertThat(Cookies.jsonCookie("j:{\"b\":1,\"2\":2,\"1\":3}"))
        .extracting(v -> ((Map<?, ?>) ((JsonCookie) v).value()).keySet())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
        .containsExactly("1", "2", "b");
  }

  @Test
  void deepJsonIsParsedWithoutRecursion() {
    int depth = 50_000;
    Object v = Cookies.jsonCookie("j:" + "[".repeat(depth) + "1" + "]".repeat(depth));
    assertThat(v).isInstanceOf(JsonCookie.class);
    Object x = ((JsonCookie) v).value();
    int seen = 0;
    while (x instanceof List<?> list) {
      x = list.get(0);
      seen++;
    }
    assertThat(seen).isEqualTo(depth);
    assertThat(x).isEqualTo(1L);
  }

  @Test
  void emptyHeader() {
    assertThat(Cookies.parseRequest(null, List.of("s")).cookies()).isEmpty();
    assertThat(Cookies.parseRequest("", List.of("s")).signedCookies()).isEmpty();
  }
}
