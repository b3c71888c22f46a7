package dev.eddy.security;

import dev.eddy.Promise;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Where {@link TokenService} keeps refresh tokens and their families. A family is everything
 * derived from one login: each refresh replaces the family's current token with a new one. Tokens
 * are identified by a hash of their value (the store never sees a usable token), families by a
 * random id. Implementations must make {@link #rotate} atomic: two concurrent refreshes with the
 * same token must not both succeed.
 */
public interface RefreshTokenStore {
  /** What {@link #rotate} found. */
  enum Outcome {
    /** The token was current: it is now used and the new token replaces it. */
    ROTATED,
    /** No such token (never issued, or forgotten after it expired). */
    UNKNOWN,
    /** The token or its family is past its expiry. */
    EXPIRED,
    /** The token had already been used: the family is now revoked (a stolen token was replayed). */
    REUSED,
    /** The family had been revoked (logout, or an earlier reuse). */
    REVOKED
  }

  /** The result of {@link #rotate}: the outcome, the family id (null when unknown) and the family's data when rotated. */
  record Rotation(Outcome outcome, String family, String data) {}

  /**
   * Starts a family with its first token.
   *
   * @param family a new random family id
   * @param tokenHash the first token's hash
   * @param data what the family carries (the claims for new access tokens, as JSON)
   * @param tokenExpiresAt when the token expires (epoch ms)
   * @param familyExpiresAt when the whole family expires, however often it is refreshed (epoch ms)
   */
  Promise<Void> create(String family, String tokenHash, String data, long tokenExpiresAt, long familyExpiresAt);

  /**
   * Atomically: if {@code tokenHash} is its family's current, unexpired token in a live family,
   * marks it used and adds {@code newTokenHash} (expiring at {@code newTokenExpiresAt}) to the
   * family; if it was already used, revokes the family.
   */
  Promise<Rotation> rotate(String tokenHash, String newTokenHash, long newTokenExpiresAt, long now);

  /** Revokes the family of {@code tokenHash}; resolves with the family id, or null for an unknown token. */
  Promise<String> revoke(String tokenHash);

  /** Revokes a family by id (e.g. an administrator ending a user's sessions). */
  Promise<Void> revokeFamily(String family);

  /** A store in this process's memory (for one process, and tests). */
  static RefreshTokenStore memory() {
    return new RefreshTokenMemoryStore();
  }

  /** A store in Redis, shared by every process using the same connection target and prefix {@code rt:}. */
  static RefreshTokenStore redis(StatefulRedisConnection<String, String> connection) {
    return new RefreshTokenRedisStore(connection, "rt:");
  }
}
