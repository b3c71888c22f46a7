package dev.eddy.fs.internal;

import dev.eddy.fs.FsException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Map;

/**
 * Turns Java's I/O exceptions into Node's errors. Java's Unix provider keeps the C library's
 * strerror text as the reason ("Is a directory"), which is the only trace of errno that survives,
 * so the mapping goes by exception class first and by that text second. Any thread.
 */
public final class FsErrors {
  private FsErrors() {}

  /** A libuv error: code, Linux errno as Node negates it, and libuv's description. */
  private record Uv(String code, int errno, String description) {}

  private static final Uv ENOENT = new Uv("ENOENT", -2, "no such file or directory");
  private static final Uv EACCES = new Uv("EACCES", -13, "permission denied");
  private static final Uv EEXIST = new Uv("EEXIST", -17, "file already exists");
  private static final Uv EISDIR = new Uv("EISDIR", -21, "illegal operation on a directory");
  private static final Uv ENOTDIR = new Uv("ENOTDIR", -20, "not a directory");
  private static final Uv ENOTEMPTY = new Uv("ENOTEMPTY", -39, "directory not empty");
  private static final Uv EMFILE = new Uv("EMFILE", -24, "too many open files");
  private static final Uv EBADF = new Uv("EBADF", -9, "bad file descriptor");
  private static final Uv UNKNOWN = new Uv("UNKNOWN", -4094, "unknown error");

  /** glibc's strerror texts (what Java puts in getReason()/getMessage()) to libuv errors. */
  private static final Map<String, Uv> BY_REASON = Map.ofEntries(
      Map.entry("No such file or directory", ENOENT),
      Map.entry("Permission denied", EACCES),
      Map.entry("File exists", EEXIST),
      Map.entry("Is a directory", EISDIR),
      Map.entry("Not a directory", ENOTDIR),
      Map.entry("Directory not empty", ENOTEMPTY),
      Map.entry("Too many open files", EMFILE),
      Map.entry("Bad file descriptor", EBADF),
      Map.entry("Operation not permitted", new Uv("EPERM", -1, "operation not permitted")),
      Map.entry("No space left on device", new Uv("ENOSPC", -28, "no space left on device")),
      Map.entry("Read-only file system", new Uv("EROFS", -30, "read-only file system")),
      Map.entry("Too many levels of symbolic links", new Uv("ELOOP", -40, "too many symbolic links encountered")),
      Map.entry("File name too long", new Uv("ENAMETOOLONG", -36, "name too long")),
      Map.entry("Invalid argument", new Uv("EINVAL", -22, "invalid argument")),
      Map.entry("Invalid cross-device link", new Uv("EXDEV", -18, "cross-device link not permitted")),
      Map.entry("Device or resource busy", new Uv("EBUSY", -16, "resource busy or locked")),
      Map.entry("Input/output error", new Uv("EIO", -5, "i/o error")));

  /**
   * Node's error for {@code error} raised by {@code syscall} on {@code path} (and {@code dest}).
   * An {@link FsException} is returned as is; anything else that is not an I/O failure (a bug) is
   * returned unchanged too, so that it is not disguised as an errno.
   */
  public static RuntimeException map(Throwable error, String syscall, String path, String dest) {
    if (error instanceof FsException fe) {
      return fe;
    }
    if (error instanceof RuntimeException re && !(error instanceof java.io.UncheckedIOException)) {
      return re;
    }
    Throwable e = error instanceof java.io.UncheckedIOException u ? u.getCause() : error;
    return of(classify(e), syscall, path, dest, e);
  }

  /** Node's error with a given code (one of the codes this class knows) and no Java cause. */
  public static FsException of(String code, String syscall, String path, String dest) {
    Uv uv = BY_REASON.values().stream().filter(u -> u.code.equals(code)).findFirst().orElse(UNKNOWN);
    return of(uv, syscall, path, dest, null);
  }

  private static FsException of(Uv uv, String syscall, String path, String dest, Throwable cause) {
    StringBuilder m = new StringBuilder(uv.code).append(": ").append(uv.description).append(", ").append(syscall);
    if (path != null) {
      m.append(" '").append(path).append('\'');
    }
    if (dest != null) {
      m.append(" -> '").append(dest).append('\'');
    }
    return new FsException("Error", uv.code, uv.errno, syscall, path, dest, m.toString(), cause);
  }

  private static Uv classify(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return ENOENT;
    }
    if (e instanceof AccessDeniedException) {
      return EACCES;
    }
    if (e instanceof FileAlreadyExistsException) {
      return EEXIST;
    }
    if (e instanceof DirectoryNotEmptyException) {
      return ENOTEMPTY;
    }
    if (e instanceof NotDirectoryException) {
      return ENOTDIR;
    }
    if (e instanceof ClosedChannelException) {
      return EBADF; // the Java twin of using a closed descriptor
    }
    String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
    if (reason != null) {
      Uv uv = BY_REASON.get(reason);
      if (uv != null) {
        return uv;
      }
    }
    return UNKNOWN;
  }
}
