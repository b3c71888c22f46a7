package dev.eddy.web;

import dev.eddy.web.internal.Statuses;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error that carries an HTTP status, like the {@code http-errors} package Express uses: pass it
 * to {@link Next#fail} or throw it from a handler, and the default error handler answers with its
 * status (400 to 599, else 500), its {@link #headers()} and the status's reason phrase.
 *
 * <p>{@link #type()} names the kind of failure the way body-parser does ({@code
 * entity.parse.failed}, {@code entity.too.large}, {@code encoding.unsupported}, {@code
 * charset.unsupported}, {@code parameters.too.many}); it is null for errors of the application.
 * {@link #expose()} says whether the message is safe to show a client (true below 500, as
 * http-errors decides). Instances are immutable apart from the stack trace.
 */
public class HttpError extends RuntimeException {
  private final int status;
  private final String type;
  private final Map<String, String> headers;

  /** An error with this status and message; the message defaults to the reason phrase. */
  public HttpError(int status, String message) {
    this(status, message, null, Map.of(), null);
  }

  /** An error with this status whose message is the status's reason phrase. */
  public HttpError(int status) {
    this(status, null);
  }

  /**
   * The full form.
   *
   * @param status the HTTP status (any number; only 400..599 is used as the answer's status)
   * @param message the message, or null for the reason phrase
   * @param type a machine-readable kind such as {@code entity.parse.failed}, or null
   * @param headers headers the default error handler sets on the answer
   * @param cause the underlying failure, or null
   */
  public HttpError(int status, String message, String type, Map<String, String> headers, Throwable cause) {
    super(message != null ? message : defaultMessage(status), cause);
    this.status = status;
    this.type = type;
    this.headers = Map.copyOf(new LinkedHashMap<>(headers));
  }

  private static String defaultMessage(int status) {
    String m = Statuses.message(status);
    return m != null ? m : "Error " + status;
  }

  /** The status this error asks for. */
  public int status() {
    return status;
  }

  /** The kind of failure (body-parser's {@code type}), or null. */
  public String type() {
    return type;
  }

  /** Headers to set on the error answer (http-errors' {@code headers}); empty when none. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Whether the message may be shown to the client: true for 4xx, false otherwise. */
  public boolean expose() {
    return status < 500;
  }

  /** A copy of this error with one more header for the answer. */
  public HttpError withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new HttpError(status, getMessage(), type, h, getCause());
  }
}
