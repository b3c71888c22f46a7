package dev.eddy.security;

import dev.eddy.Promise;
import dev.eddy.stream.Stream;
import dev.eddy.web.Middleware;
import dev.eddy.web.Next;
import dev.eddy.web.Request;
import dev.eddy.web.Response;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * express-rate-limit 8 as eddy-web middleware: counts requests per client key in a window, sets
 * the legacy and/or IETF draft 6/7/8 headers on every counted answer, and answers 429 (with
 * {@code Retry-After}) once the limit is passed. The counting happens before the following
 * middleware and routes run, so requests that later fail (404, 400) count too, as in Express.
 *
 * <pre>{@code
 * app.use("/api", RateLimit.rateLimit(RateLimitOptions.defaults()
 *     .window(Duration.ofMinutes(15)).limit(100).standardHeaders("draft-7").legacyHeaders(false)));
 * }</pre>
 *
 * The limiter's view of the request is under {@link #INFO} ({@code req.rateLimit} in Express).
 */
public final class RateLimit {
  private static final System.Logger LOG = System.getLogger("dev.eddy.security.RateLimit");
  private static final Set<String> DRAFTS = Set.of("draft-6", "draft-7", "draft-8");

  /** What the limiter computed for this request: Express's {@code req.rateLimit}. */
  public record Info(long limit, long used, long remaining, long resetTimeMillis, String key) {}

  /** Where {@link Info} is stored on the request. */
  public static final Request.Key<Info> INFO = Request.Key.of("rateLimit");

  private RateLimit() {}

  /** A limiter with express-rate-limit's defaults (5 requests a minute per client). */
  public static Middleware rateLimit() {
    return rateLimit(RateLimitOptions.defaults());
  }

  /**
   * A limiter.
   *
   * @throws IllegalArgumentException for a limit below 1 (express-rate-limit 7+ would silently block
   *     every request with 0), a window outside 1 ms..24.8 days, an unknown header draft, or an IPv6
   *     subnet outside 0..128
   */
  public static Middleware rateLimit(RateLimitOptions options) {
    RateLimitOptions o = options;
    if (o.limitFunction() == null && o.limit() < 1) {
      throw new IllegalArgumentException("rate limit: limit must be at least 1, got " + o.limit()
          + " (0 would block every request; to disable the limiter, do not install it)");
    }
    if (o.standardHeaders() != null && !DRAFTS.contains(o.standardHeaders())) {
      throw new IllegalArgumentException("rate limit: standardHeaders must be null, \"draft-6\", \"draft-7\" or \"draft-8\", got \""
          + o.standardHeaders() + "\"");
    }
    if (o.ipv6Subnet() < 0 || o.ipv6Subnet() > 128) {
      throw new IllegalArgumentException("rate limit: ipv6Subnet must be between 0 and 128, got " + o.ipv6Subnet());
    }
    if (o.statusCode() < 100 || o.statusCode() > 999) {
      throw new IllegalArgumentException("rate limit: statusCode must be a valid HTTP status, got " + o.statusCode());
    }
    RateLimitStore store = o.store() != null ? o.store() : new MemoryRateLimitStore();
    store.init(o.window());
    return new Limiter(o, store);
  }

  private static final class Limiter implements Middleware {
    private final RateLimitOptions o;
    private final RateLimitStore store;
    private final MemoryRateLimitStore memory;
    private final SlidingWindowRateLimitStore sliding;
    private final long windowMs;
    private final long windowSeconds;

    Limiter(RateLimitOptions o, RateLimitStore store) {
      this.o = o;
      this.store = store;
      this.memory = store instanceof MemoryRateLimitStore m ? m : null;
      this.sliding = store instanceof SlidingWindowRateLimitStore sw ? sw : null;
      this.windowMs = o.window().toMillis();
      this.windowSeconds = (windowMs + 999) / 1000;
    }

