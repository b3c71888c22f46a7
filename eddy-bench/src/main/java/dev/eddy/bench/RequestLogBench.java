package dev.eddy.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a request log line costs the loop thread (issue 8 asks for under 2 us): the same SLF4J
 * call RequestLog makes (six key-value pairs), into Logback's async appender in front of a JSON
 * encoder writing to a discarding stream, as {@code Logging.configure("production")} sets up
 * (minus the console). With {@code neverBlock=false} a full queue makes the caller wait, so the
 * score includes the encoding's throughput; with {@code true} (Logging's setting) a full queue
 * drops lines, so the score is the caller's cost alone. {@code bench/bin/jmh RequestLogBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestLogBench {
  /**
   * {@code blocking}: Logback's AsyncAppender, the caller waits when the queue is full (the score
   * is the sustained cost with the encoding); {@code dropping}: the same with neverBlock; {@code
   * batching}: eddy-ops' BatchingAppender, what {@code Logging.configure} uses (drops when full,
   * its writer is never woken per event).
   */
  @org.openjdk.jmh.annotations.Param({"blocking", "dropping", "batching"})
  String appender;

  private Logger log;
  private LoggerContext ctx;
  private long n;

  @Setup
  public void setup() {
    ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(ctx);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> sink = new OutputStreamAppender<>();
    sink.setContext(ctx);
    sink.setEncoder(encoder);
    sink.setOutputStream(OutputStream.nullOutputStream());
    sink.start();
    ch.qos.logback.core.Appender<ILoggingEvent> async;
    if (appender.equals("batching")) {
      async = new dev.eddy.ops.internal.BatchingAppender(sink, 8192, 2000);
      async.setContext(ctx);
    } else {
      AsyncAppender a = new AsyncAppender();
      a.setContext(ctx);
      a.setQueueSize(8192);
      a.setNeverBlock(appender.equals("dropping"));
      a.setDiscardingThreshold(0);
      a.addAppender(sink);
      async = a;
    }
    async.start();
    ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(async);
    log = LoggerFactory.getLogger("dev.eddy.ops.RequestLog");
  }

  @TearDown
  public void tearDown() {
    ctx.stop();
  }

  @Benchmark
  public void requestLine() {
    long i = n++;
    log.atInfo()
        .addKeyValue("reqId", "3f0b6f8e-5d2a-4c1e-9a7b-1c2d3e4f5a6b")
        .addKeyValue("method", "GET")
        .addKeyValue("path", "/users/42")
        .addKeyValue("status", 200)
        .addKeyValue("responseTimeMs", 0.25 + (i & 7))
        .addKeyValue("remoteAddress", "127.0.0.1")
        .log("request completed");
  }
}
