package dev.eddy.http.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * An incremental HTTP/1.x message parser with the rules of llhttp 9.3 in its default (strict) mode,
 * plus the Node-level rules Node's {@code node_http_parser.cc} adds: the header-size budget (bytes of
 * the request-target / reason phrase, header names and values; 431 at {@code maxHeaderSize}), the
 * chunk-extension budget (413 above 16384 bytes per chunk) and the number of stored header lines.
 *
 * <p>Feed bytes with {@link #execute}; events arrive synchronously on the {@link Listener}. Any split of
 * the input into pieces gives the same events. No exception escapes for any input; errors are sticky
 * and reported by {@link #error()} and {@link #errorReason()}.
 *
 * <p>Where this differs from llhttp 9.3 on purpose: the status line of a response must end in CRLF
 * (9.3 also took CR CR; fixed in 9.4.2); the header budget is checked as bytes arrive rather than when
 * llhttp reports a span, which only matters when an over-long token is also malformed (431 instead of
 * 400); and a message with llhttp's upgrade flag whose head the listener answered with NORMAL is not
 * followed by llhttp's upgrade pause: parsing goes on.
 *
 * <p>Not thread-safe: one parser belongs to one connection and is used by the thread that reads it
 * (the event loop). Per message it allocates the {@link HttpHead} objects and nothing per byte,
 * header or call otherwise.
 */
public final class HttpParser {

    /** Which start line the parser expects. */
    public enum Kind { REQUEST, RESPONSE }

    /**
     * Receives the parse events, on the thread calling {@link #execute} / {@link #finish}. A callback may
     * call {@link #pause()}; it must not call {@code execute} re-entrantly. Exceptions thrown by a
     * callback propagate out of {@code execute} and leave the parser in an unspecified state.
     */
    public interface Listener {
        /** Return values of {@link #onHeadersComplete}. */
        int NORMAL = 0, SKIP_BODY = 1, UPGRADE = 2;

        /** The first byte of a message (other than the CR/LF skipped between messages) was seen. */
        void onMessageBegin();

        /**
         * The head is complete. head is a fresh object the listener may keep. Return NORMAL, SKIP_BODY
         * (no body follows, e.g. response to HEAD), or UPGRADE (stop: the rest of the bytes belong to
         * another protocol; onMessageComplete follows at once and execute returns the offset just after
         * the head).
         */
        int onHeadersComplete(HttpHead head);

        /** Body bytes, chunk framing removed; the range is only valid during the call (copy it). */
        void onBody(byte[] buf, int off, int len);

        /** The message is complete. trailers: null when none (non-chunked), else only fields (maybe 0). */
        void onMessageComplete(HttpHead trailers);
    }

    /** Node's default maximum of chunk-extension bytes per chunk (more gives 413). */
    static final int MAX_CHUNK_EXTENSIONS = 16384;
    /** Node keeps the first 1023 header lines with its default maxHeadersCount (2000 raw strings). */
    static final int DEFAULT_MAX_STORED_HEADERS = 1023;
    /** Slack over maxHeaderSize the scratch may have (the counted bytes stay below maxHeaderSize). */
    static final int SCRATCH_SLACK = 16;

    private static final byte CR = '\r', LF = '\n';

    // llhttp's flags (same bits, for easy comparison with its source).
    private static final int F_CONNECTION_KEEP_ALIVE = 1, F_CONNECTION_CLOSE = 2, F_CONNECTION_UPGRADE = 4,
            F_CHUNKED = 8, F_UPGRADE = 16, F_CONTENT_LENGTH = 32, F_SKIPBODY = 64, F_TRAILING = 128,
            F_TRANSFER_ENCODING = 512;

    // llhttp's header states.
    private static final int H_GENERAL = 0, H_CONNECTION = 1, H_CONTENT_LENGTH = 2, H_TRANSFER_ENCODING = 3,
            H_UPGRADE = 4, H_CONNECTION_KEEP_ALIVE = 5, H_CONNECTION_CLOSE = 6, H_CONNECTION_UPGRADE = 7,
            H_TRANSFER_ENCODING_CHUNKED = 8;

    // Parser states.
    private static final int S_START = 0, S_METHOD = 1, S_SPACES_BEFORE_URL = 2, S_URL_START = 3,
            S_URL_SCHEMA = 4, S_URL_SLASH1 = 5, S_URL_SLASH2 = 6, S_URL_SERVER = 7, S_URL_SERVER_AT = 8,
            S_URL_PATH = 9, S_URL_CR = 10, S_REQ_HTTP_START = 11, S_REQ_PROTO = 12, S_REQ_SLASH = 13,
            S_REQ_MAJOR = 14, S_REQ_DOT = 15, S_REQ_MINOR = 16, S_REQ_LINE_END = 17, S_REQ_LINE_LF = 18,
            S_PRI = 19, S_RES_PROTO_START = 20, S_RES_PROTO = 21, S_RES_SLASH = 22, S_RES_MAJOR = 23,
            S_RES_DOT = 24, S_RES_MINOR = 25, S_RES_AFTER_VERSION = 26, S_RES_CODE = 27, S_RES_CODE_END = 28,
            S_RES_STATUS = 29, S_RES_LINE_LF = 30, S_HEADERS_START = 31, S_FIELD_START = 32, S_FIELD = 33,
            S_VALUE_DISCARD_WS = 34, S_VALUE_DISCARD_WS_LF = 35, S_VALUE_DISCARD_LWS = 36, S_VALUE = 37,
            S_VALUE_LF = 38, S_VALUE_LWS = 39, S_TE_CHUNKED = 40, S_TE_LAST = 41, S_TE_TOKEN = 42,
            S_TE_OWS = 43, S_CL = 44, S_CL_WS = 45, S_CONN = 46, S_CONN_WS = 47, S_CONN_TOKEN = 48,
            S_HEADERS_LF = 49, S_HEADERS_DONE = 50, S_BODY_IDENTITY = 51, S_BODY_EOF = 52,
            S_CHUNK_SIZE_START = 53, S_CHUNK_SIZE = 54, S_CHUNK_EXT_START = 55, S_CHUNK_EXT_NAME = 56,
            S_CHUNK_EXT_VALUE = 57, S_CHUNK_EXT_QUOTED = 58, S_CHUNK_EXT_QPAIR = 59, S_CHUNK_EXT_QDONE = 60,
            S_CHUNK_SIZE_LF = 61, S_CHUNK_DATA = 62, S_CHUNK_DATA_CR = 63, S_CHUNK_DATA_LF = 64,
            S_CLOSED = 65, S_UPGRADED = 66, S_DEAD = 67;

    // Byte classes (llhttp's tables).
    private static final int C_TOKEN = 1, C_URL = 2, C_HEADER = 4, C_USERINFO = 8, C_QDTEXT = 16,
            C_CONN_TOKEN = 32, C_ALPHA = 64;
    private static final byte[] CLASS = new byte[256];
    private static final byte[] HEX = new byte[256];

    private static final byte[] SEQ_HTTP = {'H', 'T', 'T', 'P'}, SEQ_RTSP = {'R', 'T', 'S', 'P'},
            SEQ_ICE = {'I', 'C', 'E'}, SEQ_CHUNKED = {'c', 'h', 'u', 'n', 'k', 'e', 'd'},
            SEQ_CLOSE = {'c', 'l', 'o', 's', 'e'}, SEQ_UPGRADE = {'u', 'p', 'g', 'r', 'a', 'd', 'e'},
            SEQ_KEEP_ALIVE = {'k', 'e', 'e', 'p', '-', 'a', 'l', 'i', 'v', 'e'},
            SEQ_PRI = {'\r', '\n', '\r', '\n', 'S', 'M', '\r', '\n', '\r', '\n'};
    private static final byte[] EMPTY = new byte[0];
    private static final int[] NO_OFFSETS = new int[0];
    /** Longest special header name, transfer-encoding. */
    private static final int PROBE = 17;
    private static final byte[][] SPECIAL = {
            "connection".getBytes(), "content-length".getBytes(), "proxy-connection".getBytes(),
            "transfer-encoding".getBytes(), "upgrade".getBytes()};
    private static final int[] SPECIAL_STATE = {H_CONNECTION, H_CONTENT_LENGTH, H_CONNECTION,
            H_TRANSFER_ENCODING, H_UPGRADE};

    static {
        String token = "!#$%&'*+-.^_`|~";
        String url = "!\"$%&'()*+,-./:;<=>@[\\]^_`{|}~?#";
        String userinfo = "-_.!~*'()%;:&=+$,";
        for (int c = 0; c < 256; c++) {
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean alnum = alpha || (c >= '0' && c <= '9');
            int k = 0;
            if (alnum || (c < 128 && token.indexOf(c) >= 0)) {
                k |= C_TOKEN;
            }
            if (alnum || (c < 128 && url.indexOf(c) >= 0)) {
                k |= C_URL;
            }
            if (alnum || (c < 128 && userinfo.indexOf(c) >= 0)) {
                k |= C_USERINFO;
            }
            boolean header = c == '\t' || (c >= 0x20 && c != 0x7f);
            if (header) {
                k |= C_HEADER;
                if (c != ',') {
                    k |= C_CONN_TOKEN;
                }
                if (c != '"' && c != '\\') {
                    k |= C_QDTEXT;
                }
            }
            if (alpha) {
                k |= C_ALPHA;
            }
            CLASS[c] = (byte) k;
            HEX[c] = (byte) (c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1);
        }
    }

    private final boolean request;
    private final Listener listener;
    private final int maxHeaderSize;
    private int maxStoredHeaders = DEFAULT_MAX_STORED_HEADERS;

    private int state = S_START;
    private HttpParseError error;
    private String reason;
    private boolean paused;
    private boolean inMessage;

    // Per message.
    private int flags;
    private int headerState;
    /** Content-Length, then the remaining body / chunk bytes; unsigned while parsed, clamped after. */
    private long length;
    private int methodIndex = -1;
    private String method;
    private int major, minor, statusCode, codeDigits;
    private boolean upgrade;
    private boolean stopAfterHead;
    private String expectedMethod;
    /** Range of the sorted method table still matching the method bytes seen, and their count. */
    private int methodLo, methodHi, methodLen;
    // A literal being matched (protocol name, "chunked", a Connection keyword, the HTTP/2 preface):
    // matched byte by byte so that a split inside it needs no buffering.
    private byte[] seq;
    private int seqIndex;
    private int protocol;
    private int keywordState;

    // The head under construction: target (or reason phrase), names and values.
    private byte[] scratch;
    private int scratchLen;
    private int[] offsets = new int[32];
    private int stored;
    private int urlStart, urlEnd;
    private boolean storing;
    private int nameStart, nameEnd, valueStart, valueEnd;
    private final byte[] probe = new byte[PROBE];
    private int probeLen;
    private int headerBytes;
    private int extensionBytes;

    /**
     * @param kind which messages to parse
     * @param listener receives the events
     * @param maxHeaderSize Node's maxHeaderSize (16384 by default): the head errors with
     *                      HPE_HEADER_OVERFLOW (431) once its counted bytes reach it
     * @throws IllegalArgumentException if maxHeaderSize is not positive
     */
    public HttpParser(Kind kind, Listener listener, int maxHeaderSize) {
        if (maxHeaderSize < 1) {
            throw new IllegalArgumentException("maxHeaderSize must be positive: " + maxHeaderSize);
        }
        this.request = kind == Kind.REQUEST;
        this.listener = listener;
        this.maxHeaderSize = maxHeaderSize;
        this.scratch = new byte[Math.min(512, maxHeaderSize + SCRATCH_SLACK)];
    }

    /**
     * How many header lines a head keeps (default 1023, Node's behaviour with its default
     * maxHeadersCount); later lines are still parsed, validated, counted and affect the framing.
     *
     * @throws IllegalArgumentException if max is negative
     */
    public void setMaxStoredHeaders(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0: " + max);
        }
        this.maxStoredHeaders = max;
    }

    /**
     * Parses len bytes of buf from off; returns how many were consumed. Stops early (returning the
     * offset reached) on an error, when the listener's onHeadersComplete returned UPGRADE (or a 101 /
     * CONNECT 2xx response was parsed), or when the parser was paused by a callback. Returns 0 at once
     * while paused, after an error or after an upgrade. Never throws on any input (only what a
     * listener callback throws propagates; an off/len outside buf is an IndexOutOfBoundsException before
     * any byte is parsed). An Upgrade request (llhttp's upgrade flag) for which the listener returned NORMAL is parsed
     * as an ordinary message and parsing goes on after it; Node drops the rest of that read, which is
     * the caller's decision ({@link HttpHead#isUpgrade()}).
     */
    public int execute(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (error != null || paused || state == S_UPGRADED || state == S_DEAD) {
            return 0;
        }
        int p = off;
        final int end = off + len;
        if (state == S_HEADERS_DONE) {
            afterHeaders();
            if (error != null || paused || state == S_UPGRADED) {
                return 0;
            }
        }
        while (p < end) {
            final int b = buf[p] & 0xff;
            switch (state) {
                case S_START -> {
                    if (b == CR || b == LF) {
                        p++;
                        continue;
                    }
                    beginMessage();
                    state = request ? S_METHOD : S_RES_PROTO_START;
                    listener.onMessageBegin();
                    if (paused) {
                        return p - off;
                    }
                }

                // ---- request line ----
                case S_METHOD -> {
                    // Incremental like llhttp's trie, so the error offset and reason match it.
                    if (b == ' ') {
                        int idx = HttpMethods.exact(methodLo, methodHi, methodLen);
                        if (idx < 0) {
                            return fail(HttpParseError.HPE_INVALID_METHOD, "Invalid method encountered", p, off);
                        }
                        methodIndex = idx;
                        method = HttpMethods.name(idx);
                        p++;
                        state = S_SPACES_BEFORE_URL;
                        continue;
                    }
                    int range = HttpMethods.narrow(methodLo, methodHi, methodLen, b);
                    if (range == 0) {
                        return fail(HttpParseError.HPE_INVALID_METHOD,
                                HttpMethods.exact(methodLo, methodHi, methodLen) >= 0 ? "Expected space after method"
                                        : "Invalid method encountered", p, off);
                    }
                    methodLo = range >>> 16;
                    methodHi = range & 0xffff;
                    methodLen++;
                    p++;
                }
                case S_SPACES_BEFORE_URL -> {
                    if (b == ' ') {
                        p++;
                    } else {
                        urlStart = urlEnd = scratchLen;
                        storing = true;
                        // CONNECT takes authority-form: llhttp enters its URL machine at the host.
                        state = method == HttpMethods.CONNECT ? S_URL_SERVER : S_URL_START;
                    }
                }
                case S_URL_START -> {
                    if (b == '/' || b == '*') {
                        state = S_URL_PATH;
                    } else if ((CLASS[b] & C_ALPHA) != 0) {
                        state = S_URL_SCHEMA;
                    } else {
                        return fail(HttpParseError.HPE_INVALID_URL, b == ' ' || b == CR || b == LF || b == '\t'
                                || b == '\f' ? "Invalid characters in url" : "Unexpected start char in url", p, off);
                    }
                    if (!take1(b)) {
                        return overflow(p, off);
                    }
                    p++;
                }
                case S_URL_SCHEMA -> {
                    if (b == ':') {
                        state = S_URL_SLASH1;
                    } else if ((CLASS[b] & C_ALPHA) == 0) {
                        return fail(HttpParseError.HPE_INVALID_URL, "Unexpected char in url schema", p, off);
                    }
                    if (!take1(b)) {
                        return overflow(p, off);
                    }
                    p++;
                }
                case S_URL_SLASH1, S_URL_SLASH2 -> {
                    if (b != '/') {
                        return fail(HttpParseError.HPE_INVALID_URL, "Unexpected char in url schema", p, off);
                    }
                    if (!take1(b)) {
                        return overflow(p, off);
                    }
                    p++;
                    state = state == S_URL_SLASH1 ? S_URL_SLASH2 : S_URL_SERVER;
                }
                case S_URL_SERVER, S_URL_SERVER_AT -> {
                    if (b == '/') {
                        state = S_URL_PATH;
                        continue;
                    }
                    if (b == ' ' || b == CR || b == LF) {
                        p = urlEnded(b, p);
                        continue;
                    }
                    if (b == '?' || (CLASS[b] & C_USERINFO) != 0 || b == '[' || b == ']') {
                        state = b == '?' ? S_URL_PATH : S_URL_SERVER;
                    } else if (b == '@') {
                        if (state == S_URL_SERVER_AT) {
                            return fail(HttpParseError.HPE_INVALID_URL, "Double @ in url", p, off);
                        }
                        state = S_URL_SERVER_AT;
                    } else {
                        return fail(HttpParseError.HPE_INVALID_URL, "Unexpected char in url server", p, off);
                    }
                    if (!take1(b)) {
                        return overflow(p, off);
                    }
                    p++;
                }
                case S_URL_PATH -> {
                    int q = p;
                    while (q < end && (CLASS[buf[q] & 0xff] & C_URL) != 0) {
                        q++;
                    }
                    if (q > p) {
                        int f = take(buf, p, q - p);
                        if (f >= 0) {
                            return overflow(f, off);
                        }
                        p = q;
                        continue;
                    }
                    if (b == ' ' || b == CR || b == LF) {
                        p = urlEnded(b, p);
                    } else {
                        return fail(HttpParseError.HPE_INVALID_URL, "Invalid char in url path", p, off);
                    }
                }
                case S_URL_CR -> {
                    if (b != LF) {
                        return fail(HttpParseError.HPE_INVALID_URL, "Expected CRLF", p, off);
                    }
                    p++;
                    toHttp09();
                }
                case S_REQ_HTTP_START -> {
                    if (b == ' ') {
                        p++;
                        continue;
                    }
                    if (b == 'H') {
                        // the usual "HTTP/1.1\r\n" (or 1.0) whole: the same outcome as the steps below
                        if (p + 10 <= end && matchesVersionLine(buf, p)
                                && (HttpMethods.protocols(methodIndex) & HttpMethods.P_HTTP) != 0
                                && method != HttpMethods.PRI) {
                            protocol = HttpMethods.P_HTTP;
                            major = 1;
                            minor = buf[p + 7] - '0';
                            p += 10;
                            state = S_HEADERS_START;
                            continue;
                        }
                        seq = SEQ_HTTP;
                        protocol = HttpMethods.P_HTTP;
                    } else if (b == 'R') {
                        seq = SEQ_RTSP;
                        protocol = HttpMethods.P_RTSP;
                    } else if (b == 'I') {
                        seq = SEQ_ICE;
                        protocol = HttpMethods.P_ICE;
                    } else {
                        return fail(HttpParseError.HPE_INVALID_CONSTANT, "Expected HTTP/, RTSP/ or ICE/", p, off);
                    }
                    seqIndex = 1;
                    p++;
                    state = S_REQ_PROTO;
                }
                case S_REQ_PROTO, S_RES_PROTO -> {
                    if (b != seq[seqIndex]) {
                        return fail(HttpParseError.HPE_INVALID_CONSTANT, "Expected HTTP/, RTSP/ or ICE/", p, off);
                    }
                    p++;
                    if (++seqIndex == seq.length) {
                        if (state == S_REQ_PROTO) {
                            if ((HttpMethods.protocols(methodIndex) & protocol) == 0) {
                                return fail(HttpParseError.HPE_INVALID_CONSTANT, protocol == HttpMethods.P_HTTP
                                        ? "Invalid method for HTTP/x.x request" : protocol == HttpMethods.P_RTSP
                                        ? "Invalid method for RTSP/x.x request"
                                        : "Expected SOURCE method for ICE/x.x request", p, off);
                            }
                            state = S_REQ_SLASH;
                        } else {
                            state = S_RES_SLASH;
                        }
                    }
                }
                case S_REQ_SLASH, S_RES_SLASH -> {
                    if (b != '/') {
                        return fail(HttpParseError.HPE_INVALID_CONSTANT, "Expected HTTP/, RTSP/ or ICE/", p, off);
                    }
                    p++;
                    state = state == S_REQ_SLASH ? S_REQ_MAJOR : S_RES_MAJOR;
                }
                case S_REQ_MAJOR, S_RES_MAJOR -> {
                    if (b < '0' || b > '9') {
                        return fail(HttpParseError.HPE_INVALID_VERSION, "Invalid major version", p, off);
                    }
                    major = b - '0';
                    p++;
                    state = state == S_REQ_MAJOR ? S_REQ_DOT : S_RES_DOT;
                }
                case S_REQ_DOT, S_RES_DOT -> {
                    if (b != '.') {
                        return fail(HttpParseError.HPE_INVALID_VERSION, "Expected dot", p, off);
                    }
                    p++;
                    state = state == S_REQ_DOT ? S_REQ_MINOR : S_RES_MINOR;
                }
                case S_REQ_MINOR, S_RES_MINOR -> {
                    if (b < '0' || b > '9') {
                        return fail(HttpParseError.HPE_INVALID_VERSION, "Invalid minor version", p, off);
                    }
                    minor = b - '0';
                    p++;
                    // llhttp accepts exactly 0.9, 1.0, 1.1 and 2.0.
                    if (!((major == 0 && minor == 9) || (major == 1 && minor <= 1) || (major == 2 && minor == 0))) {
                        return fail(HttpParseError.HPE_INVALID_VERSION, "Invalid HTTP version", p, off);
                    }
                    if (state == S_RES_MINOR) {
                        state = S_RES_AFTER_VERSION;
                    } else if (method == HttpMethods.PRI) {
                        seq = SEQ_PRI;
                        seqIndex = 0;
                        state = S_PRI;
                    } else {
                        state = S_REQ_LINE_END;
                    }
                }
                case S_REQ_LINE_END -> {
                    if (b != CR) {
                        return fail(HttpParseError.HPE_INVALID_VERSION, "Expected CRLF after version", p, off);
                    }
                    p++;
                    state = S_REQ_LINE_LF;
                }
                case S_REQ_LINE_LF -> {
                    if (b != LF) {
                        return fail(HttpParseError.HPE_STRICT, "Expected CRLF after version", p, off);
                    }
                    p++;
                    state = S_HEADERS_START;
                }
                case S_PRI -> {
                    if (b != seq[seqIndex]) {
                        return fail(HttpParseError.HPE_INVALID_VERSION, "Expected HTTP/2 Connection Preface", p, off);
                    }
                    p++;
                    if (++seqIndex == seq.length) {
                        // llhttp hands the connection to an HTTP/2 implementation here; Node has none.
                        return fail(HttpParseError.HPE_PAUSED_H2_UPGRADE, "Pause on PRI/Upgrade", p, off);
                    }
                }

                // ---- status line ----
                case S_RES_PROTO_START -> {
                    if (b == 'H') {
                        seq = SEQ_HTTP;
                    } else if (b == 'R') {
                        seq = SEQ_RTSP;
                    } else if (b == 'I') {
                        seq = SEQ_ICE;
                    } else {
                        return fail(HttpParseError.HPE_INVALID_CONSTANT, "Expected HTTP/, RTSP/ or ICE/", p, off);
                    }
                    seqIndex = 1;
                    p++;
                    state = S_RES_PROTO;
                }
                case S_RES_AFTER_VERSION -> {
                    if (b != ' ') {
                        return fail(HttpParseError.HPE_INVALID_VERSION, "Expected space after version", p, off);
                    }
                    p++;
                    statusCode = 0;
                    codeDigits = 0;
                    state = S_RES_CODE;
                }
                case S_RES_CODE -> {
                    if (b < '0' || b > '9') {
                        return fail(HttpParseError.HPE_INVALID_STATUS, "Invalid status code", p, off);
                    }
                    statusCode = statusCode * 10 + (b - '0');
                    p++;
                    if (++codeDigits == 3) {
                        state = S_RES_CODE_END;
                    }
                }
                case S_RES_CODE_END -> {
                    urlStart = urlEnd = scratchLen;
                    storing = true;
                    if (b == ' ') {
                        state = S_RES_STATUS;
                    } else if (b == CR) {
                        state = S_RES_LINE_LF;
                    } else {
                        return fail(HttpParseError.HPE_INVALID_STATUS, "Invalid response status", p, off);
                    }
                    p++;
                }
                case S_RES_STATUS -> {
                    int q = p;
                    while (q < end && buf[q] != CR && buf[q] != LF) {
                        q++;
                    }
                    if (q > p) {
                        int f = take(buf, p, q - p);
                        if (f >= 0) {
                            return overflow(f, off);
                        }
                        p = q;
                        continue;
                    }
                    if (b == LF) {
                        return fail(HttpParseError.HPE_CR_EXPECTED, "Missing expected CR after response line", p, off);
                    }
                    urlEnd = scratchLen;
                    p++;
                    state = S_RES_LINE_LF;
                }
                case S_RES_LINE_LF -> {
                    // llhttp 9.3 also took a second CR here; 9.4.2 requires CRLF, as we do.
                    if (b != LF) {
                        return fail(HttpParseError.HPE_STRICT, "Expected LF after CR", p, off);
                    }
                    p++;
                    state = S_HEADERS_START;
                }

                // ---- header fields (and trailers) ----
                case S_HEADERS_START -> {
                    if (b == ' ') {
                        return fail(HttpParseError.HPE_UNEXPECTED_SPACE, "Unexpected space after start line", p, off);
                    }
                    state = S_FIELD_START;
                }
                case S_FIELD_START -> {
                    if (b == CR) {
                        p++;
                        state = S_HEADERS_LF;
                    } else if ((CLASS[b] & C_TOKEN) != 0) {
                        storing = stored < maxStoredHeaders;
                        nameStart = scratchLen;
                        probeLen = 0;
                        headerState = H_GENERAL;
                        state = S_FIELD;
                    } else {
                        return fail(HttpParseError.HPE_INVALID_HEADER_TOKEN,
                                b == LF ? "Invalid header field char" : "Invalid header token", p, off);
                    }
                }
                case S_FIELD -> {
                    int q = p;
                    while (q < end && (CLASS[buf[q] & 0xff] & C_TOKEN) != 0) {
                        q++;
                    }
                    if (q > p) {
                        for (int i = p; i < q && probeLen <= PROBE; i++) {
                            if (probeLen < PROBE) {
                                int c = buf[i] & 0xff;
                                probe[probeLen] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
                            }
                            probeLen++;
                        }
                        int f = take(buf, p, q - p);
                        if (f >= 0) {
                            return overflow(f, off);
                        }
                        p = q;
                        continue;
                    }
                    if (b != ':') {
                        // llhttp words it differently when a special name is followed by a space.
                        return fail(HttpParseError.HPE_INVALID_HEADER_TOKEN, b == ' ' && classifyName() != H_GENERAL
                                ? "Invalid header field char" : "Invalid header token", p, off);
                    }
                    nameEnd = scratchLen;
                    headerState = classifyName();
                    if (headerState == H_TRANSFER_ENCODING && (flags & F_CONTENT_LENGTH) != 0) {
                        return fail(HttpParseError.HPE_INVALID_TRANSFER_ENCODING,
                                "Transfer-Encoding can't be present with Content-Length", p, off);
                    }
                    if (headerState == H_CONTENT_LENGTH && (flags & F_TRANSFER_ENCODING) != 0) {
                        return fail(HttpParseError.HPE_INVALID_CONTENT_LENGTH,
                                "Content-Length can't be present with Transfer-Encoding", p, off);
                    }
                    p++;
                    state = S_VALUE_DISCARD_WS;
                }
                case S_VALUE_DISCARD_WS -> {
                    if (b == ' ' || b == '\t') {
                        p++;
                    } else if (b == CR) {
                        p++;
                        state = S_VALUE_DISCARD_WS_LF;
                    } else if (b == LF) {
                        return fail(HttpParseError.HPE_INVALID_HEADER_TOKEN, "Invalid header value char", p, off);
                    } else {
                        valueStart = scratchLen;
                        switch (headerState) {
                            case H_UPGRADE -> {
                                flags |= F_UPGRADE;
                                headerState = H_GENERAL;
                                state = S_VALUE;
                            }
                            case H_TRANSFER_ENCODING -> {
                                if (request && (flags & F_CHUNKED) != 0) {
                                    return fail(HttpParseError.HPE_INVALID_TRANSFER_ENCODING,
                                            "Invalid `Transfer-Encoding` header value", p, off);
                                }
                                flags = (flags | F_TRANSFER_ENCODING) & ~F_CHUNKED;
                                seqIndex = 0;
                                state = S_TE_CHUNKED;
                            }
                            case H_CONTENT_LENGTH -> {
                                if ((flags & F_CONTENT_LENGTH) != 0) {
                                    return fail(HttpParseError.HPE_UNEXPECTED_CONTENT_LENGTH,
                                            "Duplicate Content-Length", p, off);
                                }
                                length = 0;
                                state = S_CL;
                            }
                            case H_CONNECTION -> {
                                seqIndex = 0;
                                state = S_CONN;
                            }
                            default -> state = S_VALUE;
                        }
                    }
                }
                case S_VALUE_DISCARD_WS_LF -> {
                    if (b != LF) {
                        return fail(HttpParseError.HPE_STRICT, "Expected LF after CR", p, off);
                    }
                    p++;
                    state = S_VALUE_DISCARD_LWS;
                }
                case S_VALUE_DISCARD_LWS -> {
                    if (b == ' ' || b == '\t') {
                        return fail(HttpParseError.HPE_INVALID_HEADER_TOKEN, "Invalid header value char", p, off);
                    }
                    if (headerState == H_CONTENT_LENGTH) {
                        return fail(HttpParseError.HPE_INVALID_CONTENT_LENGTH, "Empty Content-Length", p, off);
                    }
                    valueStart = valueEnd = scratchLen;
                    fieldComplete();
                    state = S_FIELD_START;
                }
                case S_VALUE -> {
                    int q = p;
                    while (q < end && (CLASS[buf[q] & 0xff] & C_HEADER) != 0) {
                        q++;
                    }
                    if (q > p) {
                        int f = take(buf, p, q - p);
                        if (f >= 0) {
                            return overflow(f, off);
                        }
                        p = q;
                        continue;
                    }
                    if (!valueOtherwise(b)) {
                        return p - off;
                    }
                    p++;
                }
                case S_VALUE_LF -> {
                    if (b != LF) {
                        return fail(HttpParseError.HPE_LF_EXPECTED, "Missing expected LF after header value", p, off);
                    }
                    p++;
                    state = S_VALUE_LWS;
                }
                case S_VALUE_LWS -> {
                    if (b == ' ' || b == '\t') {
                        return fail(HttpParseError.HPE_INVALID_HEADER_TOKEN,
                                "Unexpected whitespace after header value", p, off);
                    }
                    fieldComplete();
                    state = S_FIELD_START;
                }
                case S_TE_CHUNKED -> {
                    if ((b | 0x20) == SEQ_CHUNKED[seqIndex]) {
                        if (!take1(b)) {
                            return overflow(p, off);
                        }
                        p++;
                        if (++seqIndex == SEQ_CHUNKED.length) {
                            state = S_TE_LAST;
                        }
                    } else {
                        state = S_TE_TOKEN;
                    }
                }
                case S_TE_LAST -> {
                    if (b == ' ') {
                        if (!take1(b)) {
                            return overflow(p, off);
                        }
                        p++;
                    } else if (b == CR || b == LF) {
                        headerState = H_TRANSFER_ENCODING_CHUNKED;
                        if (!valueOtherwise(b)) {
                            return p - off;
                        }
                        p++;
                    } else if (b == ',') {
                        if (request) {
                            // A request's chunked must be the final coding (RFC 9112 6.1).
                            return fail(HttpParseError.HPE_INVALID_TRANSFER_ENCODING,
                                    "Invalid `Transfer-Encoding` header value", p, off);
                        }
                        seqIndex = 0;
                        state = S_TE_CHUNKED;
                    } else {
                        state = S_TE_TOKEN;
                    }
                }
                case S_TE_TOKEN -> {
                    if (b == ',' || (CLASS[b] & C_CONN_TOKEN) != 0) {
                        if (!take1(b)) {
                            return overflow(p, off);
                        }
                        p++;
                        if (b == ',') {
                            state = S_TE_OWS;
                        }
                    } else {
                        headerState = H_GENERAL;
                        state = S_VALUE;
                    }
                }
                case S_TE_OWS -> {
                    if (b == ' ' || b == '\t') {
                        if (!take1(b)) {
                            return overflow(p, off);
                        }
                        p++;
                    } else {
                        seqIndex = 0;
                        state = S_TE_CHUNKED;
                    }
                }
                case S_CL -> {
                    if (b >= '0' && b <= '9') {
                        long v = length;
                        // Unsigned 64-bit like llhttp: 18446744073709551615 fits, one more overflows.
                        if (Long.compareUnsigned(v, 1844674407370955161L) > 0) {
                            return fail(HttpParseError.HPE_INVALID_CONTENT_LENGTH, "Content-Length overflow", p, off);
                        }
                        long t = v * 10;
                        long n = t + (b - '0');
                        if (Long.compareUnsigned(n, t) < 0) {
                            return fail(HttpParseError.HPE_INVALID_CONTENT_LENGTH, "Content-Length overflow", p, off);
                        }
                        length = n;
                        if (!take1(b)) {
                            return overflow(p, off);
                        }
                        p++;
                    } else {
                        state = S_CL_WS;
                    }
                }
                case S_CL_WS -> {
                    if (b == ' ') {
                        if (!take1(b)) {
                            return overflow(p, off);
                        }
                        p++;
                    } else if (b == CR || b == LF) {
                        flags |= F_CONTENT_LENGTH;
                        if (!valueOtherwise(b)) {
                            return p - off;
                        }
                        p++;
                    } else {
                        return fail(HttpParseError.HPE_INVALID_CONTENT_LENGTH,
                                "Invalid character in Content-Length", p, off);
                    }
                }
                case S_CONN -> {
                    int l = b >= 'A' && b <= 'Z' ? b + 32 : b;
                    if (seqIndex == 0 && (l == 'k' || l == 'c')) {
                        // a whole "keep-alive" or "close" in this read: the same outcome as the
                        // byte steps below, in one take
                        byte[] word = l == 'k' ? SEQ_KEEP_ALIVE : SEQ_CLOSE;
                        if (p + word.length <= end && equalsLower(buf, p, word)) {
                            int f = take(buf, p, word.length);
                            if (f >= 0) {
                                return overflow(f, off);
                            }
                            p += word.length;
                            headerState = l == 'k' ? H_CONNECTION_KEEP_ALIVE : H_CONNECTION_CLOSE;
                            state = S_CONN_WS;
                            continue;
                        }
                    }
                    if (seqIndex == 0) {
                        if (b == ' ' || b == '\t') {
                            if (!take1(b)) {
                                return overflow(p, off);
                            }
                            p++;
                            continue;
                        }
                        if (l == 'c') {
                            seq = SEQ_CLOSE;
                            keywordState = H_CONNECTION_CLOSE;
                        } else if (l == 'u') {
                            seq = SEQ_UPGRADE;
                            keywordState = H_CONNECTION_UPGRADE;
                        } else if (l == 'k') {
                            seq = SEQ_KEEP_ALIVE;
                            keywordState = H_CONNECTION_KEEP_ALIVE;
                        } else {
                            state = S_CONN_TOKEN;
                            continue;
                        }
                    } else if (l != seq[seqIndex]) {
                        state = S_CONN_TOKEN;
                        continue;
                    }
                    if (!take1(b)) {
                        return overflow(p, off);
                    }
                    p++;
                    if (++seqIndex == seq.length) {
                        headerState = keywordState;
                        state = S_CONN_WS;
                    }
                }
                case S_CONN_WS -> {
                    if (b == ',' || b == ' ') {
                        if (!take1(b)) {
                            return overflow(p, off);
                        }
                        p++;
                        if (b == ',') {
                            setHeaderFlags();
                            seqIndex = 0;
                            state = S_CONN;
                        }
                    } else if (b == CR || b == LF) {
                        if (!valueOtherwise(b)) {
                            return p - off;
                        }
                        p++;
                    } else {
                        // "closed", "close;x", "close\t": not the token (llhttp 9.3 has no HTAB here).
                        headerState = H_GENERAL;
                        state = S_CONN_TOKEN;
                    }
                }
                case S_CONN_TOKEN -> {
                    if (b == ',' || (CLASS[b] & C_CONN_TOKEN) != 0) {
                        if (!take1(b)) {
                            return overflow(p, off);
                        }
                        p++;
                        if (b == ',') {
                            seqIndex = 0;
                            state = S_CONN;
                        }
                    } else {
                        if (!valueOtherwise(b)) {
                            return p - off;
                        }
                        p++;
                    }
                }
                case S_HEADERS_LF -> {
                    if (b != LF) {
                        return fail(HttpParseError.HPE_STRICT, "Expected LF after headers", p, off);
                    }
                    p++;
                    if ((flags & F_TRAILING) != 0) {
                        HttpHead trailers = new HttpHead(null, copyScratch(), copyOffsets(), stored, 0, 0,
                                major, minor, 0, -1, false, false, false);
                        messageComplete(trailers);
                    } else {
                        headersComplete();
                        if (paused) {
                            return p - off;
                        }
                        afterHeaders();
                    }
                    if (error != null || paused || state == S_UPGRADED) {
                        return p - off;
                    }
                }

                // ---- bodies ----
                case S_BODY_IDENTITY, S_CHUNK_DATA -> {
                    int n = (int) Math.min(length, end - p);
                    length -= n;
                    int from = p;
                    p += n;
                    listener.onBody(buf, from, n);
                    if (length == 0) {
                        if (state == S_CHUNK_DATA) {
                            state = S_CHUNK_DATA_CR;
                        } else {
                            messageComplete(null);
                        }
                    }
                    if (paused) {
                        return p - off;
                    }
                }
                case S_BODY_EOF -> {
                    int from = p;
                    p = end;
                    listener.onBody(buf, from, end - from);
                    if (paused) {
                        return p - off;
                    }
                }
                case S_CHUNK_SIZE_START -> {
                    int h = HEX[b];
                    if (h < 0) {
                        return fail(HttpParseError.HPE_INVALID_CHUNK_SIZE, "Invalid character in chunk size", p, off);
                    }
                    length = h;
                    p++;
                    state = S_CHUNK_SIZE;
                }
                case S_CHUNK_SIZE -> {
                    int h = HEX[b];
                    if (h >= 0) {
                        if ((length >>> 60) != 0) {
                            return fail(HttpParseError.HPE_INVALID_CHUNK_SIZE, "Chunk size overflow", p, off);
                        }
                        length = (length << 4) | h;
                        p++;
                    } else if (b == CR) {
                        p++;
                        state = S_CHUNK_SIZE_LF;
                    } else if (b == LF) {
                        return fail(HttpParseError.HPE_CR_EXPECTED, "Missing expected CR after chunk size", p, off);
                    } else if (b == ';') {
                        p++;
                        state = S_CHUNK_EXT_START;
                    } else {
                        return fail(HttpParseError.HPE_INVALID_CHUNK_SIZE, "Invalid character in chunk size", p, off);
                    }
                }
                case S_CHUNK_EXT_START -> {
                    if (b == ' ' || b == CR) {
                        return fail(HttpParseError.HPE_STRICT, "Invalid character in chunk extensions", p, off);
                    }
                    state = S_CHUNK_EXT_NAME;
                }
                case S_CHUNK_EXT_NAME, S_CHUNK_EXT_VALUE -> {
                    boolean name = state == S_CHUNK_EXT_NAME;
                    if ((CLASS[b] & C_TOKEN) != 0 || (!name && b == '"')) {
                        if (++extensionBytes > MAX_CHUNK_EXTENSIONS) {
                            return fail(HttpParseError.HPE_CHUNK_EXTENSIONS_OVERFLOW, "Chunk extensions overflow", p, off);
                        }
                        if (b == '"') {
                            state = S_CHUNK_EXT_QUOTED;
                        }
                        p++;
                    } else if (name && b == '=') {
                        p++;
                        state = S_CHUNK_EXT_VALUE;
                    } else if (b == ';') {
                        p++;
                        state = S_CHUNK_EXT_START;
                    } else if (b == CR) {
                        p++;
                        state = S_CHUNK_SIZE_LF;
                    } else if (b == LF) {
                        return fail(HttpParseError.HPE_CR_EXPECTED, name ? "Missing expected CR after chunk extension name"
                                : "Missing expected CR after chunk extension value", p, off);
                    } else {
                        return fail(HttpParseError.HPE_STRICT, name ? "Invalid character in chunk extensions name"
                                : "Invalid character in chunk extensions value", p, off);
                    }
                }
                case S_CHUNK_EXT_QUOTED -> {
                    if ((CLASS[b] & C_QDTEXT) != 0 || b == '"' || b == '\\') {
                        if (++extensionBytes > MAX_CHUNK_EXTENSIONS) {
                            return fail(HttpParseError.HPE_CHUNK_EXTENSIONS_OVERFLOW, "Chunk extensions overflow", p, off);
                        }
                        p++;
                        if (b == '"') {
                            state = S_CHUNK_EXT_QDONE;
                        } else if (b == '\\') {
                            state = S_CHUNK_EXT_QPAIR;
                        }
                    } else {
                        return fail(HttpParseError.HPE_STRICT, "Invalid character in chunk extensions quoted value",
                                p, off);
                    }
                }
                case S_CHUNK_EXT_QPAIR -> {
                    if ((CLASS[b] & C_HEADER) == 0) {
                        return fail(HttpParseError.HPE_STRICT, "Invalid quoted-pair in chunk extensions quoted value",
                                p, off);
                    }
                    if (++extensionBytes > MAX_CHUNK_EXTENSIONS) {
                        return fail(HttpParseError.HPE_CHUNK_EXTENSIONS_OVERFLOW, "Chunk extensions overflow", p, off);
                    }
                    p++;
                    state = S_CHUNK_EXT_QUOTED;
                }
                case S_CHUNK_EXT_QDONE -> {
                    if (b == ';') {
                        p++;
                        state = S_CHUNK_EXT_START;
                    } else if (b == CR) {
                        p++;
                        state = S_CHUNK_SIZE_LF;
                    } else if (b == LF) {
                        return fail(HttpParseError.HPE_CR_EXPECTED, "Missing expected CR after chunk extension value",
                                p, off);
                    } else {
                        return fail(HttpParseError.HPE_STRICT, "Invalid character in chunk extensions quote value",
                                p, off);
                    }
                }
                case S_CHUNK_SIZE_LF -> {
                    if (b != LF) {
                        return fail(HttpParseError.HPE_STRICT, "Expected LF after chunk size", p, off);
                    }
                    p++;
                    // Node restarts both budgets at every chunk header, so trailers count from the last chunk.
                    headerBytes = 0;
                    extensionBytes = 0;
                    if (length == 0) {
                        flags |= F_TRAILING;
                        scratchLen = 0;
                        stored = 0;
                        state = S_FIELD_START;
                    } else {
                        if (length < 0) {
                            length = Long.MAX_VALUE;
                        }
                        state = S_CHUNK_DATA;
                    }
                }
                case S_CHUNK_DATA_CR -> {
                    if (b == CR) {
                        p++;
                        state = S_CHUNK_DATA_LF;
                    } else if (b == LF) {
                        return fail(HttpParseError.HPE_CR_EXPECTED, "Missing expected CR after chunk data", p, off);
                    } else {
                        return fail(HttpParseError.HPE_STRICT, "Expected LF after chunk data", p, off);
                    }
                }
                case S_CHUNK_DATA_LF -> {
                    if (b != LF) {
                        return fail(HttpParseError.HPE_STRICT, "Expected LF after chunk data", p, off);
                    }
                    p++;
                    state = S_CHUNK_SIZE_START;
                }
                case S_CLOSED -> {
                    if (b != CR && b != LF) {
                        return fail(HttpParseError.HPE_CLOSED_CONNECTION, "Data after `Connection: close`", p, off);
                    }
                    p++;
                }
                default -> {
                    return p - off;
                }
            }
        }
        return p - off;
    }

    /**
     * Signals EOF from the peer. Completes a response body delimited by the close (calling
     * onMessageComplete). Returns HPE_INVALID_EOF_STATE (and makes it the sticky error) if a message was
     * cut short, null otherwise, also when an error was already reported. Never throws (except what a
     * callback throws).
     */
    public HttpParseError finish() {
        if (error != null) {
            return null;
        }
        switch (state) {
            case S_START, S_CLOSED, S_UPGRADED, S_DEAD -> {
                return null;
            }
            case S_BODY_EOF -> {
                messageComplete(null);
                state = S_DEAD;
                return null;
            }
            default -> {
                error = HttpParseError.HPE_INVALID_EOF_STATE;
                reason = "Invalid EOF state";
                return error;
            }
        }
    }

    /** The error, null while fine; sticky until {@link #reset()}. */
    public HttpParseError error() {
        return error;
    }

    /** llhttp-style reason of the error (e.g. "Invalid method encountered"), null without error. */
    public String errorReason() {
        return reason;
    }

    /** Like llhttp_pause: execute returns after the current callback and consumes nothing until resumed. */
    public void pause() {
        if (error == null) {
            paused = true;
        }
    }

    /** Undoes {@link #pause()}; feed the bytes that were not consumed again. */
    public void resume() {
        paused = false;
    }

    /** Whether {@link #pause()} is in effect. */
    public boolean isPaused() {
        return paused;
    }

    /** Back to the start state for reuse: clears the error, pause, upgrade and the expected method. */
    public void reset() {
        state = S_START;
        error = null;
        reason = null;
        paused = false;
        inMessage = false;
        expectedMethod = null;
        resetMessage();
    }

    /** Whether bytes of a message have been seen and the message is not complete. */
    public boolean messageInProgress() {
        return inMessage;
    }

    /** Bytes counted toward the header limit so far in this head (or trailer section). */
    public int headerBytes() {
        return headerBytes;
    }

    /**
     * RESPONSE kind: the method of the request the next response answers. HEAD means no body; CONNECT
     * with a 2xx status means upgrade (the parser stops after that head). Kept across 1xx responses.
     */
    public void expectResponseTo(String method) {
        this.expectedMethod = method;
    }

    /** Capacity of the internal head scratch (for tests: bounded by maxHeaderSize + a small constant). */
    int scratchCapacity() {
        return scratch.length;
    }

    // ---------------------------------------------------------------------------------------------

    private int fail(HttpParseError e, String why, int p, int off) {
        error = e;
        reason = why;
        inMessage = false;
        return p - off;
    }

    private int overflow(int p, int off) {
        return fail(HttpParseError.HPE_HEADER_OVERFLOW, "Header overflow", p, off);
    }

    private void beginMessage() {
        resetMessage();
        inMessage = true;
    }

    private void resetMessage() {
        flags = 0;
        headerState = H_GENERAL;
        length = 0;
        methodIndex = -1;
        method = null;
        methodLen = 0;
        methodLo = 0;
        methodHi = HttpMethods.count();
        major = minor = statusCode = 0;
        upgrade = false;
        stopAfterHead = false;
        scratchLen = 0;
        stored = 0;
        urlStart = urlEnd = 0;
        headerBytes = 0;
        extensionBytes = 0;
    }

    /** After the target: SP leads to the version, CRLF or LF alone make it an HTTP/0.9 request. */
    private int urlEnded(int b, int p) {
        urlEnd = scratchLen;
        if (b == ' ') {
            state = S_REQ_HTTP_START;
        } else if (b == CR) {
            state = S_URL_CR;
        } else {
            toHttp09();
        }
        return p + 1;
    }

    private void toHttp09() {
        major = 0;
        minor = 9;
        state = S_HEADERS_START;
    }

    /** Counts (and stores when this line is stored) one byte of the head. */
    /** Whether {@code buf[p..)} holds {@code lower} with ASCII letters in any case. */
    private static boolean equalsLower(byte[] buf, int p, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            int c = buf[p + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code buf[p..p+10)} is {@code HTTP/1.1\r\n} or {@code HTTP/1.0\r\n}. */
    private static boolean matchesVersionLine(byte[] buf, int p) {
        return buf[p] == 'H' && buf[p + 1] == 'T' && buf[p + 2] == 'T' && buf[p + 3] == 'P' && buf[p + 4] == '/'
                && buf[p + 5] == '1' && buf[p + 6] == '.' && (buf[p + 7] == '1' || buf[p + 7] == '0')
                && buf[p + 8] == CR && buf[p + 9] == LF;
    }

    private boolean take1(int b) {
        if (++headerBytes >= maxHeaderSize) {
            return false;
        }
        if (storing) {
            ensure(scratchLen + 1);
            scratch[scratchLen++] = (byte) b;
        }
        return true;
    }

    /**
     * Counts (and stores when this line is stored) a run of the head. Returns -1, or on overflow the
     * index of the byte that made the count reach the limit (so the error offset does not depend on
     * how the input was split).
     */
    private int take(byte[] buf, int from, int n) {
        // Node counts whole spans and fails once the total reaches the limit; checking before copying
        // keeps the scratch below maxHeaderSize whatever the input.
        int room = maxHeaderSize - 1 - headerBytes;
        if (n > room) {
            headerBytes = maxHeaderSize;
            return from + room;
        }
        headerBytes += n;
        if (storing) {
            ensure(scratchLen + n);
            System.arraycopy(buf, from, scratch, scratchLen, n);
            scratchLen += n;
        }
        return -1;
    }

    private void ensure(int need) {
        if (need > scratch.length) {
            int cap = Math.min(Math.max(scratch.length * 2, need), maxHeaderSize + SCRATCH_SLACK);
            scratch = Arrays.copyOf(scratch, Math.max(cap, need));
        }
    }

    private int classifyName() {
        if (probeLen > PROBE) {
            return H_GENERAL;
        }
        outer:
        for (int i = 0; i < SPECIAL.length; i++) {
            byte[] s = SPECIAL[i];
            if (s.length != probeLen) {
                continue;
            }
            for (int j = 0; j < probeLen; j++) {
                if (s[j] != probe[j]) {
                    continue outer;
                }
            }
            return SPECIAL_STATE[i];
        }
        return H_GENERAL;
    }

    /** llhttp's header_value_otherwise: CR ends the value, anything else here is an error. */
    private boolean valueOtherwise(int b) {
        if (b == CR) {
            valueEnd = scratchLen;
            state = S_VALUE_LF;
            return true;
        }
        error = b == LF ? HttpParseError.HPE_CR_EXPECTED : HttpParseError.HPE_INVALID_HEADER_TOKEN;
        reason = b == LF ? "Missing expected CR after header value" : "Invalid header value char";
        inMessage = false;
        return false;
    }

    private void setHeaderFlags() {
        switch (headerState) {
            case H_CONNECTION_KEEP_ALIVE -> {
                flags |= F_CONNECTION_KEEP_ALIVE;
                headerState = H_CONNECTION;
            }
            case H_CONNECTION_CLOSE -> {
                flags |= F_CONNECTION_CLOSE;
                headerState = H_CONNECTION;
            }
            case H_CONNECTION_UPGRADE -> {
                flags |= F_CONNECTION_UPGRADE;
                headerState = H_CONNECTION;
            }
            case H_TRANSFER_ENCODING_CHUNKED -> flags |= F_CHUNKED;
            default -> {
            }
        }
    }

    private void fieldComplete() {
        setHeaderFlags();
        if (!storing) {
            return;
        }
        int e = valueEnd;
        while (e > valueStart && (scratch[e - 1] == ' ' || scratch[e - 1] == '\t')) {
            e--;
        }
        int o = stored * 4;
        if (o + 4 > offsets.length) {
            offsets = Arrays.copyOf(offsets, Math.max(offsets.length * 2, o + 4));
        }
        offsets[o] = nameStart;
        offsets[o + 1] = nameEnd;
        offsets[o + 2] = valueStart;
        offsets[o + 3] = e;
        stored++;
    }

    private byte[] copyScratch() {
        return scratchLen == 0 ? EMPTY : Arrays.copyOf(scratch, scratchLen);
    }

    private int[] copyOffsets() {
        return stored == 0 ? NO_OFFSETS : Arrays.copyOf(offsets, stored * 4);
    }

    private boolean connectResponse() {
        return !request && statusCode >= 200 && statusCode < 300 && HttpMethods.CONNECT.equals(expectedMethod);
    }

    /** llhttp__before_headers_complete, the callback, and Node's reset of the header budget. */
    private void headersComplete() {
        if ((flags & F_UPGRADE) != 0 && (flags & F_CONNECTION_UPGRADE) != 0) {
            upgrade = request || statusCode == 101 || connectResponse();
        } else {
            upgrade = request ? method == HttpMethods.CONNECT : connectResponse();
        }
        if (!request && statusCode == 101) {
            upgrade = true;
        }
        if (!request && HttpMethods.HEAD.equals(expectedMethod)) {
            flags |= F_SKIPBODY;
        }
        long cl = (flags & F_CONTENT_LENGTH) == 0 ? -1 : length < 0 ? Long.MAX_VALUE : length;
        HttpHead head = new HttpHead(method, copyScratch(), copyOffsets(), stored, urlStart, urlEnd, major, minor,
                statusCode, cl, (flags & F_CHUNKED) != 0, shouldKeepAlive(), upgrade);
        headerBytes = 0;
        state = S_HEADERS_DONE;
        int r = listener.onHeadersComplete(head);
        if (r == Listener.SKIP_BODY) {
            flags |= F_SKIPBODY;
        } else if (r == Listener.UPGRADE) {
            upgrade = true;
            stopAfterHead = true;
            flags |= F_SKIPBODY;
        }
        if (!request && (statusCode == 101 || connectResponse())) {
            stopAfterHead = true;
        }
    }

    /** llhttp__after_headers_complete: chooses how the body is framed. */
    private void afterHeaders() {
        boolean chunked = (flags & F_CHUNKED) != 0;
        boolean hasBody = chunked || length != 0;
        if (stopAfterHead) {
            messageComplete(null);
            state = S_UPGRADED;
            return;
        }
        if (upgrade && (method == HttpMethods.CONNECT || (flags & F_SKIPBODY) != 0 || !hasBody)) {
            // llhttp pauses here for a later upgrade; Node without an upgrade listener just goes on
            // (dropping the rest of the same read, which is the server's business).
            messageComplete(null);
            return;
        }
        if ((flags & F_SKIPBODY) != 0 || (!request && (statusCode == 100 || statusCode == 102
                || statusCode == 103 || statusCode == 204 || statusCode == 304))) {
            messageComplete(null);
        } else if (chunked) {
            state = S_CHUNK_SIZE_START;
        } else if ((flags & F_TRANSFER_ENCODING) != 0) {
            if (request) {
                fail(HttpParseError.HPE_INVALID_TRANSFER_ENCODING, "Request has invalid `Transfer-Encoding`", 0, 0);
            } else {
                state = S_BODY_EOF;
            }
        } else if ((flags & F_CONTENT_LENGTH) == 0) {
            if (needsEof()) {
                state = S_BODY_EOF;
            } else {
                messageComplete(null);
            }
        } else if (length == 0) {
            messageComplete(null);
        } else {
            if (length < 0) {
                length = Long.MAX_VALUE;
            }
            state = S_BODY_IDENTITY;
        }
    }

    private void messageComplete(HttpHead trailers) {
        boolean keepAlive = shouldKeepAlive();
        if (!request && statusCode >= 200) {
            expectedMethod = null;
        }
        inMessage = false;
        state = keepAlive ? S_START : S_CLOSED;
        resetMessage();
        listener.onMessageComplete(trailers);
    }

    /** llhttp_message_needs_eof. */
    private boolean needsEof() {
        if (request) {
            return false;
        }
        if (statusCode / 100 == 1 || statusCode == 204 || statusCode == 304 || (flags & F_SKIPBODY) != 0) {
            return false;
        }
        if ((flags & F_TRANSFER_ENCODING) != 0 && (flags & F_CHUNKED) == 0) {
            return true;
        }
        return (flags & (F_CHUNKED | F_CONTENT_LENGTH)) == 0;
    }

    /** llhttp_should_keep_alive. */
    private boolean shouldKeepAlive() {
        if (major > 0 && minor > 0) {
            if ((flags & F_CONNECTION_CLOSE) != 0) {
                return false;
            }
        } else if ((flags & F_CONNECTION_KEEP_ALIVE) == 0) {
            return false;
        }
        return !needsEof();
    }
}