    @Override
    public void handle(Request req, Response res, Next next) throws Exception {
      if (o.skip() != null && o.skip().test(req)) {
        next.run();
        return;
      }
      String key = o.keyGenerator() != null ? o.keyGenerator().apply(req) : ipKeyGenerator(req.ip(), o.ipv6Subnet());
      if (memory != null) {
        counted(req, res, next, key, memory.hit(key));
        return;
      }
      if (sliding != null) {
        counted(req, res, next, key, sliding.hit(key));
        return;
      }
      Promise<RateLimitStore.Hit> hit;
      try {
        hit = store.increment(key);
      } catch (RuntimeException e) {
        storeFailed(e, next);
        return;
      }
      hit.then(h -> {
        try {
          counted(req, res, next, key, h);
        } catch (Exception e) {
          next.fail(e);
        }
        return null;
      }, err -> {
        storeFailed(err, next);
        return null;
      });
    }

    private void storeFailed(Throwable err, Next next) {
      if (o.passOnStoreError()) {
        LOG.log(Level.ERROR, "rate limit store failed; allowing the request without rate limiting (passOnStoreError)", err);
        next.run();
      } else {
        LOG.log(Level.ERROR, "rate limit store failed; passing the error on (set passOnStoreError to fail open)", err);
        next.fail(err);
      }
    }

    private void counted(Request req, Response res, Next next, String key, RateLimitStore.Hit hit) throws Exception {
      long limit = o.limitFunction() != null ? o.limitFunction().applyAsLong(req) : o.limit();
      long total = hit.totalHits();
      Info info = new Info(limit, total, Math.max(limit - total, 0), hit.resetTimeMillis(), key);
      req.set(INFO, info);
      var raw = res.raw();
      if (o.legacyHeaders() && !raw.headersSent()) {
        raw.setHeader("X-RateLimit-Limit", limitText(limit));
        raw.setHeader("X-RateLimit-Remaining", info.remaining());
        raw.setHeader("X-RateLimit-Reset", resetText((hit.resetTimeMillis() + 999) / 1000));
      }
      String draft = o.standardHeaders();
      // the clock only for the headers that count down (draft headers, Retry-After): reading it
      // costs more than the rest of a check
      long resetSeconds = draft != null || total > limit
          ? Math.max(0, ceilDiv(hit.resetTimeMillis() - System.currentTimeMillis(), 1000)) : 0;
      if (draft != null && !raw.headersSent()) {
        switch (draft) {
          case "draft-6" -> {
            raw.setHeader("RateLimit-Policy", limit + ";w=" + windowSeconds);
            raw.setHeader("RateLimit-Limit", limitText(limit));
            raw.setHeader("RateLimit-Remaining", info.remaining());
            raw.setHeader("RateLimit-Reset", resetSeconds);
          }
          case "draft-7" -> {
            raw.setHeader("RateLimit-Policy", limit + ";w=" + windowSeconds);
            raw.setHeader("RateLimit", "limit=" + limit + ", remaining=" + info.remaining() + ", reset=" + resetSeconds);
          }
          default -> {
            String name = o.identifier() != null ? o.identifier() : identifier(limit);
            raw.appendHeader("RateLimit", "\"" + name + "\"; r=" + info.remaining() + "; t=" + resetSeconds);
            raw.appendHeader("RateLimit-Policy", "\"" + name + "\"; q=" + limit + "; w=" + windowSeconds
                + "; pk=:" + partitionKey(key) + ":");
          }
        }
      }
      if (o.skipFailedRequests() || o.skipSuccessfulRequests()) {
        watchOutcome(req, res, key, hit);
      }
      if (total > limit) {
        if ((o.legacyHeaders() || draft != null) && !raw.headersSent()) {
          raw.setHeader("Retry-After", Long.toString(resetSeconds));
        }
        if (o.handler() != null) {
          o.handler().handle(req, res);
        } else {
          res.status(o.statusCode());
          if (!raw.writableEnded()) {
            if (o.message() instanceof String s) res.send(s);
            else res.send(o.message());
          }
        }
        return;
      }
      next.run();
    }

