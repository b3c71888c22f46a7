package dev.eddy.http.internal;

import java.nio.charset.StandardCharsets;

/**
 * The head of one parsed HTTP message (request line or status line, and header fields) or the
 * trailer section of a chunked message, plus the framing llhttp derived from it.
 *
 * <p>Immutable once handed to {@link HttpParser.Listener#onHeadersComplete} (or
 * {@link HttpParser.Listener#onMessageComplete}); it owns its bytes (never a view of the parser's
 * input or scratch), so it may be kept and read from any thread. The request-target, status message,
 * names and values are kept as one byte array plus offsets; Strings are built on demand (ISO-8859-1:
 * one char per byte) and the URL string is cached. Lazy caching is a benign race: at worst two threads
 * build equal strings.
 */
public final class HttpHead {
    private final String method;
    private final byte[] bytes;
    /** Per field i: name start, name end, value start, value end (value end excludes trailing SP/HTAB). */
    private final int[] offsets;
    private final int size;
    private final int urlStart, urlEnd;
    private final int versionMajor, versionMinor;
    private final int statusCode;
    private final long contentLength;
    private final boolean chunked, keepAlive, upgrade;
    private String url;

    HttpHead(String method, byte[] bytes, int[] offsets, int size, int urlStart, int urlEnd,
             int versionMajor, int versionMinor, int statusCode, long contentLength,
             boolean chunked, boolean keepAlive, boolean upgrade) {
        this.method = method;
        this.bytes = bytes;
        this.offsets = offsets;
        this.size = size;
        this.urlStart = urlStart;
        this.urlEnd = urlEnd;
        this.versionMajor = versionMajor;
        this.versionMinor = versionMinor;
        this.statusCode = statusCode;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.keepAlive = keepAlive;
        this.upgrade = upgrade;
    }

    /** The request method, one of the {@link HttpMethods} constants; null for responses and trailers. */
    public String method() {
        return method;
    }

    /** The request-target exactly as received (ISO-8859-1); "" for responses and trailers. */
    public String url() {
        String u = url;
        if (u == null) {
            u = new String(bytes, urlStart, urlEnd - urlStart, StandardCharsets.ISO_8859_1);
            url = u;
        }
        return u;
    }

    /** Whether the request-target equals {@code ascii} (compared char by byte, no allocation). */
    public boolean urlEquals(String ascii) {
        return regionEquals(urlStart, urlEnd, ascii, false);
    }

    /** The response's reason phrase as received (may be empty); "" for requests. */
    public String statusMessage() {
        return method == null ? new String(bytes, urlStart, urlEnd - urlStart, StandardCharsets.ISO_8859_1) : "";
    }

    /** Major version as Node reports it (0 for a request without version, i.e. 0.9). */
    public int versionMajor() {
        return versionMajor;
    }

    /** Minor version as Node reports it. */
    public int versionMinor() {
        return versionMinor;
    }

    /** The response status code; 0 for requests. */
    public int statusCode() {
        return statusCode;
    }

    /** How many header (or trailer) lines are stored; later lines past the parser's limit are not. */
    public int size() {
        return size;
    }

    /** Name of field {@code i}, case as received. */
    public String name(int i) {
        int o = i * 4;
        return new String(bytes, offsets[o], offsets[o + 1] - offsets[o], StandardCharsets.ISO_8859_1);
    }

    /** Value of field {@code i}, without leading and trailing SP/HTAB. */
    public String value(int i) {
        int o = i * 4 + 2;
        return new String(bytes, offsets[o], offsets[o + 1] - offsets[o], StandardCharsets.ISO_8859_1);
    }

    /** Whether the name of field {@code i} equals {@code lowerAscii} ignoring ASCII case. */
    public boolean nameEqualsIgnoreCase(int i, String lowerAscii) {
        return regionEquals(offsets[i * 4], offsets[i * 4 + 1], lowerAscii, true);
    }

    /** Whether the (trimmed) value of field {@code i} equals {@code s} ignoring ASCII case. */
    public boolean valueEqualsIgnoreCase(int i, String s) {
        return regionEquals(offsets[i * 4 + 2], offsets[i * 4 + 3], s, true);
    }

    /** Index of the first field named {@code lowerName} (ASCII case-insensitive), or -1. */
    public int indexOf(String lowerName) {
        for (int i = 0; i < size; i++) {
            if (nameEqualsIgnoreCase(i, lowerName)) {
                return i;
            }
        }
        return -1;
    }

    /** The Content-Length llhttp parsed, -1 without one; values of 2^63 and more read as Long.MAX_VALUE. */
    public long contentLength() {
        return contentLength;
    }

    /** Whether the body is chunked (Transfer-Encoding ending in chunked). */
    public boolean isChunked() {
        return chunked;
    }

    /**
     * llhttp_should_keep_alive as Node sees it at headers time: HTTP/1.1 unless a {@code close} token in
     * Connection / Proxy-Connection; older versions (and 2.0) only with a {@code keep-alive} token;
     * never for a response delimited by EOF.
     */
    public boolean shouldKeepAlive() {
        return keepAlive;
    }

    /**
     * llhttp's upgrade flag: a request with Upgrade and a Connection {@code upgrade} token, a CONNECT
     * request, a 101 response, or a 2xx response to CONNECT.
     */
    public boolean isUpgrade() {
        return upgrade;
    }

    private boolean regionEquals(int from, int to, String s, boolean ignoreCase) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = from, j = 0; i < to; i++, j++) {
            int a = bytes[i] & 0xff;
            int b = s.charAt(j);
            if (a != b) {
                if (!ignoreCase) {
                    return false;
                }
                if (a >= 'A' && a <= 'Z') {
                    a += 32;
                }
                if (b >= 'A' && b <= 'Z') {
                    b += 32;
                }
                if (a != b) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (method != null) {
            sb.append(method).append(' ').append(url()).append(" HTTP/").append(versionMajor).append('.').append(versionMinor);
        } else if (statusCode != 0) {
            sb.append("HTTP/").append(versionMajor).append('.').append(versionMinor).append(' ').append(statusCode)
                    .append(' ').append(statusMessage());
        }
        for (int i = 0; i < size; i++) {
            sb.append("\n").append(name(i)).append(": ").append(value(i));
        }
        return sb.toString();
    }
}
