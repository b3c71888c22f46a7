package dev.eddy.web.internal;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed cookie values as {@code cookie-signature} makes and checks them (1.0.6 under cookie-parser,
 * 1.2.2 under Express's {@code res.cookie}; the two agree for string secrets): {@code value + "." +
 * base64(HMAC-SHA256(secret, value))} without {@code =} padding, and cookie-parser's {@code
 * signedCookie} on top. Strings are hashed as Node does, as UTF-8 with an unpaired surrogate written
 * as U+FFFD. Thread-safe.
 */
public final class CookieSignature {
  private CookieSignature() {}

  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

  /** Mac instances are not thread-safe and slow to look up; one per thread is reused. */
  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  /** HMAC zero-pads short keys, so one zero byte is the empty key that SecretKeySpec refuses. */
  private static final byte[] EMPTY_KEY = {0};

  /**
   * Signs {@code value}: {@code value + "." + signature}.
   *
   * @throws NullPointerException if {@code value} or {@code secret} is null (the package's
   *     TypeErrors)
   */
  public static String sign(String value, String secret) {
    Objects.requireNonNull(value, "Cookie value must be provided as a string.");
    Objects.requireNonNull(secret, "Secret string must be provided.");
    return value + '.' + mac(value, secret);
  }

  private static String mac(String value, String secret) {
    byte[] key = ETags.nodeUtf8(secret);
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(key.length == 0 ? EMPTY_KEY : key, "HmacSHA256"));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
    return BASE64.encodeToString(mac.doFinal(ETags.nodeUtf8(value)));
  }

  /**
   * Checks a signed value: the part before the last {@code .} if the whole string is exactly what
   * {@link #sign} makes of it with {@code secret}, else null (the package's {@code false}). The
   * comparison takes the same time wherever the strings differ.
   *
   * @throws NullPointerException if {@code signed} or {@code secret} is null
   */
  public static String unsign(String signed, String secret) {
    Objects.requireNonNull(signed, "Signed cookie string must be provided.");
    Objects.requireNonNull(secret, "Secret string must be provided.");
    int dot = signed.lastIndexOf('.');
    // slice(0, -1) when there is no dot: the last character goes; the result can never verify.
    String value = signed.substring(0, dot >= 0 ? dot : Math.max(0, signed.length() - 1));
    String expected = value + '.' + mac(value, secret);
    return constantTimeEquals(expected, signed) ? value : null;
  }

  private static boolean constantTimeEquals(String a, String b) {
    if (a.length() != b.length()) return false;
    int diff = 0;
    for (int i = 0, n = a.length(); i < n; i++) diff |= a.charAt(i) ^ b.charAt(i);
    return diff == 0;
  }

  /** How {@link #signedCookie} classified a cookie value. */
  public enum Status {
    /** Not of the {@code s:} form; cookie-parser leaves it among the plain cookies. */
    NOT_SIGNED,
    /** Signed and verified by one of the secrets. */
    VALID,
    /** Signed but no secret verifies it (Express's {@code false} in {@code req.signedCookies}). */
    INVALID
  }

  /**
   * The outcome of {@link #signedCookie}.
   *
   * @param status the classification
   * @param value the unsigned value when VALID, the input unchanged when NOT_SIGNED, null when
   *     INVALID
   */
  public record SignedValue(Status status, String value) {}

  private static final SignedValue INVALID = new SignedValue(Status.INVALID, null);

  /**
   * cookie-parser's {@code signedCookie(str, secrets)}: a value starting {@code s:} is unsigned
   * with each secret in turn, the first that verifies giving the value; any other value is not
   * signed and comes back unchanged.
   *
   * @param str the (already URI-decoded) cookie value
   * @param secrets secrets, newest first; none means every {@code s:} value is INVALID
   * @return the classification and value; never null
   * @throws NullPointerException if {@code str}, {@code secrets} or a secret that gets used is null
   */
  public static SignedValue signedCookie(String str, List<String> secrets) {
    if (!str.startsWith("s:")) return new SignedValue(Status.NOT_SIGNED, str);
    String signed = str.substring(2);
    for (int i = 0, n = secrets.size(); i < n; i++) {
      String value = unsign(signed, secrets.get(i));
      if (value != null) return new SignedValue(Status.VALID, value);
    }
    return INVALID;
  }
}
