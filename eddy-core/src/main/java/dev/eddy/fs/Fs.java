package dev.eddy.fs;

import dev.eddy.Buffer;
import dev.eddy.Callback;
import dev.eddy.Eddy;
import dev.eddy.Encoding;
import dev.eddy.Promise;
import dev.eddy.fs.internal.Flags;
import dev.eddy.fs.internal.FsErrors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Node's {@code fs} module over the blocking pool. Every operation has Node's three faces:
 *
 * <ul>
 *   <li>{@code readFile(path)} returns a {@link Promise} ({@code fs.promises.readFile}), settled
 *       on the loop in its poll phase;
 *   <li>{@code readFile(path, callback)} calls a Node-style {@link Callback} on the loop thread in
 *       the poll phase ({@code fs.readFile});
 *   <li>{@code readFileSync(path)} does the work on the calling thread and returns or throws
 *       ({@code fs.readFileSync}). On a loop thread it blocks the whole loop, as in Node.
 * </ul>
 *
 * <p>The promise and callback faces must be called on a loop thread (or in an async body);
 * elsewhere they throw {@link IllegalStateException}. The work itself runs on the blocking pool
 * ({@code EDDY_THREADPOOL_SIZE} threads), so several calls in flight complete in any order, as in
 * Node. Failures are {@link FsException}s with Node's code, errno, syscall, path and message: the
 * promise rejects with it, the callback gets it as {@code err}, the {@code Sync} method throws it.
 * Paths are strings as in Node, resolved against the JVM's working directory.
 */
public final class Fs {
  private Fs() {}

  /** Node's default {@code highWaterMark} of a file read stream: 64 KiB. */
  public static final int DEFAULT_READ_HIGH_WATER_MARK = 64 * 1024;

  // ---------------------------------------------------------------------------------------------
  // readFile / writeFile / appendFile
  // ---------------------------------------------------------------------------------------------

