package dev.eddy.security;

import dev.eddy.Promise;

/**
 * Where sessions live between requests (express-session's Store). Sessions are stored as the JSON
 * text express-session stores ({@code {"cookie":{...},"user":...}}), so a store shared with a
 * Node service (connect-redis) reads the same records. Called on the request's loop thread;
 * promises settle on that loop. A failing store rejects; the middleware passes the error on.
 */
public interface SessionStore {
  /** The session's JSON, or null when there is none (or it expired). */
  Promise<String> get(String sid);

  /** Stores a session's JSON until {@code expiresAtMillis} (0: the store's default lifetime). */
  Promise<Void> set(String sid, String json, long expiresAtMillis);

  /** Removes a session. */
  Promise<Void> destroy(String sid);

  /** Extends a session's lifetime without rewriting it; by default a full {@link #set}. */
  default Promise<Void> touch(String sid, String json, long expiresAtMillis) {
    return set(sid, json, expiresAtMillis);
  }
}
