package dev.eddy.ops;

import dev.eddy.Eddy;
import dev.eddy.Promise;
import dev.eddy.http.ServerResponse;
import dev.eddy.ops.internal.MetricsHttp;
import dev.eddy.web.Middleware;
import dev.eddy.web.Request;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenTelemetry tracing for eddy-web (issue 8): the server reads W3C {@code traceparent} /
 * {@code tracestate} (through the configured propagators), opens a SERVER span per request named
 * after the matched route ({@code GET /users/:id}) with the semantic-convention attributes, and ends
 * it when the answer finishes. Exporting is the application's choice: pass the {@code
 * OpenTelemetry} it configured (the SDK, an agent's, or the no-op one).
 *
 * <p>An event loop runs many requests on one thread, so OpenTelemetry's thread-local current
 * context cannot follow a request from callback to callback: the request's context is kept on the
 * request ({@link #context(Request)}), outgoing calls take it explicitly ({@link #inject}), and
 * blocking work gets a child span with {@link #blocking}. {@link RequestLog} adds the trace and span
 * ids to its lines.
 */
public final class Tracing {
  /** The request's trace context (its server span inside). */
  public static final Request.Key<Context> CONTEXT = Request.Key.of("otelContext");

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> CLIENT = AttributeKey.stringKey("client.address");

  private static final TextMapGetter<Request> FROM_REQUEST = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Request req) {
      return req.headers().keySet();
    }

    @Override
    public String get(Request req, String key) {
      return req == null ? null : req.get(key);
    }
  };

  private static final TextMapSetter<Map<String, String>> INTO_MAP = (map, key, value) -> {
    if (map != null) map.put(key, value);
  };

  private Tracing() {}

  /**
   * The middleware: put it first so the span covers the whole request. Per request it extracts the
   * parent context, starts the SERVER span, stores the context on the request and, when the span is
   * recorded, sets the request attributes and ends the span when the response is done ({@link
   * ServerResponse#whenDone}), on the loop thread. Span names are cached per route and method, so
   * naming costs no string building.
   *
   * @param otel where the spans go (the SDK, an agent's, or the no-op one)
   * @return the middleware; it always calls {@code next}
   */
  public static Middleware middleware(OpenTelemetry otel) {
    return middleware(otel, false);
  }

  /**
   * {@link #middleware(OpenTelemetry)}, choosing when the request attributes ({@code
   * http.request.method}, {@code url.path}, {@code client.address}) are set.
   *
   * @param otel where the spans go
   * @param attributesForSampler true: on the span builder, where a sampler can read them (the
   *     semantic conventions' advice; every request then pays for them, sampled or not); false, the
   *     default: on the span once it is known to be recorded, so that an unsampled request costs
   *     only its ids and context (samplers then decide on the parent, kind and name, which is all
   *     the SDK's built-in samplers read)
   * @return the middleware; it always calls {@code next}
   */
  public static Middleware middleware(OpenTelemetry otel, boolean attributesForSampler) {
    Tracer tracer = otel.getTracer("dev.eddy.web");
    SpanNames names = new SpanNames();
    return (req, res, next) -> {
      Context parent = otel.getPropagators().getTextMapPropagator().extract(Context.root(), req, FROM_REQUEST);
      SpanBuilder builder = tracer.spanBuilder(req.method()).setParent(parent).setSpanKind(SpanKind.SERVER);
      if (attributesForSampler) {
        builder.setAttribute(METHOD, req.method())
            .setAttribute(PATH, req.originalPath())
            .setAttribute(CLIENT, req.ip());
      }
      Span span = builder.startSpan();
      req.set(CONTEXT, parent.with(span));
      if (span.isRecording()) {
        if (!attributesForSampler) {
          span.setAttribute(METHOD, req.method())
              .setAttribute(PATH, req.originalPath())
              .setAttribute(CLIENT, req.ip());
        }
        res.raw().whenDone(new ServerSpanEnd(req, res.raw(), span, names));
      }
      next.run();
    };
  }

  /** Ends a server span when the response finishes, or closes first (then with an error status). */
  private static final class ServerSpanEnd implements Runnable {
    private final Request req;
    private final ServerResponse raw;
    private final Span span;
    private final SpanNames names;

    ServerSpanEnd(Request req, ServerResponse raw, Span span, SpanNames names) {
      this.req = req;
      this.raw = raw;
      this.span = span;
      this.names = names;
    }

    @Override
    public void run() {
      int status = raw.statusCode();
      String route = req.routePattern();
      if (route != null) {
        span.setAttribute(ROUTE, route);
        span.updateName(names.name(req.method(), route));
      }
      span.setAttribute(STATUS, (long) status);
      if (status >= 500 || !raw.writableFinished()) span.setStatus(StatusCode.ERROR);
      span.end();
    }
  }

  /** "METHOD route" span names, cached for the standard methods (routes are a bounded set). */
  private static final class SpanNames {
    private final ConcurrentHashMap<String, String[]> byRoute = new ConcurrentHashMap<>();

    String name(String method, String route) {
      int m = MetricsHttp.methodIndex(method);
      if (m == MetricsHttp.OTHER_METHOD) return method + " " + route; // clients may invent methods: not cached
      String[] byMethod = byRoute.get(route);
      if (byMethod == null) byMethod = byRoute.computeIfAbsent(route, r -> new String[MetricsHttp.OTHER_METHOD]);
      String name = byMethod[m];
      if (name == null) {
        // a benign race: two threads may build equal strings, either one is kept
        name = method + " " + route;
        byMethod[m] = name;
      }
      return name;
    }
  }

  /** The request's trace context, or the root context outside the middleware. */
  public static Context context(Request req) {
    Context c = req.get(CONTEXT);
    return c != null ? c : Context.root();
  }

  /** The request's span (invalid outside the middleware). */
  public static Span span(Request req) {
    return Span.fromContext(context(req));
  }

  /** Writes {@code traceparent} (and whatever else the propagators carry) into outgoing headers. */
  public static void inject(OpenTelemetry otel, Request req, Map<String, String> headers) {
    otel.getPropagators().getTextMapPropagator().inject(context(req), headers, INTO_MAP);
  }

  /**
   * Runs {@code work} on the blocking pool inside a child span of the request's ({@code name},
   * INTERNAL); the span records a failure. The promise settles on the request's loop.
   */
  public static <T> Promise<T> blocking(OpenTelemetry otel, Request req, String name, Callable<T> work) {
    Tracer tracer = otel.getTracer("dev.eddy.web");
    Span span = tracer.spanBuilder(name).setParent(context(req)).setSpanKind(SpanKind.INTERNAL).startSpan();
    Context ctx = context(req).with(span);
    return Eddy.blocking(() -> {
      try (Scope ignored = ctx.makeCurrent()) {
        return work.call();
      } catch (Exception e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR);
        throw e;
      } finally {
        span.end();
      }
    });
  }

  static List<String> ids(Request req) {
    Context c = req.get(CONTEXT);
    if (c == null) return List.of();
    var sc = Span.fromContext(c).getSpanContext();
    return sc.isValid() ? List.of(sc.getTraceId(), sc.getSpanId()) : List.of();
  }
}
