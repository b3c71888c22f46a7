package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JsJsonTest {
  private static final JsJson JSON = JsJson.standard();

  static JsonNode fixture(String name) throws IOException {
    try (InputStream in = JsJsonTest.class.getResourceAsStream(name)) {
      return new ObjectMapper().readTree(in);
    }
  }

  // ---- stringify against node ---------------------------------------------------------------

  /**
   * Rebuilds the Java value of a tagged fixture value. {@code variant} switches between the Java
   * types that stand for the same JavaScript value (Date or Instant, UNDEFINED or an empty
   * Optional, List or Object[]), so each is exercised.
   */
  static Object build(JsonNode n, int[] variant) {
    if (n.isNull()) return null;
    if (n.isBoolean()) return n.booleanValue();
    if (n.isTextual()) return n.textValue();
    int v = variant[0]++;
    if (n.has("n")) return Double.longBitsToDouble(Long.parseUnsignedLong(n.get("n").asText(), 16));
    if (n.has("i")) return Long.parseLong(n.get("i").asText());
    if (n.has("u")) return v % 2 == 0 ? JsJson.UNDEFINED : Optional.empty();
    if (n.has("d")) {
      long ms = n.get("d").asLong();
      return v % 2 == 0 ? new Date(ms) : Instant.ofEpochMilli(ms);
    }
    if (n.has("a")) {
      List<Object> list = new ArrayList<>();
      for (JsonNode e : n.get("a")) list.add(build(e, variant));
      return v % 3 == 0 ? list.toArray() : list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (JsonNode e : n.get("o")) map.put(e.get(0).asText(), build(e.get(1), variant));
    return map;
  }

  @Test
  void stringifyMatchesNode() throws IOException {
    JsonNode cases = fixture("json-query-stringify.json");
    assertThat(cases.size()).isGreaterThan(800);
    List<String> failures = new ArrayList<>();
    int[] variant = {0};
    for (JsonNode c : cases) {
      Object value = build(c.get("value"), variant);
      int spaces = c.get("spaces").asInt();
      String expected = c.get("json").isNull() ? null : c.get("json").asText();
      String escaped = c.get("escaped").isNull() ? null : c.get("escaped").asText();
      String actual = JSON.stringifyToString(value, spaces, false);
      if (!java.util.Objects.equals(actual, expected)) {
        failures.add(
            c.get("value") + " spaces " + spaces + "\n  got  " + actual + "\n  want " + expected);
      }
      byte[] bytes = JSON.stringify(value, spaces, true);
      String actualEscaped = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
      if (!java.util.Objects.equals(actualEscaped, escaped)) {
        failures.add(
            "escaped " + c.get("value") + "\n  got  " + actualEscaped + "\n  want " + escaped);
      }
    }
    assertThat(failures).isEmpty();
  }

  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  @Test
  void parityBody() {
    Map<String, Object> body =
        obj(
            "user",
                obj(
                    "id",
                    7,
                    "name",
                    "Zoë \"Z\" <admin>",
                    "roles",
                    List.of("admin", "dev"),
                    "manager",
                    null),
            "flags", obj("active", true, "deleted", false),
            "stats", obj("ratio", 0.25, "negative", -3, "big", 12345678901L),
            "empty", obj("object", Map.of(), "array", List.of()),
            "path", "a/b\\c",
            "unicode", "日本語 ✓");
    assertThat(JSON.stringifyToString(body, 0, false))
        .isEqualTo(
            "{\"user\":{\"id\":7,\"name\":\"Zoë \\\"Z\\\" <admin>\",\"roles\":[\"admin\",\"dev\"],"
                + "\"manager\":null},\"flags\":{\"active\":true,\"deleted\":false},"
                + "\"stats\":{\"ratio\":0.25,\"negative\":-3,\"big\":12345678901},"
                + "\"empty\":{\"object\":{},\"array\":[]},\"path\":\"a/b\\\\c\","
                + "\"unicode\":\"日本語 ✓\"}");
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", List.of(1));
    assertThat(JSON.stringifyToString(ab, 2, false))
        .isEqualTo("{\n  \"a\": 1,\n  \"b\": [\n    1\n  ]\n}");
    assertThat(JSON.stringifyToString(Map.of(), 2, false)).isEqualTo("{}");
    assertThat(JSON.stringifyToString(List.of(), 2, false)).isEqualTo("[]");
    assertThat(JSON.stringifyToString(List.of(1), 20, false)).isEqualTo("[\n          1\n]");
    assertThat(JSON.stringifyToString(Map.of("x", "<&>"), 0, true))
        .isEqualTo("{\"x\":\"\\u003c\\u0026\\u003e\"}");
  }

  // ---- Java types -----------------------------------------------------------------------------

  record Point(String name, int x, Optional<String> label, Object extra, Double ratio) {}

  enum Color {
    RED,
    GREEN
  }

  public static class Bean {
    public int id = 3;
    public Optional<Integer> missing = Optional.empty();
    public Object undef = JsJson.UNDEFINED;
    public String nothing = null;
    @JsonIgnore public String secret = "s";

    @JsonProperty("renamed")
    public String original = "o";
  }

  @Test
  void javaTypes() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("record", new Point("p", 1, Optional.empty(), JsJson.UNDEFINED, 0.5));
    m.put("bean", new Bean());
    m.put("optional", Optional.of(List.of(1)));
    m.put("optionalInt", OptionalInt.of(4));
    m.put("emptyOptionalInt", OptionalInt.empty());
    m.put("float", 0.1f);
    m.put("bigDecimal", new BigDecimal("1.50"));
    m.put("hugeDecimal", new BigDecimal("1e400"));
    m.put("bigInteger", new BigInteger("123456789012345678901234567890"));
    m.put("long", Long.MIN_VALUE);
    m.put("short", (short) -2);
    m.put("char", 'c');
    m.put("enum", Color.GREEN);
    m.put("sb", new StringBuilder("built"));
    m.put("bytes", new byte[] {1, 2, -1});
    m.put("chars", new char[] {'h', 'i'});
    m.put("doubles", new double[] {1.5, Double.NaN, 1e21, -0.0});
    m.put("floats", new float[] {0.5f, Float.POSITIVE_INFINITY});
    m.put("booleans", new boolean[] {true, false});
    m.put("iterable", (Iterable<Integer>) () -> List.of(1, 2).iterator());
    m.put("set", new java.util.LinkedHashSet<>(List.of("x", "y")));
    m.put("date", new Date(0));
    m.put("instant", Instant.parse("2024-01-02T03:04:05.678999Z"));
    m.put("localDate", LocalDate.of(2024, 1, 2));
    m.put(7, "int key");
    m.put(2.5, "double key");
    m.put(1.0, "integral double key");
    m.put(null, "null key");
    m.put(Color.RED, "enum key");
    assertThat(JSON.stringifyToString(m, 0, false))
        .isEqualTo(
            "{\"record\":{\"name\":\"p\",\"x\":1,\"ratio\":0.5},"
                + "\"bean\":{\"id\":3,\"nothing\":null,\"renamed\":\"o\"},"
                + "\"optional\":[1],\"optionalInt\":4,"
                + "\"float\":0.10000000149011612,\"bigDecimal\":1.5,\"hugeDecimal\":null,"
                + "\"bigInteger\":123456789012345678901234567890,\"long\":-9223372036854775808,"
                + "\"short\":-2,\"char\":\"c\",\"enum\":\"GREEN\",\"sb\":\"built\","
                + "\"bytes\":[1,2,-1],\"chars\":[\"h\",\"i\"],\"doubles\":[1.5,null,1e+21,0],"
                + "\"floats\":[0.5,null],\"booleans\":[true,false],\"iterable\":[1,2],"
                + "\"set\":[\"x\",\"y\"],\"date\":\"1970-01-01T00:00:00.000Z\","
                + "\"instant\":\"2024-01-02T03:04:05.678Z\",\"localDate\":\"2024-01-02\","
                + "\"7\":\"int key\",\"2.5\":\"double key\",\"1\":\"integral double key\","
                + "\"null\":\"null key\",\"RED\":\"enum key\"}");
  }

  @Test
  void undefinedAtTheTopIsNoJson() {
    assertThat(JSON.stringify(JsJson.UNDEFINED, 0, false)).isNull();
    assertThat(JSON.stringify(Optional.empty(), 2, true)).isNull();
    assertThat(JSON.stringifyToString(Optional.of("x"), 0, false)).isEqualTo("\"x\"");
    assertThat(JSON.stringifyToString(null, 0, false)).isEqualTo("null");
    assertThat(JSON.stringifyToString(Arrays.asList(JsJson.UNDEFINED, Optional.empty()), 0, false))
        .isEqualTo("[null,null]");
  }

  @Test
  void jsonNodesKeepTheNumberRules() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("d", 1.0).put("e", 1e-7).put("nan", Double.NaN).put("f", 0.1f);
    node.put("big", new BigDecimal("12.50")).put("l", 12345678901L);
    node.putArray("a").add(1e21).add("\ud800");
    assertThat(JSON.stringifyToString(node, 0, false))
        .isEqualTo(
            "{\"d\":1,\"e\":1e-7,\"nan\":null,\"f\":0.10000000149011612,\"big\":12.5,"
                + "\"l\":12345678901,\"a\":[1e+21,\"\\ud800\"]}");
  }

  @Test
  void datesAsDateToJson() {
    assertThat(JsJson.isoString(0)).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(JsJson.isoString(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
    assertThat(JsJson.isoString(8_640_000_000_000_000L)).isEqualTo("+275760-09-13T00:00:00.000Z");
    assertThat(JsJson.isoString(-8_640_000_000_000_000L)).isEqualTo("-271821-04-20T00:00:00.000Z");
    assertThat(JsJson.isoString(8_640_000_000_000_001L)).isNull();
    assertThat(JsJson.isoString(-62167219200001L)).isEqualTo("-000001-12-31T23:59:59.999Z");
    assertThat(JsJson.isoString(253402300800000L)).isEqualTo("+010000-01-01T00:00:00.000Z");
    assertThat(JSON.stringifyToString(Instant.MAX, 0, false)).isEqualTo("null");
    assertThat(JSON.stringifyToString(Instant.ofEpochSecond(-1, 999_999_999), 0, false))
        .isEqualTo("\"1969-12-31T23:59:59.999Z\"");
  }

  @Test
  void usingLayersTheRulesOnTheCallersMapper() {
    ObjectMapper mine = new ObjectMapper();
    mine.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mine.enable(SerializationFeature.INDENT_OUTPUT);
    JsJson json = JsJson.using(mine);
    record Person(String firstName, Double heightInMetres, Optional<String> nickName) {}
    assertThat(json.stringifyToString(new Person("Ada", 1e21, Optional.empty()), 0, false))
        .isEqualTo("{\"first_name\":\"Ada\",\"height_in_metres\":1e+21}");
    // The caller's mapper is untouched.
    assertThat(
            mine.getFactory()
                .isEnabled(
                    com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_HEX_UPPER_CASE
                        .mappedFeature()))
        .isTrue();

    ObjectMapper nonNull =
        new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    assertThat(JsJson.using(nonNull).stringifyToString(new Bean(), 0, false))
        .isEqualTo("{\"id\":3,\"renamed\":\"o\"}");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", null);
    m.put("b", JsJson.UNDEFINED);
    m.put("c", 1);
    assertThat(JsJson.using(nonNull).stringifyToString(m, 0, false)).isEqualTo("{\"c\":1}");
    ObjectMapper nonEmpty =
        new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY);
    m.put("d", "");
    assertThat(JsJson.using(nonEmpty).stringifyToString(m, 0, false)).isEqualTo("{\"c\":1}");
    assertThatThrownBy(
            () ->
                JsJson.using(
                    new ObjectMapper(
                        new com.fasterxml.jackson.core.JsonFactory() {
                          @Override
                          public String getFormatName() {
                            return "YAML";
                          }
                        })))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failuresAreIllegalArgument() {
    List<Object> self = new ArrayList<>();
    self.add(self);
    assertThatThrownBy(() -> JSON.stringify(self, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                JSON.stringify(
                    new Object() {
                      @SuppressWarnings("unused")
                      public Object getMe() {
                        throw new IllegalStateException("boom");
                      }
                    },
                    0,
                    false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** What JSON.stringify does to a string, written plainly, to check Jackson on long inputs. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  @Provide
  Arbitrary<String> trickyStrings() {
    Arbitrary<Character> chars =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(10, Arbitraries.chars().range('a', 'z')),
            net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f')),
            net.jqwik.api.Tuple.of(2, Arbitraries.of('"', '\\', '/', '<', '\u007f', '\u2028')),
            net.jqwik.api.Tuple.of(3, Arbitraries.chars().range('\u0080', '\uffff')),
            net.jqwik.api.Tuple.of(4, Arbitraries.chars().range('\ud800', '\udfff')));
    return chars
        .list()
        .ofMinSize(0)
        .ofMaxSize(20000)
        .map(
            l -> {
              StringBuilder sb = new StringBuilder(l.size());
              for (char c : l) sb.append(c);
              return sb.toString();
            });
  }

  /** Long strings cross Jackson's internal buffers; surrogate pairs must survive the cuts. */
  @Property(tries = 60)
  void stringsEscapeAsJavaScriptDoes(@ForAll("trickyStrings") String s) {
    String expected = quote(s);
    assertThat(JSON.stringifyToString(s, 0, false)).isEqualTo(expected);
    assertThat(JSON.stringifyToString(Map.of(s, 1), 0, false)).isEqualTo("{" + expected + ":1}");
    Object back = JSON.parse(expected);
    assertThat(back).isEqualTo(s);
  }

  // ---- parse against node ---------------------------------------------------------------------

  static void assertSame(Object actual, JsonNode tagged, String path, List<String> failures) {
    if (tagged.isNull() || tagged.isBoolean() || tagged.isTextual()) {
      Object expected =
          tagged.isNull() ? null : tagged.isBoolean() ? tagged.booleanValue() : tagged.textValue();
      if (!java.util.Objects.equals(actual, expected))
        failures.add(path + ": " + actual + " != " + expected);
      return;
    }
    if (tagged.has("n")) {
      double d = Double.longBitsToDouble(Long.parseUnsignedLong(tagged.get("n").asText(), 16));
      if (!(actual instanceof Number n)) {
        failures.add(path + ": not a number " + actual);
        return;
      }
      boolean small =
          d == Math.rint(d)
              && Math.abs(d) <= 9007199254740992.0
              && Double.doubleToRawLongBits(d) != Long.MIN_VALUE;
      Class<?> want = !small ? Double.class : d == (int) d ? Integer.class : Long.class;
      if (actual.getClass() != want) failures.add(path + ": " + actual.getClass() + " for " + d);
      if (Double.doubleToRawLongBits(n.doubleValue()) != Double.doubleToRawLongBits(d)) {
        failures.add(path + ": " + actual + " != " + d);
      }
      return;
    }
    if (tagged.has("a")) {
      if (!(actual instanceof ArrayList<?> list) || list.size() != tagged.get("a").size()) {
        failures.add(path + ": array expected, got " + actual);
        return;
      }
      for (int i = 0; i < list.size(); i++)
        assertSame(list.get(i), tagged.get("a").get(i), path + "[" + i + "]", failures);
      return;
    }
    if (!(actual instanceof LinkedHashMap<?, ?> map) || map.size() != tagged.get("o").size()) {
      failures.add(path + ": object expected, got " + actual);
      return;
    }
    Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
    for (JsonNode e : tagged.get("o")) {
      Map.Entry<?, ?> entry = it.next();
      if (!entry.getKey().equals(e.get(0).asText())) {
        failures.add(path + ": key " + entry.getKey() + " != " + e.get(0).asText());
        return;
      }
      assertSame(entry.getValue(), e.get(1), path + "." + entry.getKey(), failures);
    }
  }

  @Test
  void parseMatchesNode() throws IOException {
    JsonNode cases = fixture("json-query-parse.json");
    assertThat(cases.size()).isGreaterThan(1000);
    List<String> failures = new ArrayList<>();
    int errors = 0;
    for (JsonNode c : cases) {
      String label;
      Object result;
      try {
        if (c.has("bytes")) {
          byte[] bytes = HexFormat.of().parseHex(c.get("bytes").asText());
          label = "bytes " + c.get("bytes").asText();
          byte[] padded = new byte[bytes.length + 4];
          System.arraycopy(bytes, 0, padded, 2, bytes.length);
          result = JSON.parse(padded, 2, bytes.length);
        } else {
          label = c.get("text").toString();
          result = JSON.parse(c.get("text").asText());
        }
      } catch (JsJson.ParseException e) {
        label = c.has("text") ? c.get("text").toString() : c.get("bytes").asText();
        if (!c.has("error")) {
          failures.add(label + ": unexpected " + e.getMessage());
        } else if (!e.getMessage().equals(c.get("error").asText())) {
          failures.add(
              label + ":\n  got  " + e.getMessage() + "\n  want " + c.get("error").asText());
        }
        errors++;
        continue;
      }
      if (c.has("error")) {
        failures.add(label + ": parsed, want " + c.get("error").asText());
        continue;
      }
      assertSame(result, c.get("value"), label, failures);
      String again = JSON.stringifyToString(result, 0, false);
      if (!again.equals(c.get("json").asText())) failures.add(label + ": restringified " + again);
    }
    assertThat(failures).isEmpty();
    assertThat(errors).isGreaterThan(800);
  }

  @Test
  void parseDetails() {
    assertThat(JSON.parse("{\"b\":1,\"a\":2,\"1\":3,\"0\":4}").toString())
        .isEqualTo("{0=4, 1=3, b=1, a=2}");
    assertThat(JSON.parse("{\"a\":1,\"b\":2,\"a\":3}").toString()).isEqualTo("{a=3, b=2}");
    assertThat(JSON.parse("[1,1.0,2147483648,9007199254740993,1e400,0.5,-0]"))
        .isEqualTo(
            Arrays.asList(
                1, 1, 2147483648L, 9007199254740992L, Double.POSITIVE_INFINITY, 0.5, -0.0));
    assertThatThrownBy(() -> JSON.parse("{\"a\":1,}"))
        .isInstanceOf(JsJson.ParseException.class)
        .hasMessage("Expected double-quoted property name in JSON at position 7")
        .extracting(e -> ((JsJson.ParseException) e).position())
        .isEqualTo(7);
    assertThatThrownBy(() -> JSON.parse("\ufeff{}"))
        .hasMessage("Unexpected token '\ufeff', \"\ufeff{}\" is not valid JSON");
    byte[] utf8 = "{\"k\":\"é\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(JSON.parse(utf8, 0, utf8.length)).isEqualTo(Map.of("k", "é"));
    assertThatThrownBy(() -> JSON.parse(utf8, 5, 20)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void deepNestingNeedsNoStack() {
    int depth = 200_000;
    String text = "[".repeat(depth) + "]".repeat(depth);
    Object v = JSON.parse(text);
    for (int i = 0; i < depth - 1; i++) v = ((List<?>) v).get(0);
    assertThat(v).isEqualTo(List.of());
    String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    assertThat(JSON.parse(objects)).isInstanceOf(Map.class);
    assertThatThrownBy(() -> JSON.parse("[".repeat(depth)))
        .hasMessage("Unexpected end of JSON input");
  }

  record Order(String id, int qty, List<String> tags, Map<String, Object> meta) {}

  @Test
  void convertBindsParsedTrees() {
    Object tree = JSON.parse("{\"id\":\"x\",\"qty\":2,\"tags\":[\"a\"],\"meta\":{\"n\":1.5}}");
    Order order = JSON.convert(tree, Order.class);
    assertThat(order).isEqualTo(new Order("x", 2, List.of("a"), Map.of("n", 1.5)));
    assertThatThrownBy(() -> JSON.convert(Map.of("qty", "many"), Order.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(JSON.mapper()).isNotNull();
    assertThat(Set.of(JsJson.UNDEFINED.toString())).containsExactly("undefined");
  }
}
