package dev.eddy.security;

import java.util.Arrays;
import java.util.List;

/**
 * Options of {@link Helmet#helmet(HelmetOptions)}: one setting per header of helmet 8.3.0, each
 * enabled with helmet's default value unless disabled or configured here. {@link #defaults()} are
 * helmet's defaults: every header but Cross-Origin-Embedder-Policy, and X-Powered-By removed.
 *
 * <pre>{@code
 * HelmetOptions.defaults()
 *     .contentSecurityPolicy(CspOptions.defaults().directives(Csp.directives().imgSrc("'self'", "https:")))
 *     .strictTransportSecurity(63072000, true, true)
 *     .xFrameOptions("deny")
 *     .crossOriginEmbedderPolicy(true);
 * }</pre>
 *
 * <p>Values are validated when the middleware is built, with helmet's messages. A mutable builder:
 * not thread-safe; the middleware keeps what it needs.
 */
public final class HelmetOptions {
  boolean csp = true;
  CspOptions cspOptions = CspOptions.defaults();
  boolean coep;
  String coepPolicy = "require-corp";
  boolean coop = true;
  String coopPolicy = "same-origin";
  boolean corp = true;
  String corpPolicy = "same-origin";
  boolean originAgentCluster = true;
  boolean referrer = true;
  List<String> referrerTokens = List.of("no-referrer");
  boolean hsts = true;
  long hstsMaxAge = 365L * 24 * 60 * 60;
  boolean hstsIncludeSubDomains = true;
  boolean hstsPreload;
  boolean xContentTypeOptions = true;
  boolean xDnsPrefetchControl = true;
  boolean xDnsPrefetchAllow;
  boolean xDownloadOptions = true;
  boolean xFrameOptions = true;
  String xFrameAction = "sameorigin";
  boolean xPermitted = true;
  String xPermittedPolicies = "none";
  boolean xPoweredBy = true;
  boolean xXssProtection = true;

  private HelmetOptions() {}

  /** helmet's defaults (what {@code helmet()} sends). */
  public static HelmetOptions defaults() {
    return new HelmetOptions();
  }

  /** Every header disabled: the base of the single-header middleware of {@link Helmet}. */
  static HelmetOptions none() {
    HelmetOptions o = new HelmetOptions();
    o.csp = o.coep = o.coop = o.corp = o.originAgentCluster = o.referrer = o.hsts = false;
    o.xContentTypeOptions = o.xDnsPrefetchControl = o.xDownloadOptions = o.xFrameOptions = false;
    o.xPermitted = o.xPoweredBy = o.xXssProtection = false;
    return o;
  }

  /**
   * Enables (with helmet's default policy) or disables {@code Content-Security-Policy}.
   *
   * @return this
   */
  public HelmetOptions contentSecurityPolicy(boolean enabled) {
    this.csp = enabled;
    if (enabled) this.cspOptions = CspOptions.defaults();
    return this;
  }

  /**
   * Sends {@code Content-Security-Policy} (or its report-only variant) built from {@code options}.
   *
   * @throws IllegalArgumentException when {@code options} is null
   * @return this
   */
  public HelmetOptions contentSecurityPolicy(CspOptions options) {
    if (options == null) throw new IllegalArgumentException("contentSecurityPolicy options must not be null");
    this.csp = true;
    this.cspOptions = options;
    return this;
  }

  /**
   * Enables {@code Cross-Origin-Embedder-Policy: require-corp} (off by default) or disables it.
   *
   * @return this
   */
  public HelmetOptions crossOriginEmbedderPolicy(boolean enabled) {
    this.coep = enabled;
    this.coepPolicy = "require-corp";
    return this;
  }

  /**
   * Sends {@code Cross-Origin-Embedder-Policy} with {@code policy}: {@code require-corp}, {@code
   * credentialless} or {@code unsafe-none}.
   *
   * @return this
   */
  public HelmetOptions crossOriginEmbedderPolicy(String policy) {
    this.coep = true;
    this.coepPolicy = policy;
    return this;
  }

  /**
   * Enables ({@code same-origin}) or disables {@code Cross-Origin-Opener-Policy}.
   *
   * @return this
   */
  public HelmetOptions crossOriginOpenerPolicy(boolean enabled) {
    this.coop = enabled;
    this.coopPolicy = "same-origin";
    return this;
  }

  /**
   * Sends {@code Cross-Origin-Opener-Policy} with {@code policy}: {@code same-origin}, {@code
   * same-origin-allow-popups}, {@code noopener-allow-popups} or {@code unsafe-none}.
   *
   * @return this
   */
  public HelmetOptions crossOriginOpenerPolicy(String policy) {
    this.coop = true;
    this.coopPolicy = policy;
    return this;
  }

  /**
   * Enables ({@code same-origin}) or disables {@code Cross-Origin-Resource-Policy}.
   *
   * @return this
   */
  public HelmetOptions crossOriginResourcePolicy(boolean enabled) {
    this.corp = enabled;
    this.corpPolicy = "same-origin";
    return this;
  }

  /**
   * Sends {@code Cross-Origin-Resource-Policy} with {@code policy}: {@code same-origin}, {@code
   * same-site} or {@code cross-origin}.
   *
   * @return this
   */
  public HelmetOptions crossOriginResourcePolicy(String policy) {
    this.corp = true;
    this.corpPolicy = policy;
    return this;
  }

