package dev.eddy.stream;

import dev.eddy.Eddy;
import dev.eddy.Promise;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Node's {@code for await (const chunk of readable)} for an async body: {@link #hasNext()} awaits
 * the next chunk (it must run inside {@link Eddy#async}), an error of the stream is thrown from
 * it, and {@link #close()} is the loop's {@code finally}: leaving early (break, or an exception in
 * the body) destroys a stream that has not ended, with an AbortError. Use it in
 * try-with-resources:
 *
 * <pre>{@code
 * async(() -> {
 *   try (var chunks = readable.iterator()) {
 *     while (chunks.hasNext()) handle(chunks.next());
 *   }
 * });
 * }</pre>
 */
public final class ChunkIterator implements Iterator<Object>, AutoCloseable {
  private final Readable stream;
  private Runnable wake = () -> {};
  /** Node's {@code error}: unset (still open), null (ended normally) or the error. */
  private boolean settled;
  private Throwable error;
  private Object next;
  private boolean done;
  private final Consumer<Void> onReadable;
  private final Runnable cleanupEos;

  ChunkIterator(Readable stream) {
    this.stream = stream;
    onReadable = x -> wakeUp();
    stream.on(Stream.READABLE, onReadable);
    cleanupEos = Streams.eos(stream, null, false, true, err -> {
      settled = true;
      error = err;
      wakeUp();
    });
  }

  private void wakeUp() {
    Runnable w = wake;
    wake = () -> {};
    w.run();
  }

  /**
   * Waits (awaits) for the next chunk; false at the end of the stream.
   *
   * @throws RuntimeException the stream's error (checked ones are thrown as they are)
   */
  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done) {
      return false;
    }
    while (true) {
      Object c = stream.destroyed() ? null : stream.read();
      if (c != null) {
        next = c;
        step();
        return true;
      }
      if (settled && error != null) {
        done = true;
        step();
        throw sneaky(error);
      }
      if (settled) {
        done = true;
        step();
        return false;
      }
      // Not withResolvers: like an awaited promise in Node, this wait must not keep the loop alive.
      Promise<Void> woken = Promise.create((resolve, reject) -> wake = () -> resolve.accept(null));
      try {
        Eddy.await(woken);
      } catch (Exception e) {
        throw sneaky(e);
      }
    }
  }

  /**
   * The generator's yield and the loop's await of next(): the consumer sees each result at least
   * one microtask job later, as in Node (the exact number of jobs is not part of Node's contract).
   */
  private static void step() {
    try {
      for (int i = 0; i < 3; i++) {
        Eddy.await(Promise.resolve());
      }
    } catch (Exception e) {
      throw sneaky(e);
    }
  }

  @Override
  public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the stream has ended");
    }
    Object c = next;
    next = null;
    return c;
  }

  /** The {@code finally} of Node's iterator: destroys the stream unless it ended or failed cleanly. */
  @Override
  public void close() {
    done = true;
    if (!settled || stream.rs.autoDestroy) {
      if (!stream.destroyed()) {
        stream.destroy(isFinished() ? null : StreamException.abort());
      }
    } else {
      stream.removeListener(Stream.READABLE, onReadable);
      cleanupEos.run();
    }
  }

  private boolean isFinished() {
    if (stream.destroyedEither()) {
      return true;
    }
    boolean readableOpen = stream.readable() && !stream.rs.endEmitted;
    boolean writableOpen = stream instanceof WritableSide w && w.writable() && !stream.ws.ending;
    return !readableOpen && !writableOpen;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
