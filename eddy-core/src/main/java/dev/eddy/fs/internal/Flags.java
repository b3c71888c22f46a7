package dev.eddy.fs.internal;

import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/** Node's open flags ({@code 'r'}, {@code 'w'}, {@code 'a+'}, ...) as Java open options. Any thread. */
public final class Flags {
  private Flags() {}

  /**
   * The options for {@code flags}.
   *
   * @throws dev.eddy.NodeException ERR_INVALID_ARG_VALUE for a flag string Node does not know
   */
  public static Set<OpenOption> parse(String flags) {
    var r = StandardOpenOption.READ;
    var w = StandardOpenOption.WRITE;
    var c = StandardOpenOption.CREATE;
    var x = StandardOpenOption.CREATE_NEW;
    var t = StandardOpenOption.TRUNCATE_EXISTING;
    var a = StandardOpenOption.APPEND;
    EnumSet<StandardOpenOption> set = switch (flags) {
      case "r", "rs", "sr" -> EnumSet.of(r);
      case "r+", "rs+", "sr+" -> EnumSet.of(r, w);
      case "w" -> EnumSet.of(w, c, t);
      case "wx", "xw" -> EnumSet.of(w, x);
      case "w+" -> EnumSet.of(r, w, c, t);
      case "wx+", "xw+" -> EnumSet.of(r, w, x);
      case "a", "as", "sa" -> EnumSet.of(w, a, c);
      case "ax", "xa" -> EnumSet.of(w, a, x);
      case "a+", "as+", "sa+" -> EnumSet.of(r, w, a, c);
      case "ax+", "xa+" -> EnumSet.of(r, w, a, x);
      default -> throw new dev.eddy.NodeException("TypeError", "ERR_INVALID_ARG_VALUE",
          "The argument 'flags' is invalid. Received '" + flags + "'");
    };
    return Set.copyOf(set);
  }
}
