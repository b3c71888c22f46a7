package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpDatesTest {
  static JsonNode fixture(String name) throws IOException {
    try (InputStream in = HttpDatesTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void formatMatchesToUTCString() throws IOException {
    JsonNode f = fixture("http-dates-fixtures.json");
    List<String> failures = new ArrayList<>();
    for (JsonNode c : f.get("formatCases")) {
      long ms = c.get("ms").asLong();
      String expected = c.get("utc").asText();
      String actual = HttpDates.format(ms);
      if (!expected.equals(actual)) failures.add(ms + ": expected " + expected + " got " + actual);
    }
    assertThat(failures).isEmpty();
    assertThat(f.get("formatCases").size()).isGreaterThan(100);
  }

  @Test
  void parseMatchesDateParseInEveryRecordedZone() throws IOException {
    JsonNode f = fixture("http-dates-fixtures.json");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (JsonNode c : f.get("parseCases")) {
      String input = c.get("input").asText();
      for (JsonNode zoneName : f.get("zones")) {
        ZoneId zone = ZoneId.of(zoneName.asText());
        JsonNode ms = c.get("ms").get(zoneName.asText());
        long expected = ms.isNull() ? HttpDates.INVALID : ms.asLong();
        long actual = HttpDates.parse(input, zone);
        checked++;
        if (expected != actual) {
          failures.add(zone + " " + jsString(input) + ": expected " + expected + " got " + actual);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).isGreaterThan(1000);
  }

  static String jsString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  @Test
  void formatsImfFixdate() {
    assertThat(HttpDates.format(Instant.parse("2030-01-01T12:00:00Z").toEpochMilli()))
        .isEqualTo("Tue, 01 Jan 2030 12:00:00 GMT");
    assertThat(HttpDates.format(0)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
    assertThat(HttpDates.format(-1)).isEqualTo("Wed, 31 Dec 1969 23:59:59 GMT");
    assertThat(HttpDates.format(1_999)).isEqualTo("Thu, 01 Jan 1970 00:00:01 GMT");
    assertThat(HttpDates.format(8_640_000_000_000_001L)).isEqualTo("Invalid Date");
    assertThat(HttpDates.format(Long.MIN_VALUE)).isEqualTo("Invalid Date");
  }

  @Test
  void parsesTheThreeHttpForms() {
    long expected = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();
    ZoneId utc = ZoneId.of("UTC");
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(expected);
    assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(expected);
    // asctime carries no zone: local time, as in Node.
    assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994", utc)).isEqualTo(expected);
    assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994", ZoneId.of("UTC+01:00")))
        .isEqualTo(expected - 3_600_000);
  }

  @Test
  void invalidInputsAreInvalid() {
    assertThat(HttpDates.parse(null)).isEqualTo(HttpDates.INVALID);
    assertThat(HttpDates.parse("")).isEqualTo(HttpDates.INVALID);
    assertThat(HttpDates.parse("garbage")).isEqualTo(HttpDates.INVALID);
    assertThat(HttpDates.parse("Mon, 32 Jan 2000 00:00:00 GMT")).isEqualTo(HttpDates.INVALID);
    assertThat(HttpDates.parse("Sat, 13 Sep 275760 00:00:01 GMT")).isEqualTo(HttpDates.INVALID);
  }

  @Test
  void formatAndParseRoundTripToTheSecond() {
    // Years below 100 read back as 19xx/20xx and negative years not at all, as in JavaScript.
    long from = Instant.parse("0100-01-01T00:00:00Z").toEpochMilli();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 10_000; i++) {
      long ms = from + (long) (r.nextDouble() * (8.64e15 - from));
      long seconds = Math.floorDiv(ms, 1000) * 1000;
      assertThat(HttpDates.parse(HttpDates.format(ms), ZoneId.of("UTC"))).as("%d", ms).isEqualTo(seconds);
    }
  }
}