  /**
   * The whole contents of the file. Reading a directory fails as in Node: EISDIR with syscall
   * {@code read} and no path.
   *
   * @throws FsException ENOENT, EACCES, EISDIR, ENOTDIR, EMFILE, ...
   */
  public static Buffer readFileSync(String path) {
    try (FileChannel ch = open(path, "r", "open")) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new FsException("RangeError", "ERR_FS_FILE_TOO_LARGE", 0, "read", path, null,
            "File size (" + size + ") is greater than 2 GiB", null);
      }
      // The size is a hint only (files in /proc report 0; a file may grow): read to the end.
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.max(size, 8192));
      java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate((int) Math.min(Math.max(size, 8192), 1 << 20));
      try {
        while (ch.read(chunk) > 0) {
          out.write(chunk.array(), 0, chunk.position());
          chunk.clear();
        }
      } catch (IOException e) {
        throw FsErrors.map(e, "read", null, null);
      }
      return Buffer.from(out.toByteArray());
    } catch (IOException e) {
      throw FsErrors.map(e, "close", null, null);
    }
  }

  /** {@link #readFileSync(String)} decoded with {@code encoding}. */
  public static String readFileSync(String path, Encoding encoding) {
    return readFileSync(path).toString(encoding);
  }

  /** {@link #readFileSync(String)} for a {@link Path}. */
  public static Buffer readFileSync(Path path) {
    return readFileSync(path.toString());
  }

  /** {@code fs.promises.readFile(path)}. */
  public static Promise<Buffer> readFile(String path) {
    return Eddy.blocking(() -> readFileSync(path));
  }

  /** {@code fs.promises.readFile(path, encoding)}. */
  public static Promise<String> readFile(String path, Encoding encoding) {
    return Eddy.blocking(() -> readFileSync(path, encoding));
  }

  /** {@code fs.readFile(path, callback)}. */
  public static void readFile(String path, Callback<? super Buffer> callback) {
    Eddy.blocking(() -> readFileSync(path), callback);
  }

  /** {@code fs.readFile(path, encoding, callback)}. */
  public static void readFile(String path, Encoding encoding, Callback<? super String> callback) {
    Eddy.blocking(() -> readFileSync(path, encoding), callback);
  }

  /**
   * Replaces the file's contents with {@code data} (creating it), as flag {@code 'w'}.
   *
   * @throws FsException ENOENT (missing parent), EISDIR, EACCES, ...
   */
  public static void writeFileSync(String path, Buffer data) {
    write(path, "w", data);
  }

  /** {@link #writeFileSync(String, Buffer)} with a string written as UTF-8, as Node's default. */
  public static void writeFileSync(String path, String data) {
    write(path, "w", Buffer.from(data));
  }

  /** {@code fs.promises.writeFile(path, data)}. */
  public static Promise<Void> writeFile(String path, Buffer data) {
    return run(() -> writeFileSync(path, data));
  }

  /** {@code fs.promises.writeFile(path, string)}: UTF-8. */
  public static Promise<Void> writeFile(String path, String data) {
    return run(() -> writeFileSync(path, data));
  }

  /** {@code fs.writeFile(path, data, callback)}. */
  public static void writeFile(String path, Buffer data, Callback<? super Void> callback) {
    run(() -> writeFileSync(path, data), callback);
  }

  /** {@code fs.writeFile(path, string, callback)}: UTF-8. */
  public static void writeFile(String path, String data, Callback<? super Void> callback) {
    run(() -> writeFileSync(path, data), callback);
  }

  /** Appends {@code data} to the file, creating it, as flag {@code 'a'}. @throws FsException as writeFile */
  public static void appendFileSync(String path, Buffer data) {
    write(path, "a", data);
  }

  /** {@link #appendFileSync(String, Buffer)} with a string written as UTF-8. */
  public static void appendFileSync(String path, String data) {
    write(path, "a", Buffer.from(data));
  }

  /** {@code fs.promises.appendFile(path, data)}. */
  public static Promise<Void> appendFile(String path, Buffer data) {
    return run(() -> appendFileSync(path, data));
  }

  /** {@code fs.promises.appendFile(path, string)}: UTF-8. */
  public static Promise<Void> appendFile(String path, String data) {
    return run(() -> appendFileSync(path, data));
  }

  /** {@code fs.appendFile(path, data, callback)}. */
  public static void appendFile(String path, Buffer data, Callback<? super Void> callback) {
    run(() -> appendFileSync(path, data), callback);
  }

  /** {@code fs.appendFile(path, string, callback)}: UTF-8. */
  public static void appendFile(String path, String data, Callback<? super Void> callback) {
    run(() -> appendFileSync(path, data), callback);
  }

  // ---------------------------------------------------------------------------------------------
  // stat / lstat
  // ---------------------------------------------------------------------------------------------

  /** The file's {@link Stats}, following symbolic links. @throws FsException ENOENT, ENOTDIR, EACCES (syscall stat) */
  public static Stats statSync(String path) {
    return stats(path, "stat");
  }

  /** The entry's own {@link Stats}: a link is reported as a link. @throws FsException as stat (syscall lstat) */
  public static Stats lstatSync(String path) {
    return stats(path, "lstat");
  }

  /** {@code fs.promises.stat(path)}. */
  public static Promise<Stats> stat(String path) {
    return Eddy.blocking(() -> statSync(path));
  }

  /** {@code fs.stat(path, callback)}. */
  public static void stat(String path, Callback<? super Stats> callback) {
    Eddy.blocking(() -> statSync(path), callback);
  }

  /** {@code fs.promises.lstat(path)}. */
  public static Promise<Stats> lstat(String path) {
    return Eddy.blocking(() -> lstatSync(path));
  }

  /** {@code fs.lstat(path, callback)}. */
  public static void lstat(String path, Callback<? super Stats> callback) {
    Eddy.blocking(() -> lstatSync(path), callback);
  }

  // ---------------------------------------------------------------------------------------------
  // readdir
  // ---------------------------------------------------------------------------------------------

  /**
   * The names in the directory, without {@code .} and {@code ..}, sorted by their UTF-8 bytes as
   * libuv's scandir sorts them.
   *
   * @throws FsException ENOENT, ENOTDIR, EACCES (syscall scandir)
   */
  public static List<String> readdirSync(String path) {
    return readdirWithFileTypesSync(path).stream().map(Dirent::name).toList();
  }

  /** {@code readdir(path, {withFileTypes: true})}: the entries with their types, in the same order. */
  public static List<Dirent> readdirWithFileTypesSync(String path) {
    Path dir = Path.of(path);
    List<Path> entries = new ArrayList<>();
    try (var stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    } catch (IOException e) {
      throw FsErrors.map(e, "scandir", path, null);
    }
    byte[][] keys = new byte[entries.size()][];
    Integer[] order = new Integer[entries.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = entries.get(i).getFileName().toString().getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
    List<Dirent> out = new ArrayList<>(keys.length);
    for (int i : order) {
      Path p = entries.get(i);
      boolean file = false;
      boolean directory = false;
      boolean link = false;
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        file = a.isRegularFile();
        directory = a.isDirectory();
        link = a.isSymbolicLink();
      } catch (IOException e) {
        // Removed since the listing: Node's d_type was read with the listing; report no type.
      }
      out.add(new Dirent(p.getFileName().toString(), path, file, directory, link));
    }
    return out;
  }

  /** {@code fs.promises.readdir(path)}. */
  public static Promise<List<String>> readdir(String path) {
    return Eddy.blocking(() -> readdirSync(path));
  }

  /** {@code fs.readdir(path, callback)}. */
  public static void readdir(String path, Callback<? super List<String>> callback) {
    Eddy.blocking(() -> readdirSync(path), callback);
  }

  /** {@code fs.promises.readdir(path, {withFileTypes: true})}. */
  public static Promise<List<Dirent>> readdirWithFileTypes(String path) {
    return Eddy.blocking(() -> readdirWithFileTypesSync(path));
  }

  /** {@code fs.readdir(path, {withFileTypes: true}, callback)}. */
  public static void readdirWithFileTypes(String path, Callback<? super List<Dirent>> callback) {
    Eddy.blocking(() -> readdirWithFileTypesSync(path), callback);
  }

  // ---------------------------------------------------------------------------------------------
  // mkdir / rmdir / rm / unlink
  // ---------------------------------------------------------------------------------------------

  /**
   * Creates the directory. Without {@code recursive} the parent must exist and the path must not;
   * with it, missing parents are created too, an existing directory is fine, and the result is
   * the first directory created (null if none was), as Node.
   *
   * @return with {@code recursive}, the first directory created or null; without it, null
   * @throws FsException EEXIST, ENOENT (no parent, non-recursive), ENOTDIR, EACCES (syscall mkdir)
   */
  public static String mkdirSync(String path, boolean recursive) {
    Path dir = Path.of(path);
    try {
      if (!recursive) {
        Files.createDirectory(dir);
        return null;
      }
      // Walk up to the deepest existing ancestor (as Node's MKDirpSync), then create downwards.
      Path abs = dir.toAbsolutePath();
      List<Path> missing = new ArrayList<>();
      for (Path p = abs; p != null; p = p.getParent()) {
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p)) {
          if (!Files.isDirectory(p)) {
            throw FsErrors.of(p.equals(abs) ? "EEXIST" : "ENOTDIR", "mkdir", path, null);
          }
          break;
        }
        missing.add(0, p);
      }
      for (Path p : missing) {
        try {
          Files.createDirectory(p);
        } catch (FileAlreadyExistsException e) {
          if (!Files.isDirectory(p)) {
            throw e;
          }
          // Created by someone else meanwhile: fine for mkdir -p.
        }
      }
      return missing.isEmpty() ? null : missing.get(0).toString();
    } catch (IOException e) {
      throw FsErrors.map(e, "mkdir", path, null);
    }
  }

  /** {@code fs.promises.mkdir(path)}: non-recursive. */
  public static Promise<Void> mkdir(String path) {
    return run(() -> mkdirSync(path, false));
  }

  /** {@code fs.promises.mkdir(path, {recursive})}: see {@link #mkdirSync}. */
  public static Promise<String> mkdir(String path, boolean recursive) {
    return Eddy.blocking(() -> mkdirSync(path, recursive));
  }

  /** {@code fs.mkdir(path, {recursive}, callback)}: see {@link #mkdirSync}. */
  public static void mkdir(String path, boolean recursive, Callback<? super String> callback) {
    Eddy.blocking(() -> mkdirSync(path, recursive), callback);
  }

  /**
   * Removes an empty directory.
   *
   * @throws FsException ENOTEMPTY, ENOENT, ENOTDIR (a file), EACCES (syscall rmdir)
   */
  public static void rmdirSync(String path) {
    Path dir = Path.of(path);
    try {
      // Java's delete would remove a file too; rmdir(2) refuses one.
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw FsErrors.of("ENOTDIR", "rmdir", path, null);
      }
      Files.delete(dir);
    } catch (IOException e) {
      throw FsErrors.map(e, "rmdir", path, null);
    }
  }

  /** {@code fs.promises.rmdir(path)}. */
  public static Promise<Void> rmdir(String path) {
    return run(() -> rmdirSync(path));
  }

  /** {@code fs.rmdir(path, callback)}. */
  public static void rmdir(String path, Callback<? super Void> callback) {
    run(() -> rmdirSync(path), callback);
  }

  /**
   * Removes a file or link; with {@code recursive}, also a directory and everything in it (links
   * are removed, not followed); with {@code force}, a missing path is not an error.
   *
   * @throws FsException ENOENT with syscall lstat (missing, without force), SystemError
   *     ERR_FS_EISDIR with syscall rm (a directory, without recursive), EACCES, ...
   */
  public static void rmSync(String path, boolean recursive, boolean force) {
    Path target = Path.of(path);
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      if (force) {
        return;
      }
      throw FsErrors.map(e, "lstat", path, null);
    } catch (IOException e) {
      throw FsErrors.map(e, "lstat", path, null);
    }
    try {
      if (!attrs.isDirectory()) {
        Files.delete(target);
        return;
      }
      if (!recursive) {
        // Node's own validation error (a SystemError with a positive errno), not a libuv error.
        throw new FsException("SystemError", "ERR_FS_EISDIR", 21, "rm", path, null,
            "Path is a directory: rm returned EISDIR (is a directory) " + path, null);
      }
      Files.walkFileTree(target, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
          if (failure != null) {
            throw failure;
          }
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      if (!force) {
        throw FsErrors.map(e, "rm", path, null);
      }
    } catch (IOException e) {
      throw FsErrors.map(e, "rm", path, null);
    }
  }

  /** {@code fs.promises.rm(path)}: neither recursive nor forced. */
  public static Promise<Void> rm(String path) {
    return run(() -> rmSync(path, false, false));
  }

  /** {@code fs.promises.rm(path, {recursive, force})}. */
  public static Promise<Void> rm(String path, boolean recursive, boolean force) {
    return run(() -> rmSync(path, recursive, force));
  }

  /** {@code fs.rm(path, {recursive, force}, callback)}. */
  public static void rm(String path, boolean recursive, boolean force, Callback<? super Void> callback) {
    run(() -> rmSync(path, recursive, force), callback);
  }

  /** Removes a file or link. @throws FsException ENOENT, EISDIR (a directory), EACCES (syscall unlink) */
  public static void unlinkSync(String path) {
    Path p = Path.of(path);
    try {
      // Java's delete would remove an empty directory too; unlink(2) refuses one.
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        throw FsErrors.of("EISDIR", "unlink", path, null);
      }
      Files.delete(p);
    } catch (IOException e) {
      throw FsErrors.map(e, "unlink", path, null);
    }
  }

  /** {@code fs.promises.unlink(path)}. */
  public static Promise<Void> unlink(String path) {
    return run(() -> unlinkSync(path));
  }

  /** {@code fs.unlink(path, callback)}. */
  public static void unlink(String path, Callback<? super Void> callback) {
    run(() -> unlinkSync(path), callback);
  }

  // ---------------------------------------------------------------------------------------------
  // rename / copyFile
  // ---------------------------------------------------------------------------------------------

  /**
   * Renames with rename(2)'s rules: an existing file or empty directory at {@code dest} is
   * replaced.
   *
   * @throws FsException ENOENT, ENOTEMPTY (a non-empty directory at dest), EXDEV, ... (syscall
   *     rename, with path and dest)
   */
  public static void renameSync(String path, String dest) {
    try {
      // ATOMIC_MOVE is a plain rename(2) in Java's Unix provider: same replacement rules.
      Files.move(Path.of(path), Path.of(dest), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw FsErrors.of("EXDEV", "rename", path, dest);
    } catch (IOException e) {
      throw FsErrors.map(e, "rename", path, dest);
    }
  }

  /** {@code fs.promises.rename(path, dest)}. */
  public static Promise<Void> rename(String path, String dest) {
    return run(() -> renameSync(path, dest));
  }

  /** {@code fs.rename(path, dest, callback)}. */
  public static void rename(String path, String dest, Callback<? super Void> callback) {
    run(() -> renameSync(path, dest), callback);
  }

  /**
   * Copies a file's contents, replacing {@code dest} if it exists.
   *
   * @throws FsException ENOENT, EISDIR (either side a directory), EACCES (syscall copyfile, with
   *     path and dest)
   */
  public static void copyFileSync(String path, String dest) {
    Path from = Path.of(path);
    Path to = Path.of(dest);
    try {
      // Java copies a directory as an empty directory and replaces an empty one; copyfile refuses.
      if (Files.isDirectory(from) || Files.isDirectory(to)) {
        throw FsErrors.of("EISDIR", "copyfile", path, dest);
      }
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw FsErrors.map(e, "copyfile", path, dest);
    }
  }

  /** {@code fs.promises.copyFile(path, dest)}. */
  public static Promise<Void> copyFile(String path, String dest) {
    return run(() -> copyFileSync(path, dest));
  }

  /** {@code fs.copyFile(path, dest, callback)}. */
  public static void copyFile(String path, String dest, Callback<? super Void> callback) {
    run(() -> copyFileSync(path, dest), callback);
  }

  // ---------------------------------------------------------------------------------------------
  // open
  // ---------------------------------------------------------------------------------------------

  /**
   * Opens the file with Node's {@code flags} ({@code "r"}, {@code "r+"}, {@code "w"}, {@code
   * "wx"}, {@code "w+"}, {@code "a"}, {@code "ax"}, {@code "a+"}). Close the handle.
   *
   * @throws FsException ENOENT, EEXIST (x flags), EISDIR (writing a directory), EACCES, EMFILE
   *     (syscall open)
   * @throws dev.eddy.NodeException ERR_INVALID_ARG_VALUE for an unknown flag string
   */
  public static FileHandle openSync(String path, String flags) {
    return new FileHandle(open(path, flags, "open"));
  }

  /** {@code fs.promises.open(path, flags)}; the flag string is checked at once, as Node does. */
  public static Promise<FileHandle> open(String path, String flags) {
    Flags.parse(flags);
    return Eddy.blocking(() -> openSync(path, flags));
  }

  /** {@code fs.open(path, flags, callback)}, giving a {@link FileHandle} instead of a number. */
  public static void open(String path, String flags, Callback<? super FileHandle> callback) {
    Flags.parse(flags);
    Eddy.blocking(() -> openSync(path, flags), callback);
  }

  // ---------------------------------------------------------------------------------------------
  // streams
  // ---------------------------------------------------------------------------------------------

  /** {@code fs.createReadStream(path)}: the whole file in 64 KiB chunks. Call on a loop thread. */
  public static FileReadStream createReadStream(String path) {
    return new FileReadStream(path, ReadStreamOptions.defaults());
  }

  /** {@code fs.createReadStream(path, {start, end, highWaterMark})}. Call on a loop thread. */
  public static FileReadStream createReadStream(String path, ReadStreamOptions options) {
    return new FileReadStream(path, options);
  }

  /** {@code fs.createWriteStream(path)}: flag {@code 'w'}. Call on a loop thread. */
  public static FileWriteStream createWriteStream(String path) {
    return new FileWriteStream(path, "w");
  }

  /**
   * {@code fs.createWriteStream(path, {flags})}: {@code "w"} truncates, {@code "a"} appends, and
   * the other open flags work as in {@link #openSync}. Call on a loop thread.
   *
   * @throws dev.eddy.NodeException ERR_INVALID_ARG_VALUE for an unknown flag string
   */
  public static FileWriteStream createWriteStream(String path, String flags) {
    return new FileWriteStream(path, flags);
  }

  // ---------------------------------------------------------------------------------------------
  // internals
  // ---------------------------------------------------------------------------------------------

  /** Opens a channel for the streams and handles; failures are Node's open errors. */
  static FileChannel open(String path, String flags, String syscall) {
    Objects.requireNonNull(path, "path");
    var options = Flags.parse(flags);
    Path p = Path.of(path);
    try {
      // Java opens a directory for writing only to fail later; open(2) gives EISDIR at once.
      if (options.contains(java.nio.file.StandardOpenOption.WRITE) && Files.isDirectory(p)) {
        throw FsErrors.of("EISDIR", syscall, path, null);
      }
      return FileChannel.open(p, options);
    } catch (IOException e) {
      throw FsErrors.map(e, syscall, path, null);
    }
  }

  private static void write(String path, String flags, Buffer data) {
    Objects.requireNonNull(data, "data");
    try (FileChannel ch = open(path, flags, "open")) {
      new FileHandle(ch).writeSync(data, 0, data.length(), -1);
    } catch (IOException e) {
      throw FsErrors.map(e, "close", null, null);
    }
  }

  private static Stats stats(String path, String syscall) {
    Path p = Path.of(path);
    LinkOption[] links = "lstat".equals(syscall) ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
    try {
      BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class, links);
      Map<String, Object> unix = null;
      try {
        unix = Files.readAttributes(p, "unix:dev,ino,mode,nlink,uid,gid,ctime", links);
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        // Not a Unix file system provider: derive what we can below.
      }
      int mode;
      long dev = 0;
      long ino = 0;
      int nlink = 0;
      int uid = 0;
      int gid = 0;
      Instant ctime = b.lastModifiedTime().toInstant();
      if (unix != null) {
        mode = (Integer) unix.get("mode");
        dev = (Long) unix.get("dev");
        ino = (Long) unix.get("ino");
        nlink = (Integer) unix.get("nlink");
        uid = (Integer) unix.get("uid");
        gid = (Integer) unix.get("gid");
        ctime = ((FileTime) unix.get("ctime")).toInstant();
      } else {
        mode = b.isDirectory() ? Stats.S_IFDIR : b.isSymbolicLink() ? Stats.S_IFLNK : Stats.S_IFREG;
        try {
          for (PosixFilePermission perm : Files.readAttributes(p, PosixFileAttributes.class, links).permissions()) {
            mode |= 0400 >> perm.ordinal();
          }
        } catch (UnsupportedOperationException e) {
          // No permission bits to report.
        }
      }
      return new Stats(dev, ino, mode, nlink, uid, gid, b.size(), b.lastAccessTime().toInstant(),
          b.lastModifiedTime().toInstant(), ctime, b.creationTime().toInstant());
    } catch (IOException e) {
      throw FsErrors.map(e, syscall, path, null);
    }
  }

  private interface Action {
    void run();
  }

  private static Promise<Void> run(Action action) {
    return Eddy.blocking(asCallable(action));
  }

  private static void run(Action action, Callback<? super Void> callback) {
    Eddy.blocking(asCallable(action), callback);
  }

  private static Callable<Void> asCallable(Action action) {
    return () -> {
      action.run();
      return null;
    };
  }
}
