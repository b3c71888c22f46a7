package dev.eddy.security;

import dev.eddy.Promise;
import dev.eddy.web.Middleware;
import dev.eddy.web.Next;
import dev.eddy.web.Request;
import dev.eddy.web.Response;
import dev.eddy.web.internal.CookieSignature;
import dev.eddy.web.internal.Cookies;
import dev.eddy.web.internal.JsJson;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * express-session for eddy-web: a signed session-id cookie ({@code s:id.signature}, readable by
 * express-session with the same secret) and the session data in a {@link SessionStore}.
 *
 * <pre>{@code
 * app.use(Sessions.session(SessionOptions.withSecret(secret).maxAge(Duration.ofHours(8))));
 * app.post("/login", Web.async((req, res) -> {
 *   Session s = await(Sessions.of(req).regenerate());     // a new id at login
 *   s.set("userId", user.id());
 *   res.json(Map.of("ok", true));
 * }));
 * }</pre>
 *
 * The cookie is set (or renewed) when the head is written, if the session is new and was modified
 * (or {@code saveUninitialized}), or with {@code rolling}, or when an expiring session changed;
 * the session is stored before the answer ends, so the client's next request sees it.
 */
public final class Sessions {
  private static final System.Logger LOG = System.getLogger("dev.eddy.security.Sessions");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Request.Key<Session> SESSION = Request.Key.of("session");

  private Sessions() {}

  /** The request's session, or null (outside the middleware's path, or after destroy). */
  public static Session of(Request req) {
    return req.get(SESSION);
  }

  /** Removes the session from the request (with {@code unsetDestroy}, it is destroyed at the end). */
  public static void unset(Request req) {
    req.set(SESSION, null);
  }

  /**
   * The middleware.
   *
   * @throws IllegalArgumentException without a secret, or with an empty one
   */
  public static Middleware session(SessionOptions options) {
    if (options.secrets().isEmpty() || options.secrets().stream().anyMatch(s -> s == null || s.isEmpty())) {
      throw new IllegalArgumentException("session: a secret is required to sign the session cookie "
          + "(SessionOptions.withSecret(...), e.g. from an environment variable; 32 random characters or more)");
    }
    SessionStore store = options.store() != null ? options.store() : new MemorySessionStore();
    return (req, res, next) -> {
      if (req.get(SESSION) != null) {
        next.run();
        return;
      }
      if (!req.originalPath().startsWith(options.path())) {
        next.run();
        return;
      }
      new Context(options, store, req, res).start(next);
    };
  }

