package dev.eddy;

import java.util.Objects;

/**
 * An error that Node raises with a {@code code} property: the message is Node's text, {@link
 * #code()} is Node's code ({@code ERR_OUT_OF_RANGE}, {@code ERR_UNKNOWN_ENCODING}, ...) and {@link
 * #name()} is the JavaScript error class Node throws ({@code RangeError}, {@code TypeError},
 * {@code Error}). Code that ported a Node program can branch on {@code code()} as the original
 * branched on {@code err.code}.
 *
 * <p>Unchecked: in Node these errors report bugs in the caller (an offset past the end, an
 * unknown encoding name), not conditions to recover from.
 */
public class NodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String code;

  /**
   * Creates the error. Any thread may call this.
   *
   * @param name the JavaScript error class Node uses: {@code "RangeError"}, {@code "TypeError"},
   *     {@code "Error"}
   * @param code Node's code, such as {@code "ERR_OUT_OF_RANGE"}
   * @param message Node's message, verbatim
   * @throws NullPointerException if {@code name} or {@code code} is null
   */
  public NodeException(String name, String code, String message) {
    super(message);
    this.name = Objects.requireNonNull(name, "name");
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Node's {@code err.code}, such as {@code "ERR_OUT_OF_RANGE"}. */
  public String code() {
    return code;
  }

  /** Node's {@code err.name}: the JavaScript error class, such as {@code "RangeError"}. */
  public String name() {
    return name;
  }
}
