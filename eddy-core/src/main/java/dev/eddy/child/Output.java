package dev.eddy.child;

/**
 * What a finished {@code exec}/{@code execFile} printed: Strings (decoded with the {@code
 * encoding} option, utf8 by default) or {@link dev.eddy.Buffer}s when the encoding is {@code
 * "buffer"}, as in Node where both are {@code string | Buffer}.
 *
 * @param stdout the child's standard output
 * @param stderr the child's standard error
 */
public record Output(Object stdout, Object stderr) {}
