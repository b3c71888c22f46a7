package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Focused checks of Negotiator's rules; the fixture test covers the breadth. */
class NegotiatorTest {

  @Test
  void mediaTypesByQualityThenSpecificity() {
    String accept = "text/*;q=0.5, text/html, application/json;q=0.9";
    assertThat(Negotiator.mediaTypes(accept, null))
        .containsExactly("text/html", "application/json", "text/*");
    assertThat(Negotiator.mediaTypes(accept, List.of("text/plain", "application/json", "text/html")))
        .containsExactly("text/html", "application/json", "text/plain");
    assertThat(Negotiator.mediaType(accept, List.of("image/png"))).isNull();
  }

  @Test
  void parametersMustMatch() {
    String accept = "application/json;charset=utf-8";
    assertThat(Negotiator.mediaTypes(accept, List.of("application/json"))).isEmpty();
    assertThat(Negotiator.mediaTypes(accept, List.of("application/json; charset=UTF-8")))
        .containsExactly("application/json; charset=UTF-8");
  }

  @Test
  void absentAndEmptyHeaders() {
    assertThat(Negotiator.mediaTypes(null, List.of("a/b"))).containsExactly("a/b");
    assertThat(Negotiator.mediaTypes("", List.of("a/b"))).isEmpty();
    assertThat(Negotiator.charsets(null, List.of("utf-8"))).containsExactly("utf-8");
    assertThat(Negotiator.languages(null, null)).containsExactly("*");
    assertThat(Negotiator.encodings(null, null, null)).containsExactly("identity");
    assertThat(Negotiator.encodings("", List.of("gzip", "identity"), null))
        .containsExactly("identity");
  }

  @Test
  void identityEncodingRules() {
    assertThat(Negotiator.encodings("gzip;q=0.5, br", null, null))
        .containsExactly("br", "gzip", "identity");
    assertThat(Negotiator.encodings("gzip, identity;q=0", List.of("identity"), null)).isEmpty();
    assertThat(Negotiator.encodings("*;q=0", List.of("identity", "gzip"), null)).isEmpty();
    assertThat(Negotiator.encoding("gzip, deflate", List.of("deflate", "gzip"), null))
        .isEqualTo("gzip");
    assertThat(Negotiator.encoding("gzip, deflate", List.of("deflate", "gzip"), List.of("deflate")))
        .isEqualTo("deflate");
  }

  @Test
  void languagePrefixes() {
    assertThat(Negotiator.languages("fr-CA, fr;q=0.8", List.of("fr", "fr-CA")))
        .containsExactly("fr-CA", "fr");
    assertThat(Negotiator.languages("en", List.of("en-US"))).containsExactly("en-US");
    assertThat(Negotiator.languages("en-US", List.of("en"))).containsExactly("en");
    assertThat(Negotiator.languages("en-US", List.of("en-GB"))).isEmpty();
  }

  @Test
  void resultsAreMutableFreshLists() {
    List<String> r = Negotiator.charsets("utf-8", List.of("utf-8"));
    r.add("x");
    assertThat(Negotiator.charsets("utf-8", List.of("utf-8"))).containsExactly("utf-8");
  }

  @Test
  void nullOffersAreRejected() {
    List<String> offers = new ArrayList<>(Arrays.asList("a/b", null));
    assertThatThrownBy(() -> Negotiator.mediaTypes("*/*", offers))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void parseFloatFollowsJavaScript() {
    assertThat(pf("0.5")).isEqualTo(0.5);
    assertThat(pf(" \u00a0 .5x")).isEqualTo(0.5);
    assertThat(pf("5.")).isEqualTo(5.0);
    assertThat(pf("1e")).isEqualTo(1.0);
    assertThat(pf("1e-3")).isEqualTo(0.001);
    assertThat(pf("-Infinityx")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(pf("+0.25")).isEqualTo(0.25);
    assertThat(pf("0x10")).isEqualTo(0.0);
    assertThat(pf("abc")).isNaN();
    assertThat(pf(".")).isNaN();
    assertThat(pf("-")).isNaN();
    assertThat(pf("")).isNaN();
    assertThat(pf("0.30000000000000004")).isEqualTo(0.30000000000000004);
    assertThat(pf("123456789012345678901234567890")).isEqualTo(1.2345678901234568e29);
  }

  private static double pf(String s) {
    return Negotiator.parseFloat(s, 0, s.length());
  }

  @Property(tries = 2000)
  void parseFloatFastPathIsCorrectlyRounded(
      @ForAll @LongRange(min = 0, max = 999_999_999_999_999L) long digits,
      @ForAll @IntRange(min = 0, max = 22) int scale) {
    String s = Long.toString(digits);
    if (scale > 0) {
      while (s.length() <= scale) s = "0" + s;
      s = s.substring(0, s.length() - scale) + "." + s.substring(s.length() - scale);
    }
    assertThat(pf(s)).isEqualTo(Double.parseDouble(s));
  }
}
