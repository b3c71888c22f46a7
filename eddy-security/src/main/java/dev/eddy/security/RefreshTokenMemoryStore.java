package dev.eddy.security;

import dev.eddy.Promise;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RefreshTokenStore} in memory: one process only, lost on restart. Every operation holds
 * the store's lock, so rotation is atomic across loops. Expired entries are swept on writes.
 * Thread-safe.
 */
public final class RefreshTokenMemoryStore implements RefreshTokenStore {
  private static final class Token {
    final String family;
    final long expiresAt;
    boolean used;

    Token(String family, long expiresAt) {
      this.family = family;
      this.expiresAt = expiresAt;
    }
  }

  private static final class Family {
    final String data;
    final long expiresAt;
    boolean revoked;

    Family(String data, long expiresAt) {
      this.data = data;
      this.expiresAt = expiresAt;
    }
  }

  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<String, Family> families = new HashMap<>();
  private int writes;

  /** An empty store. */
  public RefreshTokenMemoryStore() {}

  @Override
  public synchronized Promise<Void> create(String family, String tokenHash, String data, long tokenExpiresAt,
      long familyExpiresAt) {
    sweep(System.currentTimeMillis());
    families.put(family, new Family(data, familyExpiresAt));
    tokens.put(tokenHash, new Token(family, tokenExpiresAt));
    return Promise.resolve();
  }

  @Override
  public synchronized Promise<Rotation> rotate(String tokenHash, String newTokenHash, long newTokenExpiresAt, long now) {
    sweep(now);
    Token t = tokens.get(tokenHash);
    if (t == null) return Promise.resolve(new Rotation(Outcome.UNKNOWN, null, null));
    Family f = families.get(t.family);
    if (f == null || f.revoked) return Promise.resolve(new Rotation(Outcome.REVOKED, t.family, null));
    if (t.used) {
      f.revoked = true;
      return Promise.resolve(new Rotation(Outcome.REUSED, t.family, null));
    }
    if (t.expiresAt <= now || f.expiresAt <= now) return Promise.resolve(new Rotation(Outcome.EXPIRED, t.family, null));
    t.used = true;
    tokens.put(newTokenHash, new Token(t.family, Math.min(newTokenExpiresAt, f.expiresAt)));
    return Promise.resolve(new Rotation(Outcome.ROTATED, t.family, f.data));
  }

  @Override
  public synchronized Promise<String> revoke(String tokenHash) {
    Token t = tokens.get(tokenHash);
    if (t == null) return Promise.resolve(null);
    Family f = families.get(t.family);
    if (f != null) f.revoked = true;
    return Promise.resolve(t.family);
  }

  @Override
  public synchronized Promise<Void> revokeFamily(String family) {
    Family f = families.get(family);
    if (f != null) f.revoked = true;
    return Promise.resolve();
  }

  /** How many tokens are held (for tests and metrics). */
  public synchronized int size() {
    return tokens.size();
  }

  private void sweep(long now) {
    // amortized: a full pass every 256 writes keeps memory bounded without a timer
    if ((++writes & 255) != 0) return;
    tokens.values().removeIf(t -> t.expiresAt <= now);
    families.values().removeIf(f -> f.expiresAt <= now);
  }
}
