package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.ops.Config.Max;
import dev.eddy.ops.Config.Min;
import dev.eddy.ops.Config.Pattern;
import dev.eddy.ops.Config.Secret;
import dev.eddy.ops.internal.ConfigBinder;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigTest {
  enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  enum Mode {
    READ_ONLY,
    READ_WRITE
  }

  record Everything(
      String name,
      int port,
      long big,
      double ratio,
      boolean enabled,
      Integer boxedInt,
      Long boxedLong,
      Double boxedDouble,
      Boolean boxedBoolean,
      Duration timeout,
      URI databaseUrl,
      URL homePage,
      Path dataDir,
      Level logLevel,
      Mode mode,
      List<String> hosts,
      List<Integer> ports,
      Optional<String> sentryDsn,
      Optional<Integer> workers,
      @ConfigName("CUSTOM_VAR") String renamed,
      @ConfigDefault("8080") int defaulted,
      @ConfigDefault("a, b") List<String> defaultList) {}

  private static Map<String, String> everything() {
    Map<String, String> m = new HashMap<>();
    m.put("NAME", "  keeps spaces  ");
    m.put("PORT", " 8080 ");
    m.put("BIG", "-9223372036854775808");
    m.put("RATIO", "1.5e2");
    m.put("ENABLED", "Yes");
    m.put("BOXED_INT", "+7");
    m.put("BOXED_LONG", "42");
    m.put("BOXED_DOUBLE", ".5");
    m.put("BOXED_BOOLEAN", "0");
    m.put("TIMEOUT", "1h30m");
    m.put("DATABASE_URL", "postgres://u@db:5432/app");
    m.put("HOME_PAGE", "https://example.com/x");
    m.put("DATA_DIR", "/var/lib/app");
    m.put("LOG_LEVEL", "warn");
    m.put("MODE", "read-write");
    m.put("HOSTS", "a.example, b.example,,c.example ");
    m.put("PORTS", "80,443");
    m.put("SENTRY_DSN", "");
    m.put("WORKERS", "4");
    m.put("CUSTOM_VAR", "custom");
    return m;
  }

  @Test
  void bindsEveryType() throws Exception {
    Everything e = Config.bind(Everything.class, Env.of(everything()));
    assertThat(e.name()).isEqualTo("  keeps spaces  ");
    assertThat(e.port()).isEqualTo(8080);
    assertThat(e.big()).isEqualTo(Long.MIN_VALUE);
    assertThat(e.ratio()).isEqualTo(150.0);
    assertThat(e.enabled()).isTrue();
    assertThat(e.boxedInt()).isEqualTo(7);
    assertThat(e.boxedLong()).isEqualTo(42L);
    assertThat(e.boxedDouble()).isEqualTo(0.5);
    assertThat(e.boxedBoolean()).isFalse();
    assertThat(e.timeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(e.databaseUrl()).isEqualTo(URI.create("postgres://u@db:5432/app"));
    assertThat(e.homePage()).isEqualTo(URI.create("https://example.com/x").toURL());
    assertThat(e.dataDir()).isEqualTo(Path.of("/var/lib/app"));
    assertThat(e.logLevel()).isEqualTo(Level.WARN);
    assertThat(e.mode()).isEqualTo(Mode.READ_WRITE);
    assertThat(e.hosts()).containsExactly("a.example", "b.example", "c.example");
    assertThat(e.ports()).containsExactly(80, 443);
    assertThat(e.sentryDsn()).isEmpty();
    assertThat(e.workers()).contains(4);
    assertThat(e.renamed()).isEqualTo("custom");
    assertThat(e.defaulted()).isEqualTo(8080);
    assertThat(e.defaultList()).containsExactly("a", "b");
  }

  record Durations(Duration d) {}

  @Test
  void durations() {
    Map<String, Duration> ok =
        Map.of(
            "250ms", Duration.ofMillis(250),
            "30s", Duration.ofSeconds(30),
            "5m", Duration.ofMinutes(5),
            "1h", Duration.ofHours(1),
            "2d", Duration.ofDays(2),
            "1m30s", Duration.ofSeconds(90),
            "PT30S", Duration.ofSeconds(30),
            "pt1m", Duration.ofMinutes(1),
            "0s", Duration.ZERO);
    ok.forEach(
        (text, expected) ->
            assertThat(Config.bind(Durations.class, Env.of(Map.of("D", text))).d())
                .as(text)
                .isEqualTo(expected));
    for (String bad : List.of("30", "s", "5 m", "1.5s", "5x", "PT", "P1Y")) {
      assertThatThrownBy(() -> Config.bind(Durations.class, Env.of(Map.of("D", bad))))
          .as(bad)
          .hasMessageContaining(
              "is not a duration (set D to a duration such as 30s, 5m, 1h, 250ms or PT30S)");
    }
    assertThatThrownBy(() -> Config.bind(Durations.class, Env.of(Map.of("D", "-5s"))))
        .hasMessageContaining("\"-5s\" is a negative duration");
    assertThatThrownBy(() -> Config.bind(Durations.class, Env.of(Map.of("D", "PT-5S"))))
        .hasMessageContaining("is a negative duration");
  }

  record Flags(boolean b) {}

  @Test
  void booleans() {
    for (String t : List.of("true", "TRUE", "1", "yes", "Yes"))
      assertThat(Config.bind(Flags.class, Env.of(Map.of("B", t))).b()).as(t).isTrue();
    for (String f : List.of("false", "False", "0", "no", "NO"))
      assertThat(Config.bind(Flags.class, Env.of(Map.of("B", f))).b()).as(f).isFalse();
    assertThatThrownBy(() -> Config.bind(Flags.class, Env.of(Map.of("B", "on"))))
        .hasMessage(
            "Configuration is invalid (1 problem):\n"
                + "  B: \"on\" is not a boolean (set B to true or false)");
  }

  record Db(String host, @ConfigDefault("5432") int port, @Secret String password) {}

  record Cache(String host) {}

  record App(
      @Min(1) @Max(65535) int port,
      Db db,
      @ConfigPrefix("REDIS_") Cache cache,
      Optional<Cache> backup,
      @ConfigName("APP_SECRET") @Secret String secret) {}

  @Test
  void nestedRecordsUsePrefixes() {
    Map<String, String> m =
        Map.of(
            "PORT", "8080",
            "DB_HOST", "db",
            "DB_PASSWORD", "pw",
            "REDIS_HOST", "redis",
            "APP_SECRET", "s");
    App app = Config.bind(App.class, Env.of(m));
    assertThat(app.db()).isEqualTo(new Db("db", 5432, "pw"));
    assertThat(app.cache()).isEqualTo(new Cache("redis"));
    assertThat(app.backup()).isEmpty();

    Map<String, String> withBackup = new HashMap<>(m);
    withBackup.put("BACKUP_HOST", "b");
    assertThat(Config.bind(App.class, Env.of(withBackup)).backup()).contains(new Cache("b"));
    assertThat(Config.describe(app))
        .isEqualTo(
            "App[port=8080, db=Db[host=db, port=5432, password=<secret>], cache=Cache[host=redis],"
                + " backup=Optional.empty, secret=<secret>]");
  }

  record Service(
      int port,
      URI databaseUrl,
      @Secret @Pattern("[a-f0-9]{8}") String apiKey,
      @Min(1) @Max(64) int workers,
      @Min(1) long queueSize,
      Level logLevel,
      Duration timeout,
      URL callback,
      @ConfigDefault("x") int brokenDefault,
      List<Integer> ports,
      @Secret int secretNumber,
      Db db,
      String name,
      @Pattern("[a-z]+") Optional<String> tag) {}

  @Test
  void everyProblemAtOnceInTheDocumentedFormat() {
    Map<String, String> m = new HashMap<>();
    m.put("PORT", "80a");
    m.put("API_KEY", "not-hex-hunter2");
    m.put("WORKERS", "100");
    m.put("QUEUE_SIZE", "0");
    m.put("LOG_LEVEL", "verbose");
    m.put("TIMEOUT", "30");
    m.put("CALLBACK", "not a url");
    m.put("PORTS", "80,http");
    m.put("SECRET_NUMBER", "hunter2");
    m.put("DB_PORT", "99999999999");
    m.put("DB_PASSWORD", "   ");
    m.put("TAG", "Bad Tag");
    assertThatThrownBy(() -> Config.bind(Service.class, Env.of(m)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            String.join(
                "\n",
                "Configuration is invalid (16 problems):",
                "  PORT: \"80a\" is not an integer (set PORT to a whole number such as 8080)",
                "  DATABASE_URL: is not set (set DATABASE_URL to an absolute URI such as"
                    + " https://example.com, in the environment or in .env)",
                "  API_KEY: <secret> does not match [a-f0-9]{8} (set API_KEY to a value matching"
                    + " [a-f0-9]{8})",
                "  WORKERS: \"100\" is more than 64 (set WORKERS to a whole number from 1 to 64)",
                "  QUEUE_SIZE: \"0\" is less than 1 (set QUEUE_SIZE to a whole number of at least"
                    + " 1)",
                "  LOG_LEVEL: \"verbose\" is not one of DEBUG, INFO, WARN, ERROR (set LOG_LEVEL to"
                    + " one of DEBUG, INFO, WARN, ERROR)",
                "  TIMEOUT: \"30\" is not a duration (set TIMEOUT to a duration such as 30s, 5m,"
                    + " 1h, 250ms or PT30S)",
                "  CALLBACK: \"not a url\" is not a valid URL (set CALLBACK to a URL such as"
                    + " https://example.com)",
                "  BROKEN_DEFAULT: the default \"x\" is not an integer (set BROKEN_DEFAULT to a"
                    + " whole number such as 8080)",
                "  PORTS: \"80,http\" has an item \"http\" that is not an integer (set PORTS to a"
                    + " comma-separated list of items, each a whole number such as 8080)",
                "  SECRET_NUMBER: <secret> is not an integer (set SECRET_NUMBER to a whole number"
                    + " such as 8080)",
                "  DB_HOST: is not set (set DB_HOST in the environment or in .env)",
                "  DB_PORT: \"99999999999\" is out of range for an integer (set DB_PORT to a whole"
                    + " number such as 8080)",
                "  DB_PASSWORD: is not set (set DB_PASSWORD in the environment or in .env)",
                "  NAME: is not set (set NAME in the environment or in .env)",
                "  TAG: \"Bad Tag\" does not match [a-z]+ (set TAG to a value matching [a-z]+)"))
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(16))
        .message()
        .doesNotContain("hunter2");
  }

  record Numbers(int i, long l, double d) {}

  @Test
  void numbersAreStrict() {
    for (String bad : List.of("1_000", "0x10", "1e3", "", "-", "1.0", "٣")) {
      Map<String, String> m = Map.of("I", bad.isEmpty() ? "x" : bad, "L", "1", "D", "1");
      assertThatThrownBy(() -> Config.bind(Numbers.class, Env.of(m)))
          .as(bad)
          .hasMessageContaining("is not an integer");
    }
    for (String bad : List.of("NaN", "Infinity", "1.5d", "0x1p3", "1e", ".", "e5")) {
      Map<String, String> m = Map.of("I", "1", "L", "1", "D", bad);
      assertThatThrownBy(() -> Config.bind(Numbers.class, Env.of(m)))
          .as(bad)
          .hasMessageContaining("is not a number");
    }
    assertThatThrownBy(
            () -> Config.bind(Numbers.class, Env.of(Map.of("I", "2147483648", "L", "1", "D", "1"))))
        .hasMessageContaining("I: \"2147483648\" is out of range for an integer");
    assertThatThrownBy(
            () ->
                Config.bind(
                    Numbers.class,
                    Env.of(Map.of("I", "1", "L", "9223372036854775808", "D", "1e999"))))
        .hasMessageContaining("L: \"9223372036854775808\" is out of range for an integer")
        .hasMessageContaining("D: \"1e999\" is out of range for a number");
    Numbers n =
        Config.bind(Numbers.class, Env.of(Map.of("I", "-2147483648", "L", "+9", "D", "-1.25E-1")));
    assertThat(n).isEqualTo(new Numbers(Integer.MIN_VALUE, 9, -0.125));
  }

  record Uris(URI u) {}

  record Paths(Path p) {}

  @Test
  void urisMustBeAbsoluteAndPathsValid() {
    assertThatThrownBy(() -> Config.bind(Uris.class, Env.of(Map.of("U", "/relative"))))
        .hasMessageContaining("\"/relative\" is not an absolute URI");
    assertThatThrownBy(() -> Config.bind(Uris.class, Env.of(Map.of("U", "http://a b"))))
        .hasMessageContaining("\"http://a b\" is not a valid URI");
    assertThatThrownBy(() -> Config.bind(Paths.class, Env.of(Map.of("P", "a\0b"))))
        .hasMessage(
            "Configuration is invalid (1 problem):\n"
                + "  P: \"a\\u0000b\" is not a valid path (set P to a file system path)");
  }

  record Checked(int port) {
    Checked {
      if (port == 0) throw new IllegalArgumentException("port 0 is reserved");
    }
  }

  @Test
  void aRejectingConstructorIsAProblem() {
    assertThatThrownBy(() -> Config.bind(Checked.class, Env.of(Map.of("PORT", "0"))))
        .hasMessage(
            "Configuration is invalid (1 problem):\n"
                + "  Checked: rejected by its constructor: port 0 is reserved");
  }

  record Unsupported(Map<String, String> map) {}

  record MinOnString(@Min(1) String s) {}

  record Recursive(Optional<Recursive> next) {}

  @Test
  void programmingErrorsAreIllegalArguments() {
    assertThatThrownBy(() -> Config.bind(Unsupported.class, Env.of(Map.of())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Config.bind(MinOnString.class, Env.of(Map.of("S", "x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Config.bind(Recursive.class, Env.of(Map.of("NEXT_X", "1"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void upperSnakeCase() {
    assertThat(ConfigBinder.upperSnake("databaseUrl")).isEqualTo("DATABASE_URL");
    assertThat(ConfigBinder.upperSnake("port")).isEqualTo("PORT");
    assertThat(ConfigBinder.upperSnake("maxURLLength")).isEqualTo("MAX_URL_LENGTH");
    assertThat(ConfigBinder.upperSnake("oauth2Token")).isEqualTo("OAUTH2_TOKEN");
    assertThat(ConfigBinder.upperSnake("s3Bucket")).isEqualTo("S3_BUCKET");
    assertThat(ConfigBinder.upperSnake("http2")).isEqualTo("HTTP2");
    assertThat(ConfigBinder.upperSnake("URL")).isEqualTo("URL");
  }

  @Test
  void longValuesAreShortenedInMessages() {
    String longValue = "x".repeat(100);
    assertThatThrownBy(() -> Config.bind(Flags.class, Env.of(Map.of("B", longValue))))
        .hasMessage(
            "Configuration is invalid (1 problem):\n  B: \""
                + "x".repeat(40)
                + "...\" is not a boolean (set B to true or false)");
  }

  @Test
  void loadedFromFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve(".env"),
        "PORT=3000\n"
            + "DB_HOST=localhost\n"
            + "DB_PASSWORD='p#ss'\n"
            + "APP_SECRET=${DB_PASSWORD}!\n"
            + "REDIS_HOST=${DB_HOST}\n");
    App app = Config.bind(App.class, Env.load(dir, "development", Map.of("PORT", "4000")));
    assertThat(app.port()).isEqualTo(4000);
    assertThat(app.db().password()).isEqualTo("p#ss");
    assertThat(app.secret()).isEqualTo("p#ss!");
    assertThat(app.cache().host()).isEqualTo("localhost");
  }
}
