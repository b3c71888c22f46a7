package dev.eddy.security;

import dev.eddy.Promise;
import dev.eddy.web.CookieOptions;
import dev.eddy.web.HttpError;
import dev.eddy.web.Middleware;
import dev.eddy.web.Request;
import dev.eddy.web.Response;
import dev.eddy.web.internal.Cookies;
import dev.eddy.web.internal.JsJson;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Access and refresh tokens: short-lived JWT access tokens, and opaque refresh tokens in an
 * httpOnly, SameSite=Strict cookie scoped to the refresh path, rotated on every use. A refresh
 * token presented a second time means two parties hold it (one of them stole it): the whole family
 * (every token descended from that login) is revoked, so both must log in again.
 *
 * <pre>{@code
 * TokenService tokens = new TokenService(TokenServiceOptions.withKey(JwtKey.secret(secret))
 *     .store(RefreshTokenStore.redis(redis.connection())));
 * app.post("/auth/login", Web.json(), Web.async((req, res) -> {
 *   User u = await(users.check(req.body(Login.class)));
 *   TokenPair t = await(tokens.login(req, res, Map.of("sub", u.id(), "role", u.role())));
 *   res.json(Map.of("accessToken", t.accessToken(), "expiresIn", t.expiresIn()));
 * }));
 * app.post("/auth/refresh", tokens.refreshHandler());
 * app.post("/auth/logout", tokens.logoutHandler());
 * app.get("/api/profile", tokens.authenticate(), (req, res) -> res.json(Map.of("user", Jwt.claims(req))));
 * }</pre>
 *
 * The claims given at login are kept with the family and copied into every refreshed access
 * token. Thread-safe; call the promise methods on a loop thread.
 */
public final class TokenService {
  private static final System.Logger LOG = System.getLogger("dev.eddy.security.TokenService");

  private final TokenServiceOptions o;
  private final RefreshTokenStore store;

  /** A service with these options (a memory store when none is given). */
  public TokenService(TokenServiceOptions options) {
    this.o = options;
    this.store = options.store() != null ? options.store() : new RefreshTokenMemoryStore();
    // fail at startup, not at the first login, when the algorithm does not fit the key
    accessToken(Map.of());
  }

  /** The refresh token store in use. */
  public RefreshTokenStore store() {
    return store;
  }

  /**
   * A new access token for {@code claims}: {@code iat}, {@code exp} after the access TTL, a random
   * {@code jti}, and the configured {@code iss}/{@code aud}. Thread-safe.
   *
   * @throws IllegalArgumentException when {@code claims} already hold a claim the service sets
   */
  public String accessToken(Map<String, ?> claims) {
    JwtSignOptions so = JwtSignOptions.defaults().clock(o.clock()).algorithm(o.algorithm()).expiresIn(o.accessTtl());
    if (!claims.containsKey("jti")) so = so.randomJwtId();
    if (o.issuer() != null) so = so.issuer(o.issuer());
    if (o.audience() != null) so = so.audience(o.audience());
    return Jwt.sign(claims, o.key(), so);
  }

  /** The authentication middleware for the access tokens this service issues ({@link Jwt#authenticate}). */
  public Middleware authenticate() {
    JwtOptions jo = JwtOptions.key(o.key()).clock(o.clock());
    if (o.algorithm() != null) jo = JwtOptions.key(o.key().algorithms(o.algorithm())).clock(o.clock());
    if (o.issuer() != null) jo = jo.issuer(o.issuer());
    if (o.audience() != null) jo = jo.audience(o.audience());
    return Jwt.authenticate(jo);
  }

  /**
   * Starts a login: a new token family carrying {@code claims}, its first refresh token set as
   * the cookie on {@code res}, and an access token. Call after checking the credentials.
   */
  public Promise<TokenPair> login(Request req, Response res, Map<String, ?> claims) {
    String accessToken = accessToken(claims);
    String family = JwtCore.randomId(16);
    String refresh = JwtCore.randomId(32);
    long now = o.clock().millis();
    long tokenExp = now + o.refreshTtl().toMillis();
    long familyExp = now + o.familyMaxAge().toMillis();
    String data = JsJson.standard().stringifyToString(new LinkedHashMap<>(claims), 0, false);
    return store.create(family, hash(refresh), data, tokenExp, familyExp).then(v -> {
      setCookie(req, res, refresh);
      return new TokenPair(accessToken, o.accessTtl().toSeconds(), refresh, Instant.ofEpochMilli(Math.min(tokenExp, familyExp)));
    });
  }

