package dev.eddy.http.internal;

/**
 * The llhttp error codes {@link HttpParser} can report, named as llhttp names them (the
 * {@code code} Node puts on the parse error, e.g. {@code HPE_INVALID_METHOD}).
 *
 * <p>Immutable; safe on any thread. {@link #message()} is llhttp's generic description of the
 * code; the precise reason of one failure is {@link HttpParser#errorReason()}.
 */
public enum HttpParseError {
    /** llhttp's strict-mode violations that have no more specific code (e.g. CR not followed by LF). */
    HPE_STRICT("Strict mode violation"),
    /** A bare LF where llhttp requires CRLF. */
    HPE_CR_EXPECTED("Missing expected CR"),
    /** A CR that is not followed by LF at the end of a header value. */
    HPE_LF_EXPECTED("Missing expected LF"),
    /** A second Content-Length header. */
    HPE_UNEXPECTED_CONTENT_LENGTH("Duplicate Content-Length"),
    /** Whitespace at the start of the first header line. */
    HPE_UNEXPECTED_SPACE("Unexpected space after start line"),
    /** Bytes other than CR/LF after a message that ended the connection. */
    HPE_CLOSED_CONNECTION("Data after `Connection: close`"),
    /** A method not in the table, or no single space after it. */
    HPE_INVALID_METHOD("Invalid method encountered"),
    /** A byte not allowed in the request-target. */
    HPE_INVALID_URL("Invalid characters in url"),
    /** A protocol other than HTTP/, RTSP/ or ICE/, or a method the protocol does not allow. */
    HPE_INVALID_CONSTANT("Invalid constant"),
    /** A version llhttp does not accept, or junk after it. */
    HPE_INVALID_VERSION("Invalid HTTP version"),
    /** A byte not allowed in a header name or value, obs-fold, whitespace before the colon. */
    HPE_INVALID_HEADER_TOKEN("Invalid header token"),
    /** A malformed, empty or overflowing Content-Length, or one next to Transfer-Encoding. */
    HPE_INVALID_CONTENT_LENGTH("Invalid Content-Length"),
    /** A malformed or overflowing chunk size line. */
    HPE_INVALID_CHUNK_SIZE("Invalid chunk size"),
    /** A malformed response status code. */
    HPE_INVALID_STATUS("Invalid status"),
    /** EOF in the middle of a message. */
    HPE_INVALID_EOF_STATE("Invalid EOF state"),
    /** A request Transfer-Encoding whose last coding is not chunked, or chunked twice. */
    HPE_INVALID_TRANSFER_ENCODING("Invalid Transfer-Encoding"),
    /** An HTTP/2 connection preface ({@code PRI * HTTP/2.0}); this parser does not switch to HTTP/2. */
    HPE_PAUSED_H2_UPGRADE("Pause on PRI/Upgrade"),
    /** The counted header bytes reached the limit (Node maps this to 431). */
    HPE_HEADER_OVERFLOW("Header overflow"),
    /** More chunk-extension bytes in one chunk than the limit (Node maps this to 413). */
    HPE_CHUNK_EXTENSIONS_OVERFLOW("Chunk extensions overflow");

    private final String message;

    HttpParseError(String message) {
        this.message = message;
    }

    /** llhttp's description of this code. */
    public String message() {
        return message;
    }

    /** The status Node's server answers this error with: 431, 413, otherwise 400. */
    public int status() {
        return switch (this) {
            case HPE_HEADER_OVERFLOW -> 431;
            case HPE_CHUNK_EXTENSIONS_OVERFLOW -> 413;
            default -> 400;
        };
    }
}
