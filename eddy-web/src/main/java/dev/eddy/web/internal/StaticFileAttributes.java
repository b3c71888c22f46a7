package dev.eddy.web.internal;

import dev.eddy.fs.Stats;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Eddy's {@link Stats} (what the asynchronous {@code stat} reported) seen as Java's {@link
 * BasicFileAttributes}, for the {@code setHeaders} hook of static serving: no second stat is
 * made. Immutable; thread-safe.
 */
public final class StaticFileAttributes implements BasicFileAttributes {
  private final Stats stats;

  /** Wraps {@code stats}. */
  public StaticFileAttributes(Stats stats) {
    this.stats = stats;
  }

  /** The wrapped stats (mode, inode and the other POSIX fields). */
  public Stats stats() {
    return stats;
  }

  @Override
  public FileTime lastModifiedTime() {
    return FileTime.from(stats.mtime());
  }

  @Override
  public FileTime lastAccessTime() {
    return FileTime.from(stats.atime());
  }

  @Override
  public FileTime creationTime() {
    return FileTime.from(stats.birthtime());
  }

  @Override
  public boolean isRegularFile() {
    return stats.isFile();
  }

  @Override
  public boolean isDirectory() {
    return stats.isDirectory();
  }

  @Override
  public boolean isSymbolicLink() {
    return stats.isSymbolicLink();
  }

  @Override
  public boolean isOther() {
    return !stats.isFile() && !stats.isDirectory() && !stats.isSymbolicLink();
  }

  @Override
  public long size() {
    return stats.size();
  }

  /** {@code null}: the device and inode are in {@link #stats()}. */
  @Override
  public Object fileKey() {
    return null;
  }
}
