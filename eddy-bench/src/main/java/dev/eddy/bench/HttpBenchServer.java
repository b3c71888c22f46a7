package dev.eddy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.Buffer;
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
 * README defines them, on one loop per available CPU sharing the port with SO_REUSEPORT.
 * {@code bench/bin/http-server PORT}.
 */
public final class HttpBenchServer {
  private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();

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
    for (CompletableFuture<Integer> f : done) {
      int code = f.get();
      if (code != 0) {
        System.exit(code);
      }
    }
  }

  private static void serve(int port, CountDownLatch listening) {
    // the peers raise the keep-alive timeout to 120 s for the c10k run; do the same
    HttpServer.Options options = new HttpServer.Options().keepAliveTimeout(Duration.ofSeconds(120));
    HttpServer server = Http.createServer(options, (req, res) -> {
      String url = req.url();
      if (url.equals("/plaintext")) {
        res.setHeader("Content-Type", "text/plain");
        res.end(Buffer.from(HELLO));
      } else if (url.equals("/json")) {
        res.setHeader("Content-Type", "application/json");
        res.end(Buffer.from(JSON.writeValueAsBytes(new Message("Hello, World!"))));
      } else {
        res.statusCode(404);
        res.setHeader("Content-Type", "text/plain");
        res.end("Not Found");
      }
    });
    server.on(HttpServer.ERROR, e -> {
      System.err.println("eddy http-server: " + e.getMessage());
      dev.eddy.Eddy.process().exit(1);
    });
    server.listen(new Server.ListenOptions().host("127.0.0.1").port(port).reusePort(true), listening::countDown);
  }
}
