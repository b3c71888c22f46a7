package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodeUrlTest {

  @Test
  void matchesTheEncodeurlPackage() throws IOException {
    JsonNode cases;
    try (InputStream in = EncodeUrlTest.class.getResourceAsStream("json-query-encodeurl.json")) {
      cases = new ObjectMapper().readTree(in);
    }
    assertThat(cases.size()).isGreaterThan(200);
    List<String> failures = new ArrayList<>();
    for (JsonNode c : cases) {
      String actual = EncodeUrl.encode(c.get(0).asText());
      if (!actual.equals(c.get(1).asText()))
        failures.add(c.get(0) + " -> " + actual + " want " + c.get(1));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void examples() {
    String plain = "/a/b?c=d&e=%20#f";
    assertThat(EncodeUrl.encode(plain)).isSameAs(plain);
    assertThat(EncodeUrl.encode("/a b?x=<1>")).isEqualTo("/a%20b?x=%3C1%3E");
    assertThat(EncodeUrl.encode("%20%")).isEqualTo("%20%25");
    assertThat(EncodeUrl.encode("/\ud800")).isEqualTo("/%EF%BF%BD");
    assertThat(EncodeUrl.encode("/日\ud83d\ude00")).isEqualTo("/%E6%97%A5%F0%9F%98%80");
  }
}
