package dev.eddy.bench;

import dev.eddy.http.internal.HttpHead;
import dev.eddy.http.internal.HttpParser;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of parsing one request head with {@link HttpParser}: the wrk request of the HTTP
 * benchmark (3 headers) and a browser-like request (10 headers, 480 bytes). Run with {@code -prof
 * gc} to see the bytes allocated per request (the HttpHead the server keeps).
 *
 * <pre>bench/bin/jmh HttpParserBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class HttpParserBench {
  private static final byte[] WRK = ("GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
      + "Connection: keep-alive\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] BROWSER = ("GET /api/users/42?fields=name,email HTTP/1.1\r\n"
      + "Host: api.example.test\r\n"
      + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0\r\n"
      + "Accept: application/json, text/plain, */*\r\n"
      + "Accept-Language: en-US,en;q=0.5\r\n"
      + "Accept-Encoding: gzip, deflate, br\r\n"
      + "Referer: https://app.example.test/users\r\n"
      + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl\r\n"
      + "Connection: keep-alive\r\n"
      + "Cookie: session=abc123; theme=dark\r\n"
      + "Sec-Fetch-Mode: cors\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

  private HttpParser parser;
  private Blackhole sink;

  @Setup
  public void setup(Blackhole bh) {
    sink = bh;
    parser = new HttpParser(HttpParser.Kind.REQUEST, new HttpParser.Listener() {
      @Override
      public void onMessageBegin() {
      }

      @Override
      public int onHeadersComplete(HttpHead head) {
        sink.consume(head);
        return NORMAL;
      }

      @Override
      public void onBody(byte[] buf, int off, int len) {
      }

      @Override
      public void onMessageComplete(HttpHead trailers) {
      }
    }, 16 * 1024);
  }

  @Benchmark
  public int wrkRequest() {
    return parser.execute(WRK, 0, WRK.length);
  }

  @Benchmark
  public int browserRequest() {
    return parser.execute(BROWSER, 0, BROWSER.length);
  }
}
