package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ETagsTest {
  @Test
  void bodiesMatchTheEtagPackage() throws IOException {
    JsonNode f = HttpDatesTest.fixture("etag-fixtures.json");
    assertThat(f.get("version").asText()).isEqualTo("1.8.1");
    for (JsonNode c : f.get("cases")) {
      byte[] body;
      if (c.has("base64")) {
        body = Base64.getDecoder().decode(c.get("base64").asText());
      } else {
        body = new byte[c.get("length").asInt()];
        Arrays.fill(body, (byte) c.get("fill").asInt());
      }
      boolean weak = c.get("weak").asBoolean();
      assertThat(ETags.of(body, 0, body.length, weak)).as("%s", c).isEqualTo(c.get("etag").asText());
      assertThat(ETags.of(body, weak)).isEqualTo(c.get("etag").asText());
    }
    assertThat(f.get("cases").size()).isGreaterThan(50);
  }

  @Test
  void stringBodiesAreHashedAsNodeUtf8() throws IOException {
    JsonNode f = HttpDatesTest.fixture("etag-fixtures.json");
    for (JsonNode c : f.get("stringCases")) {
      assertThat(ETags.of(c.get("string").asText(), c.get("weak").asBoolean()))
          .as("%s", c)
          .isEqualTo(c.get("etag").asText());
    }
  }

  @Test
  void statsMatchTheEtagPackage() throws IOException {
    JsonNode f = HttpDatesTest.fixture("etag-fixtures.json");
    for (JsonNode c : f.get("statCases")) {
      assertThat(ETags.ofFile(c.get("size").asLong(), c.get("mtime").asLong(), c.get("weak").asBoolean()))
          .as("%s", c)
          .isEqualTo(c.get("etag").asText());
    }
  }

  @Test
  void slicesHashOnlyTheirRange() {
    byte[] all = "xxhello, worldyy".getBytes(StandardCharsets.US_ASCII);
    byte[] part = "hello, world".getBytes(StandardCharsets.US_ASCII);
    assertThat(ETags.of(all, 2, part.length, false)).isEqualTo(ETags.of(part, false));
    assertThat(ETags.of(all, 5, 0, true)).isEqualTo("W/\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\"");
    assertThatThrownBy(() -> ETags.of(all, 10, 10, false)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void knownValues() {
    assertThat(ETags.of(new byte[0], false)).isEqualTo("\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\"");
    assertThat(ETags.of("hello, world", true)).startsWith("W/\"c-");
    assertThat(ETags.ofFile(13, 1_700_000_000_000L, true)).isEqualTo("W/\"d-18bcfe56800\"");
    assertThat(ETags.ofFile(5, -1000, false)).isEqualTo("\"5--3e8\"");
  }

  @Test
  void virtualThreadsGiveTheSameTagsAsPlatformThreads() throws Exception {
    JsonNode f = HttpDatesTest.fixture("etag-fixtures.json");
    for (JsonNode c : f.get("stringCases")) {
      String body = c.get("string").asText();
      boolean weak = c.get("weak").asBoolean();
      String[] onVirtual = new String[1];
      Thread t = Thread.ofVirtual().start(() -> onVirtual[0] = ETags.of(body, weak));
      t.join();
      assertThat(onVirtual[0]).as("%s", c).isEqualTo(c.get("etag").asText()).isEqualTo(ETags.of(body, weak));
    }
  }
}
