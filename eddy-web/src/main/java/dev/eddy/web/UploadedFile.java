package dev.eddy.web;

import java.nio.file.Path;

/**
 * A file received by {@link Multipart}: multer's file object. Immutable (the {@code bytes} array is
 * the upload's own; do not modify it).
 *
 * @param fieldName the form field the file came in ({@code name} parameter)
 * @param originalName the file name the client sent, without its path (untrusted)
 * @param encoding the part's Content-Transfer-Encoding in lower case, {@code 7bit} when absent
 *     (informational: the bytes are stored as received)
 * @param mimeType the part's {@code type/subtype} in lower case; {@code text/plain} when the part
 *     has no (valid) Content-Type, as in busboy
 * @param size the file's length in bytes (0 while a file filter runs)
 * @param path disk storage: the stored file ({@code destination/fileName}); null for memory
 * @param bytes memory storage: the content; null for disk
 * @param fileName disk storage: the random name in {@code destination}; null for memory
 * @param destination disk storage: the directory; null for memory
 */
public record UploadedFile(String fieldName, String originalName, String encoding, String mimeType, long size,
    Path path, byte[] bytes, String fileName, Path destination) {}
