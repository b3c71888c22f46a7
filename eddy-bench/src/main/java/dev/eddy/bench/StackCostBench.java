package dev.eddy.bench;

import dev.eddy.Buffer;
import dev.eddy.Loop;
import dev.eddy.http.Http;
import dev.eddy.http.HttpServer;
import dev.eddy.net.Socket;
import dev.eddy.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The loop thread's CPU time per {@code GET /json} through the bench server's eddy-web app in each
 * middleware mode of {@link MwApp#jsonApp} (web = bare, secure = helmet+cors+rate limit, observed =
 * tracing+metrics, ...), without sockets: requests go over an in-memory connection ({@link
 * HttpServer#injectConnection()}) through the real parser, app and response writer, {@value #BATCH}
 * pipelined per operation. The kernel's share of a real request (a few microseconds of syscalls)
 * is left out, so the relative costs read here are upper bounds of the costs wrk sees; the
 * differences between modes are what this is for (issues 7 and 8), with JMH's error bars instead
 * of the 7-13 % spread between server runs.
 *
 * <p>{@code bench/bin/jmh StackCostBench} (add {@code -p mode=web,secure} to choose, {@code -prof
 * gc} for bytes per request). Observed mode uses EDDY_BENCH_TRACE_RATIO as the bench server does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx1g", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
public class StackCostBench {
  static final int BATCH = 16; // 16 secure answers (~17 KB) stay well inside one 64 KiB in-memory read

  @Param({"web", "secure", "observed"})
  String mode;

  private Loop loop;
  private AutoCloseable alive;
  private Socket client;
  private byte[] requests;
  private long answerBytes;
  private long received;
  private long target;
  private CompletableFuture<Void> batchDone;

  @Setup(Level.Trial)
  public void start() throws Exception {
    loop = Loop.create();
    alive = loop.keepAlive();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    loop.start(() -> {
      try {
        dev.eddy.web.App app = MwApp.jsonApp(mode);
        HttpServer server = Http.createServer(app.handler());
        client = server.injectConnection();
        client.on(Stream.DATA, chunk -> onData(((Buffer) chunk).length()));
        ready.complete(null);
      } catch (Throwable t) {
        ready.completeExceptionally(t);
      }
    });
    ready.get(10, TimeUnit.SECONDS);
    byte[] one = "GET /json HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: wrk\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    // one request alone first: the answer's length (every answer of a mode has the same length)
    answerBytes = -1;
    roundTrip(one, 1);
    answerBytes = received;
    requests = new byte[one.length * BATCH];
    for (int i = 0; i < BATCH; i++) System.arraycopy(one, 0, requests, i * one.length, one.length);
  }

  private void onData(int n) {
    received += n;
    // the first answer, alone, arrives in one chunk: it is written in one go
    if (batchDone != null && (answerBytes < 0 || received >= target)) {
      CompletableFuture<Void> d = batchDone;
      batchDone = null;
      d.complete(null);
    }
  }

  private void roundTrip(byte[] bytes, int answers) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      received = 0;
      target = answerBytes * answers;
      batchDone = done;
      client.write(Buffer.from(bytes));
    });
    done.get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void request() throws Exception {
    roundTrip(requests, BATCH);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    alive.close();
    loop.terminate();
  }
}
