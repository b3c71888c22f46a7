package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.web.internal.CookieSignature.SignedValue;
import dev.eddy.web.internal.CookieSignature.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookieSignatureTest {
  @Test
  void signMatchesCookieSignature() throws IOException {
    JsonNode f = HttpDatesTest.fixture("cookie-signature-fixtures.json");
    assertThat(f.get("version").asText()).isEqualTo("1.0.6");
    assertThat(f.get("expressVersion").asText()).isEqualTo("1.2.2");
    List<String> failures = new ArrayList<>();
    for (JsonNode c : f.get("cases")) {
      String actual = CookieSignature.sign(c.get("value").asText(), c.get("secret").asText());
      if (!actual.equals(c.get("signed").asText())) failures.add(c + " -> " + actual);
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void unsignMatchesCookieSignature() throws IOException {
    JsonNode f = HttpDatesTest.fixture("cookie-signature-fixtures.json");
    List<String> failures = new ArrayList<>();
    for (JsonNode c : f.get("unsignCases")) {
      String actual = CookieSignature.unsign(c.get("input").asText(), c.get("secret").asText());
      String expected = c.get("value").isNull() ? null : c.get("value").asText();
      if (!java.util.Objects.equals(expected, actual)) failures.add(c + " -> " + actual);
    }
    assertThat(failures).isEmpty();
    assertThat(f.get("unsignCases").size()).isGreaterThan(100);
  }

  @Test
  void knownSignature() {
    // The package's README example.
    assertThat(CookieSignature.sign("hello", "tobiiscool"))
        .isEqualTo("hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI");
    assertThat(CookieSignature.unsign("hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI", "tobiiscool"))
        .isEqualTo("hello");
    assertThat(CookieSignature.unsign("hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI", "luna")).isNull();
    assertThatThrownBy(() -> CookieSignature.sign("a", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void signedCookieOutcomes() {
    String signed = "s:" + CookieSignature.sign("v", "old");
    assertThat(CookieSignature.signedCookie("plain", List.of("a")))
        .isEqualTo(new SignedValue(Status.NOT_SIGNED, "plain"));
    assertThat(CookieSignature.signedCookie(signed, List.of("new", "old")))
        .isEqualTo(new SignedValue(Status.VALID, "v"));
    assertThat(CookieSignature.signedCookie(signed, List.of("new"))).isEqualTo(new SignedValue(Status.INVALID, null));
    assertThat(CookieSignature.signedCookie(signed, List.of())).isEqualTo(new SignedValue(Status.INVALID, null));
  }
}
