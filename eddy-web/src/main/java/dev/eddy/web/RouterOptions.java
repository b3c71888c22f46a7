package dev.eddy.web;

/**
 * Options of a {@link Router}, Express's {@code express.Router(options)}.
 *
 * @param caseSensitive {@code /Foo} and {@code /foo} are different paths (default false)
 * @param strict {@code /foo} and {@code /foo/} are different paths (default false)
 * @param mergeParams the router sees its parent's {@code req.params} (default false)
 */
public record RouterOptions(boolean caseSensitive, boolean strict, boolean mergeParams) {
  /** Express's defaults: case-insensitive, non-strict, own params only. */
  public static RouterOptions defaults() {
    return new RouterOptions(false, false, false);
  }

  public RouterOptions withCaseSensitive(boolean v) {
    return new RouterOptions(v, strict, mergeParams);
  }

  public RouterOptions withStrict(boolean v) {
    return new RouterOptions(caseSensitive, v, mergeParams);
  }

  public RouterOptions withMergeParams(boolean v) {
    return new RouterOptions(caseSensitive, strict, v);
  }
}
