package dev.eddy.security;

import dev.eddy.Promise;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;

/**
 * {@link RefreshTokenStore} in Redis (Lettuce): each operation is one Lua script, so rotation and
 * reuse detection are atomic across every process sharing the Redis. Keys: {@code
 * <prefix>t:<tokenHash>} (a hash: family, expiry, used) and {@code <prefix>f:<family>} (data,
 * expiry, revoked), each expiring with what it describes. The family key is derived inside the
 * script, so this store needs a single Redis (not a cluster). When Redis is down the promises
 * reject quickly (see {@link Redis#connect}) and the refresh fails; it never hangs. Thread-safe.
 */
public final class RefreshTokenRedisStore implements RefreshTokenStore {
  private static final String CREATE = """
      redis.call('HSET', KEYS[1], 'data', ARGV[1], 'exp', ARGV[3], 'revoked', '0')
      redis.call('PEXPIREAT', KEYS[1], ARGV[3])
      redis.call('HSET', KEYS[2], 'f', ARGV[4], 'exp', ARGV[2], 'used', '0')
      redis.call('PEXPIREAT', KEYS[2], ARGV[2])
      return 1
      """;

  // KEYS[1] the token, KEYS[2] the new token; ARGV: new expiry, now, family key prefix
  private static final String ROTATE = """
      local t = redis.call('HMGET', KEYS[1], 'f', 'exp', 'used')
      if not t[1] then return {'UNKNOWN'} end
      local fkey = ARGV[3] .. t[1]
      local f = redis.call('HMGET', fkey, 'data', 'exp', 'revoked')
      if not f[1] or f[3] == '1' then return {'REVOKED', t[1]} end
      if t[3] == '1' then
        redis.call('HSET', fkey, 'revoked', '1')
        return {'REUSED', t[1]}
      end
      local now = tonumber(ARGV[2])
      if tonumber(t[2]) <= now or tonumber(f[2]) <= now then return {'EXPIRED', t[1]} end
      redis.call('HSET', KEYS[1], 'used', '1')
      local exp = ARGV[1]
      if tonumber(f[2]) < tonumber(exp) then exp = f[2] end
      redis.call('HSET', KEYS[2], 'f', t[1], 'exp', exp, 'used', '0')
      redis.call('PEXPIREAT', KEYS[2], exp)
      return {'ROTATED', t[1], f[1]}
      """;

  private static final String REVOKE = """
      local fam = redis.call('HGET', KEYS[1], 'f')
      if not fam then return false end
      if redis.call('EXISTS', ARGV[1] .. fam) == 1 then redis.call('HSET', ARGV[1] .. fam, 'revoked', '1') end
      return fam
      """;

  private static final String REVOKE_FAMILY = """
      if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'revoked', '1') end
      return 1
      """;

  private final StatefulRedisConnection<String, String> conn;
  private final String prefix;

  /** A store on a connection (see {@link Redis#connect}) with keys under {@code prefix}. */
  public RefreshTokenRedisStore(StatefulRedisConnection<String, String> conn, String prefix) {
    this.conn = conn;
    this.prefix = prefix;
  }

  @Override
  public Promise<Void> create(String family, String tokenHash, String data, long tokenExpiresAt, long familyExpiresAt) {
    return Promise.fromCompletionStage(conn.async().<Long>eval(CREATE, ScriptOutputType.INTEGER,
        new String[] {prefix + "f:" + family, prefix + "t:" + tokenHash}, data,
        Long.toString(Math.min(tokenExpiresAt, familyExpiresAt)), Long.toString(familyExpiresAt), family)).then(r -> null);
  }

  @Override
  public Promise<Rotation> rotate(String tokenHash, String newTokenHash, long newTokenExpiresAt, long now) {
    return Promise.fromCompletionStage(conn.async().<List<Object>>eval(ROTATE, ScriptOutputType.MULTI,
        new String[] {prefix + "t:" + tokenHash, prefix + "t:" + newTokenHash},
        Long.toString(newTokenExpiresAt), Long.toString(now), prefix + "f:")).then(r -> new Rotation(
            Outcome.valueOf((String) r.get(0)), r.size() > 1 ? (String) r.get(1) : null, r.size() > 2 ? (String) r.get(2) : null));
  }

  @Override
  public Promise<String> revoke(String tokenHash) {
    return Promise.fromCompletionStage(conn.async().<String>eval(REVOKE, ScriptOutputType.VALUE,
        new String[] {prefix + "t:" + tokenHash}, prefix + "f:"));
  }

  @Override
  public Promise<Void> revokeFamily(String family) {
    return Promise.fromCompletionStage(conn.async().<Long>eval(REVOKE_FAMILY, ScriptOutputType.INTEGER,
        new String[] {prefix + "f:" + family})).then(r -> null);
  }
}
