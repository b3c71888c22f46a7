package dev.eddy.security.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * helmet 8.3.0's option checks for the single-value headers, each returning the header value or
 * throwing {@link IllegalArgumentException} with helmet's message. Stateless and thread-safe.
 */
public final class HelmetValues {
  private HelmetValues() {}

  private static final Set<String> COEP = Set.of("require-corp", "credentialless", "unsafe-none");
  private static final Set<String> COOP = Set.of("same-origin", "same-origin-allow-popups", "noopener-allow-popups", "unsafe-none");
  private static final Set<String> CORP = Set.of("same-origin", "same-site", "cross-origin");
  private static final Set<String> REFERRER = Set.of("no-referrer", "no-referrer-when-downgrade", "same-origin",
      "origin", "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url", "");
  private static final Set<String> PERMITTED = Set.of("none", "master-only", "by-content-type", "all");

  /** Cross-Origin-Embedder-Policy's value. */
  public static String crossOriginEmbedderPolicy(String policy) {
    return policy("Cross-Origin-Embedder-Policy", COEP, policy);
  }

  /** Cross-Origin-Opener-Policy's value. */
  public static String crossOriginOpenerPolicy(String policy) {
    return policy("Cross-Origin-Opener-Policy", COOP, policy);
  }

  /** Cross-Origin-Resource-Policy's value. */
  public static String crossOriginResourcePolicy(String policy) {
    return policy("Cross-Origin-Resource-Policy", CORP, policy);
  }

  private static String policy(String header, Set<String> allowed, String policy) {
    if (policy != null && allowed.contains(policy)) return policy;
    throw new IllegalArgumentException(header + " does not support the " + HelmetJson.quote(policy) + " policy");
  }

  /** Referrer-Policy's value: the tokens joined with commas. */
  public static String referrerPolicy(List<String> tokens) {
    if (tokens == null) throw new IllegalArgumentException("Referrer-Policy received an unexpected policy token null");
    if (tokens.isEmpty()) throw new IllegalArgumentException("Referrer-Policy received no policy tokens");
    Set<String> seen = new HashSet<>();
    for (String token : tokens) {
      if (token == null || !REFERRER.contains(token)) {
        throw new IllegalArgumentException("Referrer-Policy received an unexpected policy token " + HelmetJson.quote(token));
      }
      if (!seen.add(token)) {
        throw new IllegalArgumentException("Referrer-Policy received a duplicate policy token " + HelmetJson.quote(token));
      }
    }
    return String.join(",", tokens);
  }

  /** Strict-Transport-Security's value. */
  public static String strictTransportSecurity(long maxAge, boolean includeSubDomains, boolean preload) {
    if (maxAge < 0) {
      throw new IllegalArgumentException("Strict-Transport-Security: " + maxAge
          + " is not a valid value for maxAge. Please choose a positive integer.");
    }
    StringBuilder sb = new StringBuilder("max-age=").append(maxAge);
    if (includeSubDomains) sb.append("; includeSubDomains");
    if (preload) sb.append("; preload");
    return sb.toString();
  }

  /** X-Frame-Options's value: {@code DENY} or {@code SAMEORIGIN}. */
  public static String xFrameOptions(String action) {
    String normalized = action == null ? null : action.toUpperCase(Locale.ROOT);
    if ("SAME-ORIGIN".equals(normalized) || "SAMEORIGIN".equals(normalized)) return "SAMEORIGIN";
    if ("DENY".equals(normalized)) return "DENY";
    throw new IllegalArgumentException("X-Frame-Options received an invalid action " + HelmetJson.quote(action));
  }

  /** X-Permitted-Cross-Domain-Policies's value. */
  public static String xPermittedCrossDomainPolicies(String policies) {
    if (policies != null && PERMITTED.contains(policies)) return policies;
    throw new IllegalArgumentException("X-Permitted-Cross-Domain-Policies does not support " + HelmetJson.quote(policies));
  }
}
