package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Focused checks of Accepts (accepts 2.0.0); NegotiatorFixtureTest covers the recorded cases. */
class NegotiatorAcceptsTest {

  @Test
  void documentedTypeExamples() {
    assertThat(Accepts.type("text/html", List.of("html"))).isEqualTo("html");
    assertThat(Accepts.type("text/*, application/json", List.of("html"))).isEqualTo("html");
    assertThat(Accepts.type("text/*, application/json", List.of("text/html")))
        .isEqualTo("text/html");
    assertThat(Accepts.type("text/*, application/json", List.of("json", "text")))
        .isEqualTo("json");
    assertThat(Accepts.type("text/*, application/json", List.of("image/png"))).isNull();
    assertThat(Accepts.type("text/*, application/json", List.of("png"))).isNull();
    assertThat(Accepts.type("text/*;q=.5, application/json", List.of("html", "json")))
        .isEqualTo("json");
  }

  @Test
  void noHeaderReturnsTheFirstOffer() {
    assertThat(Accepts.type(null, List.of("bogus", "json"))).isEqualTo("bogus");
    assertThat(Accepts.type("", List.of("json"))).isEqualTo("json");
  }

  @Test
  void sameTypeTwiceReturnsTheFirstSpelling() {
    assertThat(Accepts.type("application/json", List.of("json", "application/json")))
        .isEqualTo("json");
  }

  @Test
  void charsetsEncodingsLanguages() {
    assertThat(Accepts.charset("utf-8, iso-8859-1;q=0.2", List.of("iso-8859-1", "utf-8")))
        .isEqualTo("utf-8");
    assertThat(Accepts.charset("utf-8", List.of("latin1"))).isNull();
    assertThat(Accepts.encoding("gzip, deflate", List.of("br", "deflate"))).isEqualTo("deflate");
    assertThat(Accepts.encoding(null, List.of("gzip"))).isNull();
    assertThat(Accepts.encoding(null, List.of("gzip", "identity"))).isEqualTo("identity");
    assertThat(Accepts.language("en;q=0.8, es, pt", List.of("en", "es"))).isEqualTo("es");
    assertThat(Accepts.language("*", List.of(""))).isNull();
  }

  @Test
  void offersAreRequired() {
    assertThatThrownBy(() -> Accepts.type("*/*", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Accepts.charset("*", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
