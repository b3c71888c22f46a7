package dev.eddy.stream;

import java.nio.charset.StandardCharsets;

/**
 * The decoder behind a readable side's encoding: bytes in, text out, never splitting a UTF-8
 * character across chunks (an incomplete one at the end becomes U+FFFD).
 */
abstract class TextDecoder {
  abstract String encoding();

  abstract String write(byte[] bytes);

  abstract String end();

  static TextDecoder forEncoding(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return switch (n) {
      case "utf8", "utf-8" -> new Utf8();
      case "hex" -> new Simple("hex");
      case "latin1", "binary" -> new Simple("latin1");
      default -> throw new IllegalArgumentException("Unknown encoding: " + name);
    };
  }

  private static final class Simple extends TextDecoder {
    private final String enc;

    Simple(String enc) {
      this.enc = enc;
    }

    @Override
    String encoding() {
      return enc;
    }

    @Override
    String write(byte[] b) {
      if (enc.equals("hex")) {
        return java.util.HexFormat.of().formatHex(b);
      }
      return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Override
    String end() {
      return "";
    }
  }

  private static final class Utf8 extends TextDecoder {
    private byte[] pending = new byte[0];

    @Override
    String encoding() {
      return "utf8";
    }

    @Override
    String write(byte[] chunk) {
      byte[] b = pending.length == 0 ? chunk : concat(pending, chunk);
      int keep = incompleteTail(b);
      pending = java.util.Arrays.copyOfRange(b, b.length - keep, b.length);
      return new String(b, 0, b.length - keep, StandardCharsets.UTF_8);
    }

    @Override
    String end() {
      if (pending.length == 0) {
        return "";
      }
      pending = new byte[0];
      return "\uFFFD";
    }

    /** How many bytes at the end start a multi-byte character that is not complete yet. */
    private static int incompleteTail(byte[] b) {
      for (int back = 1; back <= Math.min(3, b.length); back++) {
        int v = b[b.length - back] & 0xff;
        if ((v & 0xC0) == 0x80) {
          continue; // a continuation byte: look further back for the lead
        }
        int need = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : v >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
      }
      return 0;
    }

    private static byte[] concat(byte[] a, byte[] b) {
      byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, r, a.length, b.length);
      return r;
    }
  }
}
