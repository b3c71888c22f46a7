package dev.eddy.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Options of {@link Multipart}: multer's options and limits, {@code
 * MultipartOptions.defaults().storage(Storage.disk(dir)).fileSize(5 << 20).files(10)}. Immutable;
 * every setter returns a new instance. Limits are the largest allowed values; going over one
 * fails the request with a 413 (see {@link Multipart}). {@link Long#MAX_VALUE} means no limit.
 */
public final class MultipartOptions {
  /** No limit. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** Where accepted files go. */
  public sealed interface Storage permits Disk, Memory {
    /**
     * Files written to {@code directory} under random names (32 hex digits, like multer's 16
     * random bytes), without extension. The directory is created now when missing.
     *
     * @throws UncheckedIOException when the directory cannot be created
     */
    static Storage disk(Path directory) {
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Disk(directory);
    }

    /** Files kept in memory as {@code byte[]} (each bounded by the file size limit). */
    static Storage memory() {
      return Memory.INSTANCE;
    }
  }

  /** Disk storage in a directory; build it with {@link Storage#disk(Path)}. */
  public record Disk(Path directory) implements Storage {}

  /** Memory storage; {@link Storage#memory()}. */
  public enum Memory implements Storage {
    INSTANCE
  }

  /**
   * Decides whether a file is stored (multer's {@code fileFilter}): false skips the file, its
   * bytes are discarded; an exception fails the request with it. Called on the loop thread when
   * the file's headers have arrived, with {@code size} 0 and no path or bytes yet.
   */
  @FunctionalInterface
  public interface FileFilter {
    boolean accept(Request req, UploadedFile file) throws Exception;
  }

  private final Storage storage;
  private final long fileSize;
  private final long files;
  private final long fields;
  private final long fieldSize;
  private final long fieldNameSize;
  private final long parts;
  private final long headerPairs;
  private final long fieldArrayIndexLimit;
  private final boolean preservePath;
  private final String paramCharset;
  private final FileFilter fileFilter;

  private MultipartOptions(Storage storage, long fileSize, long files, long fields, long fieldSize, long fieldNameSize,
      long parts, long headerPairs, long fieldArrayIndexLimit, boolean preservePath, String paramCharset,
      FileFilter fileFilter) {
    this.storage = storage;
    this.fileSize = fileSize;
    this.files = files;
    this.fields = fields;
    this.fieldSize = fieldSize;
    this.fieldNameSize = fieldNameSize;
    this.parts = parts;
    this.headerPairs = headerPairs;
    this.fieldArrayIndexLimit = fieldArrayIndexLimit;
    this.preservePath = preservePath;
    this.paramCharset = paramCharset;
    this.fileFilter = fileFilter;
  }

  /**
   * multer's defaults: memory storage, no limit on file size, files, fields, parts and field name
   * length, field values up to 1 MiB, 2000 header lines per part, every file accepted; plus a
   * list index limit of 10000 in field names (see {@link #fieldArrayIndexLimit(long)}).
   */
  public static MultipartOptions defaults() {
    return new MultipartOptions(Storage.memory(), UNLIMITED, UNLIMITED, UNLIMITED, 1024 * 1024, UNLIMITED,
        UNLIMITED, 2000, 10_000, false, "latin1", null);
  }

  private static long check(String name, long v) {
    if (v < 0) throw new IllegalArgumentException("limit " + name + " must be >= 0, got " + v);
    return v;
  }

  /** The storage (default memory). */
  public MultipartOptions storage(Storage storage) {
    if (storage == null) throw new IllegalArgumentException("storage is required");
    return new MultipartOptions(storage, fileSize, files, fields, fieldSize, fieldNameSize, parts, headerPairs,
        fieldArrayIndexLimit, preservePath, paramCharset, fileFilter);
  }

  /** Largest file in bytes ({@code LIMIT_FILE_SIZE}). @throws IllegalArgumentException when negative */
  public MultipartOptions fileSize(long bytes) {
    return new MultipartOptions(storage, check("fileSize", bytes), files, fields, fieldSize, fieldNameSize, parts,
        headerPairs, fieldArrayIndexLimit, preservePath, paramCharset, fileFilter);
  }

  /** Most file parts ({@code LIMIT_FILE_COUNT}). @throws IllegalArgumentException when negative */
  public MultipartOptions files(long count) {
    return new MultipartOptions(storage, fileSize, check("files", count), fields, fieldSize, fieldNameSize, parts,
        headerPairs, fieldArrayIndexLimit, preservePath, paramCharset, fileFilter);
  }

  /** Most text fields ({@code LIMIT_FIELD_COUNT}). @throws IllegalArgumentException when negative */
  public MultipartOptions fields(long count) {
    return new MultipartOptions(storage, fileSize, files, check("fields", count), fieldSize, fieldNameSize, parts,
        headerPairs, fieldArrayIndexLimit, preservePath, paramCharset, fileFilter);
  }

  /** Longest field value in bytes ({@code LIMIT_FIELD_VALUE}). @throws IllegalArgumentException when negative */
  public MultipartOptions fieldSize(long bytes) {
    return new MultipartOptions(storage, fileSize, files, fields, check("fieldSize", bytes), fieldNameSize, parts,
        headerPairs, fieldArrayIndexLimit, preservePath, paramCharset, fileFilter);
  }

  /**
   * Longest field name in characters, for fields and files ({@code LIMIT_FIELD_KEY}); unlimited
   * unless set, as in multer. @throws IllegalArgumentException when negative
   */
  public MultipartOptions fieldNameSize(long chars) {
    return new MultipartOptions(storage, fileSize, files, fields, fieldSize, check("fieldNameSize", chars), parts,
        headerPairs, fieldArrayIndexLimit, preservePath, paramCharset, fileFilter);
  }

  /** Most parts of any kind ({@code LIMIT_PART_COUNT}). @throws IllegalArgumentException when negative */
  public MultipartOptions parts(long count) {
    return new MultipartOptions(storage, fileSize, files, fields, fieldSize, fieldNameSize, check("parts", count),
        headerPairs, fieldArrayIndexLimit, preservePath, paramCharset, fileFilter);
  }

  /**
   * Header lines read per part (default 2000, busboy's fixed value): only the first {@code n - 1}
   * are looked at, later ones are ignored (not an error). @throws IllegalArgumentException when negative
   */
  public MultipartOptions headerPairs(long n) {
    return new MultipartOptions(storage, fileSize, files, fields, fieldSize, fieldNameSize, parts,
        check("headerPairs", n), fieldArrayIndexLimit, preservePath, paramCharset, fileFilter);
  }

  /**
   * Largest list index in a field name such as {@code a[5]} ({@code LIMIT_FIELD_ARRAY_INDEX},
   * multer's {@code fieldArrayIndexLimit}). multer's default is unlimited; here it is 10000,
   * because a Java list is not sparse. @throws IllegalArgumentException when negative
   */
  public MultipartOptions fieldArrayIndexLimit(long max) {
    return new MultipartOptions(storage, fileSize, files, fields, fieldSize, fieldNameSize, parts, headerPairs,
        check("fieldArrayIndexLimit", max), preservePath, paramCharset, fileFilter);
  }

  /** Keep the client's full path in {@link UploadedFile#originalName()} (multer's {@code preservePath}; default false). */
  public MultipartOptions preservePath(boolean preserve) {
    return new MultipartOptions(storage, fileSize, files, fields, fieldSize, fieldNameSize, parts, headerPairs,
        fieldArrayIndexLimit, preserve, paramCharset, fileFilter);
  }

  /**
   * The charset of plain {@code name} and {@code filename} parameters (multer's {@code
   * defParamCharset}): {@code "latin1"} by default, as multer, which turns UTF-8 file names sent
   * by browsers into mojibake; {@code "utf8"} decodes them. Also {@code utf16le} and {@code base64}.
   *
   * @throws IllegalArgumentException for a charset busboy does not decode
   */
  public MultipartOptions paramCharset(String charset) {
    if (charset == null || dev.eddy.web.internal.MultipartSyntax.decoder(charset) == null) {
      throw new IllegalArgumentException("unsupported paramCharset: " + charset);
    }
    return new MultipartOptions(storage, fileSize, files, fields, fieldSize, fieldNameSize, parts, headerPairs,
        fieldArrayIndexLimit, preservePath, charset, fileFilter);
  }

  /** The file filter (null: accept every file). */
  public MultipartOptions fileFilter(FileFilter filter) {
    return new MultipartOptions(storage, fileSize, files, fields, fieldSize, fieldNameSize, parts, headerPairs,
        fieldArrayIndexLimit, preservePath, paramCharset, filter);
  }

  public Storage storage() { return storage; }
  public long fileSize() { return fileSize; }
  public long files() { return files; }
  public long fields() { return fields; }
  public long fieldSize() { return fieldSize; }
  public long fieldNameSize() { return fieldNameSize; }
  public long parts() { return parts; }
  public long headerPairs() { return headerPairs; }
  public long fieldArrayIndexLimit() { return fieldArrayIndexLimit; }
  public boolean preservePath() { return preservePath; }
  public String paramCharset() { return paramCharset; }
  public FileFilter fileFilter() { return fileFilter; }
}
