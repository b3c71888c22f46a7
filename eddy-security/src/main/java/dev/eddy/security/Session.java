package dev.eddy.security;

import dev.eddy.Promise;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request's session (express-session's {@code req.session}): a map of JSON-compatible values
 * ({@link #set}, {@link #get}) plus its cookie's expiry. Changes are stored when the answer ends
 * (when the session was modified, or always with {@code resave}). Loop thread only.
 */
public final class Session {
  private final Sessions.Context context;
  private final String id;
  final Map<String, Object> data;
  Long originalMaxAge;
  Long expires;

  Session(Sessions.Context context, String id, Map<String, Object> data, Long originalMaxAge, Long expires) {
    this.context = context;
    this.id = id;
    this.data = data;
    this.originalMaxAge = originalMaxAge;
    this.expires = expires;
  }

  /** The session id (the unsigned cookie value). */
  public String id() {
    return id;
  }

  /** A value, or null. */
  public Object get(String key) {
    return data.get(key);
  }

  /** A value of a type (numbers read back from the store as Integer/Long/Double). */
  public <T> T get(String key, Class<T> type) {
    return type.cast(data.get(key));
  }

  /** Sets a value; it must be writable as JSON (maps, lists, strings, numbers, booleans, records). */
  public Session set(String key, Object value) {
    if (key.equals("cookie")) throw new IllegalArgumentException("'cookie' is reserved for the session cookie");
    data.put(key, value);
    return this;
  }

  /** Removes a value. */
  public Session remove(String key) {
    data.remove(key);
    return this;
  }

  /** The values (read only). */
  public Map<String, Object> data() {
    return Collections.unmodifiableMap(data);
  }

  /** When the cookie expires (epoch ms), or null for a browser-session cookie. */
  public Long expiresAt() {
    return expires;
  }

  /** The cookie's lifetime in ms as configured, or null. */
  public Long maxAgeMillis() {
    return originalMaxAge;
  }

  /** Restarts the cookie's lifetime from now (express-session's {@code touch}/{@code resetMaxAge}). */
  public Session touch() {
    if (originalMaxAge != null) expires = context.now() + originalMaxAge;
    return this;
  }

  /**
   * Replaces this session by a new one with a new id and no data (do this at login, against
   * session fixation); the old one is destroyed in the store. Completes on the loop thread; {@link
   * Sessions#of} then returns the new session.
   */
  public Promise<Session> regenerate() {
    return context.regenerate(this);
  }

  /** Destroys the session in the store; the request has no session afterwards and no cookie is set. */
  public Promise<Void> destroy() {
    return context.destroy(this);
  }

  /** Stores the session now (normally automatic at the end of the answer). */
  public Promise<Void> save() {
    return context.save(this);
  }

  /** Re-reads the session from the store, dropping unsaved changes. */
  public Promise<Session> reload() {
    return context.reload(this);
  }

  Map<String, Object> copyData() {
    return new LinkedHashMap<>(data);
  }
}
