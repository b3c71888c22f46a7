package dev.eddy.security.internal;

import dev.eddy.Loop;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * bcrypt as bcryptjs and node's {@code bcrypt} do it, on top of Spring Security's BCrypt core.
 * Internal: use {@code dev.eddy.security.Passwords}. Stateless and thread-safe; the hashing
 * methods refuse to run on an event-loop thread.
 */
public final class PasswordBcrypt {
  /** bcrypt keys its cipher with at most this many bytes of the password. */
  public static final int MAX_BYTES = 72;

  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordBcrypt() {}

  /** The version letter ('a', 'b' or 'y') and the cost of a well-formed hash. */
  public record Parsed(char version, int cost) {}

  /**
   * Checks the shape of a stored hash: {@code $2a$}, {@code $2b$} or {@code $2y$}, a two-digit
   * cost from 04 to 31, then 53 characters of bcrypt's base64 (22 of salt, 31 of digest).
   *
   * @throws IllegalArgumentException naming what is wrong (the hash itself is not repeated: it is
   *     a secret of sorts and may be long)
   */
  public static Parsed parse(String hash) {
    if (hash == null) throw new IllegalArgumentException("malformed bcrypt hash: null");
    if (hash.startsWith("$argon2")) {
      throw new IllegalArgumentException("malformed bcrypt hash: this is an argon2 hash; only bcrypt ($2a$, $2b$, $2y$) is supported");
    }
    if (hash.length() != 60) {
      throw new IllegalArgumentException("malformed bcrypt hash: " + hash.length() + " characters where bcrypt has 60");
    }
    char v = hash.charAt(2);
    if (hash.charAt(0) != '$' || hash.charAt(1) != '2' || (v != 'a' && v != 'b' && v != 'y') || hash.charAt(3) != '$') {
      throw new IllegalArgumentException("malformed bcrypt hash: it must start with $2a$, $2b$ or $2y$");
    }
    char d1 = hash.charAt(4);
    char d2 = hash.charAt(5);
    if (d1 < '0' || d1 > '9' || d2 < '0' || d2 > '9' || hash.charAt(6) != '$') {
      throw new IllegalArgumentException("malformed bcrypt hash: the cost must be two digits followed by $");
    }
    int cost = (d1 - '0') * 10 + (d2 - '0');
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("malformed bcrypt hash: cost " + cost + " is outside bcrypt's 4..31");
    }
    for (int i = 7; i < 60; i++) {
      if (!isBase64(hash.charAt(i))) {
        throw new IllegalArgumentException("malformed bcrypt hash: character " + i + " is not in bcrypt's base64 alphabet");
      }
    }
    return new Parsed(v, cost);
  }

  private static boolean isBase64(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '/';
  }

  /**
   * The password's bytes as bcryptjs feeds them to bcrypt: UTF-8, except that a lone surrogate is
   * encoded as its own three bytes (where Java's encoder would write {@code ?}), so such a password
   * hashes the same on both sides.
   */
  public static byte[] bytes(String password) {
    int n = password.length();
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) ascii = password.charAt(i) < 0x80;
    if (ascii) return password.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[utf8Length(password)];
    int o = 0;
    for (int i = 0; i < n; i++) {
      int c = password.charAt(i);
      if (c < 0x80) {
        out[o++] = (byte) c;
      } else if (c < 0x800) {
        out[o++] = (byte) (0xc0 | (c >> 6));
        out[o++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate((char) c) && i + 1 < n && Character.isLowSurrogate(password.charAt(i + 1))) {
        int cp = Character.toCodePoint((char) c, password.charAt(++i));
        out[o++] = (byte) (0xf0 | (cp >> 18));
        out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        out[o++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        out[o++] = (byte) (0xe0 | (c >> 12));
        out[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        out[o++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    return out;
  }

  /** The length of {@link #bytes(String)} without building it. */
  public static int utf8Length(String password) {
    int n = password.length();
    int len = 0;
    for (int i = 0; i < n; i++) {
      char c = password.charAt(i);
      if (c < 0x80) {
        len += 1;
      } else if (c < 0x800) {
        len += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(password.charAt(i + 1))) {
        i++;
        len += 4;
      } else {
        len += 3;
      }
    }
    return len;
  }

  /** A new random salt: {@code $2b$NN$} and 22 characters. */
  public static String newSalt(int cost) {
    return BCrypt.gensalt("$2b", cost, RANDOM);
  }

  /**
   * The bcrypt hash of a password with a salt (the first 29 characters of a hash, or a whole
   * hash). Bytes past the 72nd are dropped, as every bcrypt does; callers decide whether a long
   * password is acceptable.
   *
   * @throws IllegalStateException on an event-loop thread: at cost 12 this takes a quarter of a
   *     second, which would stall every connection of the loop
   */
  public static String hash(byte[] password, String salt) {
    requireOffLoop();
    byte[] key = password.length > MAX_BYTES ? Arrays.copyOf(password, MAX_BYTES) : password;
    return BCrypt.hashpw(key, salt.length() > 29 ? salt.substring(0, 29) : salt);
  }

  /**
   * Whether the password hashes to {@code hash} (already checked with {@link #parse}); the
   * comparison takes the same time wherever the first difference is.
   *
   * @throws IllegalStateException on an event-loop thread
   */
  public static boolean matches(String password, String hash) {
    String computed = hash(bytes(password), hash);
    return MessageDigest.isEqual(computed.getBytes(StandardCharsets.ISO_8859_1), hash.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** @throws IllegalStateException when the current thread runs (or holds) an event loop */
  public static void requireOffLoop() {
    if (Loop.current() != null) {
      throw new IllegalStateException("bcrypt must not run on an event-loop thread; use Passwords.hash/verify, "
          + "which run it on the blocking pool");
    }
  }
}
