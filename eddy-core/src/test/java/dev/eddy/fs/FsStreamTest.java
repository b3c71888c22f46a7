package dev.eddy.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Buffer;
import dev.eddy.EventEmitter;
import dev.eddy.Loop;
import dev.eddy.stream.Readable;
import dev.eddy.stream.Stream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File read and write streams, and that no path through them (or through an error) leaks a descriptor. */
class FsStreamTest {
  private static final int MIB = 1 << 20;

  @TempDir Path tmp;

  private byte[] bigFile(Path f) throws IOException {
    byte[] data = new byte[MIB];
    new Random(42).nextBytes(data);
    Files.write(f, data);
    return data;
  }


  @Test
  void readStreamWholeFileAndInclusiveRanges() throws Exception {
    Path f = tmp.resolve("big");
    byte[] data = bigFile(f);
    record Case(ReadStreamOptions options, int from, int toExclusive) {}
    List<Case> cases = List.of(
        new Case(ReadStreamOptions.defaults(), 0, MIB),
        new Case(ReadStreamOptions.defaults().start(1000).end(500_000), 1000, 500_001),
        new Case(ReadStreamOptions.defaults().start(7).end(7).highWaterMark(3), 7, 8),
        new Case(ReadStreamOptions.defaults().start(MIB - 10).highWaterMark(4), MIB - 10, MIB),
        new Case(ReadStreamOptions.defaults().end(0), 0, 1),
        new Case(ReadStreamOptions.defaults().start(MIB + 5), 0, 0),
        new Case(ReadStreamOptions.defaults().start(100).end(MIB * 4L).highWaterMark(1000), 100, MIB));
    for (Case c : cases) {
      List<String> log = new ArrayList<>();
      List<Buffer> chunks = new ArrayList<>();
      int[] maxChunk = {0};
      int code = Loop.create().run(() -> {
        FileReadStream r = Fs.createReadStream(f.toString(), c.options());
        r.on(Stream.DATA, x -> {
          chunks.add((Buffer) x);
          maxChunk[0] = Math.max(maxChunk[0], ((Buffer) x).length());
        });
        r.on(Stream.END, v -> log.add("end:" + r.bytesRead()));
        r.on(Stream.CLOSE, v -> log.add("close"));
      });
      assertThat(code).isZero();
      byte[] expected = Arrays.copyOfRange(data, c.from(), Math.max(c.from(), c.toExclusive()));
      assertThat(Buffer.concat(chunks).toByteArray()).isEqualTo(expected);
      assertThat(log).containsExactly("end:" + expected.length, "close");
      assertThat(maxChunk[0]).isLessThanOrEqualTo(c.options().highWaterMark);
    }
  }

  @Test
  void defaultChunksAre64KiB() throws Exception {
    Path f = tmp.resolve("big");
    bigFile(f);
    List<Integer> sizes = new ArrayList<>();
    int code = Loop.create().run(() ->
        Fs.createReadStream(f.toString()).on(Stream.DATA, c -> sizes.add(((Buffer) c).length())));
    assertThat(code).isZero();
    assertThat(sizes).hasSize(16).allMatch(n -> n == 65536);
  }

  @Test
  void pipeReadStreamIntoWriteStreamAndAppend() throws Exception {
    Path src = tmp.resolve("src");
    byte[] data = bigFile(src);
    Path dst = tmp.resolve("dst");
    List<String> log = new ArrayList<>();
    int code = Loop.create().run(() -> {
      FileWriteStream w = Fs.createWriteStream(dst.toString());
      w.on(Stream.FINISH, v -> log.add("finish:" + w.bytesWritten()));
      w.on(Stream.CLOSE, v -> log.add("close"));
      Fs.createReadStream(src.toString()).pipe(w);
    });
    assertThat(code).isZero();
    assertThat(log).containsExactly("finish:" + MIB, "close");
    assertThat(Files.readAllBytes(dst)).isEqualTo(data);

    code = Loop.create().run(() -> {
      FileWriteStream a = Fs.createWriteStream(dst.toString(), "a");
      a.write("tail");
      a.end();
      FileWriteStream t = Fs.createWriteStream(tmp.resolve("t").toString(), "w");
      t.write(Buffer.from("one"));
      t.write("two");
      t.end();
    });
    assertThat(code).isZero();
    assertThat(Files.size(dst)).isEqualTo(MIB + 4);
    assertThat(Files.readString(tmp.resolve("t"))).isEqualTo("onetwo");
  }

