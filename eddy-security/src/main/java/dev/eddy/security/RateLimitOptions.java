package dev.eddy.security;

import dev.eddy.web.Handler;
import dev.eddy.web.Request;
import dev.eddy.web.Response;
import java.time.Duration;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Options of {@link RateLimit#rateLimit(RateLimitOptions)}, express-rate-limit 8's options with
 * Java types: {@code RateLimitOptions.defaults().window(Duration.ofMinutes(15)).limit(100)
 * .standardHeaders("draft-8")}. Immutable; invalid values fail when the middleware is created.
 *
 * @param window the length of a window (default 1 minute)
 * @param limit hits allowed per key and window (default 5); {@code limitFunction} overrides it per request
 * @param limitFunction a per-request limit, or null
 * @param message the 429 body: a String (sent as HTML text) or any value (sent as JSON)
 * @param statusCode the status when the limit is passed (default 429)
 * @param legacyHeaders send {@code X-RateLimit-Limit/Remaining/Reset} (default true)
 * @param standardHeaders {@code null} (none, the default), {@code "draft-6"}, {@code "draft-7"} or {@code "draft-8"}
 * @param keyGenerator the client key (default: {@link RateLimit#ipKeyGenerator(String, int)} of {@code req.ip()})
 * @param ipv6Subnet the prefix IPv6 clients are grouped by in the default key (default 56; 0 = whole address)
 * @param skip requests that are not counted, or null
 * @param handler what answers when the limit is passed, or null for the default (status + message)
 * @param skipSuccessfulRequests take back the hit of requests that succeed ({@code requestWasSuccessful})
 * @param skipFailedRequests take back the hit of requests that fail
 * @param requestWasSuccessful decides success (default: status below 400)
 * @param store where hits are counted (default a new {@link MemoryRateLimitStore})
 * @param passOnStoreError when the store fails: true lets the request through (fail open), false (the
 *     default) passes the error on (fail closed); both are logged
 * @param identifier the draft-8 policy name, or null for express-rate-limit's ({@code 5-in-1min})
 */
public record RateLimitOptions(Duration window, long limit, ToLongFunction<Request> limitFunction, Object message,
    int statusCode, boolean legacyHeaders, String standardHeaders, Function<Request, String> keyGenerator,
    int ipv6Subnet, Predicate<Request> skip, Handler handler, boolean skipSuccessfulRequests,
    boolean skipFailedRequests, BiPredicate<Request, Response> requestWasSuccessful, RateLimitStore store,
    boolean passOnStoreError, String identifier) {

  public static RateLimitOptions defaults() {
    return new RateLimitOptions(Duration.ofMinutes(1), 5, null, "Too many requests, please try again later.", 429,
        true, null, null, 56, null, null, false, false, null, null, false, null);
  }

  public RateLimitOptions window(Duration v) { return new RateLimitOptions(v, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions limit(long v) { return new RateLimitOptions(window, v, null, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions limit(ToLongFunction<Request> v) { return new RateLimitOptions(window, limit, v, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions message(Object v) { return new RateLimitOptions(window, limit, limitFunction, v, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions statusCode(int v) { return new RateLimitOptions(window, limit, limitFunction, message, v, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions legacyHeaders(boolean v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, v, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions standardHeaders(String v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, v, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions keyGenerator(Function<Request, String> v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, v, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions ipv6Subnet(int v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, v, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions skip(Predicate<Request> v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, v, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions handler(Handler v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, v, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions skipSuccessfulRequests(boolean v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, v, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions skipFailedRequests(boolean v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, v, requestWasSuccessful, store, passOnStoreError, identifier); }
  public RateLimitOptions requestWasSuccessful(BiPredicate<Request, Response> v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, v, store, passOnStoreError, identifier); }
  public RateLimitOptions store(RateLimitStore v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, v, passOnStoreError, identifier); }
  public RateLimitOptions passOnStoreError(boolean v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, v, identifier); }
  public RateLimitOptions identifier(String v) { return new RateLimitOptions(window, limit, limitFunction, message, statusCode, legacyHeaders, standardHeaders, keyGenerator, ipv6Subnet, skip, handler, skipSuccessfulRequests, skipFailedRequests, requestWasSuccessful, store, passOnStoreError, v); }
}
