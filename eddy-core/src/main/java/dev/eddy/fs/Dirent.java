package dev.eddy.fs;

/**
 * Node's {@code fs.Dirent}: one entry of {@code readdir(path, withFileTypes)}. The type is the
 * entry's own (a symbolic link is reported as a link, not followed). Immutable; any thread.
 *
 * @param name the entry's name within its directory
 * @param path the directory that was read (Node 20's {@code dirent.path})
 * @param isFile whether the entry is a regular file
 * @param isDirectory whether the entry is a directory
 * @param isSymbolicLink whether the entry is a symbolic link
 */
public record Dirent(String name, String path, boolean isFile, boolean isDirectory, boolean isSymbolicLink) {}