  /**
   * Rotates the request's refresh token: a new access token and a new refresh cookie. Rejects with
   * a 401 {@link HttpError} (and clears the cookie) when the cookie is missing, unknown, expired,
   * revoked, or was already used, in which case its family is revoked too.
   */
  @SuppressWarnings("unchecked")
  public Promise<TokenPair> refresh(Request req, Response res) {
    String presented = readCookie(req);
    if (presented == null) return Promise.reject(new HttpError(401, "No refresh token"));
    String next = JwtCore.randomId(32);
    long now = o.clock().millis();
    long exp = now + o.refreshTtl().toMillis();
    return store.rotate(hash(presented), hash(next), exp, now).then(r -> {
      if (r.outcome() != RefreshTokenStore.Outcome.ROTATED) {
        if (r.outcome() == RefreshTokenStore.Outcome.REUSED) {
          LOG.log(Level.WARNING, "tokens: a refresh token was used twice (from " + req.ip()
              + "); its login's whole token family is revoked");
        } else {
          LOG.log(Level.INFO, "tokens: refused a refresh token from " + req.ip() + ": " + r.outcome());
        }
        clearCookie(res);
        throw new HttpError(401, "Invalid refresh token");
      }
      Map<String, Object> claims = (Map<String, Object>) JsJson.standard().parse(r.data());
      claims.remove("iat");
      claims.remove("exp");
      claims.remove("jti");
      String access = accessToken(claims);
      setCookie(req, res, next);
      return new TokenPair(access, o.accessTtl().toSeconds(), next, Instant.ofEpochMilli(exp));
    });
  }

  /** Ends the request's login: revokes its refresh token's family and clears the cookie. Resolves even without a cookie. */
  public Promise<Void> logout(Request req, Response res) {
    String presented = readCookie(req);
    clearCookie(res);
    if (presented == null) return Promise.resolve();
    return store.revoke(hash(presented)).then(f -> null);
  }

  /**
   * A handler for the refresh route: 200 {@code {"accessToken":..,"tokenType":"Bearer","expiresIn":..}}
   * with a new cookie, or 401 {@code {"error":"Invalid refresh token"}}. Store failures reach the
   * error middleware.
   */
  public Middleware refreshHandler() {
    return (req, res, next) -> refresh(req, res).then(t -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("accessToken", t.accessToken());
      body.put("tokenType", "Bearer");
      body.put("expiresIn", t.expiresIn());
      res.set("Cache-Control", "no-store").json(body);
      return null;
    }, err -> {
      if (err instanceof HttpError h && h.status() == 401) {
        res.status(401).json(Map.of("error", "Invalid refresh token"));
      } else {
        next.fail(err);
      }
      return null;
    });
  }

  /** A handler for the logout route: revokes the family, clears the cookie, answers 204. */
  public Middleware logoutHandler() {
    return (req, res, next) -> logout(req, res).then(v -> {
      res.sendStatus(204);
      return null;
    }, err -> {
      next.fail(err);
      return null;
    });
  }

  private CookieOptions cookieOptions(boolean secure) {
    return CookieOptions.defaults().httpOnly(true).secure(secure).sameSite("Strict").path(o.cookiePath());
  }

  private void setCookie(Request req, Response res, String value) {
    boolean secure = o.secure() != null ? o.secure() : req.secure();
    res.cookie(o.cookieName(), value, cookieOptions(secure).maxAge(o.refreshTtl()));
  }

  private void clearCookie(Response res) {
    boolean secure = o.secure() != null ? o.secure() : res.req().secure();
    res.clearCookie(o.cookieName(), cookieOptions(secure));
  }

  private String readCookie(Request req) {
    String header = req.get("cookie");
    if (header == null) return null;
    String v = Cookies.parse(header).get(o.cookieName());
    return v == null || v.isEmpty() || v.length() > 256 ? null : v;
  }

  /** Stores see only this digest, so a leaked store holds no usable refresh token. */
  static String hash(String token) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
