package dev.eddy.ops;

import dev.eddy.Eddy;
import dev.eddy.Promise;
import dev.eddy.http.ServerResponse;
import dev.eddy.ops.internal.MetricsHttp;
import dev.eddy.ops.internal.UnsampledSpanContext;
import dev.eddy.web.Middleware;
import dev.eddy.web.Request;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

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
      // the raw lookup: propagators ask for lower-case names and never for Express's referrer alias
      return req == null ? null : req.raw().header(key);
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
    return middleware(otel, new Options());
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
    return middleware(otel, new Options().attributesForSampler(attributesForSampler));
  }

  /**
   * {@link #middleware(OpenTelemetry)} with {@code options}: where the request attributes go, and
   * whether Eddy samples requests itself before the SDK sees them ({@link Options#sampleRatio}).
   *
   * @param otel where the spans go
   * @param options the middleware's options (read once, here)
   * @return the middleware; it always calls {@code next}
   * @throws NullPointerException if an argument is null
   */
  public static Middleware middleware(OpenTelemetry otel, Options options) {
    Objects.requireNonNull(otel, "otel");
    Objects.requireNonNull(options, "options");
    Tracer tracer = otel.getTracer("dev.eddy.web");
    TextMapPropagator propagator = otel.getPropagators().getTextMapPropagator();
    SpanNames names = new SpanNames();
    boolean attributesForSampler = options.attributesForSampler;
    double ratio = options.sampleRatio;
    return (req, res, next) -> {
      Context parent = propagator.extract(Context.root(), req, FROM_REQUEST);
      Span span = ratio >= 0 ? unsampledHere(parent, ratio) : null;
      if (span == null) {
        SpanBuilder builder = tracer.spanBuilder(req.method()).setParent(parent).setSpanKind(SpanKind.SERVER);
        if (attributesForSampler) {
          builder.setAttribute(METHOD, req.method())
              .setAttribute(PATH, req.originalPath())
              .setAttribute(CLIENT, req.ip());
        }
        span = builder.startSpan();
        if (span.isRecording()) {
          if (!attributesForSampler) {
            span.setAttribute(METHOD, req.method())
                .setAttribute(PATH, req.originalPath())
                .setAttribute(CLIENT, req.ip());
          }
          res.raw().whenDone(new ServerSpanEnd(req, res.raw(), span, names));
        }
      }
      req.set(CONTEXT, parent.with(span));
      next.run();
    };
  }

  /**
   * Eddy's sampling decision: a request continuing a trace follows the caller's sampled flag (as
   * the SDK's parent-based samplers do); one starting a trace is kept with probability {@code
   * ratio}. Returns null for a request to record through the SDK, else its unrecorded span: a
   * valid context for logs and downstream calls, made without the SDK.
   */
  private static Span unsampledHere(Context parent, double ratio) {
    SpanContext caller = Span.fromContext(parent).getSpanContext();
    if (caller.isValid()) {
      return caller.isSampled() ? null : Span.wrap(UnsampledSpanContext.childOf(caller));
    }
    boolean keep = ratio >= 1 || (ratio > 0 && ThreadLocalRandom.current().nextDouble() < ratio);
    return keep ? null : Span.wrap(UnsampledSpanContext.newTrace());
  }

  /**
   * Options of {@link #middleware(OpenTelemetry, Options)}. Mutable until passed to the
   * middleware, which reads them once.
   */
  public static final class Options {
    private boolean attributesForSampler;
    private double sampleRatio = -1;

    /** The defaults: attributes after the sampling decision, the SDK's sampler decides. */
    public Options() {}

    /** See {@link #middleware(OpenTelemetry, boolean)}; default false. */
    public Options attributesForSampler(boolean onBuilder) {
      this.attributesForSampler = onBuilder;
      return this;
    }

    /**
     * Lets Eddy decide which requests are traced before the SDK sees them, for services where
     * tracing every request through the SDK costs too much: a request that starts a trace is
     * recorded with probability {@code ratio}, one that continues a trace (a valid {@code
     * traceparent}) is recorded when its caller sampled it. Recorded requests go through the SDK
     * as without this option; the others get a valid, unsampled trace context (random ids, flag
     * {@code 00}, the caller's trace state), so log lines and downstream calls still carry the
     * trace, without the SDK's span builder, id generator or sampler (about 120 ns and 170 bytes
     * a request less on this project's benchmark machine; docs/benchmarks.md).
     *
     * <p>Configure the SDK with its default sampler (parent-based, always on) beside this: a ratio
     * sampler in the SDK as well would multiply the two ratios. The SDK's id generator then only
     * makes the ids of recorded spans. Without this option (the default) the SDK decides for
     * every request, as {@code OTEL_TRACES_SAMPLER} configures it.
     *
     * @param ratio the share of new traces recorded, from 0 (none) to 1 (all)
     * @return these options
     * @throws IllegalArgumentException if {@code ratio} is not within [0, 1]
     */
    public Options sampleRatio(double ratio) {
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new IllegalArgumentException("sampleRatio must be between 0 and 1 (0.1 records one new trace in ten), got " + ratio);
      }
      this.sampleRatio = ratio;
      return this;
    }
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
