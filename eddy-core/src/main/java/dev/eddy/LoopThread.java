package dev.eddy;

/**
 * The platform thread {@link Loop#start} runs a loop on: it carries its loop in a field, so that
 * {@link Loop#current()} on it needs no thread-local lookup (Netty's FastThreadLocalThread does
 * the same for its event loops).
 */
final class LoopThread extends Thread {
  /** The loop this thread runs, while it runs it; written and read by this thread only. */
  Loop loop;

  LoopThread(Runnable body, String name) {
    super(body, name);
  }
}
