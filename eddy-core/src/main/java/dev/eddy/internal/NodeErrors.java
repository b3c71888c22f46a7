package dev.eddy.internal;

import dev.eddy.NodeException;
import java.math.BigInteger;

/**
 * Node's errors with Node 20's exact texts (lib/internal/errors.js), for the checks that Buffer and
 * friends make. Each method returns the exception for the caller to throw, so that the throw stays
 * visible at the call site.
 */
public final class NodeErrors {
  private NodeErrors() {}

  /** Node's {@code kMaxLength} on 64-bit Node 20: the bound its validators print. */
  public static final long K_MAX_LENGTH = 4294967296L;

  private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);

  /** {@code ERR_OUT_OF_RANGE}: {@code The value of "offset" is out of range. It must be ... Received 3}. */
  public static NodeException outOfRange(String name, String range, long received) {
    // Node prints integers above 2^32 in magnitude with numeric separators (1_000_000_000_000).
    String text = Math.abs(received) > (1L << 32) ? separated(Long.toString(received))
        : Long.toString(received);
    return outOfRangeText(name, range, text);
  }

  /** {@code ERR_OUT_OF_RANGE} for a BigInt value: separators above 2^32 in magnitude, then {@code n}. */
  public static NodeException outOfRange(String name, String range, BigInteger received) {
    String text = received.toString();
    if (received.abs().compareTo(TWO_32) > 0) {
      text = separated(text);
    }
    return outOfRangeText(name, range, text + "n");
  }

  private static NodeException outOfRangeText(String name, String range, String received) {
    return new NodeException("RangeError", "ERR_OUT_OF_RANGE",
        "The value of \"" + name + "\" is out of range. It must be " + range + ". Received " + received);
  }

  /** {@code ERR_BUFFER_OUT_OF_BOUNDS} without a name, as the read and write methods throw it. */
  public static NodeException bufferOutOfBounds() {
    return new NodeException("RangeError", "ERR_BUFFER_OUT_OF_BOUNDS",
        "Attempt to access memory outside buffer bounds");
  }

  /** {@code ERR_UNKNOWN_ENCODING}: {@code Unknown encoding: xyz}. */
  public static NodeException unknownEncoding(String name) {
    return new NodeException("TypeError", "ERR_UNKNOWN_ENCODING", "Unknown encoding: " + name);
  }

  /**
   * {@code ERR_INVALID_ARG_VALUE}: {@code The argument 'value' is invalid. Received 'zz'}, where
   * {@code inspected} is {@code util.inspect} of the value (see {@link #inspect(String)}).
   */
  public static NodeException invalidArgValue(String name, String inspected) {
    if (inspected.length() > 128) {
      inspected = inspected.substring(0, 128) + "...";
    }
    String type = name.indexOf('.') >= 0 ? "property" : "argument";
    return new NodeException("TypeError", "ERR_INVALID_ARG_VALUE",
        "The " + type + " '" + name + "' is invalid. Received " + inspected);
  }

  /** lib/internal/errors.js {@code addNumericalSeparator}: "-1234567" becomes "-1_234_567". */
  static String separated(String digits) {
    StringBuilder res = new StringBuilder();
    int i = digits.length();
    int start = digits.charAt(0) == '-' ? 1 : 0;
    for (; i >= start + 4; i -= 3) {
      res.insert(0, digits, i - 3, i).insert(0, '_');
    }
    return digits.substring(0, i) + res;
  }

  // ---------------------------------------------------------------------------------------------
  // util.inspect(string) with Node 20's defaults (lib/internal/util/inspect.js formatPrimitive and
  // strEscape), as error messages embed it.

  private static final int MAX_STRING_LENGTH = 10000;
  private static final int MIN_LINE_LENGTH = 16;
  private static final int BREAK_LENGTH = 80;

  /**
   * {@code util.inspect(s)}: quoted with the first of ' " ` that needs no escaping, control and C1
   * characters and lone surrogates escaped, longer than 10000 characters truncated, and longer
   * than 76 split after each newline into {@code 'a\n' +\n  'b'}.
   */
  public static String inspect(String s) {
    String trailer = "";
    if (s.length() > MAX_STRING_LENGTH) {
      int remaining = s.length() - MAX_STRING_LENGTH;
      s = s.substring(0, MAX_STRING_LENGTH);
      trailer = "... " + remaining + " more character" + (remaining > 1 ? "s" : "");
    }
    if (s.length() > MIN_LINE_LENGTH && s.length() > BREAK_LENGTH - 4) {
      StringBuilder out = new StringBuilder();
      int from = 0;
      while (from < s.length()) {
        int nl = s.indexOf('\n', from);
        int to = nl < 0 ? s.length() : nl + 1;
        if (from > 0) {
          out.append(" +\n  ");
        }
        out.append(strEscape(s.substring(from, to)));
        from = to;
      }
      return out.append(trailer).toString();
    }
    return strEscape(s) + trailer;
  }

  private static String strEscape(String s) {
    char quote = '\'';
    if (s.indexOf('\'') >= 0) {
      if (s.indexOf('"') < 0) {
        quote = '"';
      } else if (s.indexOf('`') < 0 && !s.contains("${")) {
        quote = '`';
      }
    }
    StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c == '\'' && quote == '\'') || c == '\\' || c < 0x20 || (c > 0x7e && c < 0xa0)) {
        out.append(meta(c));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          out.append(c).append(s.charAt(++i));
        } else {
          out.append("\\u").append(Integer.toHexString(c));
        }
      } else {
        out.append(c);
      }
    }
    return out.append(quote).toString();
  }

  private static String meta(char c) {
    return switch (c) {
      case '\b' -> "\\b";
      case '\t' -> "\\t";
      case '\n' -> "\\n";
      case '\f' -> "\\f";
      case '\r' -> "\\r";
      case '\'' -> "\\'";
      case '\\' -> "\\\\";
      default -> String.format("\\x%02X", (int) c);
    };
  }
}
