package dev.eddy.security;

/**
 * Options of the Content-Security-Policy header, helmet's {@code contentSecurityPolicy} option:
 * {@link #useDefaults(boolean)} (on by default: helmet's directives, which {@link
 * #directives(CspDirectives)} extends and overrides), {@link #reportOnly(boolean)} and the
 * directives. Validation happens when the middleware is built ({@link Helmet#helmet(HelmetOptions)},
 * {@link Helmet#contentSecurityPolicy(CspOptions)}).
 *
 * <pre>{@code
 * CspOptions.defaults().directives(Csp.directives()
 *     .scriptSrc("'self'", Csp.nonce())
 *     .disable("upgradeInsecureRequests"));
 * }</pre>
 *
 * <p>A mutable builder: not thread-safe; the middleware built from it keeps a snapshot.
 */
public final class CspOptions {
  boolean useDefaults = true;
  boolean reportOnly;
  CspDirectives directives = new CspDirectives();

  private CspOptions() {}

  /** helmet's defaults: its default directives, enforced (not report-only). */
  public static CspOptions defaults() {
    return new CspOptions();
  }

  /**
   * Whether to start from helmet's default directives (see {@link Csp#defaultDirectives()}); the
   * configured directives replace or remove defaults of the same name and add the others after them.
   *
   * @return this
   */
  public CspOptions useDefaults(boolean useDefaults) {
    this.useDefaults = useDefaults;
    return this;
  }

  /**
   * Sends {@code Content-Security-Policy-Report-Only} instead of {@code Content-Security-Policy}.
   *
   * @return this
   */
  public CspOptions reportOnly(boolean reportOnly) {
    this.reportOnly = reportOnly;
    return this;
  }

  /**
   * The directives to set (a snapshot is taken when the middleware is built).
   *
   * @throws IllegalArgumentException when {@code directives} is null
   * @return this
   */
  public CspOptions directives(CspDirectives directives) {
    if (directives == null) throw new IllegalArgumentException("directives must not be null");
    this.directives = directives;
    return this;
  }
}
