package dev.eddy.worker;

/**
 * The main program of a {@link Worker}: Node's worker script. It runs once, on the worker's own
 * loop thread, as that loop's main module; what it schedules (timers, message listeners) runs
 * on the same thread afterwards.
 */
@FunctionalInterface
public interface WorkerBody {
  /**
   * Runs the worker's main program.
   *
   * @param context the worker's side of the channel to the parent ({@code parentPort}) and its
   *     {@code workerData}
   * @throws Exception anything; an exception that escapes is an uncaught exception of the
   *     worker's loop (the parent gets {@code 'error'} then {@code 'exit'} 1 unless the worker's
   *     process has an {@code uncaughtException} listener)
   */
  void run(WorkerContext context) throws Exception;
}
