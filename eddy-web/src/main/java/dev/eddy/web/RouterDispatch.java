package dev.eddy.web;

import dev.eddy.Eddy;
import dev.eddy.web.internal.ParamDecodeException;
import dev.eddy.web.internal.PathMatch;
import dev.eddy.web.internal.PathPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One pass of a request through one router (router 2.x's {@code handle} closure): walks the stack,
 * trims mount prefixes from {@code req.url}, runs parameter hooks, collects methods for an
 * automatic OPTIONS answer, and hands what is left to {@code done}.
 */
final class RouterDispatch extends SignalNext {
  /** What runs after the router: the parent's next, or the final handler. */
  interface Done {
    void done(Throwable err);
  }

  private final Router router;
  private final Request req;
  private final Response res;
  private final Done done;
  private final String protohost;
  private final String parentUrl;
  private final Map<String, Object> parentParams;
  private final Next parentNext;
  private final String parentMount;
  private final List<String> optionsMethods;
  private Map<String, ParamCall> paramCalled;
  private final Layer[] stack;
  private int idx;
  private String removed = "";
  private boolean slashAdded;
  private int sync;
  /** The last path seen and its candidate layers (paths repeat while the stack is walked). */
  private String segmentPath;
  private int[] segmentCandidates;

  RouterDispatch(Router router, Request req, Response res, Done done) {
    this.router = router;
    this.req = req;
    this.res = res;
    this.done = done;
    this.stack = router.stackSnapshot();
    this.protohost = protohost(req.url());
    this.parentUrl = req.baseUrl();
    this.parentParams = req.paramsRaw();
    this.parentNext = req.next();
    this.parentMount = req.mountPattern();
    this.optionsMethods = req.method().equals("OPTIONS") ? new ArrayList<>() : null;
  }

  void start() {
    req.next(this);
    next(null);
  }

  private void finish(Throwable err) {
    // restore what this router changed before handing back to the parent
    req.baseUrl(parentUrl);
    req.params(parentParams);
    req.next(parentNext);
    req.mountPattern(parentMount);
    if (optionsMethods != null && err == null && !optionsMethods.isEmpty()) {
      try {
        sendOptions();
      } catch (Throwable e) {
        done.done(e);
      }
      return;
    }
    done.done(err);
  }

  private void sendOptions() {
    String allow = String.join(", ", new TreeSet<>(optionsMethods));
    var raw = res.raw();
    raw.setHeader("Allow", allow);
    raw.setHeader("Content-Length", allow.getBytes(StandardCharsets.UTF_8).length);
    raw.setHeader("Content-Type", "text/plain");
    raw.setHeader("X-Content-Type-Options", "nosniff");
    raw.end(allow.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  void next(Throwable err) {
    Throwable layerError = err == Signal.ROUTE ? null : err;

    if (slashAdded) {
      String url = req.url();
      boolean pathIsRoot = url.equals("/") || url.startsWith("/?");
      if (pathIsRoot || (removed.endsWith("/") && url.startsWith("/"))) {
        req.url(url.substring(1));
      }
      slashAdded = false;
    }
    if (!removed.isEmpty()) {
      req.baseUrl(parentUrl);
      req.mountPattern(parentMount);
      String url = req.url();
      req.url(protohost + removed + url.substring(protohost.length()));
      removed = "";
    }
    if (layerError == Signal.ROUTER) {
      Eddy.setImmediate(() -> finish(null));
      return;
    }
    if (idx >= stack.length) {
      Throwable e = layerError;
      Eddy.setImmediate(() -> finish(e));
      return;
    }
    if (++sync > 100) {
      Eddy.setImmediate(() -> next(err));
      return;
    }
    String path = req.pathname();
    if (path == null) {
      finish(layerError);
      return;
    }

    Layer layer = null;
    PathMatch match = null;
    Route route = null;
    String method = req.method();
    if (path != segmentPath) {
      segmentPath = path;
      segmentCandidates = router.candidates(PathPattern.firstSegmentKey(path, router.caseSensitive));
    }
    int[] candidates = segmentCandidates;
    int ci = firstAtOrAfter(candidates, idx);
    while (match == null && ci < candidates.length) {
      idx = candidates[ci++] + 1;
      layer = stack[idx - 1];
      route = layer.route;
      try {
        match = layer.match(path);
      } catch (ParamDecodeException e) {
        if (layerError == null) layerError = new HttpError(400, e.getMessage(), null, Map.of(), e);
        match = null;
      } catch (RuntimeException e) {
        if (layerError == null) layerError = e;
        match = null;
      }
      if (match == null || route == null) continue;
      if (layerError != null) {
        match = null;
        continue;
      }
      boolean hasMethod = route.handlesMethod(method);
      if (!hasMethod && optionsMethods != null && method.equals("OPTIONS")) {
        optionsMethods.addAll(route.allowedMethods());
      }
      if (!hasMethod && !method.equals("HEAD")) match = null;
    }
    if (match == null) {
      idx = stack.length;
      finish(layerError);
      return;
    }
    if (route != null) req.route(route);
    req.params(router.mergeParams ? merge(match.params(), parentParams) : mutable(match.params()));

    if (router.params.isEmpty() || match.params().isEmpty()) {
      proceed(layer, route, match, layerError, path);
    } else {
      Layer matched = layer;
      Route matchedRoute = route;
      PathMatch m = match;
      Throwable le = layerError;
      processParams(matched, m, () -> proceed(matched, matchedRoute, m, le, path));
    }
    sync = 0;
  }

  private void proceed(Layer layer, Route route, PathMatch match, Throwable layerError, String path) {
    if (route != null) route.dispatch(req, res, this);
    else trimPrefix(layer, layerError, match.matchedPath(), path);
  }

  /** The position in {@code sorted} of the first value >= {@code min}. */
  private static int firstAtOrAfter(int[] sorted, int min) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < min) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static Map<String, Object> mutable(Map<String, Object> params) {
    return params.isEmpty() ? Request.NO_PARAMS : new LinkedHashMap<>(params);
  }

  private static Map<String, Object> merge(Map<String, Object> params, Map<String, Object> parent) {
    if (parent == null || parent.isEmpty()) return mutable(params);
    Map<String, Object> out = new LinkedHashMap<>(parent);
    if (!params.containsKey("0") || !parent.containsKey("0")) {
      out.putAll(params);
      return out;
    }
    // numeric keys of regexp captures are shifted past the parent's, as router 2.x does
    int o = 0;
    while (parent.containsKey(Integer.toString(o))) o++;
    Map<String, Object> shifted = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : params.entrySet()) {
      String k = e.getKey();
      if (isIndex(k)) shifted.put(Integer.toString(Integer.parseInt(k) + o), e.getValue());
      else shifted.put(k, e.getValue());
    }
    out.putAll(shifted);
    return out;
  }

  private static boolean isIndex(String k) {
    if (k.isEmpty() || k.length() > 9) return false;
    for (int i = 0; i < k.length(); i++) if (k.charAt(i) < '0' || k.charAt(i) > '9') return false;
    return true;
  }

  private void trimPrefix(Layer layer, Throwable layerError, String layerPath, String path) {
    if (!layerPath.isEmpty()) {
      if (!path.startsWith(layerPath)) {
        next(layerError);
        return;
      }
      if (path.length() > layerPath.length() && path.charAt(layerPath.length()) != '/') {
        next(layerError);
        return;
      }
      removed = layerPath;
      String url = req.url();
      url = protohost + url.substring(protohost.length() + removed.length());
      if (protohost.isEmpty() && !url.startsWith("/")) {
        url = "/" + url;
        slashAdded = true;
      }
      req.url(url);
      req.baseUrl(parentUrl + (removed.endsWith("/") ? removed.substring(0, removed.length() - 1) : removed));
      String source = layer.patterns.length == 1 ? layer.patterns[0].source() : "*";
      req.mountPattern(parentMount + (source.endsWith("/") ? source.substring(0, source.length() - 1) : source));
    }
    if (layerError != null) layer.handleError(layerError, req, res, this);
    else layer.handleRequest(req, res, this);
  }

  // ------------------------------------------------------------------ parameter hooks

  private static final class ParamCall {
    Throwable error;
    Object match;
    Object value;
  }

  private void processParams(Layer layer, PathMatch match, Runnable then) {
    Map<String, List<ParamHandler>> hooks = router.params;
    if (hooks.isEmpty() || match.params().isEmpty()) {
      then.run();
      return;
    }
    List<String> keys = new ArrayList<>(match.params().keySet());
    new ParamWalk(keys, hooks, then).param(null);
  }

  private final class ParamWalk {
    final List<String> keys;
    final Map<String, List<ParamHandler>> hooks;
    final Runnable then;
    int i;
    int hookIndex;
    String key;
    Object paramVal;
    List<ParamHandler> callbacks;
    ParamCall called;

    ParamWalk(List<String> keys, Map<String, List<ParamHandler>> hooks, Runnable then) {
      this.keys = keys;
      this.hooks = hooks;
      this.then = then;
    }

    void param(Throwable err) {
      if (err != null) {
        next(err);
        return;
      }
      if (i >= keys.size()) {
        then.run();
        return;
      }
      hookIndex = 0;
      key = keys.get(i++);
      paramVal = req.params().get(key);
      callbacks = hooks.get(key);
      if (paramCalled == null) paramCalled = new HashMap<>();
      ParamCall prev = paramCalled.get(key);
      if (paramVal == null || callbacks == null) {
        param(null);
        return;
      }
      if (prev != null && (java.util.Objects.equals(prev.match, paramVal)
          || (prev.error != null && prev.error != Signal.ROUTE))) {
        req.params().put(key, prev.value);
        param(prev.error);
        return;
      }
      called = new ParamCall();
      called.match = paramVal;
      called.value = paramVal;
      paramCalled.put(key, called);
      paramCallback(null);
    }

    void paramCallback(Throwable err) {
      ParamHandler fn = hookIndex < callbacks.size() ? callbacks.get(hookIndex) : null;
      hookIndex++;
      called.value = req.params().get(key);
      if (err != null) {
        called.error = err;
        param(err);
        return;
      }
      if (fn == null) {
        param(null);
        return;
      }
      Next hookNext = new SignalNext() {
        @Override
        void next(Throwable e) {
          paramCallback(e);
        }
      };
      try {
        fn.handle(req, res, hookNext, paramVal, key);
      } catch (Throwable e) {
        paramCallback(e);
      }
    }
  }

  static String protohost(String url) {
    if (url == null || url.isEmpty() || url.charAt(0) == '/') return "";
    int search = url.indexOf('?');
    int pathLength = search != -1 ? search : url.length();
    int fqdn = url.substring(0, pathLength).indexOf("://");
    if (fqdn == -1) return "";
    int slash = url.indexOf('/', 3 + fqdn);
    return slash == -1 ? "" : url.substring(0, slash);
  }
}
