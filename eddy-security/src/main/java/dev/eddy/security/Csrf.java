package dev.eddy.security;

import dev.eddy.web.Middleware;
import dev.eddy.web.Request;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protection against cross-site request forgery for apps with cookie sessions: the synchronizer
 * token pattern, as csurf does it with sessions. A random secret is kept in the session; pages get
 * tokens derived from it ({@link #token(Request)}); every request with an unsafe method (anything
 * but GET, HEAD and OPTIONS: POST, PUT, PATCH, DELETE, ...) must send one back, in the {@code
 * X-CSRF-Token} header or the {@code _csrf} field of a parsed form or JSON body. Another site can
 * make the browser send the session cookie but cannot read a page to learn a token.
 *
 * <pre>{@code
 * app.use(Sessions.session(SessionOptions.withSecret(secret)));
 * app.use(Web.urlencoded());                        // before, so that the _csrf field is readable
 * app.use(Csrf.protect());
 * app.get("/transfer", (req, res) -> res.send("<form method=post>" + Csrf.of(req).hiddenField() + "...</form>"));
 * app.post("/transfer", handler);                   // only reached with a valid token
 * }</pre>
 *
 * A refused request gets status 403 and {@code {"error":"invalid csrf token","code":"EBADCSRFTOKEN"}}
 * ({@code "missing csrf token"} when none was sent), unless {@link CsrfOptions#onFailure()}
 * answers instead. Tokens are compared in constant time. After {@code regenerate()} at login the
 * session has a new secret, so pages must fetch a new token. The middleware is thread-safe; a
 * request's token is used on its loop thread.
 */
public final class Csrf {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final int SALT_CHARS = 11;
  private static final int MAC_CHARS = 43;
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  });

  /** Where the middleware puts the request's {@link CsrfToken}. */
  public static final Request.Key<CsrfToken> TOKEN = Request.Key.of("csrfToken");

  private Csrf() {}

  /** The middleware with {@link CsrfOptions#defaults()}. */
  public static Middleware protect() {
    return protect(CsrfOptions.defaults());
  }

  /**
   * The middleware. It needs {@link Sessions#session} before it (a request without a session is
   * passed on as an error, a 500), and a body parser before it for tokens in form fields.
   *
   * @throws IllegalArgumentException when {@code options} is null
   */
  public static Middleware protect(CsrfOptions options) {
    if (options == null) throw new IllegalArgumentException("csrf: options are required");
    return (req, res, next) -> {
      Session session = Sessions.of(req);
      if (session == null) {
        next.fail(new IllegalStateException("csrf: no session on this request; put Sessions.session(...) before Csrf.protect()"));
        return;
      }
      CsrfToken token = new CsrfToken(req, options);
      req.set(TOKEN, token);
      res.locals().put("csrfToken", token);
      if (options.ignoredMethods().contains(req.method())) {
        next.run();
        return;
      }
      String sent = sentToken(req, options);
      String secret = secret(session, options, false);
      if (sent != null && secret != null && verify(secret, sent)) {
        next.run();
        return;
      }
      if (options.onFailure() != null) {
        options.onFailure().handle(req, res);
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>(4);
      body.put("error", sent == null ? "missing csrf token" : "invalid csrf token");
      body.put("code", "EBADCSRFTOKEN");
      res.status(403).json(body);
    };
  }

  /** The request's token object (also in {@code res.locals().get("csrfToken")} for templates). @throws IllegalStateException without the middleware */
  public static CsrfToken of(Request req) {
    CsrfToken t = req.get(TOKEN);
    if (t == null) throw new IllegalStateException("csrf: no token on this request; put Csrf.protect() before this handler");
    return t;
  }

  /**
   * A token for this request's session, creating the session's secret if needed (csurf's {@code
   * req.csrfToken()}).
   *
   * @throws IllegalStateException when {@link #protect} did not run for the request
   */
  public static String token(Request req) {
    return of(req).value();
  }

  private static String sentToken(Request req, CsrfOptions options) {
    String h = req.get(options.headerName());
    if (h != null && !h.isEmpty()) return h;
    if (req.body() instanceof Map<?, ?> body) {
      Object v = body.get(options.fieldName());
      if (v instanceof List<?> l && !l.isEmpty()) v = l.get(0);
      if (v instanceof String s && !s.isEmpty()) return s;
    }
    return null;
  }

  static String secret(Session session, CsrfOptions options, boolean create) {
    Object s = session.get(options.sessionKey());
    if (s instanceof String str && !str.isEmpty()) return str;
    if (!create) return null;
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    String secret = B64.encodeToString(b);
    session.set(options.sessionKey(), secret);
    return secret;
  }

  /** {@code salt.mac}: 8 random bytes, then HMAC-SHA256 of the salt keyed with the secret. */
  static String newToken(String secret) {
    byte[] salt = new byte[8];
    RANDOM.nextBytes(salt);
    String s = B64.encodeToString(salt);
    return s + '.' + B64.encodeToString(mac(secret, s));
  }

  static boolean verify(String secret, String token) {
    if (token.length() != SALT_CHARS + 1 + MAC_CHARS || token.charAt(SALT_CHARS) != '.') return false;
    byte[] sent;
    try {
      sent = B64D.decode(token.substring(SALT_CHARS + 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(secret, token.substring(0, SALT_CHARS)), sent);
  }

  private static byte[] mac(String secret, String salt) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return mac.doFinal(salt.getBytes(StandardCharsets.US_ASCII));
  }
}
