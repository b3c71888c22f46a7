package dev.eddy.ops;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.eddy.Eddy;
import dev.eddy.web.Middleware;
import dev.eddy.web.Router;
import dev.eddy.web.Web;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Run-time diagnostics behind a token: a heap dump (for hunting a memory leak) and a JFR
 * recording (for profiling a slow handler), written to a directory on the server, never sent over
 * HTTP. Both run on virtual threads off the loop, so the loop keeps serving while the JVM works
 * (and a 30 s recording does not hold one of the blocking pool's threads).
 *
 * <pre>{@code
 * app.use("/admin", Diagnostics.routes(System.getenv("ADMIN_TOKEN"), Path.of("/var/tmp/diag")));
 * // curl -X POST -H "Authorization: Bearer $ADMIN_TOKEN" localhost:3000/admin/heapdump
 * // curl -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "localhost:3000/admin/jfr?seconds=30"
 * }</pre>
 *
 * A missing or wrong token is a 401 (compared in constant time); a token shorter than 24
 * characters fails at startup. docs/diagnostics.md walks through both uses.
 */
public final class Diagnostics {
  private Diagnostics() {}

  /**
   * The admin router: {@code POST /heapdump[?live=false]} and {@code POST /jfr?seconds=N} (1..300,
   * default 30), each answering {@code {"file": path}} once the file is complete.
   *
   * @throws IllegalArgumentException for a token shorter than 24 characters
   */
  public static Router routes(String token, Path directory) {
    if (token == null || token.length() < 24) {
      throw new IllegalArgumentException("diagnostics: the admin token must be at least 24 characters "
          + "(generate one, e.g. `openssl rand -base64 32`, and pass it from the environment)");
    }
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    Router router = Web.router();
    router.use(guard(expected));
    router.post("/heapdump", Web.async((req, res) -> {
      boolean live = !"false".equals(req.query("live"));
      Path file = directory.resolve("heap-" + stamp() + ".hprof");
      Path written = dev.eddy.Eddy.await(Eddy.blockingVirtual(() -> heapDump(file, live)));
      res.json(Map.of("file", written.toString()));
    }));
    router.post("/jfr", Web.async((req, res) -> {
      int seconds = parseSeconds(req.query("seconds"));
      Path file = directory.resolve("recording-" + stamp() + ".jfr");
      Path written = dev.eddy.Eddy.await(Eddy.blockingVirtual(() -> record(file, Duration.ofSeconds(seconds))));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("file", written.toString());
      body.put("seconds", seconds);
      res.json(body);
    }));
    return router;
  }

  private static Middleware guard(byte[] expected) {
    return (req, res, next) -> {
      String auth = req.get("authorization");
      byte[] given = auth == null ? new byte[0] : auth.getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(given, expected)) {
        res.status(401).set("WWW-Authenticate", "Bearer").json(Map.of("error", "admin token required"));
        return;
      }
      next.run();
    };
  }

  private static int parseSeconds(String s) {
    if (s == null) return 30;
    try {
      int n = Integer.parseInt(s);
      if (n >= 1 && n <= 300) return n;
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw new dev.eddy.web.HttpError(400, "seconds must be a whole number from 1 to 300");
  }

  private static String stamp() {
    return Instant.now().toString().replace(":", "-");
  }

  /** Writes a heap dump (only live objects by default); blocking. */
  public static Path heapDump(Path file, boolean live) throws IOException {
    Files.createDirectories(file.getParent());
    HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    bean.dumpHeap(file.toString(), live);
    return file;
  }

  /** Records JFR's "profile" configuration for {@code duration} into {@code file}; blocking. */
  public static Path record(Path file, Duration duration) throws Exception {
    Files.createDirectories(file.getParent());
    try (Recording r = new Recording(Configuration.getConfiguration("profile"))) {
      r.setToDisk(true);
      r.start();
      Thread.sleep(duration.toMillis());
      r.stop();
      r.dump(file);
    }
    return file;
  }
}
