package dev.eddy.conformance;

import dev.eddy.Eddy;
import dev.eddy.EddyProcess;
import dev.eddy.ops.Cluster;
import dev.eddy.ops.ClusterSettings;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import java.util.List;
import java.util.Map;

/**
 * Seed 2's cluster example with Eddy ({@code conformance/bin/cluster-demo PORT WORKERS}): the
 * primary forks WORKERS worker JVMs, each serving {@code GET /} on 127.0.0.1:PORT with {@code
 * {"worker": <its pid>}}, and restarts any worker that dies. SIGHUP to the primary replaces every
 * worker, one at a time ({@link Cluster#reload()}); SIGTERM or SIGINT drains them all and exits 0.
 * The primary prints one line per worker event on stdout ({@code fork <pid>}, {@code online
 * <pid>}, {@code exit <pid> <code or signal>}); everything else goes to stderr.
 */
public final class ClusterDemo {
  private ClusterDemo() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: cluster-demo PORT WORKERS");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    Eddy.main(() -> {
      Cluster cluster = Cluster.get();
      if (cluster.isPrimary()) {
        cluster.setupPrimary(ClusterSettings.defaults().args(List.of(args)).restart(true));
        cluster.on(Cluster.FORK, w -> say("fork " + w.pid()));
        cluster.on(Cluster.ONLINE, w -> say("online " + w.pid()));
        cluster.on(Cluster.EXIT, e -> say("exit " + e.worker().pid() + " " + (e.signal() != null ? e.signal() : e.code())));
        for (int i = 0; i < count; i++) {
          cluster.fork();
        }
        EddyProcess process = Eddy.process();
        process.on(EddyProcess.SIGHUP, s -> cluster.reload().catchAccept(err ->
            System.err.println("cluster-demo: reload failed: " + err.getMessage())));
        boolean[] stopping = {false};
        java.util.function.Consumer<String> stop = s -> {
          if (stopping[0]) {
            process.exit(1); // a second signal: stop waiting
          }
          stopping[0] = true;
          cluster.disconnect().thenRun(() -> process.exit(0));
        };
        process.on(EddyProcess.SIGTERM, stop);
        process.on(EddyProcess.SIGINT, stop);
      } else {
        long pid = ProcessHandle.current().pid();
        App app = Web.app();
        app.get("/", (req, res) -> res.json(Map.of("worker", pid)));
        app.listen(port, "127.0.0.1", null);
      }
    });
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
