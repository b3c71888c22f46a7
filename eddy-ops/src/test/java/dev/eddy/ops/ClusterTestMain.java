package dev.eddy.ops;

import dev.eddy.Eddy;
import dev.eddy.EddyProcess;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The program ClusterTest runs: {@code MODE PORT WORKERS}. The primary prints one line per event
 * ({@code fork|online|listening|exit|message ...}); SIGHUP reloads, SIGTERM disconnects and exits 0.
 * Modes: {@code serve} (GET / answers the worker's pid), {@code crash} (workers exit 3 at once),
 * {@code chat} (each worker answers the primary's messages and then disconnects itself).
 */
public final class ClusterTestMain {
  private ClusterTestMain() {}

  public static void main(String[] args) {
    logToStderr(); // stdout carries the event lines the test reads
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    if (mode.equals("seed")) {
      seed(port);
      return;
    }
    Eddy.main(() -> {
      Cluster cluster = Cluster.get();
      if (cluster.isPrimary()) {
        primary(cluster, mode, count, args);
      } else {
        worker(cluster, mode, port);
      }
    });
  }

  /** Seed 2's cluster example, line by line (one worker per CPU; restarts a worker that dies). */
  private static void seed(int port) {
    Eddy.main(() -> {
      Cluster cluster = Cluster.get();
      if (cluster.isPrimary()) {
        int numCPUs = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < numCPUs; i++) {
          cluster.fork();
        }
        cluster.on(Cluster.EXIT, e -> {
          System.out.println("Worker " + e.worker().process().pid() + " died. Restarting...");
          cluster.fork();
        });
        cluster.on(Cluster.LISTENING, l -> say("listening " + l.worker().id() + " " + l.worker().pid() + " " + l.address().port()));
      } else {
        App app = Web.app();
        app.get("/", (req, res) -> res.json(Map.of("worker", ProcessHandle.current().pid())));
        app.listen(port, null);
      }
    });
  }

  private static void primary(Cluster cluster, String mode, int count, String[] args) {
    ClusterSettings settings = ClusterSettings.defaults().args(List.of(args)).restart(true)
        .idleGrace(Duration.ofMillis(500)).disconnectTimeout(Duration.ofSeconds(20));
    if (mode.equals("crash")) {
      settings.restartDelay(Duration.ofMillis(50), Duration.ofMillis(400)).crashLoop(3, Duration.ofSeconds(60));
    }
    cluster.setupPrimary(settings);
    cluster.on(Cluster.FORK, w -> say("fork " + w.id() + " " + w.pid()));
    cluster.on(Cluster.ONLINE, w -> {
      say("online " + w.id() + " " + w.pid());
      if (mode.equals("chat")) {
        w.send("ping\nwith a newline");
      }
    });
    cluster.on(Cluster.LISTENING, l -> say("listening " + l.worker().id() + " " + l.worker().pid() + " "
        + l.address().port()));
    cluster.on(Cluster.EXIT, e -> say("exit " + e.worker().id() + " " + e.worker().pid() + " "
        + (e.signal() != null ? e.signal() : e.code()) + " " + e.worker().exitedAfterDisconnect()));
    cluster.on(Cluster.MESSAGE, m -> say("message " + m.worker().id() + " " + m.message().replace("\n", "\\n")));
    for (int i = 0; i < count; i++) {
      cluster.fork(Map.of("TEST_SLOT", Integer.toString(i)));
    }
    EddyProcess process = Eddy.process();
    process.on(EddyProcess.SIGHUP, s -> cluster.reload().thenRun(() -> say("reloaded"))
        .catchAccept(err -> say("reload failed " + err.getMessage())));
    process.on(EddyProcess.SIGTERM, s -> cluster.disconnect().thenRun(() -> {
      say("disconnected");
      process.exit(0);
    }));
  }

  private static void worker(Cluster cluster, String mode, int port) {
    switch (mode) {
      case "crash" -> Eddy.setTimeout(() -> Eddy.process().exit(3), 10);
      case "chat" -> {
        ClusterWorker self = cluster.worker();
        self.on(ClusterWorker.MESSAGE, m -> {
          self.send("pong " + self.id() + " " + System.getenv("TEST_SLOT") + " " + m);
          self.disconnect();
        });
      }
      default -> {
        long pid = ProcessHandle.current().pid();
        App app = Web.app();
        app.get("/", (req, res) -> res.json(Map.of("worker", pid)));
        app.listen(port, "127.0.0.1", null);
      }
    }
  }

  private static void logToStderr() {
    var ctx = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    ctx.reset();
    var encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} %msg%n%ex");
    encoder.start();
    var console = new ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    console.setContext(ctx);
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    var root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(ch.qos.logback.classic.Level.INFO);
    root.addAppender(console);
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
