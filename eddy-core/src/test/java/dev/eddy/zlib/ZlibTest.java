package dev.eddy.zlib;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Loop;
import dev.eddy.stream.JavaStreams;
import dev.eddy.stream.Streams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ZlibTest {
  @Test
  void gzipOutputIsReadByJavasGzipReader() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append("line ").append(i).append(",value,").append(i * 7).append('\n');
    }
    byte[] input = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    int code = Loop.create().run(() -> async(() -> await(Streams.pipeline(
        JavaStreams.fromInputStream(new ByteArrayInputStream(input)), Zlib.createGzip(),
        JavaStreams.toOutputStream(compressed)))));
    assertThat(code).isZero();
    assertThat(compressed.size()).isLessThan(input.length / 3);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.toByteArray()))) {
      assertThat(in.readAllBytes()).isEqualTo(input);
    }
  }
}