  /**
   * Enables or disables {@code Origin-Agent-Cluster: ?1}.
   *
   * @return this
   */
  public HelmetOptions originAgentCluster(boolean enabled) {
    this.originAgentCluster = enabled;
    return this;
  }

  /**
   * Enables ({@code no-referrer}) or disables {@code Referrer-Policy}.
   *
   * @return this
   */
  public HelmetOptions referrerPolicy(boolean enabled) {
    this.referrer = enabled;
    this.referrerTokens = List.of("no-referrer");
    return this;
  }

  /**
   * Sends {@code Referrer-Policy} with these tokens joined by commas (helmet's {@code policy}, a
   * string or a list): each one of {@code no-referrer}, {@code no-referrer-when-downgrade}, {@code
   * same-origin}, {@code origin}, {@code strict-origin}, {@code origin-when-cross-origin}, {@code
   * strict-origin-when-cross-origin}, {@code unsafe-url} or the empty string, without repeats.
   *
   * @return this
   */
  public HelmetOptions referrerPolicy(String... tokens) {
    return referrerPolicy(tokens == null ? null : Arrays.asList(tokens));
  }

  /**
   * {@link #referrerPolicy(String...)} with a list.
   *
   * @return this
   */
  public HelmetOptions referrerPolicy(List<String> tokens) {
    this.referrer = true;
    // a copy that keeps null elements: they are reported with helmet's message at build time
    this.referrerTokens = tokens == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tokens));
    return this;
  }

  /**
   * Enables ({@code max-age=31536000; includeSubDomains}) or disables {@code
   * Strict-Transport-Security}.
   *
   * @return this
   */
  public HelmetOptions strictTransportSecurity(boolean enabled) {
    this.hsts = enabled;
    this.hstsMaxAge = 365L * 24 * 60 * 60;
    this.hstsIncludeSubDomains = true;
    this.hstsPreload = false;
    return this;
  }

  /**
   * Sends {@code Strict-Transport-Security: max-age=<maxAgeSeconds>[; includeSubDomains][;
   * preload]}. A negative max age is refused when the middleware is built.
   *
   * @return this
   */
  public HelmetOptions strictTransportSecurity(long maxAgeSeconds, boolean includeSubDomains, boolean preload) {
    this.hsts = true;
    this.hstsMaxAge = maxAgeSeconds;
    this.hstsIncludeSubDomains = includeSubDomains;
    this.hstsPreload = preload;
    return this;
  }

  /**
   * Enables or disables {@code X-Content-Type-Options: nosniff}.
   *
   * @return this
   */
  public HelmetOptions xContentTypeOptions(boolean enabled) {
    this.xContentTypeOptions = enabled;
    return this;
  }

  /**
   * Enables ({@code off}) or disables {@code X-DNS-Prefetch-Control}.
   *
   * @return this
   */
  public HelmetOptions xDnsPrefetchControl(boolean enabled) {
    this.xDnsPrefetchControl = enabled;
    this.xDnsPrefetchAllow = false;
    return this;
  }

  /**
   * Sends {@code X-DNS-Prefetch-Control: on} when {@code allow}, {@code off} otherwise (helmet's
   * {@code {allow}} option).
   *
   * @return this
   */
  public HelmetOptions xDnsPrefetchControlAllow(boolean allow) {
    this.xDnsPrefetchControl = true;
    this.xDnsPrefetchAllow = allow;
    return this;
  }

  /**
   * Enables or disables {@code X-Download-Options: noopen}.
   *
   * @return this
   */
  public HelmetOptions xDownloadOptions(boolean enabled) {
    this.xDownloadOptions = enabled;
    return this;
  }

  /**
   * Enables ({@code SAMEORIGIN}) or disables {@code X-Frame-Options}.
   *
   * @return this
   */
  public HelmetOptions xFrameOptions(boolean enabled) {
    this.xFrameOptions = enabled;
    this.xFrameAction = "sameorigin";
    return this;
  }

  /**
   * Sends {@code X-Frame-Options} for {@code action}, case-insensitive: {@code deny}, {@code
   * sameorigin} or {@code same-origin} (both sent as {@code SAMEORIGIN}).
   *
   * @return this
   */
  public HelmetOptions xFrameOptions(String action) {
    this.xFrameOptions = true;
    this.xFrameAction = action;
    return this;
  }

  /**
   * Enables ({@code none}) or disables {@code X-Permitted-Cross-Domain-Policies}.
   *
   * @return this
   */
  public HelmetOptions xPermittedCrossDomainPolicies(boolean enabled) {
    this.xPermitted = enabled;
    this.xPermittedPolicies = "none";
    return this;
  }

  /**
   * Sends {@code X-Permitted-Cross-Domain-Policies} with {@code permittedPolicies}: {@code none},
   * {@code master-only}, {@code by-content-type} or {@code all}.
   *
   * @return this
   */
  public HelmetOptions xPermittedCrossDomainPolicies(String permittedPolicies) {
    this.xPermitted = true;
    this.xPermittedPolicies = permittedPolicies;
    return this;
  }

  /**
   * Whether to remove {@code X-Powered-By} (true by default, as helmet's {@code xPoweredBy}).
   *
   * @return this
   */
  public HelmetOptions xPoweredBy(boolean remove) {
    this.xPoweredBy = remove;
    return this;
  }

  /**
   * Enables or disables {@code X-XSS-Protection: 0}.
   *
   * @return this
   */
  public HelmetOptions xXssProtection(boolean enabled) {
    this.xXssProtection = enabled;
    return this;
  }
}
