package dev.eddy.ops;

import static dev.eddy.Eddy.setTimeout;

import dev.eddy.Eddy;
import dev.eddy.http.HttpServer;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import java.time.Duration;

/** A service for GracefulShutdownTest, run in its own JVM: prints "listening PORT" and one "got" per slow request. */
public final class ShutdownMain {
  private ShutdownMain() {}

  public static void main(String[] args) {
    Eddy.main(() -> {
      GracefulShutdown shutdown = GracefulShutdown.install(Duration.ofSeconds(5));
      App app = Web.app();
      app.get("/slow", (req, res) -> {
        System.out.println("got " + req.query("i"));
        setTimeout(() -> res.send("done " + req.query("i")), 400);
      });
      app.get("/readyz", Health.readiness(shutdown));
      HttpServer server = app.listen(0, "127.0.0.1", null);
      server.on(HttpServer.LISTENING, v -> System.out.println("listening " + server.address().port()));
      shutdown.server(server)
          .hook("first registered", () -> System.out.println("hook first"))
          .hook("second registered", () -> System.out.println("hook second"));
    });
  }
}