  static String newId() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** One request's session handling (express-session's closure). */
  static final class Context {
    private final SessionOptions o;
    private final SessionStore store;
    private final Request req;
    private final Response res;
    private String cookieId;
    private String originalId;
    private String originalHash;
    private String savedHash;
    private boolean touched;

    Context(SessionOptions o, SessionStore store, Request req, Response res) {
      this.o = o;
      this.store = store;
      this.req = req;
      this.res = res;
    }

    long now() {
      return System.currentTimeMillis();
    }

    void start(Next next) {
      cookieId = readCookie();
      var raw = res.raw();
      raw.onHeaders(this::onHeaders);
      raw.beforeEnd(this::beforeEnd);
      if (cookieId == null) {
        generate();
        next.run();
        return;
      }
      store.get(cookieId).then(json -> {
        if (json == null) generate();
        else inflate(cookieId, json);
        next.run();
        return null;
      }, err -> {
        next.fail(err);
        return null;
      });
    }

    private String readCookie() {
      String header = req.raw().header("cookie");
      if (header == null) return null;
      String raw = Cookies.parse(header).get(o.name());
      if (raw == null || !raw.startsWith("s:")) return null;
      for (String secret : o.secrets()) {
        String v = CookieSignature.unsign(raw.substring(2), secret);
        if (v != null) return v;
      }
      return null;
    }

    private Session session() {
      return req.get(SESSION);
    }

    private void generate() {
      String id = o.genid() != null ? o.genid().get() : newId();
      Long maxAge = o.maxAge() == null ? null : o.maxAge().toMillis();
      Session s = new Session(this, id, new LinkedHashMap<>(), maxAge, maxAge == null ? null : now() + maxAge);
      req.set(SESSION, s);
      originalId = id;
      originalHash = hash(s);
    }

    @SuppressWarnings("unchecked")
    private void inflate(String id, String json) {
      Map<String, Object> stored = (Map<String, Object>) JsJson.standard().parse(json);
      Object c = stored.remove("cookie");
      Long originalMaxAge = null;
      Long expires = null;
      if (c instanceof Map<?, ?> cookie) {
        if (cookie.get("originalMaxAge") instanceof Number n) originalMaxAge = n.longValue();
        if (cookie.get("expires") instanceof String e) {
          try {
            expires = Instant.parse(e).toEpochMilli();
          } catch (RuntimeException ignored) {
            // a foreign record with an unreadable date: treat it as a browser-session cookie
          }
        }
      }
      Session s = new Session(this, id, new LinkedHashMap<>(stored), originalMaxAge, expires);
      req.set(SESSION, s);
      originalId = id;
      originalHash = hash(s);
      if (!o.resave()) savedHash = originalHash;
    }

    private static String hash(Session s) {
      return JsJson.standard().stringifyToString(s.data, 0, false);
    }

    private boolean isModified(Session s) {
      return !s.id().equals(originalId) || !hash(s).equals(originalHash);
    }

    private boolean isSaved(Session s) {
      return s.id().equals(originalId) && hash(s).equals(savedHash);
    }

    private boolean shouldSave(Session s) {
      if (!o.saveUninitialized() && savedHash == null && !s.id().equals(cookieId)) return isModified(s);
      return !isSaved(s);
    }

    private boolean shouldSetCookie(Session s) {
      if (!s.id().equals(cookieId)) return o.saveUninitialized() || isModified(s);
      return o.rolling() || (s.expires != null && isModified(s));
    }

    private boolean secure() {
      return o.secure() != null ? o.secure() : req.secure();
    }

    private void onHeaders() {
      Session s = session();
      if (s == null || !shouldSetCookie(s)) return;
      if (Boolean.TRUE.equals(o.secure()) && !req.secure()) {
        LOG.log(Level.WARNING, "session: not setting a Secure cookie on a plain HTTP request (set 'trust proxy' behind a TLS proxy)");
        return;
      }
      if (!touched) {
        s.touch();
        touched = true;
      }
      String value = "s:" + CookieSignature.sign(s.id(), o.secrets().get(0));
      Cookies.Options co = new Cookies.Options(null, o.domain(), o.path(),
          s.expires == null ? null : Instant.ofEpochMilli(s.expires), o.httpOnly(), secure(), false, null, o.sameSite());
      String line = Cookies.serialize(o.name(), value, co);
      res.raw().appendHeader("Set-Cookie", line);
    }

    private void beforeEnd(Runnable proceed) {
      Session s = session();
      if (s == null) {
        if (o.unsetDestroy() && originalId != null) {
          store.destroy(originalId).then(v -> {
            proceed.run();
            return null;
          }, err -> {
            LOG.log(Level.ERROR, "session: destroying an unset session failed", err);
            proceed.run();
            return null;
          });
          return;
        }
        proceed.run();
        return;
      }
      if (!touched) {
        s.touch();
        touched = true;
      }
      if (shouldSave(s)) {
        save(s).then(v -> {
          proceed.run();
          return null;
        }, err -> {
          LOG.log(Level.ERROR, "session: saving the session failed; the answer is sent without it", err);
          proceed.run();
          return null;
        });
        return;
      }
      if (s.id().equals(cookieId) && !shouldSave(s)) {
        store.touch(s.id(), json(s), s.expires == null ? 0 : s.expires).then(v -> {
          proceed.run();
          return null;
        }, err -> {
          LOG.log(Level.ERROR, "session: touching the session failed", err);
          proceed.run();
          return null;
        });
        return;
      }
      proceed.run();
    }

    String json(Session s) {
      Map<String, Object> cookie = new LinkedHashMap<>();
      cookie.put("originalMaxAge", s.originalMaxAge);
      if (s.expires != null) cookie.put("expires", Instant.ofEpochMilli(s.expires).toString());
      cookie.put("secure", secure());
      cookie.put("httpOnly", o.httpOnly());
      if (o.domain() != null) cookie.put("domain", o.domain());
      cookie.put("path", o.path());
      if (o.sameSite() != null) cookie.put("sameSite", o.sameSite().toLowerCase(java.util.Locale.ROOT));
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("cookie", cookie);
      all.putAll(s.data);
      return new String(JsJson.standard().stringify(all, 0, false), StandardCharsets.UTF_8);
    }

    Promise<Void> save(Session s) {
      String h = hash(s);
      return store.set(s.id(), json(s), s.expires == null ? 0 : s.expires).then(v -> {
        if (s.id().equals(originalId)) savedHash = h;
        return null;
      });
    }

    Promise<Session> regenerate(Session old) {
      return store.destroy(old.id()).then(v -> {
        generate();
        return session();
      });
    }

    Promise<Void> destroy(Session s) {
      req.set(SESSION, null);
      return store.destroy(s.id());
    }

    Promise<Session> reload(Session s) {
      return store.get(s.id()).then(json -> {
        if (json == null) throw new IllegalStateException("failed to load session");
        inflate(s.id(), json);
        return session();
      });
    }
  }
}
