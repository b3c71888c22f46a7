package dev.eddy.security;

import dev.eddy.security.internal.HelmetCsp;
import dev.eddy.security.internal.HelmetMiddleware;
import dev.eddy.security.internal.HelmetValues;
import dev.eddy.web.Middleware;
import java.util.ArrayList;
import java.util.List;

/**
 * helmet 8.3.0 for eddy-web: security headers set on every response that passes through the
 * middleware.
 *
 * <p>{@link #helmet()} sends helmet's twelve default headers and removes {@code X-Powered-By};
 * {@link #helmet(HelmetOptions)} configures or disables each of them. The single-header factories
 * ({@link #contentSecurityPolicy(CspOptions)}, {@link #xFrameOptions(String)}, ...) are helmet's
 * standalone middleware, e.g. for a route that needs a different policy than the app:
 *
 * <pre>{@code
 * app.use(Helmet.helmet());
 * app.get("/embed", Helmet.xFrameOptions("deny"), (req, res) -> res.send("..."));
 * }</pre>
 *
 * <p>Options are checked when the middleware is built: an invalid one throws {@link
 * IllegalArgumentException} with helmet's message. Header values are computed once; only a policy
 * with {@link CspSource}s (such as {@link Csp#nonce()}) is assembled per request. The middleware is
 * immutable and thread-safe.
 */
public final class Helmet {
  private Helmet() {}

  /** helmet's defaults: {@code helmet()}. */
  public static Middleware helmet() {
    return helmet(HelmetOptions.defaults());
  }

  /**
   * {@code helmet(options)}: the enabled headers, in helmet's order.
   *
   * @throws IllegalArgumentException with helmet's message when an option is invalid, or when
   *     {@code options} is null
   */
  public static Middleware helmet(HelmetOptions options) {
    if (options == null) throw new IllegalArgumentException("helmet options must not be null");
    List<String> names = new ArrayList<>(13);
    List<String> values = new ArrayList<>(13);
    HelmetCsp dynamic = null;
    if (options.csp) {
      CspOptions c = options.cspOptions;
      HelmetCsp csp = HelmetCsp.parse(c.useDefaults, c.reportOnly, c.directives.snapshot());
      if (csp.staticValue() != null) {
        names.add(csp.headerName());
        values.add(csp.staticValue());
      } else {
        dynamic = csp;
      }
    }
    if (options.coep) add(names, values, "Cross-Origin-Embedder-Policy", HelmetValues.crossOriginEmbedderPolicy(options.coepPolicy));
    if (options.coop) add(names, values, "Cross-Origin-Opener-Policy", HelmetValues.crossOriginOpenerPolicy(options.coopPolicy));
    if (options.corp) add(names, values, "Cross-Origin-Resource-Policy", HelmetValues.crossOriginResourcePolicy(options.corpPolicy));
    if (options.originAgentCluster) add(names, values, "Origin-Agent-Cluster", "?1");
    if (options.referrer) add(names, values, "Referrer-Policy", HelmetValues.referrerPolicy(options.referrerTokens));
    if (options.hsts) {
      add(names, values, "Strict-Transport-Security",
          HelmetValues.strictTransportSecurity(options.hstsMaxAge, options.hstsIncludeSubDomains, options.hstsPreload));
    }
    if (options.xContentTypeOptions) add(names, values, "X-Content-Type-Options", "nosniff");
    if (options.xDnsPrefetchControl) add(names, values, "X-DNS-Prefetch-Control", options.xDnsPrefetchAllow ? "on" : "off");
    if (options.xDownloadOptions) add(names, values, "X-Download-Options", "noopen");
    if (options.xFrameOptions) add(names, values, "X-Frame-Options", HelmetValues.xFrameOptions(options.xFrameAction));
    if (options.xPermitted) {
      add(names, values, "X-Permitted-Cross-Domain-Policies", HelmetValues.xPermittedCrossDomainPolicies(options.xPermittedPolicies));
    }
    if (options.xXssProtection) add(names, values, "X-XSS-Protection", "0");
    return new HelmetMiddleware(dynamic, names.toArray(new String[0]), values.toArray(new String[0]), options.xPoweredBy);
  }

  private static void add(List<String> names, List<String> values, String name, String value) {
    names.add(name);
    values.add(value);
  }

  /** helmet's {@code contentSecurityPolicy()}: helmet's default policy alone. */
  public static Middleware contentSecurityPolicy() {
    return contentSecurityPolicy(CspOptions.defaults());
  }

  /**
   * helmet's {@code contentSecurityPolicy(options)} alone.
   *
   * @throws IllegalArgumentException with helmet's message when the directives are invalid
   */
  public static Middleware contentSecurityPolicy(CspOptions options) {
    return helmet(HelmetOptions.none().contentSecurityPolicy(options));
  }

  /** {@code Cross-Origin-Embedder-Policy: require-corp} alone. */
  public static Middleware crossOriginEmbedderPolicy() {
    return crossOriginEmbedderPolicy("require-corp");
  }

