package dev.eddy.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.eddy.ops.internal.BatchingAppender;
import dev.eddy.ops.internal.SwitchAppender;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Sets up Logback from code: JSON lines (Logback's JsonEncoder: timestamp, level, logger, message,
 * key-value pairs, throwable) in production, readable lines elsewhere, written to standard output
 * through an asynchronous appender (its writer thread drains the queue in batches, never woken per
 * event) so the loop never waits for the terminal or the disk (when its
 * queue of 8,192 events is full, events are dropped rather than blocking the loop). Every
 * Eddy module logs through {@code System.Logger}, which slf4j-jdk-platform-logging routes here.
 * Call it once at startup; a {@code logback.xml} on the classpath is replaced.
 *
 * <p>Queued events are written out before the JVM ends: {@code configure} installs a shutdown hook
 * (once per JVM) that stops Logback, which drains the queue for up to {@value #FLUSH_MILLIS} ms, and
 * {@link #flush()} does the same on demand (what {@link UncaughtErrors} calls before a fatal exit).
 */
public final class Logging {
  /** How long {@link #flush()} and the shutdown hook wait for the queue to drain, at most. */
  public static final int FLUSH_MILLIS = 2000;

  private static final Object LOCK = new Object();
  private static final AtomicBoolean HOOK = new AtomicBoolean();
  // guarded by LOCK: the switch configure attached to the root logger, and its format
  private static SwitchAppender current;
  private static boolean currentJson;

  private Logging() {}

  /** JSON lines when {@code env} is {@code production}, readable lines otherwise; INFO and above. */
  public static void configure(String env) {
    configure("production".equals(env), Level.INFO);
  }

  /**
   * The full form: JSON lines or readable ones, and the root level. Any thread; a second call
   * replaces the first configuration (events still queued by the first may be lost).
   */
  public static void configure(boolean json, Level level) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    synchronized (LOCK) {
      ctx.reset();
      SwitchAppender root = new SwitchAppender(asyncConsole(ctx, json));
      root.setContext(ctx);
      root.setName("eddy");
      root.start();
      ch.qos.logback.classic.Logger rootLogger = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      rootLogger.setLevel(level);
      rootLogger.addAppender(root);
      current = root;
      currentJson = json;
    }
    if (HOOK.compareAndSet(false, true)) {
      // System.exit (Eddy.main's end) would otherwise drop whatever is still queued
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        synchronized (LOCK) {
          if (current != null) current.stop();
        }
      }, "eddy-logging-flush"));
    }
  }

  /**
   * Writes out every event queued so far, waiting up to {@value #FLUSH_MILLIS} ms, and keeps
   * logging working (events logged meanwhile go to a fresh queue). Call it before ending the
   * process without {@code System.exit} (which flushes through the shutdown hook), or when a line
   * must be out before something else happens, as before a fatal exit. Blocks the calling thread,
   * the loop thread included, until the queue is drained. Any thread; does nothing when Logging
   * was not configured by {@link #configure} (a {@code logback.xml} setup has its own
   * {@code shutdownHook}).
   */
  public static void flush() {
    synchronized (LOCK) {
      if (current == null || !current.isStarted()) return;
      LoggerContext ctx = (LoggerContext) current.getContext();
      Appender<ILoggingEvent> old = current.swap(asyncConsole(ctx, currentJson));
      // stopping an async appender drains its queue (up to maxFlushTime) into the console
      old.stop();
    }
  }

  private static BatchingAppender asyncConsole(LoggerContext ctx, boolean json) {
    Encoder<ILoggingEvent> encoder;
    if (json) {
      JsonEncoder e = new JsonEncoder();
      e.setContext(ctx);
      e.start();
      encoder = e;
    } else {
      PatternLayoutEncoder e = new PatternLayoutEncoder();
      e.setContext(ctx);
      e.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} %msg %kvp%n%ex");
      e.start();
      encoder = e;
    }
    // one write to stdout per batch of lines, not one per line: the writer flushes after each batch
    OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
    console.setContext(ctx);
    console.setName("console");
    console.setEncoder(encoder);
    console.setImmediateFlush(false);
    console.setOutputStream(new BufferedOutputStream(new CurrentStdout(), 64 * 1024));
    console.start();
    BatchingAppender async = new BatchingAppender(console, 8192, FLUSH_MILLIS);
    async.setContext(ctx);
    async.setName("async");
    async.start();
    return async;
  }

  /**
   * Whatever {@code System.out} is at the time of each write, as Logback's console target does
   * (a forked JVM points it at stderr, keeping stdout for its message channel); closing it only
   * flushes.
   */
  private static final class CurrentStdout extends OutputStream {
    @Override
    public void write(int b) {
      System.out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.out.write(b, off, len);
    }

    @Override
    public void flush() {
      System.out.flush();
    }

    @Override
    public void close() {
      System.out.flush();
    }
  }
}
