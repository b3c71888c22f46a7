package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.web.internal.RangeParser.Range;
import dev.eddy.web.internal.RangeParser.Result;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeParserTest {
  @Test
  void matchesTheRangeParserPackage() throws IOException {
    JsonNode f = HttpDatesTest.fixture("range-parser-fixtures.json");
    assertThat(f.get("version").asText()).isEqualTo("1.3.0");
    List<String> failures = new ArrayList<>();
    for (JsonNode c : f.get("cases")) {
      Result r = RangeParser.parse(c.get("size").asLong(), c.get("header").asText(), c.get("combine").asBoolean());
      List<Range> expected = new ArrayList<>();
      for (JsonNode pair : c.get("ranges")) expected.add(new Range(pair.get(0).asLong(), pair.get(1).asLong()));
      String type = c.get("type").isNull() ? null : c.get("type").asText();
      Result want = new Result(c.get("status").asInt(), type, expected);
      if (!want.equals(r)) failures.add(c + " -> " + r);
    }
    assertThat(failures).isEmpty();
    assertThat(f.get("cases").size()).isGreaterThan(100);
  }

  @Test
  void typicalRanges() {
    assertThat(RangeParser.parse(1000, "bytes=0-499", false))
        .isEqualTo(new Result(RangeParser.OK, "bytes", List.of(new Range(0, 499))));
    assertThat(RangeParser.parse(1000, "bytes=-500", false).ranges()).containsExactly(new Range(500, 999));
    assertThat(RangeParser.parse(1000, "bytes=900-", false).ranges()).containsExactly(new Range(900, 999));
    assertThat(RangeParser.parse(1000, "bytes=0-5000", false).ranges()).containsExactly(new Range(0, 999));
  }

  @Test
  void statuses() {
    assertThat(RangeParser.parse(1000, "bytes=1000-", false).status()).isEqualTo(RangeParser.UNSATISFIABLE);
    assertThat(RangeParser.parse(0, "bytes=0-", false).status()).isEqualTo(RangeParser.UNSATISFIABLE);
    assertThat(RangeParser.parse(1000, "bytes", false).status()).isEqualTo(RangeParser.MALFORMED);
    assertThat(RangeParser.parse(1000, "bytes=x-1", false).status()).isEqualTo(RangeParser.MALFORMED);
    assertThat(RangeParser.parse(1000, "bytes=-", false).status()).isEqualTo(RangeParser.MALFORMED);
    assertThat(RangeParser.parse(1000, "bytes=0-1,x", false).status()).isEqualTo(RangeParser.MALFORMED);
    assertThatThrownBy(() -> RangeParser.parse(1, null, false)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void combineMergesOverlappingAndAdjacentKeepingFirstIndexOrder() {
    Result r = RangeParser.parse(150, "bytes=40-50,0-4,5-9,45-60,100-", true);
    assertThat(r.ranges()).containsExactly(new Range(40, 60), new Range(0, 9), new Range(100, 149));
    Result plain = RangeParser.parse(150, "bytes=40-50,0-4", false);
    assertThat(plain.ranges()).containsExactly(new Range(40, 50), new Range(0, 4));
  }

  @Test
  void unitIsKeptVerbatim() {
    assertThat(RangeParser.parse(10, "items=0-5", false).type()).isEqualTo("items");
    assertThat(RangeParser.parse(10, " Bytes =0-5", false).type()).isEqualTo(" Bytes ");
  }

  @Test
  void hugeNumbersBehaveLikeJavaScriptNumbers() {
    assertThat(RangeParser.parse(10, "bytes=0-99999999999999999999999", false).ranges())
        .containsExactly(new Range(0, 9));
    assertThat(RangeParser.parse(10, "bytes=-" + "9".repeat(400), false).status())
        .isEqualTo(RangeParser.UNSATISFIABLE);
  }
}
