package dev.eddy.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Request methods as llhttp knows them, with one canonical {@code String} per method so that a
 * parsed method is a constant (compare with {@code ==} or {@code equals}) and costs no allocation.
 *
 * <p>{@link #NODE_METHODS} is Node's {@code http.METHODS}. The parser's table is llhttp's, which is
 * larger: {@code PRI} (always rejected later, as HTTP/2 preface) and the RTSP methods (accepted only
 * with an {@code RTSP/x.y} version or a request without version, like llhttp). Immutable; safe on
 * any thread.
 */
public final class HttpMethods {
    public static final String ACL = "ACL", BIND = "BIND", CHECKOUT = "CHECKOUT", CONNECT = "CONNECT",
            COPY = "COPY", DELETE = "DELETE", GET = "GET", HEAD = "HEAD", LINK = "LINK", LOCK = "LOCK",
            M_SEARCH = "M-SEARCH", MERGE = "MERGE", MKACTIVITY = "MKACTIVITY", MKCALENDAR = "MKCALENDAR",
            MKCOL = "MKCOL", MOVE = "MOVE", NOTIFY = "NOTIFY", OPTIONS = "OPTIONS", PATCH = "PATCH",
            POST = "POST", PROPFIND = "PROPFIND", PROPPATCH = "PROPPATCH", PURGE = "PURGE", PUT = "PUT",
            QUERY = "QUERY", REBIND = "REBIND", REPORT = "REPORT", SEARCH = "SEARCH", SOURCE = "SOURCE",
            SUBSCRIBE = "SUBSCRIBE", TRACE = "TRACE", UNBIND = "UNBIND", UNLINK = "UNLINK",
            UNLOCK = "UNLOCK", UNSUBSCRIBE = "UNSUBSCRIBE";

    /** llhttp-only methods: the HTTP/2 preface method and RTSP (RFC 2326) / RAOP methods. */
    public static final String PRI = "PRI", DESCRIBE = "DESCRIBE", ANNOUNCE = "ANNOUNCE", SETUP = "SETUP",
            PLAY = "PLAY", PAUSE = "PAUSE", TEARDOWN = "TEARDOWN", GET_PARAMETER = "GET_PARAMETER",
            SET_PARAMETER = "SET_PARAMETER", REDIRECT = "REDIRECT", RECORD = "RECORD", FLUSH = "FLUSH";

    /** Node's {@code http.METHODS}, sorted as Node sorts it. */
    public static final List<String> NODE_METHODS = List.of(ACL, BIND, CHECKOUT, CONNECT, COPY, DELETE,
            GET, HEAD, LINK, LOCK, M_SEARCH, MERGE, MKACTIVITY, MKCALENDAR, MKCOL, MOVE, NOTIFY, OPTIONS,
            PATCH, POST, PROPFIND, PROPPATCH, PURGE, PUT, QUERY, REBIND, REPORT, SEARCH, SOURCE, SUBSCRIBE,
            TRACE, UNBIND, UNLINK, UNLOCK, UNSUBSCRIBE);

    /** Protocol bits: which request-line protocols llhttp allows a method with. */
    static final int P_HTTP = 1, P_RTSP = 2, P_ICE = 4;

    private static final String[] NAMES;
    private static final byte[][] BYTES;
    private static final int[] PROTOCOLS;
    /** Method indexes in byte order, so that the methods sharing a prefix form one contiguous range. */
    private static final int[] SORTED;

    static {
        String[] rtsp = {OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER,
                SET_PARAMETER, REDIRECT, RECORD, GET, POST, FLUSH};
        String[] extra = {PRI, DESCRIBE, ANNOUNCE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER,
                SET_PARAMETER, REDIRECT, RECORD, FLUSH};
        int n = NODE_METHODS.size() + extra.length;
        NAMES = new String[n];
        BYTES = new byte[n][];
        PROTOCOLS = new int[n];
        int i = 0;
        for (String m : NODE_METHODS) {
            NAMES[i++] = m;
        }
        for (String m : extra) {
            NAMES[i++] = m;
        }
        for (i = 0; i < n; i++) {
            String m = NAMES[i];
            BYTES[i] = m.getBytes(StandardCharsets.US_ASCII);
            int p = 0;
            // llhttp's METHODS_HTTP is every HTTP/1 method plus PRI: everything but the RTSP-only ones.
            if (i < NODE_METHODS.size() || m == PRI) {
                p |= P_HTTP;
            }
            for (String r : rtsp) {
                if (r == m) {
                    p |= P_RTSP;
                }
            }
            if (m == SOURCE) {
                p |= P_ICE;
            }
            PROTOCOLS[i] = p;
        }
        SORTED = java.util.stream.IntStream.range(0, n).boxed()
                .sorted((x, y) -> java.util.Arrays.compare(BYTES[x], BYTES[y]))
                .mapToInt(Integer::intValue).toArray();
    }

    private HttpMethods() {
    }

    /** Number of entries of the incremental matcher's range: {@code [0, count())} matches the empty prefix. */
    static int count() {
        return SORTED.length;
    }

    /**
     * One step of incremental matching: given the range {@code [lo, hi)} of sorted methods that start
     * with the {@code pos} bytes seen so far, returns the range of those continuing with byte b, packed
     * as {@code lo << 16 | hi} (empty when lo == hi). Shorter methods sort first, so the range's first
     * entry is the exact match when there is one.
     */
    static int narrow(int lo, int hi, int pos, int b) {
        int first = -1, last = -1;
        for (int i = lo; i < hi; i++) {
            byte[] m = BYTES[SORTED[i]];
            if (m.length > pos && (m[pos] & 0xff) == b) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            } else if (first >= 0) {
                break;
            }
        }
        return first < 0 ? 0 : first << 16 | (last + 1);
    }

    /** The method exactly {@code len} bytes long at the start of range {@code [lo, hi)}, or -1. */
    static int exact(int lo, int hi, int len) {
        return lo < hi && BYTES[SORTED[lo]].length == len ? SORTED[lo] : -1;
    }

    /** The canonical String of method {@code index} from {@link #exact}. */
    static String name(int index) {
        return NAMES[index];
    }

    /** The {@code P_*} bits of the protocols llhttp accepts method {@code index} (from {@link #exact}) with. */
    static int protocols(int index) {
        return PROTOCOLS[index];
    }
}
