package dev.eddy.fs;

import static dev.eddy.Eddy.await;
import static dev.eddy.fs.OnLoop.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.Buffer;
import dev.eddy.Encoding;
import dev.eddy.Loop;
import dev.eddy.NodeException;
import dev.eddy.fs.internal.FsErrors;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node's fs operations and errors; the expected texts were printed by Node 20 for the same calls. */
class FsTest {
  @TempDir Path tmp;

  private String p(String name) {
    return tmp.resolve(name).toString();
  }

  /** Asserts Node's error fields. */
  static void assertNodeError(FsException e, String code, int errno, String syscall, String path, String dest,
      String message) {
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.errno()).isEqualTo(errno);
    assertThat(e.syscall()).isEqualTo(syscall);
    assertThat(e.path()).isEqualTo(path);
    assertThat(e.dest()).isEqualTo(dest);
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.name()).isEqualTo("Error");
  }

  @Test
  void readWriteAndAppendThroughEachFace() {
    String f = p("a.txt");
    OnLoop.run(() -> {
      await(Fs.writeFile(f, "héllo"));
      assertThat(await(Fs.readFile(f, Encoding.UTF8))).isEqualTo("héllo");
      await(Fs.appendFile(f, Buffer.from(" world")));
      assertThat(await(Fs.readFile(f)).toString()).isEqualTo("héllo world");
      return null;
    });
    Fs.appendFileSync(f, "!");
    assertThat(Fs.readFileSync(f, Encoding.UTF8)).isEqualTo("héllo world!");
    Fs.writeFileSync(f, Buffer.from("new"));
    assertThat(Fs.readFileSync(Path.of(f)).toString()).isEqualTo("new");

    List<String> log = new ArrayList<>();
    int code = Loop.create().run(() -> Fs.writeFile(f, "cb", (err, v) -> {
      log.add("write:" + err);
      Fs.readFile(f, Encoding.UTF8, (err2, text) -> log.add("read:" + err2 + ":" + text));
    }));
    assertThat(code).isZero();
    assertThat(log).containsExactly("write:null", "read:null:cb");
  }

  @Test
  void readFileErrorsAreNodes() {
    String missing = p("nope");
    String dir = p("d");
    String notDir = p("f") + "/x";
    OnLoop.run(() -> {
      await(Fs.mkdir(dir));
      await(Fs.writeFile(p("f"), "hi"));
      assertNodeError(rejection(Fs.readFile(missing)), "ENOENT", -2, "open", missing, null,
          "ENOENT: no such file or directory, open '" + missing + "'");
      // Node opens a directory fine and fails the read: no path in the error.
      assertNodeError(rejection(Fs.readFile(dir)), "EISDIR", -21, "read", null, null,
          "EISDIR: illegal operation on a directory, read");
      assertNodeError(rejection(Fs.readFile(notDir)), "ENOTDIR", -20, "open", notDir, null,
          "ENOTDIR: not a directory, open '" + notDir + "'");
      assertNodeError(rejection(Fs.writeFile(dir, "x")), "EISDIR", -21, "open", dir, null,
          "EISDIR: illegal operation on a directory, open '" + dir + "'");
      return null;
    });
    assertThatThrownBy(() -> Fs.readFileSync(missing)).isInstanceOf(FsException.class)
        .hasMessage("ENOENT: no such file or directory, open '" + missing + "'");
  }

  @Test
  void callbackFaceGetsTheErrorOnTheLoopThread() {
    List<Object> log = new ArrayList<>();
    String missing = p("nope");
    int code = Loop.create().run(() -> {
      Thread loop = Thread.currentThread();
      Fs.stat(missing, (err, st) -> {
        log.add(Thread.currentThread() == loop);
        log.add(err.getMessage());
        log.add(st);
      });
    });
    assertThat(code).isZero();
    assertThat(log).containsExactly(true, "ENOENT: no such file or directory, stat '" + missing + "'", null);
  }

  @Test
  void statAndLstat() throws Exception {
    Path f = tmp.resolve("f");
    Files.writeString(f, "12345");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    Path link = tmp.resolve("link");
    Files.createSymbolicLink(link, f);
    OnLoop.run(() -> {
      Stats s = await(Fs.stat(f.toString()));
      assertThat(s.size()).isEqualTo(5);
      assertThat(s.isFile()).isTrue();
      assertThat(s.isDirectory()).isFalse();
      assertThat(s.mode()).isEqualTo(0100640);
      assertThat(s.nlink()).isEqualTo(1);
      assertThat(s.ino()).isPositive();
      assertThat(s.mtime()).isEqualTo(Files.getLastModifiedTime(f).toInstant());
      assertThat(await(Fs.stat(link.toString())).isFile()).isTrue();
      Stats l = await(Fs.lstat(link.toString()));
      assertThat(l.isSymbolicLink()).isTrue();
      assertThat(l.isFile()).isFalse();
      assertThat(await(Fs.stat(tmp.toString())).isDirectory()).isTrue();
      String missing = p("nope");
      assertNodeError(rejection(Fs.lstat(missing)), "ENOENT", -2, "lstat", missing, null,
          "ENOENT: no such file or directory, lstat '" + missing + "'");
      return null;
    });
    assertThat(Fs.statSync(f.toString()).size()).isEqualTo(5);
  }

  @Test
  void readdirSortsLikeLibuvAndGivesTypes() throws Exception {
    Files.writeString(tmp.resolve("b"), "");
    Files.createDirectory(tmp.resolve("a"));
    Files.writeString(tmp.resolve("B"), "");
    Files.createSymbolicLink(tmp.resolve("c"), tmp.resolve("a"));
    OnLoop.run(() -> {
      assertThat(await(Fs.readdir(tmp.toString()))).containsExactly("B", "a", "b", "c");
      List<Dirent> d = await(Fs.readdirWithFileTypes(tmp.toString()));
      assertThat(d).extracting(Dirent::name).containsExactly("B", "a", "b", "c");
      assertThat(d.get(1).isDirectory()).isTrue();
      assertThat(d.get(2).isFile()).isTrue();
      assertThat(d.get(3).isSymbolicLink()).isTrue();
      assertThat(d.get(3).isDirectory()).isFalse();
      assertThat(d.get(0).path()).isEqualTo(tmp.toString());
      String missing = p("nope");
      String file = p("b");
      assertNodeError(rejection(Fs.readdir(missing)), "ENOENT", -2, "scandir", missing, null,
          "ENOENT: no such file or directory, scandir '" + missing + "'");
      assertNodeError(rejection(Fs.readdir(file)), "ENOTDIR", -20, "scandir", file, null,
          "ENOTDIR: not a directory, scandir '" + file + "'");
      return null;
    });
  }

  @Test
  void mkdirAndItsRecursiveResult() {
    String d = p("d");
    OnLoop.run(() -> {
      assertThat(await(Fs.mkdir(d))).isNull();
      assertNodeError(rejection(Fs.mkdir(d)), "EEXIST", -17, "mkdir", d, null,
          "EEXIST: file already exists, mkdir '" + d + "'");
      // recursive: the first directory created, or undefined (null) when all exist, as Node
      assertThat(await(Fs.mkdir(p("a/b/c"), true))).isEqualTo(p("a"));
      assertThat(await(Fs.mkdir(p("a/b/c/d"), true))).isEqualTo(p("a/b/c/d"));
      assertThat(await(Fs.mkdir(p("a/b"), true))).isNull();
      assertThat(Files.isDirectory(Path.of(p("a/b/c/d")))).isTrue();
      await(Fs.writeFile(p("f"), "x"));
      String under = p("f") + "/x";
      assertNodeError(rejection(Fs.mkdir(under)), "ENOTDIR", -20, "mkdir", under, null,
          "ENOTDIR: not a directory, mkdir '" + under + "'");
      assertNodeError(rejection(Fs.mkdir(under, true)), "ENOTDIR", -20, "mkdir", under, null,
          "ENOTDIR: not a directory, mkdir '" + under + "'");
      assertNodeError(rejection(Fs.mkdir(p("f"), true)), "EEXIST", -17, "mkdir", p("f"), null,
          "EEXIST: file already exists, mkdir '" + p("f") + "'");
      String orphan = p("x/y");
      assertNodeError(rejection(Fs.mkdir(orphan)), "ENOENT", -2, "mkdir", orphan, null,
          "ENOENT: no such file or directory, mkdir '" + orphan + "'");
      return null;
    });
    assertThat(Fs.mkdirSync(p("s/t"), true)).isEqualTo(p("s"));
  }

  @Test
  void rmRmdirAndUnlink() throws Exception {
    String d = p("d");
    Files.createDirectories(Path.of(d, "sub", "deeper"));
    Files.writeString(Path.of(d, "sub", "f"), "x");
    Files.writeString(tmp.resolve("f"), "x");
    Files.createSymbolicLink(Path.of(d, "link-out"), tmp.resolve("f"));
    OnLoop.run(() -> {
      assertNodeError(rejection(Fs.rmdir(d)), "ENOTEMPTY", -39, "rmdir", d, null,
          "ENOTEMPTY: directory not empty, rmdir '" + d + "'");
      assertNodeError(rejection(Fs.rmdir(p("f"))), "ENOTDIR", -20, "rmdir", p("f"), null,
          "ENOTDIR: not a directory, rmdir '" + p("f") + "'");
      FsException isDir = rejection(Fs.rm(d));
      assertThat(isDir.name()).isEqualTo("SystemError");
      assertThat(isDir.code()).isEqualTo("ERR_FS_EISDIR");
      assertThat(isDir.errno()).isEqualTo(21);
      assertThat(isDir.syscall()).isEqualTo("rm");
      assertThat(isDir.path()).isEqualTo(d);
      assertThat(isDir.getMessage()).isEqualTo("Path is a directory: rm returned EISDIR (is a directory) " + d);
      String missing = p("nope");
      assertNodeError(rejection(Fs.rm(missing)), "ENOENT", -2, "lstat", missing, null,
          "ENOENT: no such file or directory, lstat '" + missing + "'");
      assertThat(await(Fs.rm(missing, false, true))).isNull();
      await(Fs.rm(d, true, false));
      assertThat(Files.exists(Path.of(d))).isFalse();
      assertThat(Files.exists(tmp.resolve("f"))).isTrue(); // the link was removed, not followed
      assertNodeError(rejection(Fs.unlink(missing)), "ENOENT", -2, "unlink", missing, null,
          "ENOENT: no such file or directory, unlink '" + missing + "'");
      await(Fs.mkdir(d));
      assertNodeError(rejection(Fs.unlink(d)), "EISDIR", -21, "unlink", d, null,
          "EISDIR: illegal operation on a directory, unlink '" + d + "'");
      await(Fs.rmdir(d));
      await(Fs.unlink(p("f")));
      assertThat(await(Fs.readdir(tmp.toString()))).isEmpty();
      return null;
    });
  }

  @Test
  void renameAndCopyFile() throws Exception {
    Files.writeString(tmp.resolve("a"), "A");
    Files.createDirectories(tmp.resolve("full/x"));
    Files.createDirectories(tmp.resolve("empty"));
    OnLoop.run(() -> {
      await(Fs.copyFile(p("a"), p("b")));
      await(Fs.rename(p("a"), p("c")));
      assertThat(await(Fs.readdir(tmp.toString()))).containsExactly("b", "c", "empty", "full");
      await(Fs.rename(p("b"), p("c"))); // replaces an existing file, as rename(2)
      assertThat(Fs.readFileSync(p("c"), Encoding.UTF8)).isEqualTo("A");
      String missing = p("nope");
      assertNodeError(rejection(Fs.rename(missing, p("z"))), "ENOENT", -2, "rename", missing, p("z"),
          "ENOENT: no such file or directory, rename '" + missing + "' -> '" + p("z") + "'");
      assertNodeError(rejection(Fs.rename(p("empty"), p("full"))), "ENOTEMPTY", -39, "rename", p("empty"), p("full"),
          "ENOTEMPTY: directory not empty, rename '" + p("empty") + "' -> '" + p("full") + "'");
      assertNodeError(rejection(Fs.copyFile(missing, p("z"))), "ENOENT", -2, "copyfile", missing, p("z"),
          "ENOENT: no such file or directory, copyfile '" + missing + "' -> '" + p("z") + "'");
      assertNodeError(rejection(Fs.copyFile(p("full"), p("z"))), "EISDIR", -21, "copyfile", p("full"), p("z"),
          "EISDIR: illegal operation on a directory, copyfile '" + p("full") + "' -> '" + p("z") + "'");
      return null;
    });
  }

  @Test
  void fileHandleReadWriteClose() {
    String f = p("h");
    OnLoop.run(() -> {
      FileHandle w = await(Fs.open(f, "w"));
      assertThat(await(w.write(Buffer.from("abcdef"), 0, 6, -1))).isEqualTo(6);
      assertThat(await(w.write(Buffer.from("XY"), 0, 2, 1))).isEqualTo(2);
      await(w.close());
      assertNodeError(rejection(w.close()), "EBADF", -9, "close", null, null, "EBADF: bad file descriptor, close");

      FileHandle r = await(Fs.open(f, "r"));
      Buffer buf = Buffer.alloc(4);
      assertThat(await(r.read(buf, 1, 3, 0))).isEqualTo(3);
      assertThat(buf.toString(Encoding.LATIN1, 1, 4)).isEqualTo("aXY");
      assertThat(await(r.read(buf, 0, 4, 4))).isEqualTo(2);
      assertThat(await(r.read(buf, 0, 4, 6))).isZero();
      assertNodeError(rejection(r.write(buf, 0, 1, -1)), "EBADF", -9, "write", null, null,
          "EBADF: bad file descriptor, write");
      r.closeSync();
      assertNodeError(rejection(r.read(buf, 0, 1, 0)), "EBADF", -9, "read", null, null,
          "EBADF: bad file descriptor, read");
      assertNodeError(rejection(Fs.open(f, "wx")), "EEXIST", -17, "open", f, null,
          "EEXIST: file already exists, open '" + f + "'");
      FileHandle a = Fs.openSync(f, "a");
      a.writeSync(Buffer.from("!"), 0, 1, -1);
      a.closeSync();
      assertThat(Fs.readFileSync(f).toString()).isEqualTo("aXYdef!");
      return null;
    });
    assertThatThrownBy(() -> Fs.openSync(f, "zz")).isInstanceOf(NodeException.class)
        .hasMessage("The argument 'flags' is invalid. Received 'zz'");
  }

  @Test
  void javaExceptionsThatCannotBeProvokedAsRootMapToNodeCodes() {
    // Tests run as root here, so permissions and descriptor limits cannot be hit for real.
    assertNodeError((FsException) FsErrors.map(new AccessDeniedException("/x"), "open", "/x", null),
        "EACCES", -13, "open", "/x", null, "EACCES: permission denied, open '/x'");
    assertNodeError((FsException) FsErrors.map(new FileSystemException("/x", null, "Permission denied"), "mkdir", "/x", null),
        "EACCES", -13, "mkdir", "/x", null, "EACCES: permission denied, mkdir '/x'");
    assertNodeError((FsException) FsErrors.map(new FileSystemException("/x", null, "Too many open files"), "open", "/x", null),
        "EMFILE", -24, "open", "/x", null, "EMFILE: too many open files, open '/x'");
    assertNodeError((FsException) FsErrors.map(new java.io.IOException("Bad file descriptor"), "read", null, null),
        "EBADF", -9, "read", null, null, "EBADF: bad file descriptor, read");
    IllegalStateException bug = new IllegalStateException("bug");
    assertThat(FsErrors.map(bug, "open", "/x", null)).isSameAs(bug);
  }
}
