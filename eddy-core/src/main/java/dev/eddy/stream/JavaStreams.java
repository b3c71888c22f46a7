package dev.eddy.stream;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.Loop;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Bridges between Eddy's streams and Java's: {@link InputStream}, {@link OutputStream} and {@link
 * Flow.Publisher}, in both directions, all with backpressure. Blocking Java I/O runs on the
 * blocking pool, never on the loop thread; the Eddy side is used on its loop's thread.
 */
public final class JavaStreams {
  private JavaStreams() {}

  // ---------------------------------------------------------------------------------------------
  // InputStream -> Readable
  // ---------------------------------------------------------------------------------------------

  /**
   * A byte Readable over {@code in}: each read asks the blocking pool for up to highWaterMark
   * bytes (64 KiB unless the options say otherwise), so the loop never blocks and nothing is read
   * ahead of demand. Destroying the Readable closes {@code in}.
   */
  public static Readable fromInputStream(InputStream in, StreamOptions options) {
    Objects.requireNonNull(in, "in");
    StreamOptions o = options == null ? StreamOptions.defaults() : options;
    if (o.highWaterMark == null) {
      o.highWaterMark(64 * 1024);
    }
    return new Readable(o) {
      @Override
      protected void doRead(int size) {
        Eddy.blocking(() -> in.readNBytes(size), (err, bytes) -> {
          if (err != null) {
            destroy(err);
          } else if (bytes.length == 0) {
            push(null);
          } else {
            push(Buffer.from(bytes));
          }
        });
      }

      @Override
      protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
        Eddy.blocking(() -> {
          in.close();
          return null;
        }, (closeErr, v) -> callback.accept(error != null ? error : closeErr));
      }
    };
  }

  /** {@link #fromInputStream(InputStream, StreamOptions)} with 64 KiB reads. */
  public static Readable fromInputStream(InputStream in) {
    return fromInputStream(in, null);
  }

  // ---------------------------------------------------------------------------------------------
  // OutputStream <- Writable
  // ---------------------------------------------------------------------------------------------

  /**
   * A Writable into {@code out}: each chunk (Buffer or String as UTF-8) is written on the blocking
   * pool, one at a time, so write() returns false while the pool is behind; end() flushes and
   * closes {@code out}, and so does destroy().
   */
  public static Writable toOutputStream(OutputStream out, StreamOptions options) {
    Objects.requireNonNull(out, "out");
    return new Writable(options == null ? StreamOptions.defaults() : options) {
      @Override
      protected void doWrite(Object chunk, Consumer<Throwable> callback) {
        byte[] bytes = chunk instanceof Buffer b ? b.toByteArray() : String.valueOf(chunk).getBytes(
            java.nio.charset.StandardCharsets.UTF_8);
        Eddy.blocking(() -> {
          out.write(bytes);
          return null;
        }, (err, v) -> callback.accept(err));
      }

      @Override
      protected boolean hasFinal() {
        return true;
      }

      @Override
      protected void doFinal(Consumer<Throwable> callback) {
        Eddy.blocking(() -> {
          out.flush();
          return null;
        }, (err, v) -> callback.accept(err));
      }

      @Override
      protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
        Eddy.blocking(() -> {
          out.close();
          return null;
        }, (closeErr, v) -> callback.accept(error != null ? error : closeErr));
      }
    };
  }

  /** {@link #toOutputStream(OutputStream, StreamOptions)} with the default options. */
  public static Writable toOutputStream(OutputStream out) {
    return toOutputStream(out, null);
  }

  // ---------------------------------------------------------------------------------------------
  // Readable -> InputStream (for a thread that is not the loop's)
  // ---------------------------------------------------------------------------------------------

  /**
   * An InputStream that another thread reads from a byte Readable of the current loop. At most
   * {@code maxQueuedChunks} chunks wait for the reader: beyond that the Readable is paused until
   * the reader catches up. A stream error surfaces as an IOException from read(); closing the
   * InputStream destroys the Readable. The loop stays alive until the stream ends or is closed.
   * Call on the loop thread; read from any other thread.
   */
  public static InputStream toInputStream(Readable readable, int maxQueuedChunks) {
    Objects.requireNonNull(readable, "readable");
    if (maxQueuedChunks < 1) {
      throw new IllegalArgumentException("The value of \"maxQueuedChunks\" is out of range. It must be >= 1. Received "
          + maxQueuedChunks);
    }
    Loop loop = Loop.current();
    if (loop == null) {
      throw new IllegalStateException("toInputStream() called outside an Eddy loop");
    }
    return new QueueInputStream(loop, readable, maxQueuedChunks);
  }

  private static final class QueueInputStream extends InputStream {
    private static final Object END = new Object();
    private final Loop loop;
    private final Readable readable;
    private final int max;
    private final ArrayDeque<Object> queue = new ArrayDeque<>(); // guarded by this
    private final AutoCloseable alive;
    private byte[] current;
    private int pos;
    private boolean paused; // loop thread only
    private boolean finished;

    QueueInputStream(Loop loop, Readable readable, int max) {
      this.loop = loop;
      this.readable = readable;
      this.max = max;
      this.alive = loop.keepAlive();
      readable.on(Stream.DATA, chunk -> {
        byte[] bytes = chunk instanceof Buffer b ? b.toByteArray()
            : String.valueOf(chunk).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (offer(bytes) >= max) {
          paused = true;
          readable.pause();
        }
      });
      readable.on(Stream.END, x -> finish(END));
      readable.on(Stream.ERROR, e -> finish(e));
      readable.on(Stream.CLOSE, x -> finish(END));
    }

    private synchronized int offer(Object item) {
      queue.addLast(item);
      notifyAll();
      return queue.size();
    }

    private void finish(Object item) {
      offer(item);
      try {
        alive.close();
      } catch (Exception ignored) {
        // keep-alive handles do not fail
      }
    }

    private synchronized Object take() throws IOException {
      while (queue.isEmpty()) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the stream");
        }
      }
      Object item = queue.peekFirst();
      if (item == END || item instanceof Throwable) {
        return item; // stays queued: later reads see the same end or error
      }
      queue.pollFirst();
      if (queue.size() < max && !loop.isFinished()) {
        try {
          loop.execute(() -> {
            if (paused) {
              paused = false;
              readable.resume();
            }
          });
        } catch (java.util.concurrent.RejectedExecutionException ended) {
          // the loop ended after the stream did: nothing is paused any more
        }
      }
      return item;
    }

    private boolean fill() throws IOException {
      while (current == null || pos >= current.length) {
        if (finished) {
          return false;
        }
        Object item = take();
        if (item == END) {
          finished = true;
          return false;
        }
        if (item instanceof Throwable t) {
          throw new IOException("the stream failed: " + t.getMessage(), t);
        }
        current = (byte[]) item;
        pos = 0;
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      return fill() ? current[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() {
      if (!loop.isFinished()) {
        try {
          loop.execute(() -> readable.destroy());
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
          // the loop ended meanwhile: nothing left to destroy
        }
      }
      finished = true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Flow.Publisher -> Readable
  // ---------------------------------------------------------------------------------------------

  /**
   * A Readable of a publisher's items (object mode with highWaterMark 1 unless the options say
   * otherwise): one item is requested per read, so the publisher never gets ahead of the reader.
   * onNext may come from any thread; the loop stays alive while the subscription is active.
   */
  public static Readable fromPublisher(Flow.Publisher<?> publisher, StreamOptions options) {
    Objects.requireNonNull(publisher, "publisher");
    StreamOptions o = options == null ? StreamOptions.defaults() : options;
    if (o.objectMode == null) {
      o.objectMode(true);
    }
    if (o.highWaterMark == null) {
      o.highWaterMark(1);
    }
    Loop loop = Loop.current();
    if (loop == null) {
      throw new IllegalStateException("fromPublisher() called outside an Eddy loop");
    }
    return new PublisherReadable(loop, publisher, o);
  }

  private static final class PublisherReadable extends Readable implements Flow.Subscriber<Object> {
    private final Loop loop;
    private final AutoCloseable alive;
    private Flow.Subscription subscription; // set on the loop thread
    private boolean wanted; // a read is waiting for onSubscribe
    private boolean requested;
    private boolean done;

    PublisherReadable(Loop loop, Flow.Publisher<?> publisher, StreamOptions o) {
      super(o);
      this.loop = loop;
      this.alive = loop.keepAlive();
      @SuppressWarnings("unchecked")
      Flow.Publisher<Object> p = (Flow.Publisher<Object>) publisher;
      p.subscribe(this);
    }

    @Override
    protected void doRead(int size) {
      if (subscription == null) {
        wanted = true;
      } else if (!requested) {
        requested = true;
        subscription.request(1);
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      loop.execute(() -> {
        subscription = s;
        if (wanted && !requested) {
          requested = true;
          s.request(1);
        }
      });
    }

    @Override
    public void onNext(Object item) {
      loop.execute(() -> {
        requested = false;
        push(item);
      });
    }

    @Override
    public void onError(Throwable t) {
      loop.execute(() -> {
        end();
        destroy(t);
      });
    }

    @Override
    public void onComplete() {
      loop.execute(() -> {
        end();
        push(null);
      });
    }

    private void end() {
      if (!done) {
        done = true;
        try {
          alive.close();
        } catch (Exception ignored) {
          // keep-alive handles do not fail
        }
      }
    }

    @Override
    protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
      if (!done && subscription != null) {
        subscription.cancel();
      }
      end();
      callback.accept(error);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Readable -> Flow.Publisher
  // ---------------------------------------------------------------------------------------------

  /**
   * A publisher of the Readable's chunks for one subscriber: chunks are read only as the
   * subscriber requests them (the Readable stays paused otherwise); onNext, onComplete and
   * onError are called on the loop thread, in order; cancel() destroys the Readable.
   */
  public static Flow.Publisher<Object> toPublisher(Readable readable) {
    Objects.requireNonNull(readable, "readable");
    Loop loop = Loop.current();
    if (loop == null) {
      throw new IllegalStateException("toPublisher() called outside an Eddy loop");
    }
    return subscriber -> loop.execute(() -> new ReadableSubscription(loop, readable, subscriber).start());
  }

  private static final class ReadableSubscription implements Flow.Subscription {
    private final Loop loop;
    private final Readable readable;
    private final Flow.Subscriber<? super Object> subscriber;
    private final AutoCloseable alive;
    private long demand; // loop thread only
    private boolean done;

    ReadableSubscription(Loop loop, Readable readable, Flow.Subscriber<? super Object> subscriber) {
      this.loop = loop;
      this.readable = readable;
      this.subscriber = subscriber;
      this.alive = loop.keepAlive();
    }

    void start() {
      readable.on(Stream.READABLE, x -> pump());
      Streams.eos(readable, null, false, true, err -> {
        if (err != null) {
          finish(err);
        } else {
          pump();
        }
      });
      subscriber.onSubscribe(this);
    }

    private void pump() {
      while (!done && demand > 0) {
        Object c = readable.read();
        if (c == null) {
          if (readable.readableEnded()) {
            finish(null);
          }
          return;
        }
        demand--;
        subscriber.onNext(c);
      }
    }

    private void finish(Throwable err) {
      if (done) {
        return;
      }
      done = true;
      try {
        alive.close();
      } catch (Exception ignored) {
        // keep-alive handles do not fail
      }
      if (err != null) {
        subscriber.onError(err);
      } else {
        subscriber.onComplete();
      }
    }

    @Override
    public void request(long n) {
      Runnable r = () -> {
        if (n <= 0) {
          readable.destroy(new IllegalArgumentException("Flow §3.9: request(" + n + ") must be positive"));
          return;
        }
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        pump();
      };
      if (Loop.current() == loop) {
        Eddy.nextTick(r); // no re-entrant onNext inside the subscriber's own onNext
      } else {
        loop.execute(r);
      }
    }

    @Override
    public void cancel() {
      Runnable r = () -> {
        if (!done) {
          done = true;
          try {
            alive.close();
          } catch (Exception ignored) {
            // keep-alive handles do not fail
          }
          readable.destroy();
        }
      };
      if (Loop.current() == loop) {
        r.run();
      } else {
        loop.execute(r);
      }
    }
  }
}
