package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvLoadTest {
  @TempDir Path dir;

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  private void writeAllFour() throws IOException {
    write(".env", "A=env\nB=env\nC=env\nD=env\nE=env\nONLY_BASE=base\n");
    write(".env.production", "A=production\nB=production\nC=production\nD=production\n");
    write(".env.local", "A=local\nB=local\nC=local\n");
    write(".env.production.local", "A=production.local\nB=production.local\n");
  }

  @Test
  void earlierFilesWinAndTheRealEnvironmentWinsOverAll() throws IOException {
    writeAllFour();
    Env env = Env.load(dir, "production", Map.of("A", "real", "REAL_ONLY", "r"));
    assertThat(env.get("A")).contains("real");
    assertThat(env.get("B")).contains("production.local");
    assertThat(env.get("C")).contains("local");
    assertThat(env.get("D")).contains("production");
    assertThat(env.get("E")).contains("env");
    assertThat(env.get("ONLY_BASE")).contains("base");
    assertThat(env.get("REAL_ONLY")).contains("r");
    assertThat(env.get("MISSING")).isEmpty();
    assertThat(env.environment()).contains("production");
    assertThat(env.files())
        .containsExactly(
            dir.resolve(".env.production.local"),
            dir.resolve(".env.local"),
            dir.resolve(".env.production"),
            dir.resolve(".env"));
  }

  @Test
  void anEmptyRealVariableIsStillNeverOverridden() throws IOException {
    write(".env", "A=file\nB=${A}x\n");
    Env env = Env.load(dir, "development", Map.of("A", ""));
    assertThat(env.get("A")).contains("");
    assertThat(env.get("B")).contains("x");
  }

  @Test
  void theTestEnvironmentSkipsDotEnvLocal() throws IOException {
    writeAllFour();
    write(".env.test", "D=test\n");
    write(".env.test.local", "A=test.local\n");
    Env env = Env.load(dir, "test", Map.of());
    assertThat(env.get("A")).contains("test.local");
    assertThat(env.get("B")).contains("env");
    assertThat(env.get("C")).contains("env");
    assertThat(env.get("D")).contains("test");
    assertThat(env.files()).doesNotContain(dir.resolve(".env.local"));
  }

  @Test
  void theNameComesFromEddyEnvThenNodeEnvThenDefaultsToDevelopment() throws IOException {
    write(".env.development", "WHO=development\n");
    write(".env.staging", "WHO=staging\n");
    write(".env.production", "WHO=production\n");
    assertThat(Env.load(dir, null, Map.of()).get("WHO")).contains("development");
    assertThat(Env.load(dir, null, Map.of("NODE_ENV", "production")).get("WHO"))
        .contains("production");
    assertThat(
            Env.load(dir, null, Map.of("NODE_ENV", "production", "EDDY_ENV", "staging")).get("WHO"))
        .contains("staging");
    assertThat(Env.load(dir, null, Map.of("NODE_ENV", "production", "EDDY_ENV", " ")).get("WHO"))
        .contains("production");
    assertThat(Env.environmentName(Map.of())).isEqualTo("development");
  }

  @Test
  void anInvalidEnvironmentNameIsRejected() {
    assertThatThrownBy(() -> Env.load(dir, null, Map.of("EDDY_ENV", "../etc")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Configuration is invalid (1 problem):\n"
                + "  EDDY_ENV: \"../etc\" is not a valid environment name (use letters, digits, .,"
                + " _ and -, such as production)");
  }

  @Test
  void referencesReachAcrossFilesAndIntoTheRealEnvironment() throws IOException {
    write(".env", "HOST=localhost\nPORT=5432\nUSER=app\n");
    write(".env.local", "URL=postgres://${USER}@${HOST}:${PORT:-1}/${DB:-main}\nESCAPED=\\$HOST\n");
    Env env = Env.load(dir, "development", Map.of("HOST", "db.internal"));
    assertThat(env.get("URL")).contains("postgres://app@db.internal:5432/main");
    assertThat(env.get("ESCAPED")).contains("$HOST");
  }

  @Test
  void aBrokenFileStopsTheStartWithEveryProblem() throws IOException {
    write(".env", "GOOD=1\nthis is not valid\nTOKEN=\"abc\n");
    write(".env.local", "# ok\nNAME ONLY\n");
    assertThatThrownBy(() -> Env.load(dir, "development", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Configuration is invalid (3 problems):\n"
                + "  .env:2: not a KEY=value assignment (write KEY=value, or start the line with #"
                + " to make it a comment)\n"
                + "  .env:3: the value of TOKEN opens a double quote that is never closed (add the"
                + " closing \", or remove the opening one)\n"
                + "  .env.local:2: not a KEY=value assignment (write KEY=value, or start the line"
                + " with # to make it a comment)");
  }

  @Test
  void aSelfFeedingExpansionStopsTheStart() throws IOException {
    write(".env", "A=y$B\n");
    assertThatThrownBy(() -> Env.load(dir, "development", Map.of("B", "x$B")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Configuration is invalid (1 problem):\n"
                + "  A: its $ references never finish expanding (break the cycle between the"
                + " referenced variables)");
  }

  @Test
  void noFilesIsFineAndToStringNeverShowsValues() throws IOException {
    Env empty = Env.load(dir, "development", Map.of("SECRET", "hunter2"));
    assertThat(empty.files()).isEmpty();
    assertThat(empty.asMap()).containsExactly(Map.entry("SECRET", "hunter2"));
    write(".env", "PASSWORD=s3cr3t\n");
    Env env = Env.load(dir, "development", Map.of("SECRET", "hunter2"));
    assertThat(env.toString())
        .isEqualTo("Env[environment=development, files=[.env], 2 variables, values hidden]")
        .doesNotContain("hunter2", "s3cr3t");
  }

  @Test
  void requireAndTheViews() {
    Env env = Env.of(Map.of("A", "1", "BLANK", "  "));
    assertThat(env.require("A")).isEqualTo("1");
    assertThat(env.get("BLANK")).contains("  ");
    assertThatThrownBy(() -> env.require("BLANK"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Configuration is invalid (1 problem):\n"
                + "  BLANK: is not set (set BLANK in the environment or in .env)");
    assertThatThrownBy(() -> env.require("NOPE")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> env.asMap().put("B", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(env.environment()).isEmpty();
    assertThat(Env.system().asMap()).isEqualTo(System.getenv());
  }
}