    private void watchOutcome(Request req, Response res, String key, RateLimitStore.Hit hit) {
      boolean[] decremented = new boolean[1];
      Runnable decrement = () -> {
        if (decremented[0]) return;
        decremented[0] = true;
        if (System.currentTimeMillis() >= hit.resetTimeMillis()) return;
        store.decrement(key).catchAccept(err -> LOG.log(Level.ERROR, "rate limit store failed during decrement", err));
      };
      var raw = res.raw();
      raw.once(Stream.FINISH, v -> {
        boolean success = o.requestWasSuccessful() != null ? o.requestWasSuccessful().test(req, res) : raw.statusCode() < 400;
        if ((success && o.skipSuccessfulRequests()) || (!success && o.skipFailedRequests())) decrement.run();
      });
      if (o.skipFailedRequests()) {
        raw.once(Stream.CLOSE, v -> {
          if (!raw.writableEnded()) decrement.run();
        });
      }
    }

    /** The same limit and reset second repeat across requests: keep their text. */
    private record Text(long value, String text) {}

    private volatile Text lastLimit = new Text(Long.MIN_VALUE, "");
    private volatile Text lastReset = new Text(Long.MIN_VALUE, "");

    private String limitText(long limit) {
      Text t = lastLimit;
      if (t.value() != limit) lastLimit = t = new Text(limit, Long.toString(limit));
      return t.text();
    }

    private String resetText(long seconds) {
      Text t = lastReset;
      if (t.value() != seconds) lastReset = t = new Text(seconds, Long.toString(seconds));
      return t.text();
    }

    private String identifier(long limit) {
      double seconds = windowMs / 1000.0;
      double minutes = windowMs / 60_000.0;
      double hours = windowMs / 3_600_000.0;
      double days = windowMs / 86_400_000.0;
      String duration;
      if (seconds < 60) duration = num(seconds) + "sec";
      else if (minutes < 60) duration = num(minutes) + "min";
      else if (hours < 24) duration = num(hours) + "hr" + (hours > 1 ? "s" : "");
      else duration = num(days) + "day" + (days > 1 ? "s" : "");
      return limit + "-in-" + duration;
    }

    private static String num(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /** draft-8's partition key: base64 of the first 12 hex digits of the key's SHA-256. */
  static String partitionKey(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(digest).substring(0, 12);
      return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * express-rate-limit's {@code ipKeyGenerator}: IPv4 addresses (also IPv4-mapped and
   * IPv4-compatible IPv6 ones) as dotted quads; other IPv6 addresses as their /{@code subnet}
   * network ({@code 2001:db8:abcd:1200::/56}) so one client cannot dodge the limit by rotating
   * through its prefix; subnet 0 keeps the address as given.
   */
  public static String ipKeyGenerator(String ip, int subnet) {
    if (ip == null || ip.indexOf(':') < 0) return ip;
    String addr = ip;
    int zone = addr.indexOf('%');
    String bare = zone >= 0 ? addr.substring(0, zone) : addr;
    byte[] bytes;
    try {
      for (int i = 0; i < bare.length(); i++) {
        char c = bare.charAt(i);
        if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) return ip;
      }
      InetAddress a = InetAddress.getByName("[" + bare + "]");
      bytes = a.getAddress();
    } catch (UnknownHostException | IllegalArgumentException e) {
      return ip;
    }
    if (bytes.length == 4) {
      return (bytes[0] & 255) + "." + (bytes[1] & 255) + "." + (bytes[2] & 255) + "." + (bytes[3] & 255);
    }
    boolean first96Zero = true;
    for (int i = 0; i < 12; i++) first96Zero &= bytes[i] == 0;
    if (first96Zero && bare.indexOf('.') >= 0) {
      return (bytes[12] & 255) + "." + (bytes[13] & 255) + "." + (bytes[14] & 255) + "." + (bytes[15] & 255);
    }
    if (subnet == 0) return ip;
    for (int bit = subnet; bit < 128; bit++) bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    return formatIpv6(bytes) + "/" + subnet;
  }

  /** RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
  static String formatIpv6(byte[] b) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) g[i] = ((b[2 * i] & 255) << 8) | (b[2 * i + 1] & 255);
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) j++;
      if (j - i > bestLen) {
        bestLen = j - i;
        bestStart = i;
      }
      i = j;
    }
    if (bestLen < 2) bestStart = -1;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
