package dev.eddy;

import dev.eddy.internal.Continuations;
import java.util.concurrent.locks.LockSupport;

/**
 * An async body that holds its loop while it runs: exactly one of the loop and the body runs at
 * any time. {@code await} registers a promise reaction whose job hands the loop back to the body,
 * so the body resumes exactly when V8 would resume it.
 *
 * <p>Two ways to switch, the same semantics: where the JDK's continuations are reachable ({@link
 * Continuations#AVAILABLE}) the body is a continuation run on the loop thread itself and an await
 * is a yield; otherwise the body runs on a virtual thread and the two threads hand over with
 * park/unpark on a volatile turn flag (which also gives the happens-before edge between them).
 */
final class Coroutine<T> implements Runnable {
  private static final ThreadLocal<Coroutine<?>> CURRENT = new ThreadLocal<>();
  private static final int HOLDER = 0;
  private static final int BODY = 1;

  private final Loop loop;
  private final AsyncBody<T> body;
  private final Promise<T> promise;
  private volatile int turn = HOLDER;
  private volatile Thread holder;
  private Thread vthread;
  private Object continuation;
  private boolean resumeOk;
  private Object resumeValue;
  private Throwable escaped;
  private volatile boolean cancelled;
  /** Body side: the body's current stretch started in its own resume job (so it is that job's tail). */
  private boolean resumedByJob;

  private Coroutine(Loop loop, AsyncBody<T> body) {
    this.loop = loop;
    this.body = body;
    this.promise = new Promise<>(loop);
  }

  /** Control that ends a body whose loop finished while it was suspended. */
  private static final class Cancelled extends Error {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("the loop finished while this async body was suspended", null, false, false);
    }
  }

  static <T> Promise<T> start(Loop loop, AsyncBody<T> body) {
    Coroutine<T> c = new Coroutine<>(loop, body);
    if (Continuations.AVAILABLE) {
      c.continuation = Continuations.create(c);
    } else {
      c.vthread = Thread.ofVirtual().name("eddy-async").unstarted(c);
    }
    c.handOver();
    return c.promise;
  }

  /** Gives the loop to the body and waits until it awaits or ends (holder side). */
  private void handOver() {
    if (continuation != null) {
      Coroutine<?> outer = CURRENT.get();
      CURRENT.set(this);
      try {
        Continuations.run(continuation);
      } finally {
        CURRENT.set(outer);
      }
    } else {
      handOverToThread();
    }
    Throwable e = escaped;
    if (e != null) {
      escaped = null;
      throw (ExitSignal) e;
    }
  }

  private void handOverToThread() {
    holder = Thread.currentThread();
    loop.running(vthread);
    turn = BODY;
    if (vthread.getState() == Thread.State.NEW) {
      vthread.start();
    } else {
      LockSupport.unpark(vthread);
    }
    while (turn != HOLDER) {
      LockSupport.park(this);
    }
    loop.running(holder);
  }

  /** Body side: lets the holder go on and returns when the body is handed the loop again. */
  private void suspend() {
    if (continuation != null) {
      Continuations.yieldNow();
      return;
    }
    giveBack();
    while (turn != BODY) {
      LockSupport.park(this);
    }
  }

  private void giveBack() {
    Thread h = holder;
    turn = HOLDER;
    LockSupport.unpark(h);
  }

  @Override
  public void run() {
    if (continuation == null) {
      Loop.CURRENT.set(loop);
      CURRENT.set(this);
    }
    try {
      T value = body.call();
      promise.resolveFn(value);
    } catch (ExitSignal s) {
      escaped = s;
    } catch (Cancelled c) {
      return; // the loop is gone: nobody waits for a hand-back
    } catch (Throwable e) {
      promise.rejectFn(e);
    }
    if (continuation == null) {
      giveBack();
    }
  }

  static Object await(Promise<?> p) {
    Coroutine<?> c = CURRENT.get();
    if (c == null) {
      return awaitOffLoop(p);
    }
    return c.suspendOn(p);
  }

  private Object suspendOn(Promise<?> p) {
    if (p.loop != loop) {
      throw new IllegalStateException("await() of a promise of another loop; hand it over with "
          + "Promise.fromCompletionStage(p.toCompletableFuture()) on that loop");
    }
    if (resumedByJob && loop.microtasksEmpty() && p.takeSettled()) {
      // V8 would queue the reaction job as the only job of the running drain and run it next:
      // resuming at once is indistinguishable and needs no thread switch.
      if (p.isFulfilled()) {
        return p.value();
      }
      throw Promise.sneaky(p.reason());
    }
    p.performThen(new Promise.Reaction(null, null, null, 0) {
      @Override
      void settle(boolean fulfilled, Object value) {
        resume(fulfilled, value);
      }
    });
    loop.suspended.add(this);
    suspend();
    if (cancelled) {
      throw new Cancelled();
    }
    if (resumeOk) {
      Object v = resumeValue;
      resumeValue = null;
      return v;
    }
    Throwable e = (Throwable) resumeValue;
    resumeValue = null;
    throw Promise.sneaky(e);
  }

  /** The await reaction's job: runs on the holder (the loop thread) inside a drain. */
  private void resume(boolean ok, Object value) {
    loop.suspended.remove(this);
    resumeOk = ok;
    resumeValue = value;
    resumedByJob = true;
    handOver();
  }

  /** Ends a suspended body after its loop finished: its finally blocks run, off the loop. */
  void cancel() {
    cancelled = true;
    if (continuation != null) {
      // On the loop thread as it ends: the body unwinds here, running its finally blocks.
      try {
        handOver();
      } catch (Throwable ignored) {
        // the loop has ended; nothing is left to report to
      }
      return;
    }
    turn = BODY;
    LockSupport.unpark(vthread);
  }

  private static Object awaitOffLoop(Promise<?> p) {
    if (Loop.current() != null) {
      throw new IllegalStateException("await() called on the loop thread outside an async body: "
          + "it would block the loop forever. Wrap the code in async(() -> { ... }) or use "
          + "promise.then(...)");
    }
    // A plain thread (a test, a main method) may block until the promise settles on its loop.
    java.util.concurrent.CompletableFuture<Object> f = new java.util.concurrent.CompletableFuture<>();
    Runnable loopEnded = () -> f.completeExceptionally(new IllegalStateException(
        "the loop ended before the awaited promise settled: " + p));
    p.loop.termination().thenRun(loopEnded);
    try {
      p.loop.execute(() -> p.whenSettled((v, e) -> {
        if (e != null) {
          f.completeExceptionally(e);
        } else {
          f.complete(v);
        }
      }));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      loopEnded.run();
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while awaiting " + p, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw Promise.sneaky(e.getCause());
    }
  }
}
