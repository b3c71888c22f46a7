package dev.eddy.worker;

import dev.eddy.Buffer;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import dev.eddy.Loop;
import dev.eddy.worker.internal.StructuredClone;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's side of its channel to the parent: Node's {@code parentPort} together with
 * {@code workerData} and {@code threadId}. It is handed to the {@link WorkerBody} and is also
 * reachable with {@link #current()}.
 *
 * <p>Messages from the parent are emitted as {@link #MESSAGE} on the worker's loop thread, in the
 * order the parent posted them. As in Node, the port keeps the worker's loop alive while it has
 * at least one {@code 'message'} listener, unless it was {@link #unref() unref'd} or {@link
 * #close() closed}; a worker without message listeners ends when its own work is done.
 *
 * <p>Threads: every method except {@link #current()} and {@link #threadId()} must be called on
 * the worker's loop thread (like any {@link EventEmitter}, it is not synchronized).
 */
public final class WorkerContext extends EventEmitter {
  /** A message from the parent, already cloned (see {@link Worker} for the copy rules). */
  public static final Event<Object> MESSAGE = Worker.MESSAGE;

  private static final ConcurrentHashMap<Loop, WorkerContext> CONTEXTS = new ConcurrentHashMap<>();

  private final Worker worker;
  private final Loop loop;
  private final Object workerData;
  // Worker loop thread only.
  private AutoCloseable keepAlive;
  private boolean refed = true;
  private boolean closed;

  WorkerContext(Worker worker, Loop loop, Object workerData) {
    this.worker = worker;
    this.loop = loop;
    this.workerData = workerData;
    // Node's MessagePort refs itself on 'newListener' for 'message' and unrefs on 'removeListener'.
    on(NEW_LISTENER, change -> {
      if (change.event().equals(MESSAGE.name())) {
        updateRef(true);
      }
    });
    on(REMOVE_LISTENER, change -> {
      if (change.event().equals(MESSAGE.name())) {
        updateRef(listenerCount(MESSAGE) > 0);
      }
    });
  }

  /**
   * The context of the worker whose loop calls this, or null on a loop that is not a worker
   * (Node's {@code parentPort === null} on the main thread). Any thread.
   */
  public static WorkerContext current() {
    Loop loop = Loop.current();
    return loop == null ? null : CONTEXTS.get(loop);
  }

  /** Node's {@code workerData}: the clone of what the parent passed, or null. */
  public Object workerData() {
    return workerData;
  }

  /** Node's {@code threadId}: this worker's id, the same as {@link Worker#threadId()}. Any thread. */
  public int threadId() {
    return worker.threadId();
  }

  /**
   * Node's {@code parentPort.postMessage(message)}: sends a clone of {@code message} to the
   * parent, where the {@link Worker} emits it as {@link Worker#MESSAGE} on the parent's loop
   * thread, after the messages this worker posted before. A message posted after the parent's
   * loop ended, or after {@link #close()}, is dropped, as Node drops it.
   *
   * @throws IllegalArgumentException (DataCloneError) if the message holds a value that cannot
   *     be cloned; nothing is sent
   */
  public void postMessage(Object message) {
    postMessage(message, List.of());
  }

  /**
   * Like {@link #postMessage(Object)}, but the buffers of {@code transferList} are moved instead of
   * copied: the parent receives a Buffer over the same memory and this worker's buffer is
   * detached (length 0), as in Node; see {@link Worker}.
   *
   * @throws IllegalArgumentException if the message cannot be cloned or a buffer is listed twice
   * @throws NullPointerException if {@code transferList} or an element is null
   */
  public void postMessage(Object message, List<Buffer> transferList) {
    Objects.requireNonNull(transferList, "transferList");
    Object copy = StructuredClone.copy(message, transferList);
    if (!closed) {
      worker.fromChild(copy);
    }
  }

  /** Node's {@code parentPort.ref()}: message listeners keep the worker alive again. */
  public WorkerContext ref() {
    refed = true;
    updateRef(listenerCount(MESSAGE) > 0);
    return this;
  }

  /** Node's {@code parentPort.unref()}: message listeners no longer keep the worker alive. */
  public WorkerContext unref() {
    refed = false;
    updateRef(false);
    return this;
  }

  /**
   * Node's {@code parentPort.close()}: no more messages are received or sent, and the port no
   * longer keeps the worker alive. Idempotent.
   */
  public void close() {
    closed = true;
    updateRef(false);
  }

  private void updateRef(boolean hasListeners) {
    boolean want = hasListeners && refed && !closed;
    if (want && keepAlive == null) {
      keepAlive = loop.keepAlive();
    } else if (!want && keepAlive != null) {
      try {
        keepAlive.close();
      } catch (Exception impossible) {
        // keep-alive handles do not fail on close
      }
      keepAlive = null;
    }
  }

  // ---- called by Worker

  void register() {
    CONTEXTS.put(loop, this);
  }

  void unregister() {
    CONTEXTS.remove(loop);
  }

  /** On the worker's loop thread: a message from the parent. */
  void deliver(Object message) {
    if (!closed) {
      emit(MESSAGE, message);
    }
  }
}
