package dev.eddy.security;

/**
 * The CSRF token of one request, made on first use: put {@link #value()} in a form's hidden
 * {@code _csrf} field ({@link #hiddenField()} writes the element) or hand it to a script that
 * sends it as {@code X-CSRF-Token}. Each request gets a different token (a random salt with a MAC
 * of it under the session's secret, so the token never repeats in pages and cannot be guessed
 * from compressed answers); every one stays valid as long as the session. Making the first token
 * of a session stores a secret in it, so the session is saved and its cookie set.
 *
 * <p>{@link #toString()} is the token, for templates. Loop thread only, like the session.
 */
public final class CsrfToken {
  private final dev.eddy.web.Request req;
  private final CsrfOptions options;
  private Session madeFor;
  private String value;

  CsrfToken(dev.eddy.web.Request req, CsrfOptions options) {
    this.req = req;
    this.options = options;
  }

  /**
   * The token (the same string for the rest of this request, unless the session is replaced,
   * e.g. by {@code regenerate()} at login: then a token of the new session).
   *
   * @throws IllegalStateException when the request has no session any more (after {@code destroy()})
   */
  public String value() {
    Session session = Sessions.of(req);
    if (session == null) throw new IllegalStateException("csrf: the session of this request was destroyed; no token to give");
    if (value == null || session != madeFor) {
      value = Csrf.newToken(Csrf.secret(session, options, true));
      madeFor = session;
    }
    return value;
  }

  /** The form field's name ({@code _csrf} by default). */
  public String fieldName() {
    return options.fieldName();
  }

  /** The header's name, in lower case ({@code x-csrf-token} by default). */
  public String headerName() {
    return options.headerName();
  }

  /**
   * {@code <input type="hidden" name="_csrf" value="...">}; the token is URL-safe base64, and
   * the field name is escaped.
   */
  public String hiddenField() {
    return "<input type=\"hidden\" name=\"" + dev.eddy.web.internal.EscapeHtml.escape(options.fieldName())
        + "\" value=\"" + value() + "\">";
  }

  /** The token, as {@link #value()}. */
  @Override
  public String toString() {
    return value();
  }
}
