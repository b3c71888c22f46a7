package dev.eddy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.Loop;
import dev.eddy.http.Http;
import dev.eddy.http.HttpServer;
import dev.eddy.net.Server;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Eddy's participant in ../shared/bench/http: {@code GET /plaintext} and {@code GET /json} as its
 * README defines them on the bare HTTP server, and {@code /mw/*} through an eddy-web app ({@link
 * MwApp}), on one loop per available CPU sharing the port with SO_REUSEPORT.
 * {@code bench/bin/http-server PORT}.
 */
public final class HttpBenchServer {
  private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
  private static final com.fasterxml.jackson.databind.ObjectWriter JSON = new ObjectMapper().writerFor(Message.class);

  /** The /json body, serialized per request as the harness requires. */
  public record Message(String message) {}

  private HttpBenchServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv("PORT"));
    int loops = Integer.getInteger("eddy.loops", Runtime.getRuntime().availableProcessors());
    List<CompletableFuture<Integer>> done = new ArrayList<>();
    CountDownLatch listening = new CountDownLatch(loops);
    for (int i = 0; i < loops; i++) {
      Loop loop = Loop.create();
      done.add(loop.start(() -> serve(port, listening)));
    }
    listening.await();
    System.out.println("eddy http-server: " + loops + " loop(s) on 127.0.0.1:" + port);
    if (Boolean.getBoolean("eddy.bench.alloc")) {
      reportAllocation();
    }
    for (CompletableFuture<Integer> f : done) {
      int code = f.get();
      if (code != 0) {
        System.exit(code);
      }
    }
  }

  private static final java.util.concurrent.atomic.LongAdder REQUESTS = new java.util.concurrent.atomic.LongAdder();
  private static final List<Thread> LOOP_THREADS = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * With -Deddy.bench.alloc=true: every 5 s, the bytes the loop threads allocated per request
   * served since the last report (ThreadMXBean's per-thread allocation counter).
   */
  private static void reportAllocation() {
    var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    Thread t = new Thread(() -> {
      long lastBytes = 0;
      long lastReqs = 0;
      while (true) {
        try {
          Thread.sleep(5000);
        } catch (InterruptedException e) {
          return;
        }
        long bytes = 0;
        for (Thread loop : LOOP_THREADS) {
          bytes += mx.getThreadAllocatedBytes(loop.threadId());
        }
        long reqs = REQUESTS.sum();
        if (reqs > lastReqs) {
          System.out.printf("alloc: %d requests, %.0f bytes/request%n", reqs - lastReqs,
              (bytes - lastBytes) / (double) (reqs - lastReqs));
        }
        lastBytes = bytes;
        lastReqs = reqs;
      }
    }, "alloc-report");
    t.setDaemon(true);
    t.start();
  }

  /** Whether a json mode comes with the loop meters (the modes with metrics). */
  private static boolean measuresLoop(String mode) {
    return "observed".equals(mode) || "logged".equals(mode) || "metrics".equals(mode);
  }

  private static void serve(int port, CountDownLatch listening) {
    LOOP_THREADS.add(Thread.currentThread());
    // Idle keep-alive connections stay open, as in the Netty and Vert.x peers (which have no idle
    // timeout) and long enough for the c10k run (the Node peers raise theirs to 120 s). 0 is
    // Node's "never": as Node, the answers then carry no "Keep-Alive: timeout=N" line, and no
    // idle timer is re-armed after each request. EDDY_BENCH_KEEP_ALIVE_S=N sets a timeout instead.
    String keepAlive = System.getenv("EDDY_BENCH_KEEP_ALIVE_S");
    HttpServer.Options options = new HttpServer.Options()
        .keepAliveTimeout(Duration.ofSeconds(keepAlive == null ? 0 : Long.parseLong(keepAlive)));
    dev.eddy.web.App app = MwApp.build();
    // EDDY_BENCH_JSON=web|secure|observed|logged: /json through an eddy-web app, bare, behind
    // helmet+cors+rate limit, or behind metrics+tracing (+ the request log); see MwApp.jsonApp
    String jsonMode = System.getenv("EDDY_BENCH_JSON");
    dev.eddy.web.App jsonApp = jsonMode == null ? null : MwApp.jsonApp(jsonMode);
    // EDDY_BENCH_AB=mode: also /ab/json through that mode's app, in the same JVM and on the same
    // loop as /json, so that alternating short wrk rounds between the two compare the per-request
    // cost of the middleware without the spread between JVM runs
    String abMode = System.getenv("EDDY_BENCH_AB");
    dev.eddy.web.App abApp = abMode == null ? null : MwApp.jsonApp(abMode, "/ab/json");
    if ((measuresLoop(jsonMode) || measuresLoop(abMode))
        && !Boolean.getBoolean("eddy.bench.noLoopMetrics")) {
      // the loop meters a service registers next to the RED timers: lag probe and utilisation
      dev.eddy.ops.Metrics.loop(Observed.registry(), Loop.current(),
          null, java.util.List.of(io.micrometer.core.instrument.Tag.of("loop", Thread.currentThread().getName())));
    }
    HttpServer server = Http.createServer(options, (req, res) -> {
      REQUESTS.increment();
      String url = req.url();
      if (url.equals("/plaintext")) {
        res.setHeader("Content-Type", "text/plain");
        res.end(HELLO);
      } else if (abApp != null && url.equals("/ab/json")) {
        abApp.handle(req, res);
      } else if (url.equals("/json") && jsonApp != null) {
        jsonApp.handle(req, res);
      } else if (url.equals("/json")) {
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.writeValueAsBytes(new Message("Hello, World!")));
      } else {
        app.handle(req, res);
      }
    });
    server.on(HttpServer.ERROR, e -> {
      System.err.println("eddy http-server: " + e.getMessage());
      dev.eddy.Eddy.process().exit(1);
    });
    server.listen(new Server.ListenOptions().host("127.0.0.1").port(port).reusePort(true), listening::countDown);
  }
}
