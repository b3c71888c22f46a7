package dev.eddy.worker;

import dev.eddy.NodeException;
import dev.eddy.Promise;
import java.util.concurrent.Callable;

/**
 * A task submitted to a {@link WorkerPool}: its promise and its cancellation (piscina's {@code
 * signal} option, as a handle).
 *
 * @param <T> the task's result type
 */
public final class PoolTask<T> {
  enum State { QUEUED, RUNNING, CANCELLED, DONE }

  final WorkerPool pool;
  final Callable<T> task;
  final Promise.Resolvers<T> resolvers;
  // Guarded by the pool's lock.
  State state = State.QUEUED;
  Thread runner;

  PoolTask(WorkerPool pool, Callable<T> task, Promise.Resolvers<T> resolvers) {
    this.pool = pool;
    this.task = task;
    this.resolvers = resolvers;
  }

  /**
   * The task's promise, on the loop that submitted it: fulfilled with what the task returned,
   * rejected with what it threw, or with an AbortError after {@link #cancel()}.
   */
  public Promise<T> promise() {
    return resolvers.promise();
  }

  /**
   * Cancels the task; any thread. A queued task is removed from the queue and never runs. A
   * running task's thread is interrupted: cancellation is cooperative, the task stops only if it
   * reacts to the interrupt (blocking calls throw {@code InterruptedException}, loops may check
   * {@code Thread.currentThread().isInterrupted()}); whatever it returns later is ignored. Either
   * way the promise is rejected at once with a {@link NodeException} named {@code AbortError},
   * code {@code ABORT_ERR}.
   *
   * @return true if the task was cancelled, false if it had already settled (or been cancelled)
   */
  public boolean cancel() {
    if (!pool.cancel(this)) {
      return false;
    }
    resolvers.reject().accept(abortError());
    return true;
  }

  static NodeException abortError() {
    return new NodeException("AbortError", "ABORT_ERR", "The operation was aborted");
  }
}
