package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileStrictTest {
  @Test
  void aCleanFileHasNoProblems() {
    String text =
        "# database\n\n"
            + "export DB_HOST=localhost\n"
            + "DB_PASS=\"p#ss\n"
            + "word\"\n"
            + "EMPTY=\n"
            + "PORT: 8080 # http\n"
            + "  \n";
    EnvFile.Parsed parsed = EnvFile.parseStrict(text);
    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.values())
        .containsExactly(
            Map.entry("DB_HOST", "localhost"),
            Map.entry("DB_PASS", "p#ss\nword"),
            Map.entry("EMPTY", ""),
            Map.entry("PORT", "8080"));
  }

  @Test
  void reportsEveryBrokenLineWithItsNumberAndNoValue() {
    String text =
        "OK=1\r\n"
            + "JUST_A_NAME\r\n"
            + "MY KEY=hunter2\r\n"
            + "=orphan\r\n"
            + "PORT:8080\r\n"
            + "OPEN=\"never closed\r\n"
            + "AFTER='quoted' trailing\r\n"
            + "export LONELY\r\n"
            + "some random words\r\n"
            + "# fine\r\n"
            + "LAST=ok";
    EnvFile.Parsed parsed = EnvFile.parseStrict(text);
    assertThat(parsed.problems())
        .containsExactly(
            new EnvFile.Problem(
                2,
                "JUST_A_NAME has no value (write JUST_A_NAME=value, or start the line with # to"
                    + " make it a comment)"),
            new EnvFile.Problem(
                3,
                "\"MY KEY\" is not a valid variable name (use only letters, digits, _, . and -)"),
            new EnvFile.Problem(4, "no variable name before = (write KEY=value)"),
            new EnvFile.Problem(
                5, "PORT: needs a space after the colon and none before it (write PORT=value)"),
            new EnvFile.Problem(
                6,
                "the value of OPEN opens a double quote that is never closed (add the closing \","
                    + " or remove the opening one)"),
            new EnvFile.Problem(
                7,
                "the value of AFTER has text after its closing single quote (move the text inside"
                    + " the quotes, or start a comment with #)"),
            new EnvFile.Problem(
                8,
                "LONELY has no value (write LONELY=value, or start the line with # to make it a"
                    + " comment)"),
            new EnvFile.Problem(
                9,
                "not a KEY=value assignment (write KEY=value, or start the line with # to make it a"
                    + " comment)"));
    // The values are still dotenv's.
    assertThat(parsed.values()).isEqualTo(EnvFile.parse(text));
    assertThat(parsed.values()).containsEntry("OPEN", "\"never closed").containsEntry("LAST", "ok");
    assertThat(parsed.problems().toString())
        .doesNotContain("hunter2", "never closed\"", "orphan", "trailing");
  }

  @Test
  void linesInsideAMultiLineValueAreNotProblems() {
    String text = "KEY=\"-----BEGIN-----\nnot an assignment\n-----END-----\"\nB=1\n";
    assertThat(EnvFile.parseStrict(text).problems()).isEmpty();
    assertThat(EnvFile.parse(text))
        .containsEntry("KEY", "-----BEGIN-----\nnot an assignment\n-----END-----");
  }

  @Test
  void parseIsUnmodifiableAndOrderedLikeAJavaScriptObject() {
    Map<String, String> m = EnvFile.parse("b=1\n10=x\na=2\n2=y\nb=3\n__proto__=z");
    assertThat(m.keySet()).containsExactly("2", "10", "b", "a");
    assertThat(m).containsEntry("b", "3");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.put("c", "d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
