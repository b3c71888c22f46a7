package dev.eddy.security;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Options of {@link Sessions#session(SessionOptions)}, express-session's options:
 * {@code SessionOptions.withSecret(System.getenv("SESSION_SECRET")).store(redisStore).maxAge(Duration.ofHours(8))}.
 * Immutable.
 *
 * <p>Defaults differ from express-session's where its own documentation recommends otherwise:
 * {@code resave} and {@code saveUninitialized} are false (no session is stored or cookie set until
 * the session is modified, as login sessions and consent rules want), the cookie is {@code
 * HttpOnly}, {@code SameSite=Lax}, and {@code Secure} whenever the request came over HTTPS
 * ({@code secure = null} means "auto"). See docs/security-deviations.md.
 *
 * @param name the cookie name (default {@code connect.sid})
 * @param secrets signing secrets, newest first (the first signs; all verify)
 * @param store where sessions live (default a {@link MemorySessionStore})
 * @param maxAge the cookie's lifetime, or null for a browser-session cookie
 * @param path the cookie path (default {@code /}); requests outside it get no session
 * @param domain the cookie domain, or null
 * @param httpOnly (default true)
 * @param secure true, false, or null for "auto" (Secure when {@code req.secure()})
 * @param sameSite {@code "Strict"}, {@code "Lax"} (default), {@code "None"} or null
 * @param rolling set the cookie (renewing its expiry) on every answer
 * @param resave store the session at the end of every request even when unmodified
 * @param saveUninitialized store new sessions and set their cookie even when unmodified
 * @param unsetDestroy when the handler removes the session ({@link Sessions#unset}), destroy it in the store
 * @param genid session ids (default 24 random bytes, base64url, as uid-safe)
 */
public record SessionOptions(String name, List<String> secrets, SessionStore store, Duration maxAge, String path,
    String domain, boolean httpOnly, Boolean secure, String sameSite, boolean rolling, boolean resave,
    boolean saveUninitialized, boolean unsetDestroy, Supplier<String> genid) {

  public SessionOptions {
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
  }

  /** Defaults with one secret. */
  public static SessionOptions withSecret(String secret) {
    return withSecrets(secret == null ? List.of() : List.of(secret));
  }

  /** Defaults with several secrets (rotation: the first signs, all verify). */
  public static SessionOptions withSecrets(List<String> secrets) {
    return new SessionOptions("connect.sid", secrets, null, null, "/", null, true, null, "Lax", false, false, false,
        false, null);
  }

  public SessionOptions name(String v) { return new SessionOptions(v, secrets, store, maxAge, path, domain, httpOnly, secure, sameSite, rolling, resave, saveUninitialized, unsetDestroy, genid); }
  public SessionOptions store(SessionStore v) { return new SessionOptions(name, secrets, v, maxAge, path, domain, httpOnly, secure, sameSite, rolling, resave, saveUninitialized, unsetDestroy, genid); }
  public SessionOptions maxAge(Duration v) { return new SessionOptions(name, secrets, store, v, path, domain, httpOnly, secure, sameSite, rolling, resave, saveUninitialized, unsetDestroy, genid); }
  public SessionOptions path(String v) { return new SessionOptions(name, secrets, store, maxAge, v, domain, httpOnly, secure, sameSite, rolling, resave, saveUninitialized, unsetDestroy, genid); }
  public SessionOptions domain(String v) { return new SessionOptions(name, secrets, store, maxAge, path, v, httpOnly, secure, sameSite, rolling, resave, saveUninitialized, unsetDestroy, genid); }
  public SessionOptions httpOnly(boolean v) { return new SessionOptions(name, secrets, store, maxAge, path, domain, v, secure, sameSite, rolling, resave, saveUninitialized, unsetDestroy, genid); }
  public SessionOptions secure(Boolean v) { return new SessionOptions(name, secrets, store, maxAge, path, domain, httpOnly, v, sameSite, rolling, resave, saveUninitialized, unsetDestroy, genid); }
  public SessionOptions sameSite(String v) { return new SessionOptions(name, secrets, store, maxAge, path, domain, httpOnly, secure, v, rolling, resave, saveUninitialized, unsetDestroy, genid); }
  public SessionOptions rolling(boolean v) { return new SessionOptions(name, secrets, store, maxAge, path, domain, httpOnly, secure, sameSite, v, resave, saveUninitialized, unsetDestroy, genid); }
  public SessionOptions resave(boolean v) { return new SessionOptions(name, secrets, store, maxAge, path, domain, httpOnly, secure, sameSite, rolling, v, saveUninitialized, unsetDestroy, genid); }
  public SessionOptions saveUninitialized(boolean v) { return new SessionOptions(name, secrets, store, maxAge, path, domain, httpOnly, secure, sameSite, rolling, resave, v, unsetDestroy, genid); }
  public SessionOptions unsetDestroy(boolean v) { return new SessionOptions(name, secrets, store, maxAge, path, domain, httpOnly, secure, sameSite, rolling, resave, saveUninitialized, v, genid); }
  public SessionOptions genid(Supplier<String> v) { return new SessionOptions(name, secrets, store, maxAge, path, domain, httpOnly, secure, sameSite, rolling, resave, saveUninitialized, unsetDestroy, v); }
}
