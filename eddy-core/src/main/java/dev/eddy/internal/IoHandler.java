package dev.eddy.internal;

/**
 * What a channel registered on a loop's selector runs when it is ready (the attachment of its
 * {@link java.nio.channels.SelectionKey}). Called on the loop's thread in the poll phase, as an
 * I/O callback: the tick and microtask queues drain after it, and an exception it throws is
 * reported as uncaught.
 */
@FunctionalInterface
public interface IoHandler {
  /** The channel is ready for {@code readyOps} ({@link java.nio.channels.SelectionKey} bits). */
  void onIo(int readyOps);
}
