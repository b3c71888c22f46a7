package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscapeHtmlTest {

  @Test
  void matchesTheEscapeHtmlPackage() throws IOException {
    JsonNode cases;
    try (InputStream in = EscapeHtmlTest.class.getResourceAsStream("json-query-escapehtml.json")) {
      cases = new ObjectMapper().readTree(in);
    }
    assertThat(cases.size()).isGreaterThan(100);
    List<String> failures = new ArrayList<>();
    for (JsonNode c : cases) {
      String actual = EscapeHtml.escape(c.get(0).asText());
      if (!actual.equals(c.get(1).asText()))
        failures.add(c.get(0) + " -> " + actual + " want " + c.get(1));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void examples() {
    String plain = "nothing to do é 😀";
    assertThat(EscapeHtml.escape(plain)).isSameAs(plain);
    assertThat(EscapeHtml.escape("<a href=\"x\">Tom & Jerry's</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  }
}
