package dev.eddy.security.internal;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.eddy.Promise;
import dev.eddy.http.Fetch;
import dev.eddy.security.JwtException;
import dev.eddy.security.JwtKey;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The keys of a JWKS, loaded lazily, cached and reloaded: when they are older than the max age, or
 * when a token names a {@code kid} the set does not have (a key rotation), but never more often
 * than the refresh interval, so a flood of tokens with made-up kids cannot hammer the endpoint.
 * One load at a time is shared by every loop (through a CompletableFuture each loop adopts as a
 * Promise); the loader runs on the loop that started it. Thread-safe.
 */
public final class JwtJwks {
  private static final System.Logger LOG = System.getLogger("dev.eddy.security.Jwt");

  private record Snapshot(Map<String, JwtKey> byKid, List<JwtKey> all, long fetchedAt) {}

  private final Supplier<Promise<String>> loader;
  private final String label;
  private final long minRefreshMs;
  private final long maxAgeMs;
  private final Clock clock;
  private volatile Snapshot snap;
  private long lastLoad = Long.MIN_VALUE / 4;
  private CompletableFuture<Snapshot> inflight;

  /** A cache over {@code loader}; {@code label} names the source in logs (a URL, never a secret). */
  public JwtJwks(Supplier<Promise<String>> loader, String label, Duration minRefresh, Duration maxAge, Clock clock) {
    this.loader = loader;
    this.label = label == null ? "the JWKS loader" : label;
    this.minRefreshMs = minRefresh.toMillis();
    this.maxAgeMs = maxAge.toMillis();
    this.clock = clock;
  }

  /** GETs a JWKS with Eddy's Fetch on the current loop (5 s idle timeout, 1 MiB at most). */
  public static Promise<String> fetch(String url) {
    return Fetch.fetch(url, new Fetch.Options().header("Accept", "application/json")
            .timeout(Duration.ofSeconds(5)).maxResponseBytes(1 << 20))
        .thenCompose(res -> res.text().then(text -> {
          if (!res.ok()) throw new IllegalStateException("GET " + url + " answered " + res.status());
          return text;
        }));
  }

  /**
   * The key for a token's {@code kid} (without a kid: the set's only key). Rejects with a {@link
   * JwtException}: {@code UNKNOWN_KEY} when no key matches even after a permitted reload, {@code
   * KEY_SOURCE} when the keys could never be loaded. Call on a loop thread.
   */
  public Promise<JwtKey> keyFor(String kid) {
    long now = clock.millis();
    Snapshot s = snap;
    if (s != null && now - s.fetchedAt() < maxAgeMs) {
      JwtKey k = find(s, kid);
      if (k != null || kid == null) return k != null ? Promise.resolve(k) : Promise.reject(noKid());
      CompletableFuture<Snapshot> load = startLoad(now);
      if (load == null) return Promise.reject(unknown());
      return Promise.fromCompletionStage(load).then(fresh -> {
        JwtKey again = find(fresh, kid);
        if (again == null) throw unknown();
        return again;
      }, err -> {
        throw unknown();
      });
    }
    CompletableFuture<Snapshot> load = startLoad(now);
    if (load == null) {
      if (s != null) return found(s, kid);
      return Promise.reject(new JwtException(JwtException.Reason.KEY_SOURCE,
          "no keys: loading " + label + " failed recently, next attempt within " + minRefreshMs + " ms"));
    }
    return Promise.fromCompletionStage(load).then(fresh -> require(fresh, kid), err -> {
      if (s != null) {
        LOG.log(Level.WARNING, "jwt: reloading " + label + " failed (" + err + "); still using the keys loaded before");
        return require(s, kid);
      }
      throw new JwtException(JwtException.Reason.KEY_SOURCE, "cannot load " + label + ": " + err.getMessage(), err);
    });
  }

  private Promise<JwtKey> found(Snapshot s, String kid) {
    try {
      return Promise.resolve(require(s, kid));
    } catch (JwtException e) {
      return Promise.reject(e);
    }
  }

  private static JwtKey require(Snapshot s, String kid) {
    JwtKey k = find(s, kid);
    if (k == null) throw kid == null ? noKid() : unknown();
    return k;
  }

  private static JwtException unknown() {
    return new JwtException(JwtException.Reason.UNKNOWN_KEY, "no key for the token's kid");
  }

  private static JwtException noKid() {
    return new JwtException(JwtException.Reason.UNKNOWN_KEY, "the token has no kid and the key set has several keys");
  }

  private static JwtKey find(Snapshot s, String kid) {
    if (kid != null) return s.byKid().get(kid);
    return s.all().size() == 1 ? s.all().get(0) : null;
  }

  private CompletableFuture<Snapshot> startLoad(long now) {
    CompletableFuture<Snapshot> cf;
    synchronized (this) {
      if (inflight != null) return inflight;
      if (now - lastLoad < minRefreshMs) return null;
      lastLoad = now;
      cf = inflight = new CompletableFuture<>();
    }
    Promise<String> p;
    try {
      p = loader.get();
    } catch (RuntimeException e) {
      p = Promise.reject(e);
    }
    p.then(text -> {
      Snapshot s = parse(text, clock.millis());
      snap = s;
      settle(cf);
      cf.complete(s);
      return null;
    }, err -> {
      LOG.log(Level.WARNING, "jwt: loading " + label + " failed: " + err);
      settle(cf);
      cf.completeExceptionally(err);
      return null;
    });
    return cf;
  }

  private synchronized void settle(CompletableFuture<Snapshot> cf) {
    if (inflight == cf) inflight = null;
  }

  private Snapshot parse(String text, long now) {
    JWKSet set;
    try {
      set = JWKSet.parse(text);
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(label + " is not a JWK set: " + e.getMessage(), e);
    }
    Map<String, JwtKey> byKid = new HashMap<>();
    List<JwtKey> all = new ArrayList<>();
    for (JWK jwk : set.getKeys()) {
      if (KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) continue;
      try {
        JwtKey k;
        if (jwk instanceof RSAKey rsa) k = JwtKey.of(rsa.toRSAPublicKey());
        else if (jwk instanceof ECKey ec) k = JwtKey.of(ec.toECPublicKey());
        else continue; // symmetric keys never come from a URL: that would invite HS/RS confusion
        if (jwk.getAlgorithm() != null) k = k.algorithms(jwk.getAlgorithm().getName());
        if (jwk.getKeyID() != null) k = k.keyId(jwk.getKeyID());
        all.add(k);
        if (jwk.getKeyID() != null) byKid.putIfAbsent(jwk.getKeyID(), k);
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "jwt: skipping an unusable key in " + label + ": " + e.getMessage());
      }
    }
    if (all.isEmpty()) throw new IllegalStateException(label + " has no usable RSA or EC signing key");
    return new Snapshot(Map.copyOf(byKid), List.copyOf(all), now);
  }
}
