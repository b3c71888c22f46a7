package dev.eddy.security;

import dev.eddy.security.internal.HelmetCsp;
import dev.eddy.web.Request;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Content-Security-Policy helpers for {@link Helmet}: the directive builder, per-request nonces and
 * helmet's defaults. All static members are thread-safe.
 *
 * <pre>{@code
 * app.use(Helmet.helmet(HelmetOptions.defaults().contentSecurityPolicy(CspOptions.defaults()
 *     .directives(Csp.directives().scriptSrc("'self'", Csp.nonce())))));
 * app.get("/", (req, res) -> res.send("<script nonce=\"" + req.get(Csp.NONCE) + "\">...</script>"));
 * }</pre>
 */
public final class Csp {
  private Csp() {}

  /**
   * The nonce {@link #nonce()} generated for the current request (base64, without the {@code
   * 'nonce-...'} wrapping), for templates; null when the policy did not run or has no nonce.
   */
  public static final Request.Key<String> NONCE = Request.Key.of("cspNonce");

  /**
   * The value of {@code defaultSrc} that removes default-src: helmet's {@code
   * contentSecurityPolicy.dangerouslyDisableDefaultSrc}. Any other directive given it is an error.
   */
  public static final Object DANGEROUSLY_DISABLE_DEFAULT_SRC = new Object() {
    @Override
    public String toString() {
      return "dangerouslyDisableDefaultSrc";
    }
  };

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final CspSource NONCE_SOURCE = (req, res) -> "'nonce-" + nonce(req) + "'";

  /** A new, empty directive builder. */
  public static CspDirectives directives() {
    return new CspDirectives();
  }

  /**
   * A source that gives each request its own nonce: 16 random bytes from a {@link SecureRandom},
   * base64, sent as {@code 'nonce-<value>'}. Every directive using it in one request gets the same
   * value, which handlers read with {@code req.get(Csp.NONCE)} (also in {@code
   * res.locals().get("cspNonce")}). Thread-safe.
   */
  public static CspSource nonce() {
    return NONCE_SOURCE;
  }

  /**
   * The request's nonce, generated (and stored under {@link #NONCE} and {@code res.locals()
   * "cspNonce"}) on first use: the same value {@link #nonce()} puts in the header.
   *
   * @throws NullPointerException when {@code req} is null
   */
  public static String nonce(Request req) {
    String n = req.get(NONCE);
    if (n == null) {
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      n = Base64.getEncoder().encodeToString(bytes);
      req.set(NONCE, n);
      if (req.res() != null) req.res().locals().put("cspNonce", n);
    }
    return n;
  }

  /**
   * helmet's default directives ({@code contentSecurityPolicy.getDefaultDirectives()}): dashed name
   * to values, in the order they are sent. A new mutable map each call.
   */
  public static Map<String, List<String>> defaultDirectives() {
    return HelmetCsp.defaultDirectives();
  }
}
