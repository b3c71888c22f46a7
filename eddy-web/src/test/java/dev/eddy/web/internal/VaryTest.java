package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.web.internal.NegotiatorFixtureTest.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vary against vary 1.1.2's recorded answers, plus unit checks. */
class VaryTest {

  @Test
  void appendMatchesTheFixture() {
    int n =
        Fixture.checkGrid(
            "vary",
            (header, field) ->
                field.isArray()
                    ? Vary.append(header.asText(), Fixture.list(field))
                    : Vary.append(header.asText(), field.asText()));
    assertThat(n).isGreaterThan(300);
  }

  @Test
  void examples() {
    assertThat(Vary.append("", "Origin")).isEqualTo("Origin");
    assertThat(Vary.append("Accept", "Origin, accept")).isEqualTo("Accept, Origin");
    assertThat(Vary.append("Accept", "*")).isEqualTo("*");
    assertThat(Vary.append("*", "Origin")).isEqualTo("*");
    assertThat(Vary.append(null, "Accept")).isEqualTo("Accept");
    assertThat(Vary.append("Accept", List.of("Accept-Encoding", "Origin")))
        .isEqualTo("Accept, Accept-Encoding, Origin");
    assertThat(Vary.append("Accept", List.of())).isEqualTo("Accept");
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> Vary.append("", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field argument is required");
    assertThatThrownBy(() -> Vary.append("", (String) null))
        .hasMessage("field argument is required");
    assertThatThrownBy(() -> Vary.append("", (List<String>) null))
        .hasMessage("field argument is required");
    assertThatThrownBy(() -> Vary.append("", "a,,b"))
        .hasMessage("field argument contains an invalid header name");
    // Checked before the "*" short cut, as the package does.
    assertThatThrownBy(() -> Vary.append("*", "bad field"))
        .hasMessage("field argument contains an invalid header name");
  }
}
