package dev.eddy.worker;

import dev.eddy.Loop;
import dev.eddy.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * A pool of worker loops for CPU-bound work, like piscina: at most {@code maxThreads} worker
 * loops, each on its own platform thread, started on demand and reused, and a bounded queue of
 * tasks waiting for one.
 *
 * <p>A task is a {@link Callable} passed by reference (not cloned: Java threads share the heap);
 * it runs on a worker's loop thread, so it may use Eddy's APIs there, and its result or exception
 * is handed back to the submitting loop, whose promise settles in its poll phase. The hand-over
 * is a happens-before edge, so the task may return objects it built. A pending task keeps the
 * submitting loop alive. Tasks are synchronous: a task that returns a {@code Promise} does not
 * make the pool wait for it.
 *
 * <p>Threads: {@link #run} and {@link #submit} must be called on a loop thread (the promise
 * belongs to that loop); a pool may be shared by several loops. {@link #close()}, {@link
 * #destroy()} and the accessors are safe from any thread. Worker threads are not daemons: close
 * the pool when it is no longer needed.
 */
public final class WorkerPool {
  private final int maxThreads;
  private final int maxQueue;
  private final CompletableFuture<Void> allEnded = new CompletableFuture<>();

  // Guarded by this.
  private final ArrayDeque<PoolWorker> idle = new ArrayDeque<>();
  private final List<PoolWorker> workers = new ArrayList<>();
  private final ArrayDeque<PoolTask<?>> queue = new ArrayDeque<>();
  private boolean closed;

  private static final class PoolWorker {
    final Loop loop = Loop.create();
    // Keeps the worker's loop waiting for tasks until the pool lets it go.
    final AutoCloseable keepAlive = loop.keepAlive();
  }

  private WorkerPool(int maxThreads, int maxQueue) {
    this.maxThreads = maxThreads;
    this.maxQueue = maxQueue;
  }

  /**
   * A pool with no threads yet. Any thread.
   *
   * @param maxThreads the most worker loops (and tasks running) at once, at least 1
   * @param maxQueue the most tasks waiting for a worker, at least 0 ({@code Integer.MAX_VALUE} for
   *     no limit)
   * @throws IllegalArgumentException if a bound is out of range
   */
  public static WorkerPool create(int maxThreads, int maxQueue) {
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
    }
    if (maxQueue < 0) {
      throw new IllegalArgumentException("maxQueue must be at least 0, got " + maxQueue);
    }
    return new WorkerPool(maxThreads, maxQueue);
  }

  /**
   * Runs {@code task} on a worker loop; {@code submit(task).promise()}.
   *
   * @see #submit(Callable)
   */
  public <T> Promise<T> run(Callable<T> task) {
    return submit(task).promise();
  }

  /**
   * Runs {@code task} on an idle worker loop, on a new one if fewer than {@code maxThreads} exist,
   * or queues it. Loop thread only. The returned promise is already rejected, with a {@link
   * RejectedExecutionException}, if the queue is full ({@code "Task queue is at limit"}) or the
   * pool is closed ({@code "The worker pool is closed"}); nothing is thrown for those.
   *
   * @return the task's handle, to cancel it
   * @throws IllegalStateException if the calling thread runs no loop
   * @throws NullPointerException if {@code task} is null
   */
  public <T> PoolTask<T> submit(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    if (Loop.current() == null) {
      throw new IllegalStateException("WorkerPool.run/submit called outside an Eddy loop: the "
          + "task's promise settles on the loop that submits it");
    }
    PoolTask<T> t = new PoolTask<>(this, task, Promise.withResolvers());
    PoolWorker w = null;
    String refused = null;
    synchronized (this) {
      if (closed) {
        refused = "The worker pool is closed";
      } else if (!idle.isEmpty()) {
        w = idle.poll();
      } else if (workers.size() < maxThreads) {
        w = spawn();
      } else if (queue.size() >= maxQueue) {
        refused = "Task queue is at limit";
      } else {
        queue.add(t);
      }
      if (refused != null) {
        t.state = PoolTask.State.DONE;
      }
    }
    if (refused != null) {
      // On the loop thread, the rejection happens now: the promise is rejected when we return.
      t.resolvers.reject().accept(new RejectedExecutionException(refused));
    } else if (w != null) {
      dispatch(w, t);
    }
    return t;
  }

  /** The number of worker threads now running. Any thread. */
  public synchronized int threads() {
    return workers.size();
  }

  /** The number of tasks waiting for a worker. Any thread. */
  public synchronized int queueSize() {
    return queue.size();
  }

  /**
   * Stops accepting tasks; queued and running tasks still run, then the workers end. Any thread;
   * idempotent.
   *
   * @return completes when every worker thread has ended
   */
  public CompletableFuture<Void> close() {
    List<PoolWorker> release;
    synchronized (this) {
      closed = true;
      release = new ArrayList<>(idle);
      idle.clear();
      checkAllEnded();
    }
    release.forEach(w -> closeQuietly(w.keepAlive));
    return allEnded.copy();
  }

  /**
   * Stops at once: queued tasks are rejected with a {@link RejectedExecutionException} ({@code
   * "Terminating worker thread"}), running tasks are rejected the same way and their threads
   * interrupted, and every worker loop is terminated (as soon as its running task returns). Any
   * thread; idempotent.
   *
   * @return completes when every worker thread has ended
   */
  public CompletableFuture<Void> destroy() {
    List<PoolTask<?>> reject = new ArrayList<>();
    List<PoolTask<?>> running;
    List<PoolWorker> all;
    synchronized (this) {
      closed = true;
      reject.addAll(queue);
      queue.clear();
      for (PoolTask<?> t : reject) {
        t.state = PoolTask.State.DONE;
      }
      running = new ArrayList<>(runningTasks);
      all = new ArrayList<>(workers);
      idle.clear();
      checkAllEnded();
    }
    for (PoolWorker w : all) {
      closeQuietly(w.keepAlive);
      w.loop.terminate();
    }
    for (PoolTask<?> t : running) {
      if (cancel(t)) {
        reject.add(t);
      }
    }
    for (PoolTask<?> t : reject) {
      t.resolvers.reject().accept(new RejectedExecutionException("Terminating worker thread"));
    }
    return allEnded.copy();
  }

  // ---- internals

  // Guarded by this: tasks between their start and their end on a worker thread.
  private final List<PoolTask<?>> runningTasks = new ArrayList<>();

  /** Under the lock: a new worker loop waiting for tasks. */
  private PoolWorker spawn() {
    PoolWorker w = new PoolWorker();
    workers.add(w);
    w.loop.start(() -> {}).whenComplete((code, error) -> workerEnded(w));
    return w;
  }

  private void dispatch(PoolWorker w, PoolTask<?> t) {
    try {
      w.loop.execute(() -> runTask(w, t));
    } catch (RejectedExecutionException ended) {
      // The worker's loop ended meanwhile (an uncaught exception in something a task scheduled):
      // put the task back first in line; workerEnded starts a replacement.
      synchronized (this) {
        if (t.state == PoolTask.State.QUEUED) {
          queue.addFirst(t);
        }
      }
      pump();
    }
  }

  /** On the worker's loop thread. */
  private <T> void runTask(PoolWorker w, PoolTask<T> t) {
    synchronized (this) {
      if (t.state != PoolTask.State.QUEUED) {
        // Cancelled between being taken from the queue and reaching this thread.
        next(w);
        return;
      }
      t.state = PoolTask.State.RUNNING;
      t.runner = Thread.currentThread();
      runningTasks.add(t);
    }
    T value = null;
    Throwable error = null;
    try {
      value = t.task.call();
    } catch (Throwable e) {
      error = e;
    }
    boolean settle;
    synchronized (this) {
      settle = t.state == PoolTask.State.RUNNING;
      t.state = PoolTask.State.DONE;
      t.runner = null;
      runningTasks.remove(t);
      // cancel() interrupts only while RUNNING, under this lock, so any interrupt meant for the
      // task has arrived: clear it, or the worker's loop would take it as a request to stop.
      Thread.interrupted();
    }
    if (settle) {
      if (error != null) {
        t.resolvers.reject().accept(error);
      } else {
        t.resolvers.resolve().accept(value);
      }
    }
    next(w);
  }

  /** A worker became free: give it the next task, park it, or let it end. */
  private void next(PoolWorker w) {
    PoolTask<?> t;
    boolean release = false;
    synchronized (this) {
      t = queue.poll();
      if (t == null) {
        if (closed) {
          release = true;
        } else {
          idle.add(w);
        }
      }
    }
    if (t != null) {
      dispatch(w, t);
    } else if (release) {
      closeQuietly(w.keepAlive);
    }
  }

  /** Starts workers for queued tasks when workers were lost. */
  private void pump() {
    List<Runnable> starts = new ArrayList<>();
    synchronized (this) {
      while (!closed && !queue.isEmpty() && workers.size() < maxThreads) {
        PoolWorker w = spawn();
        PoolTask<?> t = queue.poll();
        starts.add(() -> dispatch(w, t));
      }
    }
    starts.forEach(Runnable::run);
  }

  private void workerEnded(PoolWorker w) {
    synchronized (this) {
      workers.remove(w);
      idle.remove(w);
      checkAllEnded();
    }
    pump();
  }

  /** Under the lock. */
  private void checkAllEnded() {
    if (closed && workers.isEmpty()) {
      allEnded.complete(null);
    }
  }

  /** Under the lock or not: true if the task was queued or running and is now cancelled. */
  boolean cancel(PoolTask<?> t) {
    synchronized (this) {
      switch (t.state) {
        case QUEUED -> {
          queue.remove(t);
          t.state = PoolTask.State.CANCELLED;
          return true;
        }
        case RUNNING -> {
          t.state = PoolTask.State.CANCELLED;
          t.runner.interrupt();
          return true;
        }
        default -> {
          return false;
        }
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception impossible) {
      // keep-alive handles do not fail on close
    }
  }
}
