package dev.eddy.ops;

import dev.eddy.ops.internal.ConfigBinder;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a record from an {@link Env} and validates it, once, at start.
 *
 * <pre>{@code
 * record Db(String host, @ConfigDefault("5432") int port, @Secret String password) {}
 * record AppConfig(
 *     @ConfigDefault("8080") @Min(1) @Max(65535) int port,
 *     URI databaseUrl,
 *     @ConfigDefault("30s") Duration shutdownTimeout,
 *     Optional<String> sentryDsn,
 *     Db db) {}
 *
 * AppConfig config = Config.bind(AppConfig.class, Env.load());
 * }</pre>
 *
 * <p><b>Names.</b> A component binds from the variable named after it in UPPER_SNAKE_CASE ({@code
 * databaseUrl} → {@code DATABASE_URL}, {@code maxURLLength} → {@code MAX_URL_LENGTH}, {@code
 * oauth2Token} → {@code OAUTH2_TOKEN}), or from {@link ConfigName}. A nested record's components
 * take the prefix of its component name plus {@code _} ({@code db.host} → {@code DB_HOST}), or
 * {@link ConfigPrefix}.
 *
 * <p><b>Types.</b> {@code String}; {@code int}, {@code long}, {@code double} and their boxes
 * (decimal, optional sign; doubles also with a fraction and exponent, not NaN or infinite); {@code
 * boolean} ({@code true/false/1/0/yes/no}, any case); {@link java.time.Duration} ({@code 250ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, combinations such as {@code 1h30m}, or ISO-8601
 * such as {@code PT30S}; not negative); {@link java.net.URI} (absolute); {@link java.net.URL};
 * {@link java.nio.file.Path}; enums (case-insensitive, {@code -} matching {@code _}); {@code
 * List<T>} of any of these (comma-separated, items trimmed, empty items dropped); {@code
 * Optional<T>} of any of these or of a record (absent → empty; an optional record is present when
 * any variable with its prefix is set); and nested records. Other values are trimmed before
 * conversion; strings are kept as they are.
 *
 * <p><b>Absent values.</b> A variable that is not defined, empty or blank counts as not set: its
 * {@link ConfigDefault} applies (converted and validated like a value), else an {@code Optional} is
 * empty, else it is a "not set" problem.
 *
 * <p><b>Problems.</b> Every problem is collected, then all are thrown in one {@link
 * ConfigException} (see there for the exact format). The lines are:
 *
 * <ul>
 *   <li>{@code NAME: is not set (set NAME to HINT, in the environment or in .env)}; for a string
 *       {@code NAME: is not set (set NAME in the environment or in .env)}
 *   <li>{@code NAME: VALUE WHAT (set NAME to HINT)}, for instance {@code PORT: "80a" is not an
 *       integer (set PORT to a whole number such as 8080)}; a value from {@link ConfigDefault} is
 *       written {@code the default VALUE}
 * </ul>
 *
 * <p>where VALUE is the value in double quotes (escaped, shortened beyond 40 characters), or {@code
 * <secret>} for a {@link Secret} component; WHAT is one of {@code is not an integer}, {@code is out
 * of range for an integer}, {@code is not a number}, {@code is not a boolean}, {@code is not a
 * duration}, {@code is a negative duration}, {@code is not a valid URI}, {@code is not an absolute
 * URI}, {@code is not a valid URL}, {@code is not a valid path}, {@code is not one of A, B, C},
 * {@code is less than MIN}, {@code is more than MAX}, {@code does not match PATTERN}, or for a list
 * {@code has an item "X" that WHAT}; and HINT describes what is expected, such as {@code a whole
 * number such as 8080}, {@code a whole number from 1 to 65535}, {@code true or false}, {@code a
 * duration such as 30s, 5m, 1h, 250ms or PT30S}, {@code an absolute URI such as
 * https://example.com}, {@code one of A, B, C}. A record whose canonical constructor throws adds
 * {@code RecordName: rejected by its constructor: MESSAGE}.
 *
 * <p>Secrets: a {@link Secret} component's value never appears in a message, and {@link #describe}
 * masks it. Note that a record's own {@code toString()} prints every component; log {@code
 * Config.describe(config)} instead.
 */
public final class Config {
  private Config() {}

  /**
   * Binds and validates a configuration record.
   *
   * @param type the record class; nested records, lists and optionals as described above
   * @param env where the values come from
   * @param <R> the record type
   * @return the bound record
   * @throws ConfigException listing every missing or malformed value, one per line
   * @throws IllegalArgumentException if the record uses an unsupported component type or misplaces
   *     an annotation (a programming error, whatever the values)
   * @implNote reflective and meant to run once at start; thread-safe
   */
  public static <R extends Record> R bind(Class<R> type, Env env) {
    return ConfigBinder.bind(type, env);
  }

  /**
   * Describes a bound configuration like a record's {@code toString()}, with the values of {@link
   * Secret} components (and everything inside a secret nested record) replaced by {@code <secret>}:
   * safe to log at start.
   *
   * @param config a record, usually from {@link #bind}
   * @return for instance {@code AppConfig[port=8080, db=Db[host=db, password=<secret>]]}
   * @throws NullPointerException if config is null
   */
  public static String describe(Record config) {
    return ConfigBinder.describe(config);
  }

  /** A component whose value must never be printed: problems and {@link #describe} hide it. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Secret {}

  /**
   * The smallest allowed value of a numeric component ({@code int}, {@code long}, {@code double},
   * their boxes, or an {@code Optional} or {@code List} of them).
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Min {
    /**
     * The minimum, inclusive.
     *
     * @return the minimum
     */
    long value();
  }

  /** The largest allowed value of a numeric component; see {@link Min}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Max {
    /**
     * The maximum, inclusive.
     *
     * @return the maximum
     */
    long value();
  }

  /**
   * A regular expression ({@link java.util.regex.Pattern} syntax) the whole value of a string
   * component (or each item of a {@code List<String>}) must match.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Pattern {
    /**
     * The expression, matched against the entire value.
     *
     * @return the expression
     */
    String value();
  }
}
