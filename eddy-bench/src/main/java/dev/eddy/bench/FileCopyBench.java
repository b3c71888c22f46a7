package dev.eddy.bench;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;

import dev.eddy.Loop;
import dev.eddy.fs.Fs;
import dev.eddy.stream.PassThrough;
import dev.eddy.stream.Streams;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Eddy's side of {@code bench/bin/file-copy}: copies IN to OUT through createReadStream -> a
 * pass-through Transform -> createWriteStream with pipeline(), as {@code bench/node/file-copy.js}
 * does, and prints {@code eddy_file_copy_bytes_per_sec N} and the heap limit.
 */
public final class FileCopyBench {
  private FileCopyBench() {}

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long size = Files.size(in);
    long[] t = new long[2];
    int code = Loop.create().run(() -> async(() -> {
      t[0] = System.nanoTime();
      await(Streams.pipeline(Fs.createReadStream(in.toString()), new PassThrough(),
          Fs.createWriteStream(out.toString())));
      t[1] = System.nanoTime();
    }));
    if (code != 0 || Files.size(out) != size) {
      throw new IllegalStateException("copy failed: exit " + code + ", " + Files.size(out) + " of " + size + " bytes");
    }
    double seconds = (t[1] - t[0]) / 1e9;
    System.out.println("eddy_file_copy_bytes_per_sec " + Math.round(size / seconds));
    System.out.println("# max heap " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB");
  }
}
