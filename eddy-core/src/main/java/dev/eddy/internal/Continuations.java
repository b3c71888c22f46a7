package dev.eddy.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's one-shot delimited continuations ({@code jdk.internal.vm.Continuation}, what virtual
 * threads are built on), reached through method handles when the JVM runs with {@code
 * --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}. An async body then runs on the loop
 * thread itself and an await is a yield (~0.1 µs) instead of two thread hand-overs (several µs).
 * Without the flag, or with {@code -Deddy.async=threads}, {@link #AVAILABLE} is false and async
 * bodies run on virtual threads.
 */
public final class Continuations {
  private Continuations() {}

  /** Whether continuations can be used on this JVM. */
  public static final boolean AVAILABLE;
  private static final Object SCOPE;
  private static final MethodHandle NEW;
  private static final MethodHandle RUN;
  private static final MethodHandle YIELD;
  private static final MethodHandle IS_DONE;

  static {
    boolean ok = false;
    Object scope = null;
    MethodHandle make = null;
    MethodHandle run = null;
    MethodHandle yield = null;
    MethodHandle isDone = null;
    if (!"threads".equals(System.getProperty("eddy.async"))
        && Object.class.getModule().isExported("jdk.internal.vm", Continuations.class.getModule())) {
      try {
        Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
        Class<?> contClass = Class.forName("jdk.internal.vm.Continuation");
        MethodHandles.Lookup lookup = MethodHandles.lookup(); // publicLookup sees only unqualified exports
        scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
            .invoke("eddy-async");
        make = lookup.findConstructor(contClass, MethodType.methodType(void.class, scopeClass, Runnable.class))
            .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
        run = lookup.findVirtual(contClass, "run", MethodType.methodType(void.class))
            .asType(MethodType.methodType(void.class, Object.class));
        yield = lookup.findStatic(contClass, "yield", MethodType.methodType(boolean.class, scopeClass))
            .asType(MethodType.methodType(boolean.class, Object.class));
        isDone = lookup.findVirtual(contClass, "isDone", MethodType.methodType(boolean.class))
            .asType(MethodType.methodType(boolean.class, Object.class));
        ok = true;
      } catch (Throwable e) {
        ok = false; // an unexpected JDK: fall back to virtual threads
      }
    }
    AVAILABLE = ok;
    SCOPE = scope;
    NEW = make;
    RUN = run;
    YIELD = yield;
    IS_DONE = isDone;
  }

  /** A new continuation that will run {@code body}. */
  public static Object create(Runnable body) {
    try {
      return (Object) NEW.invokeExact(SCOPE, body);
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  /** Runs the continuation until it yields or ends; on the calling thread. */
  public static void run(Object continuation) {
    try {
      RUN.invokeExact(continuation);
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  /**
   * Suspends the running continuation, returning when it is run again.
   *
   * @throws IllegalStateException if the stack cannot be suspended here (a native frame, or a
   *     monitor held on JDKs before 24)
   */
  public static void yieldNow() {
    boolean yielded;
    try {
      yielded = (boolean) YIELD.invokeExact(SCOPE);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("await() cannot suspend here (" + e.getMessage() + "): do not "
          + "await inside synchronized blocks or callbacks from native code", e);
    } catch (Throwable e) {
      throw rethrow(e);
    }
    if (!yielded) {
      throw new IllegalStateException("await() could not suspend the async body");
    }
  }

  /** Whether the continuation has ended. */
  public static boolean isDone(Object continuation) {
    try {
      return (boolean) IS_DONE.invokeExact(continuation);
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  private static RuntimeException rethrow(Throwable e) {
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException(e);
  }
}
