package dev.eddy.security.internal;

import dev.eddy.http.HeaderBlock;
import dev.eddy.http.ServerResponse;
import dev.eddy.web.Middleware;
import dev.eddy.web.Next;
import dev.eddy.web.Request;
import dev.eddy.web.Response;

/**
 * The middleware {@code Helmet} builds: the per-request part of the policy (if any) first, then the
 * precomputed constant headers in helmet's order, then the X-Powered-By removal. Immutable and
 * thread-safe.
 */
public final class HelmetMiddleware implements Middleware {
  private final HelmetCsp dynamicCsp;
  /** The constant headers, validated once (setting them costs no per-header checks). */
  private final HeaderBlock constant;
  private final boolean removePoweredBy;

  /**
   * @param dynamicCsp a policy computed per request, set before everything else; null when none
   * @param names constant header names, in the order to set them
   * @param values their values
   * @param removePoweredBy whether to remove X-Powered-By
   */
  public HelmetMiddleware(HelmetCsp dynamicCsp, String[] names, String[] values, boolean removePoweredBy) {
    this.dynamicCsp = dynamicCsp;
    this.constant = HeaderBlock.of(java.util.List.of(names), java.util.List.of(values));
    this.removePoweredBy = removePoweredBy;
  }

  @Override
  public void handle(Request req, Response res, Next next) {
    ServerResponse raw = res.raw();
    if (dynamicCsp != null) {
      String value;
      try {
        value = dynamicCsp.value(req, res);
      } catch (RuntimeException e) {
        // helmet stops its chain at the policy, which comes first: no header of it is set
        next.fail(e);
        return;
      }
      raw.setHeader(dynamicCsp.headerName(), value);
    }
    raw.setHeaders(constant);
    if (removePoweredBy) raw.removeHeader("X-Powered-By");
    next.run();
  }
}
