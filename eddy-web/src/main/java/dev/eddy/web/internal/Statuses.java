package dev.eddy.web.internal;

import java.util.Locale;

/**
 * The {@code statuses} package (2.0.2): the reason phrases Express writes for each status code, and
 * its classes of redirect, empty-body and retry codes.
 *
 * <p>All methods are thread-safe; only {@link #code(String)} and {@link #codes()} allocate.
 */
public final class Statuses {
  private Statuses() {}

  /** Every code the table knows, in ascending order. */
  private static final int[] CODES = {
    100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303,
    304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413,
    414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502,
    503, 504, 505, 506, 507, 508, 509, 510, 511
  };

  /**
   * The reason phrase of {@code code}, e.g. 404 -> {@code "Not Found"}, 418 -> {@code "I'm a
   * Teapot"}, 413 -> {@code "Payload Too Large"}; null when the table does not know the code.
   */
  public static String message(int code) {
    return switch (code) {
      case 100 -> "Continue";
      case 101 -> "Switching Protocols";
      case 102 -> "Processing";
      case 103 -> "Early Hints";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 203 -> "Non-Authoritative Information";
      case 204 -> "No Content";
      case 205 -> "Reset Content";
      case 206 -> "Partial Content";
      case 207 -> "Multi-Status";
      case 208 -> "Already Reported";
      case 226 -> "IM Used";
      case 300 -> "Multiple Choices";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 304 -> "Not Modified";
      case 305 -> "Use Proxy";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 407 -> "Proxy Authentication Required";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 411 -> "Length Required";
      case 412 -> "Precondition Failed";
      case 413 -> "Payload Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 416 -> "Range Not Satisfiable";
      case 417 -> "Expectation Failed";
      case 418 -> "I'm a Teapot";
      case 421 -> "Misdirected Request";
      case 422 -> "Unprocessable Entity";
      case 423 -> "Locked";
      case 424 -> "Failed Dependency";
      case 425 -> "Too Early";
      case 426 -> "Upgrade Required";
      case 428 -> "Precondition Required";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 451 -> "Unavailable For Legal Reasons";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      case 506 -> "Variant Also Negotiates";
      case 507 -> "Insufficient Storage";
      case 508 -> "Loop Detected";
      case 509 -> "Bandwidth Limit Exceeded";
      case 510 -> "Not Extended";
      case 511 -> "Network Authentication Required";
      default -> null;
    };
  }

  /**
   * The code whose reason phrase is {@code message}, ignoring case as {@code statuses("not found")}
   * does; -1 when no phrase matches.
   *
   * @throws NullPointerException if {@code message} is null
   */
  public static int code(String message) {
    String wanted = message.toLowerCase(Locale.ROOT);
    for (int c : CODES) {
      if (message(c).toLowerCase(Locale.ROOT).equals(wanted)) return c;
    }
    return -1;
  }

  /** A copy of the list of known codes, ascending. */
  public static int[] codes() {
    return CODES.clone();
  }

  /** True for the codes {@code statuses.redirect} lists: 300, 301, 302, 303, 305, 307, 308. */
  public static boolean isRedirect(int code) {
    return switch (code) {
      case 300, 301, 302, 303, 305, 307, 308 -> true;
      default -> false;
    };
  }

  /** True for the codes whose responses have no body ({@code statuses.empty}): 204, 205, 304. */
  public static boolean isEmpty(int code) {
    return code == 204 || code == 205 || code == 304;
  }

  /** True for the codes worth retrying ({@code statuses.retry}): 502, 503, 504. */
  public static boolean isRetry(int code) {
    return code == 502 || code == 503 || code == 504;
  }
}
