package dev.eddy.web;

import dev.eddy.web.internal.PathPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A stack of middleware and routes that can be mounted in an {@link App} or another router:
 * Express's {@code express.Router()}. A router is itself {@link Middleware}: {@code
 * app.use("/api", router)}. Layers run in registration order; see {@link Routing} for the
 * registration methods and {@link Next} for how control moves between layers.
 */
public final class Router extends Routing<Router> implements Middleware {
  final boolean caseSensitive;
  final boolean strict;
  final boolean mergeParams;
  private final List<Layer> stack = new ArrayList<>();
  // volatile: one app may serve several loops, which build these lazily at the same time
  private volatile Layer[] snapshot;
  final Map<String, List<ParamHandler>> params = new HashMap<>();

  Router(RouterOptions options) {
    this.caseSensitive = options.caseSensitive();
    this.strict = options.strict();
    this.mergeParams = options.mergeParams();
  }

  @Override
  Router router() {
    return this;
  }

  /** Runs a request through this router; what no layer answers goes on to {@code next}. */
  @Override
  public void handle(Request req, Response res, Next next) {
    handle(req, res, err -> {
      if (err == null) next.run();
      else next.fail(err);
    });
  }

  void handle(Request req, Response res, RouterDispatch.Done done) {
    new RouterDispatch(this, req, res, done).start();
  }

  Layer[] stackSnapshot() {
    Layer[] s = snapshot;
    if (s == null) snapshot = s = stack.toArray(Layer[]::new);
    return s;
  }

  private void push(Layer layer) {
    stack.add(layer);
    snapshot = null;
    index = null;
  }

  /**
   * The route index: for each fixed first segment, the stack positions (ascending) of the layers
   * that may match a path starting with it: the layers with that segment plus every layer without
   * one. Keeps Express's order while making a lookup cost independent of the number of routes.
   */
  private record Index(Map<String, int[]> bySegment, int[] dynamicOnly) {}

  private volatile Index index;

  int[] candidates(String pathKey) {
    Index ix = index;
    if (ix == null) index = ix = buildIndex(stackSnapshot());
    int[] c = pathKey == null ? null : ix.bySegment.get(pathKey);
    return c != null ? c : ix.dynamicOnly;
  }

  private static Index buildIndex(Layer[] layers) {
    Map<String, List<Integer>> lists = new HashMap<>();
    List<Integer> dynamic = new ArrayList<>();
    for (Layer l : layers) if (l.firstSegment != null) lists.putIfAbsent(l.firstSegment, new ArrayList<>());
    for (int i = 0; i < layers.length; i++) {
      String seg = layers[i].firstSegment;
      if (seg == null) {
        dynamic.add(i);
        for (List<Integer> l : lists.values()) l.add(i);
      } else {
        lists.get(seg).add(i);
      }
    }
    Map<String, int[]> by = new HashMap<>();
    lists.forEach((k, v) -> by.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return new Index(by, dynamic.stream().mapToInt(Integer::intValue).toArray());
  }

  private List<PathPattern> compile(List<?> paths, boolean end, boolean strictPaths) {
    List<PathPattern> out = new ArrayList<>();
    List<Object> flat = flatten(paths);
    boolean array = flat.size() > 1 || paths.get(0) instanceof List<?>;
    for (Object p : flat) {
      if (p instanceof String s) {
        out.add(array ? PathPattern.compileArrayElement(s, caseSensitive, strictPaths, end)
            : PathPattern.compile(s, caseSensitive, strictPaths, end));
      }
      else if (p instanceof Pattern r) out.add(PathPattern.regex(r, end));
      else throw new IllegalArgumentException("path must be a String, a Pattern or a list of them, got " + p);
    }
    if (out.isEmpty()) throw new IllegalArgumentException("argument path is required");
    return out;
  }

  private static List<Object> flatten(List<?> paths) {
    List<Object> out = new ArrayList<>();
    for (Object p : paths) {
      if (p instanceof List<?> l) out.addAll(flatten(l));
      else out.add(p);
    }
    return out;
  }

  void useAt(List<?> paths, Middleware... handlers) {
    if (handlers == null || handlers.length == 0) {
      throw new IllegalArgumentException("argument handler is required");
    }
    boolean slash = paths == null || (paths.size() == 1 && "/".equals(paths.get(0)));
    List<PathPattern> patterns = slash ? List.of() : compile(paths, false, false);
    for (Middleware h : handlers) {
      if (h == null) throw new IllegalArgumentException("argument handler must be a function");
      push(Layer.use(patterns, slash, h, null));
    }
  }

  void useError(List<?> paths, ErrorMiddleware handler) {
    if (handler == null) throw new IllegalArgumentException("argument handler is required");
    boolean slash = paths == null || (paths.size() == 1 && "/".equals(paths.get(0)));
    List<PathPattern> patterns = slash ? List.of() : compile(paths, false, false);
    push(Layer.use(patterns, slash, null, handler));
  }

  Route routeAt(List<?> paths) {
    List<PathPattern> patterns = compile(paths, true, strict);
    Object first = paths.get(0);
    Route route = new Route(first instanceof Pattern p ? p.pattern() : String.valueOf(first));
    push(Layer.route(patterns, route));
    return route;
  }

  void addParam(String name, ParamHandler handler) {
    if (name == null || name.isEmpty()) throw new IllegalArgumentException("argument name is required");
    if (handler == null) throw new IllegalArgumentException("argument fn is required");
    params.computeIfAbsent(name, k -> new ArrayList<>()).add(handler);
  }
}
