package dev.eddy.security;

import dev.eddy.Promise;
import dev.eddy.security.internal.JwtJwks;
import dev.eddy.web.HttpError;
import dev.eddy.web.Middleware;
import dev.eddy.web.Request;
import dev.eddy.web.Response;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * JWT bearer authentication, as the classic Express + jsonwebtoken middleware does it:
 *
 * <pre>{@code
 * Middleware auth = Jwt.authenticate(JwtOptions.secret(System.getenv("JWT_SECRET")));
 * app.get("/api/profile", auth, (req, res) -> res.json(Map.of("user", Jwt.claims(req))));
 *
 * String token = Jwt.sign(Map.of("sub", "42", "role", "admin"), key,
 *     JwtSignOptions.defaults().expiresIn(Duration.ofMinutes(15)).randomJwtId());
 * }</pre>
 *
 * The middleware reads {@code Authorization: Bearer <token>} and answers 401 with {@code
 * {"error":"No token provided"}} when the header is missing or does not start with {@code
 * "Bearer "}, {@code {"error":"Token expired"}} when the token's only fault is a past {@code
 * exp}, and {@code {"error":"Invalid token"}} for everything else (bad signature, wrong or
 * {@code none} algorithm, not yet valid, wrong issuer or audience, malformed, oversized). Tokens
 * are checked with jsonwebtoken 9's rules, so the tokens an Express service accepts are the ones
 * accepted here. Refusals are logged ({@code dev.eddy.security.Jwt}: DEBUG without a token, INFO
 * for a refused one) with the reason only, never the token or the key.
 */
public final class Jwt {
  private static final System.Logger LOG = System.getLogger("dev.eddy.security.Jwt");

  /** Where the middleware puts the verified claims: jsonwebtoken's decoded payload ({@code req.user}). */
  public static final Request.Key<Map<String, Object>> CLAIMS = Request.Key.of("user");

  private Jwt() {}

  /**
   * The verified claims of the request (as {@code JSON.parse} gives them: numbers as Integer, Long
   * or Double, objects as maps in JavaScript's key order), or null before or without the
   * middleware. Read-only use is expected; the map is the request's own.
   */
  public static Map<String, Object> claims(Request req) {
    return req.get(CLAIMS);
  }

  /**
   * The authentication middleware. With a key it checks synchronously; with a JWKS the keys are
   * loaded through a promise on the request's loop (never blocking it). A JWKS that cannot be
   * loaded at all fails the request with a 503 {@link HttpError} (the app's error handler
   * answers), since the fault is not the client's. The middleware is thread-safe (usable on
   * several loops).
   *
   * @throws IllegalArgumentException when the options are unusable
   */
  public static Middleware authenticate(JwtOptions options) {
    JwtCore.Policy policy = JwtCore.Policy.of(options);
    int max = options.maxTokenLength();
    JwtKey key = options.key();
    JwtJwks jwks = key != null ? null : new JwtJwks(options.jwksLoader(), options.jwksUrl(),
        options.jwksRefreshInterval(), options.jwksMaxAge(), options.clock());
    return (req, res, next) -> {
      String h = req.get("authorization");
      if (h == null || !h.startsWith("Bearer ")) {
        LOG.log(Level.DEBUG, () -> "jwt: no bearer token on " + req.method() + " " + req.path());
        deny(res, "No token provided");
        return;
      }
      // the seed's authHeader.split(' ')[1]: the text up to the next space
      int end = h.indexOf(' ', 7);
      String token = end < 0 ? h.substring(7) : h.substring(7, end);
      JwtCore.Decoded d;
      try {
        d = JwtCore.decode(token, max);
        if (key != null) {
          req.set(CLAIMS, JwtCore.verify(d, key, policy));
          next.run();
          return;
        }
      } catch (JwtException e) {
        refuse(req, res, e);
        return;
      }
      jwks.keyFor(d.kid()).then(k -> {
        Map<String, Object> claims;
        try {
          claims = JwtCore.verify(d, k, policy);
        } catch (JwtException e) {
          refuse(req, res, e);
          return null;
        }
        req.set(CLAIMS, claims);
        next.run();
        return null;
      }, err -> {
        if (err instanceof JwtException e && e.reason() != JwtException.Reason.KEY_SOURCE) {
          refuse(req, res, e);
        } else {
          next.fail(new HttpError(503, "Token keys unavailable", null, Map.of(), err));
        }
        return null;
      });
    };
  }

  private static void refuse(Request req, Response res, JwtException e) {
    LOG.log(Level.INFO, () -> "jwt: refused a bearer token on " + req.method() + " " + req.path() + " from "
        + req.ip() + ": " + e.reason() + " (" + e.getMessage() + ")");
    deny(res, e.expired() ? "Token expired" : "Invalid token");
  }

  private static void deny(Response res, String error) {
    res.status(401).json(Map.of("error", error));
  }

  /**
   * Verifies a token with the options' key (jsonwebtoken's {@code jwt.verify}): the claims, or a
   * {@link JwtException} saying why not. Thread-safe.
   *
   * @throws JwtException when the token is refused
   * @throws IllegalArgumentException when the options use a JWKS (use {@link #verifyAsync})
   */
  public static Map<String, Object> verify(String token, JwtOptions options) {
    if (options.key() == null) throw new IllegalArgumentException("jwt: a JWKS needs Jwt.verifyAsync");
    return JwtCore.verify(JwtCore.decode(token, options.maxTokenLength()), options.key(), JwtCore.Policy.of(options));
  }

  /** {@link #verify(String, JwtOptions)} with only a key: no issuer, audience or skew. */
  public static Map<String, Object> verify(String token, JwtKey key) {
    return verify(token, JwtOptions.key(key));
  }

  /**
   * Verifies a token with a key or a JWKS, on the current loop: a promise of the claims that
   * rejects with a {@link JwtException}. Each call with JWKS options builds its own key cache: keep
   * the middleware (or one options-bound verifier) for repeated use.
   */
  public static Promise<Map<String, Object>> verifyAsync(String token, JwtOptions options) {
    try {
      if (options.key() != null) return Promise.resolve(verify(token, options));
      JwtCore.Decoded d = JwtCore.decode(token, options.maxTokenLength());
      JwtJwks jwks = new JwtJwks(options.jwksLoader(), options.jwksUrl(), options.jwksRefreshInterval(),
          options.jwksMaxAge(), options.clock());
      JwtCore.Policy policy = JwtCore.Policy.of(options);
      return jwks.keyFor(d.kid()).then(k -> JwtCore.verify(d, k, policy));
    } catch (JwtException e) {
      return Promise.reject(e);
    }
  }

  /**
   * Mints a token (jsonwebtoken's {@code jwt.sign}): header {@code {"alg":..,"typ":"JWT"}} (plus
   * {@code kid}), the claims with {@code iat} and the options' registered claims added, signed
   * with nimbus-jose-jwt. Thread-safe.
   *
   * @throws IllegalArgumentException when the key cannot sign with the algorithm (a public key, a
   *     secret too short for it), or a claim the options set is already in {@code claims}
   */
  public static String sign(Map<String, ?> claims, JwtKey key, JwtSignOptions options) {
    return JwtCore.sign(claims, key, options);
  }

  /** {@link #sign(Map, JwtKey, JwtSignOptions)} with the defaults: {@code iat}, no expiry. */
  public static String sign(Map<String, ?> claims, JwtKey key) {
    return JwtCore.sign(claims, key, JwtSignOptions.defaults());
  }
}
