package dev.eddy.ops;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.eddy.Eddy;
import dev.eddy.EddyProcess;
import dev.eddy.Event;
import dev.eddy.ops.internal.SignalDiagnostics;
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
import java.util.Objects;
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
 * characters fails at startup.
 *
 * <p>The same two tools can be triggered by a signal, for a service whose admin port cannot be
 * reached (or that has none), with {@link #onSignal}:
 *
 * <pre>{@code
 * Diagnostics.onSignal(EddyProcess.SIGUSR1, Diagnostics.SignalAction.HEAP_DUMP, Path.of("/var/tmp/diag"));
 * // kill -USR1 <pid>   -> heap-<time>.hprof, its path logged
 * }</pre>
 *
 * docs/diagnostics.md walks through both uses.
 */
public final class Diagnostics {
  private Diagnostics() {}

  /** How long a JFR recording started by a signal runs at most when nothing stops it: 10 minutes. */
  public static final Duration DEFAULT_SIGNAL_RECORDING_LIMIT = Duration.ofMinutes(10);

  /** What {@link #onSignal} does when the signal arrives. */
  public enum SignalAction {
    /** Each signal writes a heap dump of the live objects ({@code heap-<time>.hprof}). */
    HEAP_DUMP,
    /**
     * The first signal starts a JFR recording with the "profile" settings, the next one stops it
     * and writes it ({@code recording-<time>.jfr}); a recording nobody stops is written when it
     * reaches its time limit.
     */
    JFR
  }

  /**
   * {@link #onSignal(Event, SignalAction, Path, Duration)} with {@link
   * #DEFAULT_SIGNAL_RECORDING_LIMIT} as the recording limit.
   */
  public static SignalTrigger onSignal(Event<String> signal, SignalAction action, Path directory) {
    return onSignal(signal, action, directory, DEFAULT_SIGNAL_RECORDING_LIMIT);
  }

  /**
   * Makes {@code signal} write a heap dump or start and stop a JFR recording into {@code
   * directory} (created when missing). Use {@link EddyProcess#SIGUSR1}: SIGTERM and SIGINT belong
   * to {@link GracefulShutdown}, SIGHUP to the terminal or a reload, and SIGUSR2 cannot be used (the
   * JVM suspends threads with it on Linux; docs/decisions.md). The work runs on a virtual thread,
   * never on the loop; the loop only logs, through SLF4J logger {@code dev.eddy.ops.Diagnostics},
   * when it starts and when the file is complete (INFO, with the file's path in the message and as
   * the {@code file} field), or why it failed (ERROR). A signal that arrives while the previous
   * dump or the writing of a recording is still running is logged and ignored.
   *
   * <p>Listening replaces the JVM's default action for the signal (ending the process) and does
   * not keep the loop alive. Every loop whose process listens gets the signal, so in a process
   * running several loops install it on one of them only.
   *
   * @param signal the signal, normally {@link EddyProcess#SIGUSR1}
   * @param action a heap dump per signal, or a JFR recording toggled by the signal
   * @param directory where the files are written
   * @param recordingLimit how long a recording may run when no second signal comes (JFR only)
   * @return the handle that stops listening
   * @throws IllegalStateException off a loop thread
   * @throws IllegalArgumentException if {@code signal} is not a signal Eddy can listen to, or the
   *     limit is not positive
   * @throws NullPointerException if an argument is null
   */
  public static SignalTrigger onSignal(Event<String> signal, SignalAction action, Path directory, Duration recordingLimit) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(recordingLimit, "recordingLimit");
    switch (signal.name()) {
      case "SIGUSR1", "SIGHUP", "SIGTERM", "SIGINT" -> { }
      case "SIGUSR2" -> throw new IllegalArgumentException("diagnostics: SIGUSR2 belongs to the JVM "
          + "(HotSpot suspends threads with it, JFR's sampler included); use SIGUSR1");
      default -> throw new IllegalArgumentException("diagnostics: " + signal.name()
          + " is not a signal Eddy listens to (SIGUSR1, SIGHUP, SIGTERM, SIGINT)");
    }
    if (recordingLimit.isNegative() || recordingLimit.isZero()) {
      throw new IllegalArgumentException("diagnostics: the recording limit must be positive");
    }
    return new SignalTrigger(SignalDiagnostics.install(signal, action == SignalAction.HEAP_DUMP, directory, recordingLimit));
  }

  /** A signal listening for diagnostics, as {@link #onSignal} returns it. */
  public static final class SignalTrigger implements AutoCloseable {
    private final SignalDiagnostics impl;

    private SignalTrigger(SignalDiagnostics impl) {
      this.impl = impl;
    }

    /**
     * Stops listening to the signal (the JVM's default action comes back when no other listener
     * remains). A recording in progress is stopped and written; a heap dump in progress completes.
     * Call on the loop thread that installed it.
     */
    @Override
    public void close() {
      impl.close();
    }
  }

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
