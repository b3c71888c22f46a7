package dev.eddy.ops.internal;

import dev.eddy.Eddy;
import dev.eddy.Loop;
import dev.eddy.http.ServerResponse;
import dev.eddy.internal.LoopLocal;
import dev.eddy.web.Middleware;
import dev.eddy.web.Next;
import dev.eddy.web.Request;
import dev.eddy.web.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The RED middleware behind {@code Metrics.http}. Timers are cached in a map keyed by the Route
 * object (or a constant for requests without one), then in arrays indexed by method and status,
 * so the per-request path does one map lookup and two volatile array reads, with no tag building.
 * Thread-safe: apps on several loops may share it.
 */
public final class MetricsHttp implements Middleware {
  public static final String NAME = "http.server.requests";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String UNKNOWN = "UNKNOWN";
  public static final String CLIENT_CLOSED = "CLIENT_CLOSED";

  static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "OTHER"};
  private static final int MIN_STATUS = 100;
  private static final int MAX_STATUS = 599;
  /** Slots per method: one per cached status, then one for CLIENT_CLOSED. */
  private static final int SLOTS = MAX_STATUS - MIN_STATUS + 2;
  private static final int CLOSED_SLOT = SLOTS - 1;

  private final MeterRegistry registry;
  /** Route objects compare by identity; the two keys without a route are these strings. */
  private final ConcurrentHashMap<String, RouteTimers> byRoute = new ConcurrentHashMap<>();

  /** A middleware registering its timers in {@code registry}. */
  public MetricsHttp(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Starts the clock and records when the response is done; always calls {@code next}. */
  @Override
  public void handle(Request req, Response res, Next next) {
    ServerResponse raw = res.raw();
    raw.whenDone(new Recorder(req, raw, System.nanoTime()));
    next.run();
  }

  private final class Recorder implements Runnable {
    private final Request req;
    private final ServerResponse raw;
    private final long start;

    Recorder(Request req, ServerResponse raw, long start) {
      this.req = req;
      this.raw = raw;
      this.start = start;
    }

    @Override
    public void run() {
      long elapsed = System.nanoTime() - start;
      int status = raw.writableFinished() ? raw.statusCode() : -1;
      if (Loop.current() != null) {
        PENDING.get().add(MetricsHttp.this, req.method(), req.routePattern(), status, elapsed);
      } else {
        timer(req.method(), req.routePattern(), status).record(elapsed, TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * Per loop, the timings of the responses that finished during this iteration, handed to their
   * timers together in the iteration's check phase (a {@code setImmediate}). A timer's record
   * touches its counters, its time-window max and the clock; between two responses the kernel's
   * socket work evicts those lines, so recording them one after the other in a batch, while they
   * are in cache, costs less than once per response (issue 8's benchmark). The registry shows a
   * response within the iteration that finished it.
   */
  private static final LoopLocal<Pending> PENDING = LoopLocal.withInitial(Pending::new);

  private static final class Pending implements Runnable {
    private MetricsHttp[] owners = new MetricsHttp[64];
    private String[] methods = new String[64];
    private String[] routes = new String[64];
    private int[] statuses = new int[64];
    private long[] nanos = new long[64];
    private int size;
    private boolean scheduled;

    void add(MetricsHttp owner, String method, String route, int status, long elapsed) {
      if (size == owners.length) {
        int n = size * 2;
        owners = Arrays.copyOf(owners, n);
        methods = Arrays.copyOf(methods, n);
        routes = Arrays.copyOf(routes, n);
        statuses = Arrays.copyOf(statuses, n);
        nanos = Arrays.copyOf(nanos, n);
      }
      owners[size] = owner;
      methods[size] = method;
      routes[size] = route;
      statuses[size] = status;
      nanos[size] = elapsed;
      size++;
      if (!scheduled) {
        scheduled = true;
        Eddy.setImmediate(this);
      }
    }

    @Override
    public void run() {
      int n = size;
      size = 0;
      scheduled = false;
      for (int i = 0; i < n; i++) {
        try {
          owners[i].timer(methods[i], routes[i], statuses[i]).record(nanos[i], TimeUnit.NANOSECONDS);
        } finally {
          owners[i] = null;
          methods[i] = null;
          routes[i] = null;
        }
      }
    }
  }

  /** The timer for these tag values; {@code status} -1 means the client closed first. */
  Timer timer(String method, String routePattern, int status) {
    int m = methodIndex(method);
    String key = routePattern != null ? routePattern : status == 404 ? NOT_FOUND : UNKNOWN;
    RouteTimers rt = byRoute.get(key);
    if (rt == null) {
      rt = byRoute.computeIfAbsent(key, RouteTimers::new);
    }
    int slot = status < 0 ? CLOSED_SLOT : status >= MIN_STATUS && status <= MAX_STATUS ? status - MIN_STATUS : -1;
    if (slot < 0) return build(METHODS[m], rt.tag, status); // out of the usual range: rare, not cached
    AtomicReferenceArray<Timer> slots = rt.byMethod.get(m);
    if (slots == null) {
      rt.byMethod.compareAndSet(m, null, new AtomicReferenceArray<>(SLOTS));
      slots = rt.byMethod.get(m);
    }
    Timer t = slots.get(slot);
    if (t == null) {
      // the registry returns the same timer for the same tags, so a race only builds it twice
      t = build(METHODS[m], rt.tag, status);
      slots.set(slot, t);
    }
    return t;
  }

  private Timer build(String method, String route, int status) {
    return Timer.builder(NAME)
        .description("HTTP requests answered, by route pattern")
        .tag("method", method)
        .tag("route", route)
        .tag("status", status < 0 ? CLIENT_CLOSED : Integer.toString(status))
        .tag("outcome", status < 0 ? UNKNOWN : outcome(status))
        .register(registry);
  }

  static String outcome(int status) {
    if (status >= 100 && status < 200) return "INFORMATIONAL";
    if (status >= 200 && status < 300) return "SUCCESS";
    if (status >= 300 && status < 400) return "REDIRECTION";
    if (status >= 400 && status < 500) return "CLIENT_ERROR";
    if (status >= 500 && status < 600) return "SERVER_ERROR";
    return UNKNOWN;
  }

  /** What {@link #methodIndex} returns for a non-standard method; also the number of standard ones. */
  public static final int OTHER_METHOD = 9;

  /** The index of a standard method in GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, TRACE, CONNECT; else {@link #OTHER_METHOD}. */
  public static int methodIndex(String method) {
    return switch (method) {
      case "GET" -> 0;
      case "HEAD" -> 1;
      case "POST" -> 2;
      case "PUT" -> 3;
      case "DELETE" -> 4;
      case "PATCH" -> 5;
      case "OPTIONS" -> 6;
      case "TRACE" -> 7;
      case "CONNECT" -> 8;
      case null, default -> 9;
    };
  }

  private static final class RouteTimers {
    final String tag;
    /** Per method, lazily: most routes answer one method, so most of these stay null. */
    final AtomicReferenceArray<AtomicReferenceArray<Timer>> byMethod = new AtomicReferenceArray<>(METHODS.length);

    RouteTimers(String tag) {
      this.tag = tag;
    }
  }
}