  @Test
  void openFailuresAreErrorThenClose() throws Exception {
    Files.createDirectory(tmp.resolve("dir"));
    String missing = tmp.resolve("nope").toString();
    String dir = tmp.resolve("dir").toString();
    List<String> log = new ArrayList<>();
    int code = Loop.create().run(() -> {
      FileReadStream r = Fs.createReadStream(missing);
      r.on(EventEmitter.ERROR, e -> {
        FsException fe = (FsException) e;
        log.add("r error:" + fe.code() + ":" + fe.errno() + ":" + fe.syscall() + ":" + fe.path() + ":" + fe.getMessage());
      });
      r.on(Stream.CLOSE, v -> log.add("r close"));
      FileWriteStream w = Fs.createWriteStream(dir);
      w.on(EventEmitter.ERROR, e -> log.add("w error:" + e.getMessage()));
      w.on(Stream.CLOSE, v -> log.add("w close"));
      w.write("lost");
    });
    assertThat(code).isZero();
    assertThat(log).containsSubsequence("r error:ENOENT:-2:open:" + missing
        + ":ENOENT: no such file or directory, open '" + missing + "'", "r close");
    assertThat(log).containsSubsequence("w error:EISDIR: illegal operation on a directory, open '" + dir + "'", "w close");
    assertThat(log).hasSize(4);
  }

  @Test
  void destroyWhileOpeningOrReadingClosesTheFile() throws Exception {
    Path f = tmp.resolve("big");
    bigFile(f);
    List<String> log = new ArrayList<>();
    int code = Loop.create().run(() -> {
      FileReadStream early = Fs.createReadStream(f.toString());
      early.on(Stream.CLOSE, v -> log.add("early close"));
      early.destroy();
      FileReadStream mid = Fs.createReadStream(f.toString(), ReadStreamOptions.defaults().highWaterMark(1024));
      mid.on(Stream.DATA, c -> {
        if (mid.bytesRead() >= 4096 && !mid.destroyed()) {
          mid.destroy();
          log.add("destroyed at " + mid.bytesRead());
        }
      });
      mid.on(Stream.CLOSE, v -> log.add("mid close"));
      FileWriteStream w = Fs.createWriteStream(tmp.resolve("w").toString());
      w.write("abc");
      w.on(Stream.CLOSE, v -> log.add("w close"));
      w.destroy();
    });
    assertThat(code).isZero();
    assertThat(log).contains("early close", "destroyed at 4096", "mid close", "w close");
  }

  private static long openDescriptors() throws IOException {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  /** An FsTest on a directory of its own, to run its error scenarios again. */
  private FsTest fresh() throws IOException {
    FsTest ops = new FsTest();
    ops.tmp = Files.createTempDirectory(tmp, "ops");
    return ops;
  }

  @Test
  void noDescriptorLeaksOnAnyPath() throws Exception {
    Runnable everything = () -> {
      try {
        readStreamWholeFileAndInclusiveRanges();
        pipeReadStreamIntoWriteStreamAndAppend();
        openFailuresAreErrorThenClose();
        destroyWhileOpeningOrReadingClosesTheFile();
        fresh().readFileErrorsAreNodes();
        fresh().mkdirAndItsRecursiveResult();
        fresh().rmRmdirAndUnlink();
        fresh().renameAndCopyFile();
        fresh().fileHandleReadWriteClose();
        fresh().readdirSortsLikeLibuvAndGivesTypes();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
    everything.run(); // warm-up: class loading opens jars once
    Path base = tmp;
    for (int round = 0; round < 2; round++) {
      tmp = Files.createTempDirectory(base, "round");
      long before = openDescriptors();
      everything.run();
      assertThat(openDescriptors()).as("descriptors after round " + round).isEqualTo(before);
    }
  }
}
