package dev.eddy.security;

/**
 * A token that was refused, with the {@link Reason}. The message names the check that failed
 * (in jsonwebtoken's words where it has them, e.g. {@code jwt expired}, {@code invalid
 * signature}) and never contains the token, a claim value or key material, so it is safe to log.
 */
public final class JwtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    /** No token, or an empty one. */
    MISSING,
    /** Longer than the configured maximum (checked before any parsing). */
    TOO_LARGE,
    /**
     * Not three base64url parts, a header or payload that is not a JSON object, or an {@code nbf}
     * or {@code exp} that is not a number.
     */
    MALFORMED,
    /** The header's {@code alg} is not one the key accepts ({@code none} never is). */
    ALGORITHM,
    /** No key for the header's {@code kid} (JWKS). */
    UNKNOWN_KEY,
    /** The signature does not verify with the key. */
    SIGNATURE,
    /** {@code nbf} is in the future (beyond the clock skew). */
    NOT_BEFORE,
    /** {@code exp} is past (beyond the clock skew): the only reason the middleware answers {@code Token expired}. */
    EXPIRED,
    /** {@code aud} matches none of the expected audiences. */
    AUDIENCE,
    /** {@code iss} is not one of the expected issuers. */
    ISSUER,
    /** The keys could not be loaded (JWKS endpoint down or answering garbage). */
    KEY_SOURCE
  }

  private final Reason reason;

  /** A refusal for {@code reason}; {@code message} must not contain the token or any secret. */
  public JwtException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A refusal caused by another failure (used for {@link Reason#KEY_SOURCE}). */
  public JwtException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why the token was refused. */
  public Reason reason() {
    return reason;
  }

  /** Whether the token was refused only because it expired (jsonwebtoken's TokenExpiredError). */
  public boolean expired() {
    return reason == Reason.EXPIRED;
  }
}
