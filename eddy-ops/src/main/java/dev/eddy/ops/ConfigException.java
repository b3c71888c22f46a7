package dev.eddy.ops;

import java.io.Serial;
import java.util.List;

/**
 * The configuration cannot be used: a {@code .env} file is broken, or required variables are
 * missing or malformed. Thrown once, at start, with every problem found, so a single restart after
 * fixing them all is enough.
 *
 * <p>The message has this exact format (the documented message):
 *
 * <pre>
 * Configuration is invalid (2 problems):
 *   PORT: "80a" is not an integer (set PORT to a whole number such as 8080)
 *   DATABASE_URL: is required but not set (set DATABASE_URL to an absolute URI such as https://example.com)
 * </pre>
 *
 * <p>A header line {@code Configuration is invalid (N problem[s]):}, then one line per problem,
 * indented by two spaces, in the order found (files first, then record components in declaration
 * order). Each problem starts with where it is (the variable name, or {@code file:line} for a
 * broken {@code .env} line), then a colon, what is wrong and, in parentheses, how to fix it. A
 * value is quoted in a problem only when it is not a secret: secrets appear as {@code <secret>}.
 *
 * <p>Immutable; thread-safe.
 */
public final class ConfigException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  /**
   * Creates the exception for the given problems.
   *
   * @param problems one line each, in the {@code WHERE: what (how to fix)} form; at least one
   * @throws IllegalArgumentException if problems is empty
   * @throws NullPointerException if problems or an element is null
   */
  public ConfigException(List<String> problems) {
    super(format(problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /**
   * The problems, one line each without the indentation, in the order of the message.
   *
   * @return an unmodifiable, non-empty list; never throws; thread-safe
   */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    if (problems.isEmpty()) throw new IllegalArgumentException("no problems");
    StringBuilder b = new StringBuilder("Configuration is invalid (");
    b.append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    for (String p : problems) b.append("\n  ").append(p);
    return b.toString();
  }
}
