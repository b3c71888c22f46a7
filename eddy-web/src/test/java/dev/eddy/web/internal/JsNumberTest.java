package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsNumberTest {

  static JsonNode fixture(String name) throws IOException {
    try (InputStream in = JsNumberTest.class.getResourceAsStream(name)) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void matchesNodeOnTheFixture() throws IOException {
    JsonNode cases = fixture("json-query-numbers.json");
    assertThat(cases.size()).isGreaterThan(5000);
    List<String> failures = new ArrayList<>();
    for (JsonNode c : cases) {
      double x = Double.longBitsToDouble(Long.parseUnsignedLong(c.get(0).asText(), 16));
      String expected = c.get(1).asText();
      String actual = JsNumber.toString(x);
      if (!actual.equals(expected))
        failures.add(c.get(0).asText() + ": " + actual + " != " + expected);
      StringBuilder sb = new StringBuilder("<");
      JsNumber.append(sb, x);
      if (!sb.toString().equals("<" + expected)) failures.add("append " + c.get(0).asText());
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void examplesFromTheSpec() {
    assertThat(JsNumber.toString(1.0)).isEqualTo("1");
    assertThat(JsNumber.toString(-0.0)).isEqualTo("0");
    assertThat(JsNumber.toString(1e21)).isEqualTo("1e+21");
    assertThat(JsNumber.toString(1e20)).isEqualTo("100000000000000000000");
    assertThat(JsNumber.toString(1.2345678901234568e29)).isEqualTo("1.2345678901234568e+29");
    assertThat(JsNumber.toString(1e-7)).isEqualTo("1e-7");
    assertThat(JsNumber.toString(0.000001)).isEqualTo("0.000001");
    assertThat(JsNumber.toString(1.5e-7)).isEqualTo("1.5e-7");
    assertThat(JsNumber.toString(123.456)).isEqualTo("123.456");
    assertThat(JsNumber.toString(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(JsNumber.toString(Double.NaN)).isEqualTo("NaN");
    assertThat(JsNumber.toString(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    assertThat(JsNumber.toString(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(JsNumber.toString(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(JsNumber.toString(-Double.MIN_VALUE)).isEqualTo("-5e-324");
    assertThat(JsNumber.toString(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
    assertThat(JsNumber.toString(9007199254740992.0)).isEqualTo("9007199254740992");
    assertThat(JsNumber.toString(9007199254740994.0)).isEqualTo("9007199254740994");
    assertThat(JsNumber.toString(-12345678901.0)).isEqualTo("-12345678901");
    assertThat(JsNumber.toString(1e23)).isEqualTo("1e+23");
  }

  /** The output always reads back as the same double (the shortest-digits guarantee). */
  @Property(tries = 3000)
  void roundTrips(@ForAll double x) {
    String s = JsNumber.toString(x);
    if (Double.isNaN(x)) {
      assertThat(s).isEqualTo("NaN");
    } else if (Double.isInfinite(x)) {
      assertThat(s).isEqualTo(x > 0 ? "Infinity" : "-Infinity");
    } else {
      assertThat(Double.parseDouble(s)).isEqualTo(x == 0 ? 0.0 : x);
      assertThat(s).doesNotContain("E").doesNotEndWith(".0");
    }
  }
}
