package dev.eddy.security;

import dev.eddy.Eddy;
import dev.eddy.Promise;
import dev.eddy.security.internal.PasswordBcrypt;

/**
 * Password hashing with bcrypt, interchangeable with node's {@code bcrypt} and {@code bcryptjs}:
 * hashes made here verify there and the other way round ({@code $2a$}, {@code $2b$} and {@code
 * $2y$}; new hashes are {@code $2b$}).
 *
 * <pre>{@code
 * app.post("/register", Web.async((req, res) -> {
 *   String hash = await(Passwords.hash(form.password()));      // store this
 *   ...
 * }));
 * app.post("/login", Web.async((req, res) -> {
 *   if (!await(Passwords.verify(form.password(), user.passwordHash()))) { res.sendStatus(401); return; }
 *   if (Passwords.needsRehash(user.passwordHash())) users.updateHash(user, await(Passwords.hash(form.password())));
 *   ...
 * }));
 * }</pre>
 *
 * <p>The work (about a quarter of a second at the default cost 12) always runs on Eddy's blocking
 * pool, never on the loop; the promises settle on the loop that asked. Long passwords: bcrypt
 * only reads the first 72 bytes (UTF-8) of a password. {@link #hash} refuses longer ones, so a
 * user is never told a 100-character passphrase is in use when only part of it counts (check
 * with {@link #truncates} or a size constraint first); {@link #verify} reads them as every
 * bcrypt does, the first 72 bytes, so hashes made by node from long passwords still verify.
 *
 * <p>All methods are thread-safe; {@link #hash} and {@link #verify} must be called on a loop
 * thread (a handler, a callback, an async body).
 */
public final class Passwords {
  /** The cost (log2 of the rounds) of {@link #hash(String)}. */
  public static final int DEFAULT_COST = 12;
  /** The lowest cost {@link #hash(String, int)} accepts (OWASP's floor for bcrypt). */
  public static final int MIN_COST = 10;
  /** bcrypt's own ceiling. */
  public static final int MAX_COST = 31;
  /** The longest password, in UTF-8 bytes, bcrypt reads entirely. */
  public static final int MAX_PASSWORD_BYTES = PasswordBcrypt.MAX_BYTES;

  private Passwords() {}

  /**
   * Hashes a password with a new random salt at {@link #DEFAULT_COST}.
   *
   * @return a promise of the 60-character hash, settled on the calling loop
   * @throws IllegalArgumentException when the password is null or longer than 72 UTF-8 bytes
   * @throws IllegalStateException when not called on a loop thread
   */
  public static Promise<String> hash(String password) {
    return hash(password, DEFAULT_COST);
  }

  /**
   * Hashes a password with a new random salt at a cost from {@link #MIN_COST} to {@link
   * #MAX_COST} (each step doubles the time).
   *
   * @return a promise of the 60-character hash, settled on the calling loop
   * @throws IllegalArgumentException when the password is null or longer than 72 UTF-8 bytes, or
   *     the cost is out of range
   * @throws IllegalStateException when not called on a loop thread
   */
  public static Promise<String> hash(String password, int cost) {
    if (password == null) throw new IllegalArgumentException("Passwords.hash: the password is null");
    if (cost < MIN_COST || cost > MAX_COST) {
      throw new IllegalArgumentException("Passwords.hash: cost must be between " + MIN_COST + " and " + MAX_COST + ", got " + cost);
    }
    byte[] bytes = PasswordBcrypt.bytes(password);
    if (bytes.length > MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException("Passwords.hash: the password is " + bytes.length
          + " bytes in UTF-8; bcrypt reads only the first " + MAX_PASSWORD_BYTES
          + ", so longer passwords are refused (check Passwords.truncates(password) before)");
    }
    return Eddy.blocking(() -> PasswordBcrypt.hash(bytes, PasswordBcrypt.newSalt(cost)));
  }

  /**
   * Checks a password against a stored hash. The digests are compared in constant time; a
   * password longer than 72 bytes is checked on its first 72, as node's bcrypt does.
   *
   * @return a promise of whether the password matches, settled on the calling loop
   * @throws IllegalArgumentException when the password is null or the hash is not a bcrypt hash
   *     (null, wrong length, unknown prefix, cost outside 4..31, bad characters): a stored value
   *     that is not a hash is a bug or a corrupted record, not a wrong password
   * @throws IllegalStateException when not called on a loop thread
   */
  public static Promise<Boolean> verify(String password, String hash) {
    if (password == null) throw new IllegalArgumentException("Passwords.verify: the password is null");
    PasswordBcrypt.parse(hash);
    return Eddy.blocking(() -> PasswordBcrypt.matches(password, hash));
  }

  /**
   * Whether a stored hash should be replaced, after a successful {@link #verify}, by a new hash
   * at {@link #DEFAULT_COST}: true when its cost differs (as PHP's {@code password_needs_rehash}
   * decides; a lowered cost is a deliberate choice too).
   *
   * @throws IllegalArgumentException when the hash is not a bcrypt hash
   */
  public static boolean needsRehash(String hash) {
    return needsRehash(hash, DEFAULT_COST);
  }

  /**
   * Whether a stored hash's cost differs from {@code cost}.
   *
   * @throws IllegalArgumentException when the hash is not a bcrypt hash
   */
  public static boolean needsRehash(String hash, int cost) {
    return PasswordBcrypt.parse(hash).cost() != cost;
  }

  /** The cost a stored hash was made with (bcryptjs's {@code getRounds}). @throws IllegalArgumentException for a malformed hash */
  public static int cost(String hash) {
    return PasswordBcrypt.parse(hash).cost();
  }

  /**
   * Whether bcrypt would ignore part of this password, that is whether it is longer than 72
   * bytes in UTF-8 (bcryptjs's {@code truncates}); {@link #hash} refuses such passwords.
   *
   * @throws IllegalArgumentException when the password is null
   */
  public static boolean truncates(String password) {
    if (password == null) throw new IllegalArgumentException("Passwords.truncates: the password is null");
    return PasswordBcrypt.utf8Length(password) > MAX_PASSWORD_BYTES;
  }
}
