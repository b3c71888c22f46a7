package dev.eddy.ops;

import dev.eddy.ops.internal.EnvExpansion;
import dev.eddy.ops.internal.EnvSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The variables a service runs with: the real environment plus the {@code .env} files of the
 * current environment name, expanded, as one immutable view.
 *
 * <p><b>Files and precedence.</b> {@link #load(Path, String)} reads, from highest to lowest
 * precedence, {@code .env.{name}.local}, {@code .env.local} (not when the name is {@code test}, so
 * tests do not depend on a developer's machine), {@code .env.{name}} and {@code .env}; missing
 * files are skipped. A variable takes its value from the first file that defines it, and a variable
 * of the real environment always wins over every file (even when it is empty): files never override
 * the environment. The name comes from {@code EDDY_ENV}, else {@code NODE_ENV}, else is {@code
 * development}.
 *
 * <p><b>Syntax and expansion.</b> Each file is read as UTF-8 and parsed with dotenv 16's syntax
 * ({@link EnvFile}). The files are then combined as if concatenated from lowest to highest
 * precedence (a later definition replaces an earlier one's value in place) and expanded with
 * dotenv-expand 12's rules, as {@code dotenv.config()} followed by {@code expand()} does: {@code
 * ${VAR}}, {@code $VAR}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code \$}, where a
 * reference sees the real environment first, then the variables of the files. So a value in {@code
 * .env.local} may refer to one defined in {@code .env}.
 *
 * <p><b>Broken files stop the start.</b> Unlike dotenv, which silently skips what it cannot parse,
 * {@code load} throws a {@link ConfigException} listing every line that is neither an assignment, a
 * comment nor blank, and every quoted value whose quote is not closed, as {@code .env.local:3: not
 * a KEY=value assignment (write KEY=value, or start the line with # to make it a comment)}. A typo
 * in a {@code .env} file otherwise shows up much later as a missing or wrong value.
 *
 * <p>Nothing here writes to the JVM's environment (Java cannot) or logs values; {@link #toString()}
 * shows names of files and a count, never values. Instances are immutable and thread-safe.
 */
public final class Env {
  private final Map<String, String> values;
  private final String environment;
  private final List<Path> files;

  private Env(Map<String, String> values, String environment, List<Path> files) {
    this.values = values;
    this.environment = environment;
    this.files = files;
  }

  /**
   * Loads the {@code .env} files of the current directory for the environment named by {@code
   * EDDY_ENV} / {@code NODE_ENV} (default {@code development}), under the real environment.
   *
   * @return the combined view
   * @throws ConfigException if a file is broken or unreadable, or the environment name is invalid
   */
  public static Env load() {
    return load(Path.of(""), null, System.getenv());
  }

  /**
   * Loads the {@code .env} files of {@code dir} for the given environment name, under the real
   * environment.
   *
   * @param dir the directory holding the {@code .env} files
   * @param environment the environment name such as {@code production}, or null to take it from
   *     {@code EDDY_ENV} / {@code NODE_ENV} (default {@code development})
   * @return the combined view
   * @throws ConfigException if a file is broken or unreadable, or the environment name is invalid
   *     (it must be letters, digits, {@code .}, {@code _} and {@code -}, not starting with {@code
   *     .})
   */
  public static Env load(Path dir, String environment) {
    return load(dir, environment, System.getenv());
  }

  /**
   * Loads like {@link #load(Path, String)} with {@code realEnvironment} standing for the process
   * environment, for tests and for embedding.
   *
   * @param dir the directory holding the {@code .env} files
   * @param environment the environment name, or null to take it from {@code realEnvironment}
   * @param realEnvironment the variables that win over every file; copied
   * @return the combined view
   * @throws ConfigException if a file is broken or unreadable, a value's expansion does not
   *     terminate, or the environment name is invalid
   */
  public static Env load(Path dir, String environment, Map<String, String> realEnvironment) {
    Objects.requireNonNull(dir, "dir");
    Map<String, String> real = Map.copyOf(realEnvironment);
    String name = environment != null ? environment : environmentName(real);
    List<String> problems = new ArrayList<>();
    if (!isValidName(name)) {
      String var =
          environment != null
              ? "environment"
              : real.containsKey("EDDY_ENV") && !real.get("EDDY_ENV").isBlank()
                  ? "EDDY_ENV"
                  : "NODE_ENV";
      throw new ConfigException(
          List.of(
              var
                  + ": \""
                  + name
                  + "\" is not a valid environment name (use letters, digits, ., _ and -, such as"
                  + " production)"));
    }
    List<String> names = new ArrayList<>(4);
    names.add(".env." + name + ".local");
    if (!name.equals("test")) names.add(".env.local");
    names.add(".env." + name);
    names.add(".env");

    // From lowest to highest precedence, so that put() lets the higher file win in place.
    LinkedHashMap<String, String> merged = new LinkedHashMap<>();
    List<Path> loaded = new ArrayList<>(4);
    for (int i = names.size() - 1; i >= 0; i--) {
      Path file = dir.resolve(names.get(i));
      if (!Files.isRegularFile(file)) continue;
      String text;
      try {
        // Like Node's utf8 decoding, malformed bytes become U+FFFD rather than an error.
        text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(
            names.get(i)
                + ": cannot be read ("
                + e.getClass().getSimpleName()
                + "; check the file's permissions)");
        continue;
      }
      EnvFile.Parsed parsed = EnvFile.parseStrict(text);
      for (EnvFile.Problem p : parsed.problems()) {
        problems.add(names.get(i) + ":" + p.line() + ": " + p.message());
      }
      merged.putAll(parsed.values());
      loaded.add(file);
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    merged = EnvSyntax.jsOrder(merged);

    // As dotenv.config() leaves it before expansion: the real environment plus the raw values.
    Map<String, String> processEnv = new HashMap<>(real);
    for (Map.Entry<String, String> e : merged.entrySet())
      processEnv.putIfAbsent(e.getKey(), e.getValue());
    LinkedHashMap<String, String> expanded;
    try {
      expanded = EnvExpansion.expand(merged, processEnv);
    } catch (EnvExpansion.NotTerminating e) {
      throw new ConfigException(
          List.of(
              e.key()
                  + ": its $ references never finish expanding (break the cycle between the"
                  + " referenced variables)"));
    }
    LinkedHashMap<String, String> all =
        LinkedHashMap.newLinkedHashMap(real.size() + expanded.size());
    all.putAll(real);
    for (Map.Entry<String, String> e : expanded.entrySet())
      all.putIfAbsent(e.getKey(), e.getValue());
    Collections.reverse(loaded);
    return new Env(Collections.unmodifiableMap(all), name, List.copyOf(loaded));
  }

  /**
   * The real environment of this process only, without any file.
   *
   * @return a view of {@link System#getenv()}; never throws
   */
  public static Env system() {
    return new Env(Map.copyOf(System.getenv()), null, List.of());
  }

  /**
   * A view of exactly the given variables, for tests and for configuration from other sources.
   *
   * @param variables the variables; copied
   * @return the view
   * @throws NullPointerException if variables, a name or a value is null
   */
  public static Env of(Map<String, String> variables) {
    return new Env(
        Collections.unmodifiableMap(new LinkedHashMap<>(Map.copyOf(variables))), null, List.of());
  }

  /**
   * The environment name {@link #load()} uses for the given process environment: {@code EDDY_ENV},
   * else {@code NODE_ENV}, else {@code development} (blank values count as unset).
   *
   * @param realEnvironment the process environment
   * @return the name; never null; thread-safe
   */
  public static String environmentName(Map<String, String> realEnvironment) {
    String name = realEnvironment.get("EDDY_ENV");
    if (name == null || name.isBlank()) name = realEnvironment.get("NODE_ENV");
    if (name == null || name.isBlank()) name = "development";
    return name.strip();
  }

  /**
   * A variable's value.
   *
   * @param name the variable's name
   * @return its value (possibly empty), or empty if it is not defined
   * @throws NullPointerException if name is null
   */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(Objects.requireNonNull(name, "name")));
  }

  /**
   * A variable's value that must be set and not blank.
   *
   * @param name the variable's name
   * @return its value
   * @throws ConfigException if it is not defined or blank, with the message {@code NAME: is not set
   *     (set NAME in the environment or in .env)}
   * @throws NullPointerException if name is null
   */
  public String require(String name) {
    String value = values.get(Objects.requireNonNull(name, "name"));
    if (value == null || value.isBlank()) {
      throw new ConfigException(
          List.of(name + ": is not set (set " + name + " in the environment or in .env)"));
    }
    return value;
  }

  /**
   * All variables: the real environment's and the files'.
   *
   * @return an unmodifiable map; never throws
   */
  public Map<String, String> asMap() {
    return values;
  }

  /**
   * The environment name the files were chosen for.
   *
   * @return the name such as {@code production}, or empty for {@link #system()} and {@link #of}
   */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /**
   * The {@code .env} files that were read, from highest to lowest precedence.
   *
   * @return an unmodifiable list, empty if none
   */
  public List<Path> files() {
    return files;
  }

  /** Names the environment and files and counts variables; never shows a value. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Env[");
    if (environment != null) b.append("environment=").append(environment).append(", ");
    b.append("files=[");
    for (int i = 0; i < files.size(); i++) {
      if (i > 0) b.append(", ");
      b.append(files.get(i).getFileName());
    }
    return b.append("], ").append(values.size()).append(" variables, values hidden]").toString();
  }

  private static boolean isValidName(String name) {
    if (name.isEmpty() || name.charAt(0) == '.' || name.length() > 64) return false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) return false;
    }
    return true;
  }
}
