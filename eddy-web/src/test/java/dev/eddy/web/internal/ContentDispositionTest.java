package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentDispositionTest {
  @Test
  void matchesTheContentDispositionPackage() throws IOException {
    JsonNode f = HttpDatesTest.fixture("content-disposition-fixtures.json");
    assertThat(f.get("version").asText()).isEqualTo("2.0.1");
    List<String> failures = new ArrayList<>();
    for (JsonNode c : f.get("cases")) {
      String filename = c.get("filename").isNull() ? null : c.get("filename").asText();
      String type = c.get("type").isNull() ? null : c.get("type").asText();
      JsonNode fb = c.get("fallback");
      String actual;
      try {
        if (fb.isTextual()) actual = ContentDisposition.format(type, filename, fb.asText());
        else actual = ContentDisposition.format(type, filename, fb.isNull() || fb.asBoolean());
      } catch (IllegalArgumentException e) {
        actual = "error: " + e.getMessage();
      }
      String expected = c.has("ok") ? c.get("ok").asText() : "error: " + c.get("error").asText();
      if (!expected.equals(actual)) failures.add(c + " -> " + actual);
    }
    assertThat(failures).isEmpty();
    assertThat(f.get("cases").size()).isGreaterThan(100);
  }

  @Test
  void asciiNamesGoInFilename() {
    assertThat(ContentDisposition.attachment("plans.pdf")).isEqualTo("attachment; filename=plans.pdf");
    assertThat(ContentDisposition.attachment("the \"plans\".pdf"))
        .isEqualTo("attachment; filename=\"the \\\"plans\\\".pdf\"");
    assertThat(ContentDisposition.attachment(null)).isEqualTo("attachment");
    assertThat(ContentDisposition.format("inline", null, true)).isEqualTo("inline");
  }

  @Test
  void otherNamesGetFilenameStarAndAFallback() {
    assertThat(ContentDisposition.attachment("€ rates.pdf"))
        .isEqualTo("attachment; filename=\"? rates.pdf\"; filename*=UTF-8''%E2%82%AC%20rates.pdf");
    assertThat(ContentDisposition.format("attachment", "€.pdf", false))
        .isEqualTo("attachment; filename*=UTF-8''%E2%82%AC.pdf");
    assertThat(ContentDisposition.attachment("%41.txt"))
        .isEqualTo("attachment; filename=%41.txt; filename*=UTF-8''%2541.txt");
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> ContentDisposition.format("bad type", "a", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid type: bad type");
    assertThatThrownBy(() -> ContentDisposition.format("attachment", "a", "é"))
        .hasMessage("Fallback must be valid US-ASCII: é");
    assertThatThrownBy(() -> ContentDisposition.attachment("x\ud800"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
