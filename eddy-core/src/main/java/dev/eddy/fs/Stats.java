package dev.eddy.fs;

import java.time.Instant;

/**
 * Node's {@code fs.Stats}: what {@code stat}/{@code lstat} report. On Linux every field is the
 * kernel's; where Java's file system cannot tell (a non-Unix provider) {@code dev}, {@code ino},
 * {@code uid}, {@code gid} and {@code nlink} are 0 and {@code mode} is derived from the type and
 * POSIX permissions when known. Immutable; any thread.
 *
 * @param dev the device id
 * @param ino the inode number
 * @param mode the file type and permission bits, as {@code st_mode}
 * @param nlink the number of hard links
 * @param uid the owner's user id
 * @param gid the owner's group id
 * @param size the size in bytes
 * @param atime last access
 * @param mtime last modification of the contents
 * @param ctime last change of the inode
 * @param birthtime creation, where the file system records it (otherwise as Java reports)
 */
public record Stats(long dev, long ino, int mode, int nlink, int uid, int gid, long size,
    Instant atime, Instant mtime, Instant ctime, Instant birthtime) {

  static final int S_IFMT = 0170000;
  static final int S_IFREG = 0100000;
  static final int S_IFDIR = 0040000;
  static final int S_IFLNK = 0120000;

  /** Whether this is a regular file. */
  public boolean isFile() {
    return (mode & S_IFMT) == S_IFREG;
  }

  /** Whether this is a directory. */
  public boolean isDirectory() {
    return (mode & S_IFMT) == S_IFDIR;
  }

  /** Whether this is a symbolic link (only {@code lstat} can say so). */
  public boolean isSymbolicLink() {
    return (mode & S_IFMT) == S_IFLNK;
  }

  /** Node's {@code mtimeMs}: the modification time in milliseconds, with a fraction. */
  public double mtimeMs() {
    return mtime.getEpochSecond() * 1000.0 + mtime.getNano() / 1_000_000.0;
  }
}
