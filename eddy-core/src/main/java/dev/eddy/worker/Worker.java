package dev.eddy.worker;

import dev.eddy.Buffer;
import dev.eddy.EddyProcess;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import dev.eddy.Loop;
import dev.eddy.Promise;
import dev.eddy.worker.internal.StructuredClone;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Node's {@code worker_threads.Worker}: a {@link WorkerBody} run as the main program of a new
 * {@link Loop} on its own platform thread, talking to the loop that created it by messages.
 *
 * <p><b>Events</b> (all emitted on the parent's loop thread): {@link #ONLINE} when the worker
 * starts running its body; {@link #MESSAGE} for each message the worker posts, in order; {@link
 * #ERROR} with an exception that was uncaught in the worker (when the worker's process has no
 * {@code uncaughtException} listener; the worker then ends); {@link #EXIT} last, with the
 * worker's exit code: what its loop returned, {@code process().exit(code)}'s code, 1 after an
 * uncaught exception and 1 after {@link #terminate()}, as in Node. An {@code 'error'} that nothing
 * listens to is thrown on the parent's loop, i.e. becomes the parent's uncaught exception.
 *
 * <p><b>Liveness.</b> A running worker keeps the parent's loop alive until its {@code 'exit'} has
 * been emitted, unless {@link #unref()} was called. Inside the worker, see {@link WorkerContext}.
 *
 * <p><b>Messages are copied</b> (Node's structured clone, done on the sending thread, so a
 * refused message throws there at once and mutating the original afterwards never changes what
 * the receiver gets):
 * <ul>
 *   <li>null, strings, boxed primitives, {@code BigInteger}, {@code BigDecimal}, {@code UUID}, the
 *       {@code java.time} value classes and enum constants are immutable and passed as they are;
 *   <li>a record whose components are (recursively) such values is passed as it is; a record that
 *       holds mutable values is rebuilt through its canonical constructor from their copies;
 *   <li>a {@code List} becomes a new {@code ArrayList}, a {@code Set} a new {@code LinkedHashSet},
 *       a {@code Map} a new {@code LinkedHashMap} (iteration order kept, comparators and
 *       immutability not): mutable, owned by the receiver, as Node's clones are;
 *   <li>arrays ({@code byte[]} and other primitive arrays included) are copied, and a {@link
 *       Buffer} is copied into a new Buffer;
 *   <li>shared references and cycles through collections and arrays are kept in the copy;
 *   <li>anything else (an arbitrary object, a lambda, a stream, a thread...) is refused with an
 *       {@link IllegalArgumentException} whose message starts with {@code DataCloneError} and names
 *       the type and its place in the message; exceptions are not cloneable either.
 * </ul>
 * <b>Transfer</b>: {@code postMessage(message, transferList)} moves the listed buffers instead of
 * copying them: each occurrence in the message arrives as a Buffer over the same memory, and the
 * sender's buffer is detached (its length becomes 0), as in Node ({@link Buffer#transfer()}).
 * Other views of that memory (subarrays) are not detached; touching them afterwards races with
 * the receiver.
 *
 * <p><b>Threads.</b> Create a worker, and call its methods, on the parent's loop thread, except
 * {@link #threadId()}, which any thread may call.
 */
public final class Worker extends EventEmitter {
  /** A message (already cloned) from the worker; also the event of {@link WorkerContext}. */
  public static final Event<Object> MESSAGE = Event.of("message");
  /** The worker's exit code, emitted last, once. */
  public static final Event<Integer> EXIT = Event.of("exit");
  /** The worker started running its body; the payload is null. */
  public static final Event<Void> ONLINE = Event.of("online");

  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private final int threadId = THREAD_IDS.incrementAndGet();
  private final Loop parent;
  private final Loop child = Loop.create();
  private final WorkerContext context;
  private volatile boolean terminating;
  private volatile Thread childThread;
  private volatile Throwable fatal;

  // Parent loop thread only.
  private AutoCloseable keepAlive;
  private boolean exited;
  private int exitCode;
  private final List<Consumer<Integer>> onExit = new ArrayList<>();

  /**
   * Starts {@code body} on a new worker thread with its own loop. Call on a loop thread.
   *
   * @throws IllegalStateException if the calling thread runs no loop
   * @throws NullPointerException if {@code body} is null
   */
  public Worker(WorkerBody body) {
    this(body, null);
  }

  /**
   * Like {@link #Worker(WorkerBody)}, with Node's {@code workerData}: a clone of {@code
   * workerData} (same rules as messages) is available as {@link WorkerContext#workerData()}.
   *
   * @throws IllegalArgumentException (DataCloneError) if {@code workerData} cannot be cloned
   * @throws IllegalStateException if the calling thread runs no loop
   */
  public Worker(WorkerBody body, Object workerData) {
    Objects.requireNonNull(body, "body");
    Loop current = Loop.current();
    if (current == null) {
      throw new IllegalStateException("new Worker(...) called outside an Eddy loop: a worker "
          + "reports to the loop that creates it");
    }
    this.parent = current;
    this.context = new WorkerContext(this, child, StructuredClone.copy(workerData, List.of()));
    this.keepAlive = parent.keepAlive();
    context.register();
    child.start(() -> runBody(body)).whenComplete(this::childEnded);
  }

  /** The same as {@code new Worker(body)}. */
  public static Worker start(WorkerBody body) {
    return new Worker(body);
  }

  /** The same as {@code new Worker(body, workerData)}. */
  public static Worker start(WorkerBody body, Object workerData) {
    return new Worker(body, workerData);
  }

  /** Node's {@code worker.threadId}: a positive number unique in this JVM. Any thread. */
  public int threadId() {
    return threadId;
  }

  /**
   * Node's {@code worker.postMessage(message)}: the worker receives a clone (see the class
   * comment) as {@link WorkerContext#MESSAGE} on its loop thread, after earlier messages. A message
   * posted to a worker that has ended is dropped, as in Node.
   *
   * @throws IllegalArgumentException (DataCloneError) if the message cannot be cloned; nothing
   *     is sent
   */
  public void postMessage(Object message) {
    postMessage(message, List.of());
  }

  /**
   * Like {@link #postMessage(Object)}, but moves the buffers of {@code transferList} instead of
   * copying them; they are detached here (length 0), see the class comment.
   *
   * @throws IllegalArgumentException if the message cannot be cloned or a buffer is listed twice
   * @throws NullPointerException if {@code transferList} or an element is null
   */
  public void postMessage(Object message, List<Buffer> transferList) {
    Objects.requireNonNull(transferList, "transferList");
    Object copy = StructuredClone.copy(message, transferList);
    try {
      child.execute(() -> context.deliver(copy));
    } catch (RejectedExecutionException ended) {
      // The worker has ended: Node drops the message silently.
    }
  }

  /**
   * Node's {@code worker.terminate()}: stops the worker's loop as soon as its running callback
   * returns (no more callbacks, no exit listeners) and interrupts the worker's thread, so that a
   * blocking wait in the worker ends. Stopping is cooperative: a callback that computes forever
   * and ignores interrupts is not stopped. Parent loop thread only.
   *
   * @return a promise of the exit code, 1 (or the worker's own code if it had ended already)
   */
  public Promise<Integer> terminate() {
    if (exited) {
      return Promise.resolve(exitCode);
    }
    Promise.Resolvers<Integer> r = Promise.withResolvers();
    onExit.add(r.resolve());
    if (!terminating) {
      terminating = true;
      child.terminate();
      Thread t = childThread;
      if (t != null) {
        t.interrupt();
      }
    }
    return r.promise();
  }

  /** Node's {@code worker.unref()}: the worker no longer keeps the parent's loop alive. */
  public Worker unref() {
    closeKeepAlive();
    return this;
  }

  /** Node's {@code worker.ref()}: undoes {@link #unref()} while the worker runs. */
  public Worker ref() {
    if (!exited && keepAlive == null) {
      keepAlive = parent.keepAlive();
    }
    return this;
  }

  // ---- worker thread

  private void runBody(WorkerBody body) {
    childThread = Thread.currentThread();
    EddyProcess process = child.process();
    // Node's worker: an exception nobody in the worker handles ends the worker and goes to the
    // parent. Being the only listener means the worker's program has none of its own.
    process.prependListener(EddyProcess.UNCAUGHT_EXCEPTION, e -> {
      if (process.listenerCount(EddyProcess.UNCAUGHT_EXCEPTION) == 1) {
        if (!terminating) {
          fatal = e;
        }
        process.exit(1);
      }
    });
    toParent(() -> emit(ONLINE, null));
    try {
      body.run(context);
    } catch (Exception e) {
      throw Worker.<RuntimeException>sneakyThrow(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  void fromChild(Object message) {
    toParent(() -> emit(MESSAGE, message));
  }

  private void childEnded(Integer code, Throwable failure) {
    context.unregister();
    // A terminated loop returns Loop.TERMINATED (130); Node reports 1 for a terminated worker.
    int c = failure != null ? 1 : terminating && code == Loop.TERMINATED ? 1 : code;
    Throwable error = fatal != null ? fatal : failure;
    toParent(() -> exited(c, error));
  }

  // ---- parent loop thread

  private void exited(int code, Throwable error) {
    exited = true;
    exitCode = code;
    closeKeepAlive();
    for (Consumer<Integer> c : onExit) {
      c.accept(code);
    }
    onExit.clear();
    try {
      if (error != null) {
        emit(ERROR, error);
      }
    } finally {
      emit(EXIT, code);
    }
  }

  private void toParent(Runnable task) {
    try {
      parent.execute(task);
    } catch (RejectedExecutionException ended) {
      // The parent's loop has ended; nobody is left to tell.
    }
  }

  private void closeKeepAlive() {
    if (keepAlive != null) {
      try {
        keepAlive.close();
      } catch (Exception impossible) {
        // keep-alive handles do not fail on close
      }
      keepAlive = null;
    }
  }
}
