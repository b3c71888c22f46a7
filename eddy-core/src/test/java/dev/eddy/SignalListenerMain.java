package dev.eddy;

/** Listens to SIGHUP, prints "listening" and ends (for {@link SignalIgnoredTest}, run in a child JVM). */
public final class SignalListenerMain {
  private SignalListenerMain() {}

  public static void main(String[] args) {
    int code = Loop.create().run(() -> {
      Eddy.process().on(EddyProcess.SIGHUP, s -> System.out.println("got " + s));
      System.out.println("listening");
      Eddy.process().removeAllListeners(EddyProcess.SIGHUP);
    });
    System.exit(code);
  }
}
