package dev.eddy.child.internal;

import java.util.List;

/** Linux signal names and numbers, as Node's {@code os.constants.signals} has them. */
public final class Signals {
  private Signals() {}

  private static final List<String> NAMES = List.of("", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL",
      "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
      "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
      "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
      "SIGIO", "SIGPWR", "SIGSYS");

  /** Whether Node knows the signal name ({@code SIGIOT} and {@code SIGPOLL} aliases aside). */
  public static boolean known(String name) {
    return name != null && !name.isEmpty() && (NAMES.contains(name) || name.equals("SIGIOT")
        || name.equals("SIGPOLL"));
  }

  /**
   * The signal a Java exit value stands for, or null. The JDK reports a child killed by signal n
   * as exit value 128+n (as a shell's {@code $?} does); only the signals that terminate by default
   * (1-15) are mapped, so an exit value such as 150 stays a code.
   */
  public static String fromExitValue(int value) {
    int n = value - 128;
    return n >= 1 && n <= 15 ? NAMES.get(n) : null;
  }
}
