package dev.eddy.http.internal;

import java.nio.charset.StandardCharsets;

/** Node's {@code http.STATUS_CODES} and pre-encoded status lines for the common codes. */
public final class StatusCodes {
  private StatusCodes() {}

  private static final String[] REASONS = new String[600];
  private static final byte[][] LINES = new byte[600][];

  static {
    Object[] table = {
        100, "Continue", 101, "Switching Protocols", 102, "Processing", 103, "Early Hints",
        200, "OK", 201, "Created", 202, "Accepted", 203, "Non-Authoritative Information",
        204, "No Content", 205, "Reset Content", 206, "Partial Content", 207, "Multi-Status",
        208, "Already Reported", 226, "IM Used", 300, "Multiple Choices", 301, "Moved Permanently",
        302, "Found", 303, "See Other", 304, "Not Modified", 305, "Use Proxy", 307, "Temporary Redirect",
        308, "Permanent Redirect", 400, "Bad Request", 401, "Unauthorized", 402, "Payment Required",
        403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed", 406, "Not Acceptable",
        407, "Proxy Authentication Required", 408, "Request Timeout", 409, "Conflict", 410, "Gone",
        411, "Length Required", 412, "Precondition Failed", 413, "Payload Too Large",
        414, "URI Too Long", 415, "Unsupported Media Type", 416, "Range Not Satisfiable",
        417, "Expectation Failed", 418, "I'm a Teapot", 421, "Misdirected Request",
        422, "Unprocessable Entity", 423, "Locked", 424, "Failed Dependency", 425, "Too Early",
        426, "Upgrade Required", 428, "Precondition Required", 429, "Too Many Requests",
        431, "Request Header Fields Too Large", 451, "Unavailable For Legal Reasons",
        500, "Internal Server Error", 501, "Not Implemented", 502, "Bad Gateway",
        503, "Service Unavailable", 504, "Gateway Timeout", 505, "HTTP Version Not Supported",
        506, "Variant Also Negotiates", 507, "Insufficient Storage", 508, "Loop Detected",
        509, "Bandwidth Limit Exceeded", 510, "Not Extended", 511, "Network Authentication Required"};
    for (int i = 0; i < table.length; i += 2) {
      int code = (Integer) table[i];
      REASONS[code] = (String) table[i + 1];
      LINES[code] = ("HTTP/1.1 " + code + " " + table[i + 1] + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** Node's reason phrase for {@code code}, or null when Node has none. */
  public static String reason(int code) {
    return code >= 0 && code < REASONS.length ? REASONS[code] : null;
  }

  /** {@code HTTP/1.1 200 OK\r\n} pre-encoded when {@code message} is Node's default, else null. */
  public static byte[] line(int code, String message) {
    if (code >= 0 && code < LINES.length && LINES[code] != null && (message == null || message.equals(REASONS[code]))) {
      return LINES[code];
    }
    return null;
  }

  /** A copy of the table, for {@code Http.STATUS_CODES}. */
  public static java.util.Map<Integer, String> asMap() {
    java.util.Map<Integer, String> m = new java.util.TreeMap<>();
    for (int i = 0; i < REASONS.length; i++) {
      if (REASONS[i] != null) {
        m.put(i, REASONS[i]);
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
