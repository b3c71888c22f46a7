package dev.eddy.ops;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * Sets up Logback from code: JSON lines (Logback's JsonEncoder: timestamp, level, logger, message,
 * key-value pairs, throwable) in production, readable lines elsewhere, written to standard output
 * through an asynchronous appender so the loop never waits for the terminal or the disk (when its
 * queue of 8,192 events is full, events are dropped rather than blocking the loop). Every
 * Eddy module logs through {@code System.Logger}, which slf4j-jdk-platform-logging routes here.
 * Call it once at startup; a {@code logback.xml} on the classpath is replaced.
 */
public final class Logging {
  private Logging() {}

  /** JSON lines when {@code env} is {@code production}, readable lines otherwise; INFO and above. */
  public static void configure(String env) {
    configure("production".equals(env), Level.INFO);
  }

  /** The full form. */
  public static void configure(boolean json, Level level) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
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
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setName("console");
    console.setEncoder(encoder);
    console.start();
    AsyncAppender async = new AsyncAppender();
    async.setContext(ctx);
    async.setName("async");
    async.setQueueSize(8192);
    async.setNeverBlock(true);
    async.setDiscardingThreshold(0);
    async.addAppender(console);
    async.start();
    ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(async);
  }
}
