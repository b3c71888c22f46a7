package dev.eddy.web.internal;

/**
 * An Express 5 path that path-to-regexp 8 refuses to compile. The message is path-to-regexp's own
 * text, e.g. {@code "Missing parameter name at index 1: *; visit https://git.new/pathToRegexpError
 * for info"}, so applications see what they would see under Node.
 */
public final class PathSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String originalPath;

  /**
   * Creates the exception with path-to-regexp's decoration of the message.
   *
   * @param problem the bare description, e.g. {@code "Unexpected ( at index 3"}
   * @param originalPath the path that was parsed (after the router's trailing-slash trimming); when
   *     empty it is left out of the message, as path-to-regexp does
   */
  public PathSyntaxException(String problem, String originalPath) {
    super(
        problem
            + (originalPath == null || originalPath.isEmpty() ? "" : ": " + originalPath)
            + "; visit https://git.new/pathToRegexpError for info");
    this.originalPath = originalPath;
  }

  /** The path as path-to-regexp saw it (trailing slashes already trimmed unless strict). */
  public String originalPath() {
    return originalPath;
  }
}
