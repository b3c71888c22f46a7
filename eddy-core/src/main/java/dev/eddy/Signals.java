package dev.eddy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * OS signals for {@link EddyProcess}: the JVM's handler for a signal is replaced the first time a
 * process listens to it (as Node's first {@code process.on('SIGTERM')} replaces the default
 * action), and each signal is handed to every loop whose process listens, on that loop's thread.
 * When none listens any more, the default action is Node's: exit with 128 + the signal number.
 */
final class Signals {
  private Signals() {}

  private static final Map<String, Set<EddyProcess>> WATCHERS = new ConcurrentHashMap<>();
  /** The signals a process may listen to, with their Linux numbers (SIGUSR1 is 30 on macOS). */
  private static final Map<String, Integer> NUMBERS = Map.of("SIGHUP", 1, "SIGINT", 2, "SIGTERM", 15, "SIGUSR1", 10);

  /** The signals HotSpot will not take over when the process inherited them ignored. */
  private static final Set<String> SHUTDOWN_SIGNALS = Set.of("SIGHUP", "SIGINT", "SIGTERM");

  static boolean isSignal(String name) {
    return NUMBERS.containsKey(name);
  }

  static void watch(EddyProcess process, String name) {
    Set<EddyProcess> set = WATCHERS.computeIfAbsent(name, n -> {
      install(n);
      return ConcurrentHashMap.newKeySet();
    });
    set.add(process);
  }

  static void unwatch(EddyProcess process) {
    for (Set<EddyProcess> set : WATCHERS.values()) set.remove(process);
  }

  @SuppressWarnings("removal")
  private static void install(String name) {
    try {
      sun.misc.SignalHandler old = sun.misc.Signal.handle(new sun.misc.Signal(name.substring(3)), s -> deliver(name, s.getNumber()));
      if (old == sun.misc.SignalHandler.SIG_IGN && SHUTDOWN_SIGNALS.contains(name)) {
        // HotSpot leaves an inherited SIG_IGN in place for these (so that nohup works for plain
        // Java programs) and reports it as the old handler: ours is registered but never called
        Warnings.printLater("SignalWarning", name + " is ignored by this process (it inherited SIG_IGN, as under "
            + "nohup) and the JVM keeps it ignored, so process.on(\"" + name + "\") listeners will never be called. "
            + "Start the process without nohup (setsid, or a service manager) to use " + name + ".");
      }
    } catch (IllegalArgumentException e) {
      // the JVM reserves it (for example with -Xrs): listeners are kept but never called
      Warnings.printLater("SignalWarning", "cannot listen to " + name + ": " + e.getMessage());
    }
  }

  private static void deliver(String name, int number) {
    Set<EddyProcess> set = WATCHERS.getOrDefault(name, Set.of());
    java.util.List<EddyProcess> targets = new java.util.ArrayList<>(set);
    java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(targets.size());
    java.util.concurrent.atomic.AtomicBoolean handled = new java.util.concurrent.atomic.AtomicBoolean();
    // the number the JVM reports, which is the platform's (NUMBERS holds Linux's)
    Runnable defaultAction = () -> Runtime.getRuntime().halt(128 + number);
    if (targets.isEmpty()) defaultAction.run();
    for (EddyProcess p : targets) {
      try {
        // each loop decides on its own thread whether it listens; the last one to answer without
        // a listener, when nobody had one, applies the default action
        p.deliverSignal(name, listened -> {
          if (listened) handled.set(true);
          if (left.decrementAndGet() == 0 && !handled.get()) defaultAction.run();
        });
      } catch (RejectedExecutionException finished) {
        set.remove(p);
        if (left.decrementAndGet() == 0 && !handled.get()) defaultAction.run();
      }
    }
  }

  /** Prints a warning without a loop (the signal thread has none). */
  static final class Warnings {
    private Warnings() {}

    static void printLater(String type, String message) {
      System.err.println("(eddy) " + type + ": " + message);
    }
  }
}
