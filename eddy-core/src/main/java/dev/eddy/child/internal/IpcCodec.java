package dev.eddy.child.internal;

import dev.eddy.stream.Readable;
import dev.eddy.stream.Stream;
import java.util.function.Consumer;

/**
 * The fork channel's framing: one message per line, with {@code \}, newline and carriage return
 * escaped so that any string fits on one line. Used by both ends.
 */
public final class IpcCodec {
  private IpcCodec() {}

  /** The line (with its newline) that carries {@code message}. */
  public static String encode(String message) {
    StringBuilder b = new StringBuilder(message.length() + 1);
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.append('\n').toString();
  }

  /** The message a line (without its newline) carries. */
  public static String decode(String line) {
    StringBuilder b = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        char n = line.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Decodes {@code in} as UTF-8 lines and hands each message to {@code onMessage}; loop thread. */
  public static void readMessages(Readable in, Consumer<String> onMessage) {
    in.setEncoding("utf8");
    StringBuilder pending = new StringBuilder();
    in.on(Stream.DATA, chunk -> {
      pending.append((String) chunk);
      int nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        String line = pending.substring(0, nl);
        pending.delete(0, nl + 1);
        onMessage.accept(decode(line));
      }
    });
  }
}
