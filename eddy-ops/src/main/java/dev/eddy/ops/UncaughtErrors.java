package dev.eddy.ops;

import dev.eddy.Eddy;
import dev.eddy.EddyProcess;
import dev.eddy.Timeout;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide policy for errors nothing handled (issue 8): an uncaught exception (one that
 * reached the loop from a callback) or an unhandled rejection (a promise rejected with no handler
 * once the queues drained) is logged through SLF4J at ERROR with its stack trace (a JSON line in
 * production, see {@link Logging}), handed to an optional reporter, and then the process exits
 * with code 1 after the log queue is flushed, optionally after a bounded {@link GracefulShutdown}.
 *
 * <pre>{@code
 * Logging.configure(env);
 * GracefulShutdown shutdown = GracefulShutdown.install(Duration.ofSeconds(10));
 * UncaughtErrors.install(UncaughtErrors.Options.defaults()
 *     .gracefulShutdown(shutdown, Duration.ofSeconds(5))
 *     .reporter((kind, error) -> errorTracker.capture(error)));
 * }</pre>
 *
 * <p>Without it, eddy-core applies Node's rules the same way but prints the stack trace to
 * standard error, outside the structured log. It works through the process's {@code
 * uncaughtException} and {@code unhandledRejection} events: a listener there makes an error
 * non-fatal for eddy-core, so the exit is this class's decision, which is what lets a graceful
 * shutdown run first. Rejections can instead be logged at WARN and ignored ({@link
 * RejectionMode#WARN}, Node's {@code --unhandled-rejections=warn}) or also set the exit code
 * ({@link RejectionMode#WARN_WITH_ERROR_CODE}).
 *
 * <p>Exceptions that end a thread that runs no loop (a thread of the application's own, a
 * library's) are logged at ERROR too, once {@code install} has run in the JVM, through the JVM's
 * default uncaught-exception handler (the previous one, if any, is still called); they do not
 * end the process, as they would not without this class.
 *
 * <p>An Eddy process is a loop: install it on each loop that should follow the policy. After the
 * first fatal error, later errors are logged (ERROR) but start nothing new.
 */
public final class UncaughtErrors {
  private static final Logger LOG = LoggerFactory.getLogger("dev.eddy.ops.UncaughtErrors");
  private static final AtomicBoolean THREAD_HANDLER = new AtomicBoolean();

  /** What went unhandled; its {@link #toString()} is Node's event name, the {@code kind} log field. */
  public enum Kind {
    /** An exception that reached the loop. */
    UNCAUGHT_EXCEPTION("uncaughtException"),
    /** A rejection without handler once the queues drained. */
    UNHANDLED_REJECTION("unhandledRejection");

    private final String eventName;

    Kind(String eventName) {
      this.eventName = eventName;
    }

    @Override
    public String toString() {
      return eventName;
    }
  }

  /** What an unhandled rejection does (Node's {@code --unhandled-rejections} modes). */
  public enum RejectionMode {
    /** Fatal, as an uncaught exception: logged at ERROR, then the exit (Node's default, {@code throw}). */
    EXIT,
    /** Logged at WARN, and the process goes on (Node's {@code warn}). */
    WARN,
    /** Logged at WARN, the process goes on, and its exit code becomes the configured one (Node's {@code warn-with-error-code}). */
    WARN_WITH_ERROR_CODE
  }

  /** Called with each fatal error after it was logged, before the shutdown and the exit. */
  @FunctionalInterface
  public interface Reporter {
    /**
     * Reports {@code error} elsewhere (an error tracker, a pager). Runs on the loop thread and
     * should not block it for long; what it throws is logged and ignored.
     *
     * @param kind what went unhandled
     * @param error the exception, or the rejection's reason
     */
    void report(Kind kind, Throwable error);
  }

  /**
   * The options of {@link #install(Options)}; immutable, start from {@link #defaults()}.
   *
   * @param rejections what an unhandled rejection does (default {@link RejectionMode#EXIT})
   * @param reporter called with each fatal error, or null (the default)
   * @param shutdown a graceful shutdown to run before exiting, or null (the default: exit at once)
   * @param shutdownTimeout how long that shutdown may take before the process exits anyway
   * @param exitCode the code of the exit (default 1, Node's)
   */
  public record Options(RejectionMode rejections, Reporter reporter, GracefulShutdown shutdown,
      Duration shutdownTimeout, int exitCode) {
    /** Validates. @throws IllegalArgumentException for a negative timeout or an exit code outside 1..255 */
    public Options {
      Objects.requireNonNull(rejections, "rejections");
      Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
      if (shutdownTimeout.isNegative()) throw new IllegalArgumentException("uncaught errors: shutdownTimeout must not be negative");
      if (exitCode < 1 || exitCode > 255) throw new IllegalArgumentException("uncaught errors: exitCode must be 1..255, got " + exitCode);
    }

    /** Log, then exit 1 at once, rejections included; no reporter. */
    public static Options defaults() {
      return new Options(RejectionMode.EXIT, null, null, Duration.ofSeconds(5), 1);
    }

    /** What an unhandled rejection does. */
    public Options rejections(RejectionMode v) {
      return new Options(v, reporter, shutdown, shutdownTimeout, exitCode);
    }

    /** A reporter called with each fatal error. */
    public Options reporter(Reporter v) {
      return new Options(rejections, v, shutdown, shutdownTimeout, exitCode);
    }

    /**
     * Runs {@code v}'s shutdown ({@link GracefulShutdown#begin()}: servers closed, hooks run)
     * before exiting, for at most {@code timeout}; the exit code stays this one.
     */
    public Options gracefulShutdown(GracefulShutdown v, Duration timeout) {
      return new Options(rejections, reporter, Objects.requireNonNull(v, "shutdown"), timeout, exitCode);
    }

    /** The exit code (1..255). */
    public Options exitCode(int v) {
      return new Options(rejections, reporter, shutdown, shutdownTimeout, v);
    }
  }

  private final Options options;
  private final EddyProcess process;
  private final Consumer<Throwable> onException = e -> fatal(Kind.UNCAUGHT_EXCEPTION, e);
  private final Consumer<EddyProcess.Rejection> onRejection = this::onRejection;
  private boolean exiting;

  private UncaughtErrors(Options options, EddyProcess process) {
    this.options = options;
    this.process = process;
  }

  /** {@link #install(Options)} with {@link Options#defaults()}. */
  public static UncaughtErrors install() {
    return install(Options.defaults());
  }

  /**
   * Applies the policy to the current loop's process (and, once per JVM, logs exceptions that end
   * threads running no loop). Call on the loop thread, early in the program.
   *
   * @param options what to do
   * @return the handle that removes the policy from this process
   * @throws IllegalStateException off a loop thread
   * @throws NullPointerException if {@code options} is null
   */
  public static UncaughtErrors install(Options options) {
    Objects.requireNonNull(options, "options");
    UncaughtErrors u = new UncaughtErrors(options, Eddy.process());
    u.process.on(EddyProcess.UNCAUGHT_EXCEPTION, u.onException);
    u.process.on(EddyProcess.UNHANDLED_REJECTION, u.onRejection);
    if (THREAD_HANDLER.compareAndSet(false, true)) {
      Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
      Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
        LOG.atError().addKeyValue("kind", "uncaughtThreadException").addKeyValue("thread", t.getName()).setCause(e)
            .log("uncaught exception in thread {}: {}", t.getName(), e.toString());
        if (previous != null) previous.uncaughtException(t, e);
      });
    }
    return u;
  }

  /**
   * Removes the policy from this process: eddy-core's default (print to standard error, exit 1)
   * applies again. The JVM-wide thread handler stays. Call on the loop thread.
   */
  public void uninstall() {
    process.removeListener(EddyProcess.UNCAUGHT_EXCEPTION, onException);
    process.removeListener(EddyProcess.UNHANDLED_REJECTION, onRejection);
  }

  private void onRejection(EddyProcess.Rejection r) {
    switch (options.rejections()) {
      case EXIT -> fatal(Kind.UNHANDLED_REJECTION, r.reason());
      case WARN, WARN_WITH_ERROR_CODE -> {
        LOG.atWarn().addKeyValue("kind", Kind.UNHANDLED_REJECTION.toString()).setCause(r.reason())
            .log("unhandled rejection: {}", String.valueOf(r.reason()));
        if (options.rejections() == RejectionMode.WARN_WITH_ERROR_CODE) process.exitCode(options.exitCode());
      }
    }
  }

  private void fatal(Kind kind, Throwable error) {
    if (exiting) {
      LOG.atError().addKeyValue("kind", kind.toString()).setCause(error)
          .log("{} while exiting after an earlier one: {}", kind, String.valueOf(error));
      return;
    }
    exiting = true;
    LOG.atError().addKeyValue("kind", kind.toString()).setCause(error)
        .log("{}: {}; exiting with code {}", kind, String.valueOf(error), options.exitCode());
    if (options.reporter() != null) {
      try {
        options.reporter().report(kind, error);
      } catch (RuntimeException e) {
        LOG.atError().setCause(e).log("the uncaught-error reporter failed");
      }
    }
    GracefulShutdown shutdown = options.shutdown();
    if (shutdown == null) {
      exit();
      return;
    }
    // the timer is ref'd: it keeps the loop alive until the exit even if the shutdown stalls
    Timeout bound = Eddy.setTimeout(() -> {
      LOG.atWarn().log("graceful shutdown after {} did not finish within {} ms: exiting", kind, options.shutdownTimeout().toMillis());
      exit();
    }, options.shutdownTimeout());
    shutdown.begin().then(v -> {
      Eddy.clearTimeout(bound);
      exit();
      return null;
    }, err -> {
      Eddy.clearTimeout(bound);
      LOG.atError().setCause(err).log("graceful shutdown failed");
      exit();
      return null;
    });
  }

  private void exit() {
    // the error line is still in the async appender's queue: out with it before the JVM ends
    Logging.flush();
    process.exit(options.exitCode());
  }
}