  /**
   * {@code Cross-Origin-Embedder-Policy} alone.
   *
   * @throws IllegalArgumentException when the policy is not one helmet supports
   */
  public static Middleware crossOriginEmbedderPolicy(String policy) {
    return helmet(HelmetOptions.none().crossOriginEmbedderPolicy(policy));
  }

  /** {@code Cross-Origin-Opener-Policy: same-origin} alone. */
  public static Middleware crossOriginOpenerPolicy() {
    return crossOriginOpenerPolicy("same-origin");
  }

  /**
   * {@code Cross-Origin-Opener-Policy} alone.
   *
   * @throws IllegalArgumentException when the policy is not one helmet supports
   */
  public static Middleware crossOriginOpenerPolicy(String policy) {
    return helmet(HelmetOptions.none().crossOriginOpenerPolicy(policy));
  }

  /** {@code Cross-Origin-Resource-Policy: same-origin} alone. */
  public static Middleware crossOriginResourcePolicy() {
    return crossOriginResourcePolicy("same-origin");
  }

  /**
   * {@code Cross-Origin-Resource-Policy} alone.
   *
   * @throws IllegalArgumentException when the policy is not one helmet supports
   */
  public static Middleware crossOriginResourcePolicy(String policy) {
    return helmet(HelmetOptions.none().crossOriginResourcePolicy(policy));
  }

  /** {@code Origin-Agent-Cluster: ?1} alone. */
  public static Middleware originAgentCluster() {
    return helmet(HelmetOptions.none().originAgentCluster(true));
  }

  /** {@code Referrer-Policy: no-referrer} alone. */
  public static Middleware referrerPolicy() {
    return referrerPolicy("no-referrer");
  }

  /**
   * {@code Referrer-Policy} with these tokens alone.
   *
   * @throws IllegalArgumentException when there is no token, an unknown one or a repeated one
   */
  public static Middleware referrerPolicy(String... tokens) {
    return helmet(HelmetOptions.none().referrerPolicy(tokens));
  }

  /** {@code Strict-Transport-Security: max-age=31536000; includeSubDomains} alone. */
  public static Middleware strictTransportSecurity() {
    return helmet(HelmetOptions.none().strictTransportSecurity(true));
  }

  /**
   * {@code Strict-Transport-Security} alone.
   *
   * @throws IllegalArgumentException when {@code maxAgeSeconds} is negative
   */
  public static Middleware strictTransportSecurity(long maxAgeSeconds, boolean includeSubDomains, boolean preload) {
    return helmet(HelmetOptions.none().strictTransportSecurity(maxAgeSeconds, includeSubDomains, preload));
  }

  /** {@code X-Content-Type-Options: nosniff} alone. */
  public static Middleware xContentTypeOptions() {
    return helmet(HelmetOptions.none().xContentTypeOptions(true));
  }

  /** {@code X-DNS-Prefetch-Control: off} alone. */
  public static Middleware xDnsPrefetchControl() {
    return xDnsPrefetchControl(false);
  }

  /** {@code X-DNS-Prefetch-Control: on} when {@code allow}, else {@code off}, alone. */
  public static Middleware xDnsPrefetchControl(boolean allow) {
    return helmet(HelmetOptions.none().xDnsPrefetchControlAllow(allow));
  }

  /** {@code X-Download-Options: noopen} alone. */
  public static Middleware xDownloadOptions() {
    return helmet(HelmetOptions.none().xDownloadOptions(true));
  }

  /** {@code X-Frame-Options: SAMEORIGIN} alone. */
  public static Middleware xFrameOptions() {
    return xFrameOptions("sameorigin");
  }

  /**
   * {@code X-Frame-Options} alone: {@code deny}, {@code sameorigin} or {@code same-origin}, any case.
   *
   * @throws IllegalArgumentException for any other action
   */
  public static Middleware xFrameOptions(String action) {
    return helmet(HelmetOptions.none().xFrameOptions(action));
  }

  /** {@code X-Permitted-Cross-Domain-Policies: none} alone. */
  public static Middleware xPermittedCrossDomainPolicies() {
    return xPermittedCrossDomainPolicies("none");
  }

  /**
   * {@code X-Permitted-Cross-Domain-Policies} alone.
   *
   * @throws IllegalArgumentException when the value is not one helmet supports
   */
  public static Middleware xPermittedCrossDomainPolicies(String permittedPolicies) {
    return helmet(HelmetOptions.none().xPermittedCrossDomainPolicies(permittedPolicies));
  }

  /** Removes {@code X-Powered-By}, alone. */
  public static Middleware xPoweredBy() {
    return helmet(HelmetOptions.none().xPoweredBy(true));
  }

  /** {@code X-XSS-Protection: 0} alone. */
  public static Middleware xXssProtection() {
    return helmet(HelmetOptions.none().xXssProtection(true));
  }
}
