package dev.eddy.fs;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Buffer;
import dev.eddy.Loop;
import dev.eddy.stream.Streams;
import dev.eddy.stream.Transform;
import dev.eddy.zlib.Zlib;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' Q42 file-processing pipeline: a 200 MB generated CSV read, transformed, gzipped and
 * written, all as streams. Surefire runs this class in its own JVM with {@code -Xmx64m}, so the
 * test also shows that nothing holds the file in memory.
 */
class Q42PipelineTest {
  private static final long TARGET_BYTES = 200L * 1024 * 1024;

  /** The transform step: upper-case ASCII letters, byte for byte (the CSV is ASCII). */
  private static Object upper(Object chunk) {
    byte[] b = ((Buffer) chunk).toByteArray();
    for (int i = 0; i < b.length; i++) {
      if (b[i] >= 'a' && b[i] <= 'z') {
        b[i] -= 32;
      }
    }
    return Buffer.from(b);
  }

  @Test
  void csvIsReadTransformedGzippedAndWrittenWithinASmallHeap(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("input.csv");
    Path gz = dir.resolve("output.csv.gz");
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    long written = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
      byte[] header = "id,name,city,amount\n".getBytes(StandardCharsets.US_ASCII);
      out.write(header);
      expected.update("ID,NAME,CITY,AMOUNT\n".getBytes(StandardCharsets.US_ASCII));
      written += header.length;
      for (long i = 0; written < TARGET_BYTES; i++) {
        String line = i + ",user" + i + ",city" + (i % 97) + "," + (i * 37 % 100_000) + "\n";
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes);
        expected.update(line.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        written += bytes.length;
      }
    }
    assertThat(Files.size(csv)).isGreaterThanOrEqualTo(TARGET_BYTES);
    assertThat(Runtime.getRuntime().maxMemory()).as("run by surefire with -Xmx64m").isLessThan(80L << 20);

    int code = Loop.create().run(() -> async(() -> await(Streams.pipeline(
        Fs.createReadStream(csv.toString()), Transform.map(Q42PipelineTest::upper), Zlib.createGzip(),
        Fs.createWriteStream(gz.toString())))));
    assertThat(code).isZero();

    MessageDigest actual = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        actual.update(buf, 0, n);
      }
    }
    assertThat(actual.digest()).isEqualTo(expected.digest());
    assertThat(Files.size(gz)).isLessThan(Files.size(csv) / 3);
  }
}
