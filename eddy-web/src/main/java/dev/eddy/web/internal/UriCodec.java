package dev.eddy.web.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * ECMAScript's {@code encodeURIComponent} and {@code decodeURIComponent}, which Express and its
 * helper packages use on paths, parameters and cookie values. Thread-safe, allocation only for the
 * result (the input is returned as is when nothing needs changing).
 */
public final class UriCodec {
  private UriCodec() {}

  /** Characters encodeURIComponent leaves alone: A-Z a-z 0-9 - _ . ! ~ * ' ( ). */
  private static final boolean[] COMPONENT_SAFE = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) COMPONENT_SAFE[c] = true;
    for (char c = 'A'; c <= 'Z'; c++) COMPONENT_SAFE[c] = true;
    for (char c = '0'; c <= '9'; c++) COMPONENT_SAFE[c] = true;
    for (char c : "-_.!~*'()".toCharArray()) COMPONENT_SAFE[c] = true;
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * {@code encodeURIComponent}: UTF-8 bytes of everything but the unreserved marks as {@code %XX}
   * in upper case.
   *
   * @throws IllegalArgumentException for a lone surrogate (JavaScript's URIError "URI malformed")
   */
  public static String encodeURIComponent(String s) {
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 128 || !COMPONENT_SAFE[c]) break;
      i++;
    }
    if (i == n) return s;
    StringBuilder out = new StringBuilder(n + 16).append(s, 0, i);
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 128 && COMPONENT_SAFE[c]) {
        out.append(c);
        continue;
      }
      int cp;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new IllegalArgumentException("URI malformed");
        }
        cp = Character.toCodePoint(c, s.charAt(++i));
      } else if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException("URI malformed");
      } else {
        cp = c;
      }
      appendUtf8Escaped(out, cp);
    }
    return out.toString();
  }

  static void appendUtf8Escaped(StringBuilder out, int cp) {
    if (cp < 0x80) {
      escapeByte(out, cp);
    } else if (cp < 0x800) {
      escapeByte(out, 0xC0 | (cp >> 6));
      escapeByte(out, 0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      escapeByte(out, 0xE0 | (cp >> 12));
      escapeByte(out, 0x80 | ((cp >> 6) & 0x3F));
      escapeByte(out, 0x80 | (cp & 0x3F));
    } else {
      escapeByte(out, 0xF0 | (cp >> 18));
      escapeByte(out, 0x80 | ((cp >> 12) & 0x3F));
      escapeByte(out, 0x80 | ((cp >> 6) & 0x3F));
      escapeByte(out, 0x80 | (cp & 0x3F));
    }
  }

  static void escapeByte(StringBuilder out, int b) {
    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
  }

  /** An ASCII hex digit's value, or -1 (Character.digit would also take other scripts' digits). */
  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  /**
   * {@code decodeURIComponent}: every {@code %XX} run decoded as UTF-8 ({@code +} stays {@code +}).
   *
   * @throws IllegalArgumentException for a bad escape or bytes that are not UTF-8 (JavaScript's
   *     URIError "URI malformed")
   */
  public static String decodeURIComponent(String s) {
    int pct = s.indexOf('%');
    if (pct < 0) return s;
    StringBuilder out = new StringBuilder(s.length()).append(s, 0, pct);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int i = pct;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      bytes.reset();
      while (i < n && s.charAt(i) == '%') {
        if (i + 2 >= n) throw new IllegalArgumentException("URI malformed");
        int hi = hex(s.charAt(i + 1));
        int lo = hex(s.charAt(i + 2));
        if (hi < 0 || lo < 0) throw new IllegalArgumentException("URI malformed");
        bytes.write((hi << 4) | lo);
        i += 3;
      }
      try {
        CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes.toByteArray()));
        out.append(chars);
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("URI malformed");
      }
    }
    return out.toString();
  }
}
