package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshTest {
  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  @Test
  void matchesTheFreshPackage() throws IOException {
    JsonNode f = HttpDatesTest.fixture("fresh-fixtures.json");
    assertThat(f.get("version").asText()).isEqualTo("2.0.0");
    List<String> failures = new ArrayList<>();
    for (JsonNode c : f.get("cases")) {
      boolean actual =
          Fresh.isFresh(
              text(c.get("ifNoneMatch")),
              text(c.get("ifModifiedSince")),
              text(c.get("cacheControl")),
              text(c.get("etag")),
              text(c.get("lastModified")));
      if (actual != c.get("fresh").asBoolean()) failures.add(c.toString());
    }
    assertThat(failures).isEmpty();
    assertThat(f.get("cases").size()).isGreaterThan(100);
  }

  @Test
  void unconditionalRequestsAreStale() {
    assertThat(Fresh.isFresh(null, null, null, "\"a\"", "Sat, 01 Jan 2000 00:00:00 GMT")).isFalse();
    assertThat(Fresh.isFresh("", "", null, "\"a\"", null)).isFalse();
  }

  @Test
  void etagComparisonIsWeak() {
    assertThat(Fresh.isFresh("\"a\"", null, null, "W/\"a\"", null)).isTrue();
    assertThat(Fresh.isFresh("W/\"a\"", null, null, "\"a\"", null)).isTrue();
    assertThat(Fresh.isFresh("\"b\", W/\"a\"", null, null, "\"a\"", null)).isTrue();
    assertThat(Fresh.isFresh("\"b\"", null, null, "\"a\"", null)).isFalse();
    assertThat(Fresh.isFresh("*", null, null, null, null)).isTrue();
    assertThat(Fresh.isFresh("\"a\"", null, null, null, null)).isFalse();
  }

  @Test
  void noneMatchWinsOverModifiedSince() {
    String date = "Sat, 01 Jan 2000 00:00:00 GMT";
    assertThat(Fresh.isFresh("\"b\"", date, null, "\"a\"", date)).isFalse();
    assertThat(Fresh.isFresh(null, date, null, "\"a\"", date)).isTrue();
  }

  @Test
  void noCacheForcesStale() {
    assertThat(Fresh.isFresh("*", null, "max-age=0, no-cache", null, null)).isFalse();
    assertThat(Fresh.isFresh("*", null, "no-cache=\"x\"", null, null)).isTrue();
    assertThat(Fresh.hasNoCache("a,\u00a0no-cache\u2028,b")).isTrue();
    assertThat(Fresh.hasNoCache("a, x no-cache")).isFalse();
    assertThat(Fresh.hasNoCache("no-cachey, no-cache")).isTrue();
  }

  @Test
  void unparsableDatesAreStale() {
    assertThat(Fresh.isFresh(null, "garbage", null, null, "Sat, 01 Jan 2000 00:00:00 GMT")).isFalse();
    assertThat(Fresh.isFresh(null, "Sat, 01 Jan 2000 00:00:00 GMT", null, null, "garbage")).isFalse();
  }
}
