package dev.eddy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A JavaScript promise bound to one loop, with V8's timing: every reaction runs as a job of the
 * loop's microtask queue, resolving with another promise or a {@link Thenable} adopts it (two
 * extra jobs, as V8), and a rejection that has no handler when the queues drain is an unhandled
 * rejection (fatal unless an {@code unhandledRejection} listener exists, as Node 20).
 *
 * <p>A promise is created on a loop thread (or in an async body) and all its methods are called
 * there. To settle one from another thread use {@link #withResolvers()}: its resolve and reject
 * functions may be called from any thread. Convert with {@link #toCompletableFuture()} and
 * {@link #fromCompletionStage(CompletionStage)}.
 *
 * <p>Handlers that return a {@code Promise} (or a {@code Thenable}) are adopted as in JavaScript;
 * use {@link #thenCompose} to have the compiler see the flattened type.
 *
 * @param <T> the type of the fulfillment value
 */
public final class Promise<T> {
  private static final int PENDING = 0;
  private static final int FULFILLED = 1;
  private static final int REJECTED = 2;

  final Loop loop;
  private int state;
  private Object result;
  private Object reactions; // null, one Reaction, or ArrayList<Reaction>
  private boolean alreadyResolved;
  private boolean handled;
  private boolean reported;

  Promise(Loop loop) {
    this.loop = loop;
  }

  // ---------------------------------------------------------------------------------------------
  // Construction
  // ---------------------------------------------------------------------------------------------

  /** The two functions that settle a promise ({@code new Promise((resolve, reject) => ...)}). */
  public interface Executor<T> {
    /** Runs synchronously inside {@link #create}; a throw rejects the promise. */
    void run(Consumer<T> resolve, Consumer<Throwable> reject) throws Exception;
  }

  /** {@code new Promise(executor)}: runs the executor now; its exception rejects the promise. */
  public static <T> Promise<T> create(Executor<T> executor) {
    Objects.requireNonNull(executor, "executor");
    Promise<T> p = new Promise<>(Loop.require("new Promise"));
    try {
      executor.run(p::resolveFn, p::rejectFn);
    } catch (ExitSignal s) {
      throw s;
    } catch (Throwable e) {
      p.rejectFn(e);
    }
    return p;
  }

  /** {@code Promise.resolve(value)}: the value itself if it is a promise, else a promise of it. */
  @SuppressWarnings("unchecked")
  public static <T> Promise<T> resolve(T value) {
    if (value instanceof Promise<?> p) {
      return (Promise<T>) p;
    }
    Promise<T> p = new Promise<>(Loop.require("Promise.resolve"));
    p.resolveFn(value);
    return p;
  }

  /** {@code Promise.resolve()} for a {@code Void} promise. */
  public static Promise<Void> resolve() {
    return resolve(null);
  }

  /** {@code Promise.reject(reason)}: a rejected promise (unhandled unless a handler is added soon). */
  public static <T> Promise<T> reject(Throwable reason) {
    Promise<T> p = new Promise<>(Loop.require("Promise.reject"));
    p.rejectFn(reason);
    return p;
  }

  /**
   * A pending promise with its settling functions ({@code Promise.withResolvers()}). The functions
   * may be called from any thread: off the loop they hand the settlement to the loop, which is
   * kept alive until the promise is settled (so waiting for another thread never ends the loop
   * early). Only the first call counts.
   */
  public static <T> Resolvers<T> withResolvers() {
    Loop loop = Loop.require("Promise.withResolvers");
    Promise<T> p = new Promise<>(loop);
    AutoCloseable alive = loop.keepAlive();
    java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
    Consumer<T> resolve = v -> {
      if (once.compareAndSet(false, true)) {
        onLoop(loop, () -> {
          p.resolveFn(v);
          closeQuietly(alive);
        });
      }
    };
    Consumer<Throwable> reject = e -> {
      if (once.compareAndSet(false, true)) {
        onLoop(loop, () -> {
          p.rejectFn(e);
          closeQuietly(alive);
        });
      }
    };
    return new Resolvers<>(p, resolve, reject);
  }

  /** A promise and its thread-safe settling functions. */
  public record Resolvers<T>(Promise<T> promise, Consumer<T> resolve, Consumer<Throwable> reject) {}

  private static void onLoop(Loop loop, Runnable r) {
    if (Loop.current() == loop) {
      r.run();
    } else {
      loop.execute(r);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // keep-alive handles do not fail on close
    }
  }

  /**
   * A promise that settles on the current loop when {@code stage} completes (on any thread); the
   * loop stays alive until then.
   */
  public static <T> Promise<T> fromCompletionStage(CompletionStage<T> stage) {
    Objects.requireNonNull(stage, "stage");
    Resolvers<T> r = withResolvers();
    stage.whenComplete((v, e) -> {
      if (e != null) {
        r.reject().accept(unwrapCompletion(e));
      } else {
        r.resolve().accept(v);
      }
    });
    return r.promise();
  }

  private static Throwable unwrapCompletion(Throwable e) {
    while ((e instanceof java.util.concurrent.CompletionException
        || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /**
   * A future completed (on the loop thread) when this promise settles. Adding it counts as a
   * handler, so a rejection it receives is not reported as unhandled. Call on the loop thread.
   */
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> f = new CompletableFuture<>();
    performThen(new Reaction(null, null, null, 0) {
      @Override
      @SuppressWarnings("unchecked")
      void settle(boolean fulfilled, Object value) {
        if (fulfilled) {
          f.complete((T) value);
        } else {
          f.completeExceptionally((Throwable) value);
        }
      }
    });
    return f;
  }

  // ---------------------------------------------------------------------------------------------
  // Resolving functions (V8's CreateResolvingFunctions)
  // ---------------------------------------------------------------------------------------------

  void resolveFn(Object value) {
    if (alreadyResolved) {
      return;
    }
    alreadyResolved = true;
    resolveValue(value);
  }

  void rejectFn(Throwable reason) {
    if (alreadyResolved) {
      return;
    }
    alreadyResolved = true;
    settle(REJECTED, reason);
  }

  /** The Promise Resolve Functions steps after the already-resolved check. */
  private void resolveValue(Object value) {
    if (value == this) {
      settle(REJECTED, new IllegalStateException("Chaining cycle detected for promise"));
    } else if (value instanceof Promise<?> other) {
      loop.queueMicrotask(new ResolveThenableJob(this, other, null));
    } else if (value instanceof Thenable<?> thenable) {
      loop.queueMicrotask(new ResolveThenableJob(this, null, thenable));
    } else {
      settle(FULFILLED, value);
    }
  }

  /** NewPromiseResolveThenableJob: calls then() of the thenable to settle the outer promise. */
  private static final class ResolveThenableJob implements Runnable {
    private final Promise<?> target;
    private final Promise<?> promise;
    private final Thenable<?> thenable;

    ResolveThenableJob(Promise<?> target, Promise<?> promise, Thenable<?> thenable) {
      this.target = target;
      this.promise = promise;
      this.thenable = thenable;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void run() {
      if (promise != null) {
        promise.performThen(new Reaction(null, null, null, 0) {
          @Override
          void settle(boolean fulfilled, Object value) {
            if (fulfilled) {
              target.resolveValue(value);
            } else {
              target.settle(REJECTED, value);
            }
          }
        });
        return;
      }
      // A foreign thenable gets fresh resolving functions: only its first call counts.
      boolean[] done = new boolean[1];
      try {
        ((Thenable) thenable).then(v -> {
          if (!done[0]) {
            done[0] = true;
            target.resolveValue(v);
          }
        }, (Consumer<Throwable>) e -> {
          if (!done[0]) {
            done[0] = true;
            target.settle(REJECTED, e);
          }
        });
      } catch (ExitSignal s) {
        throw s;
      } catch (Throwable e) {
        if (!done[0]) {
          done[0] = true;
          target.settle(REJECTED, e);
        }
      }
    }
  }

  private void settle(int newState, Object value) {
    if (state != PENDING) {
      return;
    }
    state = newState;
    result = value;
    Object rs = reactions;
    reactions = null;
    if (newState == REJECTED && !handled) {
      loop.trackRejection(this);
    }
    if (rs == null) {
      return;
    }
    if (rs instanceof Reaction r) {
      enqueue(r, newState, value);
    } else {
      @SuppressWarnings("unchecked")
      ArrayList<Reaction> list = (ArrayList<Reaction>) rs;
      for (int i = 0; i < list.size(); i++) {
        enqueue(list.get(i), newState, value);
      }
    }
  }

  private void enqueue(Reaction r, int st, Object value) {
    r.fulfilled = st == FULFILLED;
    r.argument = value;
    loop.queueMicrotask(r);
  }

  // ---------------------------------------------------------------------------------------------
  // Reactions
  // ---------------------------------------------------------------------------------------------

  /** A PromiseReaction and, once triggered, its job on the microtask queue. */
  static class Reaction implements Runnable {
    final Promise<Object> derived;
    final Function<Object, Object> onFulfilled;
    final Function<Throwable, Object> onRejected;
    boolean fulfilled;
    Object argument;

    Reaction(Promise<Object> derived, Function<Object, Object> onFulfilled,
        Function<Throwable, Object> onRejected, int unused) {
      this.derived = derived;
      this.onFulfilled = onFulfilled;
      this.onRejected = onRejected;
    }

    @Override
    public final void run() {
      settle(fulfilled, argument);
    }

    /** NewPromiseReactionJob: the handler, or pass-through when there is none. */
    void settle(boolean isFulfilled, Object value) {
      Object out;
      try {
        if (isFulfilled) {
          out = onFulfilled == null ? value : onFulfilled.apply(value);
        } else if (onRejected == null) {
          derived.rejectFn((Throwable) value);
          return;
        } else {
          out = onRejected.apply((Throwable) value);
        }
      } catch (ExitSignal s) {
        throw s;
      } catch (Throwable e) {
        derived.rejectFn(e);
        return;
      }
      derived.resolveFn(out);
    }
  }

  void performThen(Reaction r) {
    if (state == PENDING) {
      Object rs = reactions;
      if (rs == null) {
        reactions = r;
      } else if (rs instanceof Reaction single) {
        ArrayList<Reaction> list = new ArrayList<>(4);
        list.add(single);
        list.add(r);
        reactions = list;
      } else {
        @SuppressWarnings("unchecked")
        ArrayList<Reaction> list = (ArrayList<Reaction>) rs;
        list.add(r);
      }
    } else {
      if (state == REJECTED && !handled && reported) {
        loop.rejectionHandledLate(this); // Node's 'rejectionHandled'
      }
      enqueue(r, state, result);
    }
    handled = true;
  }

  @SuppressWarnings("unchecked")
  private <R> Promise<R> then0(Function<? super T, ?> onFulfilled, Function<Throwable, ?> onRejected) {
    loop.checkThread("Promise.then()");
    Promise<R> derived = new Promise<>(loop);
    performThen(new Reaction((Promise<Object>) derived, (Function<Object, Object>) onFulfilled,
        (Function<Throwable, Object>) onRejected, 0));
    return derived;
  }

  // ---------------------------------------------------------------------------------------------
  // then / catch / finally
  // ---------------------------------------------------------------------------------------------

  /**
   * {@code promise.then(onFulfilled)}: a promise of what the handler returns, settled one job
   * after this promise settles; a rejection passes through; a throw rejects it.
   */
  public <R> Promise<R> then(Function<? super T, ? extends R> onFulfilled) {
    Objects.requireNonNull(onFulfilled, "onFulfilled");
    return then0(onFulfilled, null);
  }

  /** {@code promise.then(onFulfilled, onRejected)}. */
  public <R> Promise<R> then(Function<? super T, ? extends R> onFulfilled,
      Function<Throwable, ? extends R> onRejected) {
    Objects.requireNonNull(onFulfilled, "onFulfilled");
    Objects.requireNonNull(onRejected, "onRejected");
    return then0(onFulfilled, onRejected);
  }

  /** {@code promise.then(v => { ... })} for a handler that returns nothing. */
  public Promise<Void> thenAccept(Consumer<? super T> onFulfilled) {
    Objects.requireNonNull(onFulfilled, "onFulfilled");
    return then0(v -> {
      onFulfilled.accept(v);
      return null;
    }, null);
  }

  /** {@code promise.then(() => { ... })}. */
  public Promise<Void> thenRun(Runnable onFulfilled) {
    Objects.requireNonNull(onFulfilled, "onFulfilled");
    return then0(v -> {
      onFulfilled.run();
      return null;
    }, null);
  }

  /** {@code promise.then(v => otherPromise)} with the flattened type; adoption takes V8's two extra jobs. */
  public <R> Promise<R> thenCompose(Function<? super T, ? extends Promise<? extends R>> onFulfilled) {
    Objects.requireNonNull(onFulfilled, "onFulfilled");
    return then0(onFulfilled, null);
  }

  /** {@code promise.catch(onRejected)}: a fulfilled value passes through. */
  public Promise<T> catchError(Function<Throwable, ? extends T> onRejected) {
    Objects.requireNonNull(onRejected, "onRejected");
    return then0(null, onRejected);
  }

  /** {@code promise.catch(e => { ... })} for a handler that returns nothing. */
  public Promise<T> catchAccept(Consumer<Throwable> onRejected) {
    Objects.requireNonNull(onRejected, "onRejected");
    return then0(null, e -> {
      onRejected.accept(e);
      return null;
    });
  }

  /**
   * {@code promise.finally(onFinally)}: runs the callback on either outcome, then settles as this
   * promise did (unless the callback throws), with V8's extra jobs.
   */
  public Promise<T> andFinally(Runnable onFinally) {
    Objects.requireNonNull(onFinally, "onFinally");
    Function<T, Object> thenFinally = v -> {
      onFinally.run();
      return Promise.<Object>resolve(null).then(x -> v);
    };
    Function<Throwable, Object> catchFinally = e -> {
      onFinally.run();
      return Promise.<Object>resolve(null).then(x -> {
        throw sneaky(e);
      });
    };
    return then0(thenFinally, catchFinally);
  }

  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    throw (E) e;
  }

  // ---------------------------------------------------------------------------------------------
  // Combinators
  // ---------------------------------------------------------------------------------------------

  /** {@code Promise.all}: the values in order, or the first rejection. */
  public static <T> Promise<List<T>> all(List<? extends Promise<? extends T>> promises) {
    Objects.requireNonNull(promises, "promises");
    Promise<List<T>> out = new Promise<>(Loop.require("Promise.all"));
    int n = promises.size();
    Object[] values = new Object[n];
    int[] remaining = {1};
    for (int i = 0; i < n; i++) {
      int index = i;
      remaining[0]++;
      element(promises.get(i)).then0(v -> {
        storeElement(out, values, remaining, index, v);
        return null;
      }, e -> {
        out.rejectFn(e);
        return null;
      });
    }
    if (--remaining[0] == 0) {
      out.resolveFn(listOf(values));
    }
    return out;
  }

  /** An element's outcome; the last one fulfills the combined promise with the list. */
  private static void storeElement(Promise<?> out, Object[] values, int[] remaining, int index, Object value) {
    values[index] = value;
    if (--remaining[0] == 0) {
      out.resolveFn(listOf(values));
    }
  }

  /** PromiseResolve(C, element) for an element that is already a promise: itself. */
  private static <T> Promise<T> element(Promise<T> p) {
    return Objects.requireNonNull(p, "promise");
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> listOf(Object[] values) {
    return Collections.unmodifiableList(new ArrayList<>((List<T>) java.util.Arrays.asList(values)));
  }

  /** The outcome of one promise in {@link #allSettled}. */
  public record Settled<T>(boolean fulfilled, T value, Throwable reason) {
    /** Node's status string: {@code "fulfilled"} or {@code "rejected"}. */
    public String status() {
      return fulfilled ? "fulfilled" : "rejected";
    }
  }

  /** {@code Promise.allSettled}: every outcome, in order; never rejects. */
  public static <T> Promise<List<Settled<T>>> allSettled(List<? extends Promise<? extends T>> promises) {
    Objects.requireNonNull(promises, "promises");
    Promise<List<Settled<T>>> out = new Promise<>(Loop.require("Promise.allSettled"));
    int n = promises.size();
    Object[] values = new Object[n];
    int[] remaining = {1};
    for (int i = 0; i < n; i++) {
      int index = i;
      remaining[0]++;
      element(promises.get(i)).then0(v -> {
        storeElement(out, values, remaining, index, new Settled<>(true, v, null));
        return null;
      }, e -> {
        storeElement(out, values, remaining, index, new Settled<>(false, null, e));
        return null;
      });
    }
    if (--remaining[0] == 0) {
      out.resolveFn(listOf(values));
    }
    return out;
  }

  /** {@code Promise.any}: the first fulfillment, or an {@link AggregateException} of all rejections. */
  public static <T> Promise<T> any(List<? extends Promise<? extends T>> promises) {
    Objects.requireNonNull(promises, "promises");
    Promise<T> out = new Promise<>(Loop.require("Promise.any"));
    int n = promises.size();
    Throwable[] errors = new Throwable[n];
    int[] remaining = {1};
    for (int i = 0; i < n; i++) {
      int index = i;
      remaining[0]++;
      element(promises.get(i)).then0(v -> {
        out.resolveFn(v);
        return null;
      }, e -> {
        errors[index] = e;
        if (--remaining[0] == 0) {
          out.rejectFn(new AggregateException(List.of(errors)));
        }
        return null;
      });
    }
    if (--remaining[0] == 0) {
      out.rejectFn(new AggregateException(List.of(errors)));
    }
    return out;
  }

  /** {@code Promise.race}: settles as the first of the promises to settle. */
  public static <T> Promise<T> race(List<? extends Promise<? extends T>> promises) {
    Objects.requireNonNull(promises, "promises");
    Promise<T> out = new Promise<>(Loop.require("Promise.race"));
    for (Promise<? extends T> p : promises) {
      element(p).then0(v -> {
        out.resolveFn(v);
        return null;
      }, e -> {
        out.rejectFn(e);
        return null;
      });
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Inspection
  // ---------------------------------------------------------------------------------------------

  /** Whether the promise has neither fulfilled nor rejected yet. */
  public boolean isPending() {
    return state == PENDING;
  }

  /** Whether the promise fulfilled. */
  public boolean isFulfilled() {
    return state == FULFILLED;
  }

  /** Whether the promise rejected. */
  public boolean isRejected() {
    return state == REJECTED;
  }

  /** The fulfillment value. @throws IllegalStateException unless fulfilled */
  @SuppressWarnings("unchecked")
  public T value() {
    if (state != FULFILLED) {
      throw new IllegalStateException("promise is " + stateName() + ", not fulfilled");
    }
    return (T) result;
  }

  /** The rejection reason, or null unless rejected. */
  public Throwable reason() {
    return state == REJECTED ? (Throwable) result : null;
  }

  /** await's fast path: false while pending; else marks the promise handled, as performThen does. */
  boolean takeSettled() {
    if (state == PENDING) {
      return false;
    }
    if (state == REJECTED && !handled && reported) {
      loop.rejectionHandledLate(this);
    }
    handled = true;
    return true;
  }

  boolean isHandled() {
    return handled;
  }

  void markReported() {
    reported = true;
  }

  boolean wasReported() {
    return reported;
  }

  private String stateName() {
    return state == PENDING ? "pending" : state == FULFILLED ? "fulfilled" : "rejected";
  }

  /** Calls back (on the loop) when settled, as a handler; for Eddy's own bridges. */
  void whenSettled(BiConsumer<Object, Throwable> callback) {
    performThen(new Reaction(null, null, null, 0) {
      @Override
      void settle(boolean fulfilled, Object value) {
        if (fulfilled) {
          callback.accept(value, null);
        } else {
          callback.accept(null, (Throwable) value);
        }
      }
    });
  }

  @Override
  public String toString() {
    return "Promise { " + (state == PENDING ? "<pending>" : state == FULFILLED ? String.valueOf(result)
        : "<rejected> " + result) + " }";
  }
}
