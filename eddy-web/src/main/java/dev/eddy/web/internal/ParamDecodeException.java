package dev.eddy.web.internal;

/**
 * A captured route parameter that {@code decodeURIComponent} rejects. The router turns it into a
 * 400 error with the message {@code "Failed to decode param '<raw value>'"}, exactly as router 2's
 * {@code decodeParam} does.
 */
public final class ParamDecodeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String rawValue;

  /**
   * Creates the exception for one raw (still percent-encoded) value.
   *
   * @param rawValue the value as it appeared in the request path
   */
  public ParamDecodeException(String rawValue) {
    super("Failed to decode param '" + rawValue + "'");
    this.rawValue = rawValue;
  }

  /** The HTTP status the router gives this error: always 400. */
  public int status() {
    return 400;
  }

  /** The value that failed to decode, as it appeared in the request path. */
  public String rawValue() {
    return rawValue;
  }
}
