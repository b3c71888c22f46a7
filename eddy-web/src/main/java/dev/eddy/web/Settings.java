package dev.eddy.web;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * An app's settings, Express's {@code app.set}/{@code app.get(name)}. Known names and values:
 *
 * <ul>
 *   <li>{@code env}: {@code "production"}, {@code "development"}, ... (default: {@code EDDY_ENV},
 *       else {@code NODE_ENV}, else {@code "development"}); outside production the default error
 *       page shows the stack trace.
 *   <li>{@code etag}: {@code true}/{@code "weak"} (default), {@code "strong"}, {@code false}.
 *   <li>{@code query parser}: {@code "simple"} (default; Node's querystring, flat), {@code false}
 *       (no parsing: empty query), or a {@code Function<String, Map<String, Object>>}.
 *   <li>{@code trust proxy}: {@code false} (default), {@code true}, a hop count, a String list of
 *       addresses/CIDRs/{@code loopback,linklocal,uniquelocal}, or a {@code
 *       BiPredicate<String, Integer>}.
 *   <li>{@code x-powered-by}: send {@code X-Powered-By: Eddy} (default false; Express defaults to
 *       true, see docs/decisions.md).
 *   <li>{@code json spaces} (int, default 0), {@code json escape} (boolean), {@code jsonp callback
 *       name} (default {@code "callback"}), {@code subdomain offset} (default 2).
 *   <li>{@code case sensitive routing}, {@code strict routing}: read when the app's router is first
 *       used, so set them before registering routes.
 * </ul>
 *
 * Unknown names are stored as given (apps use them for their own configuration).
 */
final class Settings {
  private final Map<String, Object> values = new HashMap<>();
  private Settings parent;
  private Object trustCompiled;
  private Object trustSource;

  Settings() {
    values.put("env", defaultEnv());
    values.put("etag", "weak");
    values.put("query parser", "simple");
    values.put("subdomain offset", 2);
    values.put("trust proxy", false);
    values.put("x-powered-by", false);
    values.put("jsonp callback name", "callback");
    values.put("json spaces", 0);
    values.put("json escape", false);
  }

  private static String defaultEnv() {
    String env = System.getenv("EDDY_ENV");
    if (env == null || env.isEmpty()) env = System.getenv("NODE_ENV");
    return env == null || env.isEmpty() ? "development" : env;
  }

  void parent(Settings parent) {
    this.parent = parent;
    // a child that never set 'trust proxy' follows its parent, as Express's mount handler does
    if (Boolean.FALSE.equals(values.get("trust proxy")) && !explicitTrust) values.remove("trust proxy");
  }

  private boolean explicitTrust;

  void set(String name, Object value) {
    if (name == null) throw new IllegalArgumentException("setting name is required");
    switch (name) {
      case "etag" -> {
        if (!(value instanceof Boolean) && !"weak".equals(value) && !"strong".equals(value)) {
          throw new IllegalArgumentException("unknown value for etag function: " + value
              + " (use true, false, \"weak\" or \"strong\")");
        }
      }
      case "query parser" -> {
        if (!(value instanceof Boolean) && !"simple".equals(value) && !(value instanceof Function<?, ?>)) {
          throw new IllegalArgumentException("unknown value for query parser function: " + value
              + " (use \"simple\", false or a Function<String, Map<String, Object>>; "
              + "Express's \"extended\" (qs) parser is not built in)");
        }
      }
      case "json spaces", "subdomain offset" -> {
        if (!(value instanceof Integer i) || i < 0) {
          throw new IllegalArgumentException("setting '" + name + "' must be a non-negative int, got " + value);
        }
      }
      case "trust proxy" -> {
        explicitTrust = true;
        trustCompiled = null;
        TrustProxy.compile(value); // fails fast on a bad value
      }
      default -> {}
    }
    values.put(name, value);
  }

  Object get(String name) {
    Object v = values.get(name);
    if (v != null || values.containsKey(name)) return v; // one lookup for a setting that is set
    return parent != null ? parent.get(name) : null;
  }

  boolean enabled(String name) {
    Object v = get(name);
    if (v == null) return false;
    if (v instanceof Boolean b) return b;
    if (v instanceof Number n) return n.doubleValue() != 0;
    if (v instanceof String s) return !s.isEmpty();
    return true;
  }

  int intValue(String name, int fallback) {
    Object v = get(name);
    return v instanceof Integer i ? i : fallback;
  }

  private dev.eddy.web.internal.JsJson jsJson;
  private Object jsJsonFor;

  dev.eddy.web.internal.JsJson jsJson(com.fasterxml.jackson.databind.ObjectMapper mapper) {
    if (jsJson == null || jsJsonFor != mapper) {
      jsJson = dev.eddy.web.internal.JsJson.using(mapper);
      jsJsonFor = mapper;
    }
    return jsJson;
  }

  TrustProxy trust() {
    Object v = get("trust proxy");
    if (trustCompiled == null || trustSource != v) {
      trustCompiled = TrustProxy.compile(v);
      trustSource = v;
    }
    return (TrustProxy) trustCompiled;
  }
}
