package dev.eddy.web;

import java.time.Duration;
import java.time.Instant;

/**
 * Options of {@link Response#cookie(String, Object, CookieOptions)}, Express's {@code res.cookie}
 * options: {@code CookieOptions.defaults().maxAge(Duration.ofHours(1)).httpOnly(true)}. Immutable.
 *
 * @param maxAge lifetime: written as {@code Max-Age} in whole seconds plus {@code Expires} = now + maxAge
 * @param expires an absolute expiry ({@code Expires}), ignored when maxAge is set
 * @param domain the {@code Domain} attribute, or null
 * @param path the {@code Path} attribute; null means {@code /}
 * @param httpOnly {@code HttpOnly}
 * @param secure {@code Secure}
 * @param sameSite {@code "Strict"}, {@code "Lax"}, {@code "None"}, or null
 * @param signed sign the value with the cookie parser's first secret ({@code s:value.signature})
 * @param partitioned {@code Partitioned}
 * @param priority {@code "Low"}, {@code "Medium"}, {@code "High"}, or null
 */
public record CookieOptions(Duration maxAge, Instant expires, String domain, String path, boolean httpOnly,
    boolean secure, String sameSite, boolean signed, boolean partitioned, String priority) {

  public static CookieOptions defaults() {
    return new CookieOptions(null, null, null, null, false, false, null, false, false, null);
  }

  public CookieOptions maxAge(Duration v) { return new CookieOptions(v, expires, domain, path, httpOnly, secure, sameSite, signed, partitioned, priority); }
  public CookieOptions expires(Instant v) { return new CookieOptions(maxAge, v, domain, path, httpOnly, secure, sameSite, signed, partitioned, priority); }
  public CookieOptions domain(String v) { return new CookieOptions(maxAge, expires, v, path, httpOnly, secure, sameSite, signed, partitioned, priority); }
  public CookieOptions path(String v) { return new CookieOptions(maxAge, expires, domain, v, httpOnly, secure, sameSite, signed, partitioned, priority); }
  public CookieOptions httpOnly(boolean v) { return new CookieOptions(maxAge, expires, domain, path, v, secure, sameSite, signed, partitioned, priority); }
  public CookieOptions secure(boolean v) { return new CookieOptions(maxAge, expires, domain, path, httpOnly, v, sameSite, signed, partitioned, priority); }
  public CookieOptions sameSite(String v) { return new CookieOptions(maxAge, expires, domain, path, httpOnly, secure, v, signed, partitioned, priority); }
  public CookieOptions signed(boolean v) { return new CookieOptions(maxAge, expires, domain, path, httpOnly, secure, sameSite, v, partitioned, priority); }
  public CookieOptions partitioned(boolean v) { return new CookieOptions(maxAge, expires, domain, path, httpOnly, secure, sameSite, signed, v, priority); }
  public CookieOptions priority(String v) { return new CookieOptions(maxAge, expires, domain, path, httpOnly, secure, sameSite, signed, partitioned, v); }
}
