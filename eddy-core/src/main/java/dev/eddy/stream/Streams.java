package dev.eddy.stream;

import dev.eddy.Eddy;
import dev.eddy.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Node's {@code stream.finished} and {@code stream.pipeline}, in callback and Promise forms
 * ({@code import static dev.eddy.stream.Streams.*}). Call on the streams' loop thread.
 */
public final class Streams {
  private Streams() {}

  // ---------------------------------------------------------------------------------------------
  // finished (end-of-stream.js)
  // ---------------------------------------------------------------------------------------------

  /**
   * Calls back once the stream is done: null after it finished/ended (and closed, when it will
   * emit 'close'), the error if it failed, ERR_STREAM_PREMATURE_CLOSE if it closed before the
   * end. Returns a function that removes the listeners and cancels the callback.
   */
  public static Runnable finished(Stream stream, Consumer<Throwable> callback) {
    return eos(stream, null, null, true, callback);
  }

  /** {@link #finished(Stream, Consumer)} as a promise: fulfilled when done, rejected with the error. */
  public static Promise<Void> finished(Stream stream) {
    return Promise.create((resolve, reject) -> finished(stream, err -> {
      if (err != null) {
        reject.accept(err);
      } else {
        resolve.accept(null);
      }
    }));
  }

  static Runnable eos(Stream stream, Boolean readableOpt, Boolean writableOpt, boolean onError,
      Consumer<Throwable> cb) {
    return new Eos(stream, readableOpt, writableOpt, onError, cb).start();
  }

  private static final class Eos {
    private final Stream stream;
    private final boolean hasR;
    private final boolean hasW;
    private final boolean readable;
    private final boolean writable;
    private final boolean onError;
    private Consumer<Throwable> callback;
    private boolean willEmitClose;
    private boolean wDone;
    private boolean rDone;
    private final Consumer<Void> onend = x -> onend();
    private final Consumer<Void> onfinish = x -> onfinish();
    private final Consumer<Throwable> onerror = e -> call(e);
    private final Consumer<Void> onclose = x -> onclose();

    Eos(Stream stream, Boolean readableOpt, Boolean writableOpt, boolean onError, Consumer<Throwable> cb) {
      this.stream = stream;
      this.hasR = stream.rs != null;
      this.hasW = stream.ws != null;
      this.readable = readableOpt != null ? readableOpt : hasR;
      this.writable = writableOpt != null ? writableOpt : hasW;
      this.onError = onError;
      this.callback = cb;
      boolean autoDestroy = hasW ? stream.ws.autoDestroy : stream.rs.autoDestroy;
      boolean emitClose = hasW ? stream.ws.emitClose : stream.rs.emitClose;
      boolean closed = hasW ? stream.ws.closed : stream.rs.closed;
      willEmitClose = autoDestroy && emitClose && !closed && readable == hasR && writable == hasW;
      wDone = hasW && writableFinished();
      rDone = hasR && readableFinished();
    }

    private boolean writableFinished() {
      WritableState w = stream.ws;
      return w.finished || (w.errored == null && w.ended && w.length == 0);
    }

    private boolean readableFinished() {
      ReadableState r = stream.rs;
      return r.errored == null && (r.endEmitted || (r.ended && r.length == 0));
    }

    private void call(Throwable e) {
      Consumer<Throwable> c = callback;
      if (c != null) {
        callback = null;
        c.accept(e);
      }
    }

    private boolean streamReadable() {
      return hasR && ((Readable) stream).readable();
    }

    private boolean streamWritable() {
      return hasW && ((WritableSide) stream).writable();
    }

    private void onfinish() {
      wDone = true;
      if (stream.destroyed()) {
        willEmitClose = false;
      }
      if (willEmitClose && (!streamReadable() || readable)) {
        return;
      }
      if (!readable || rDone) {
        call(null);
      }
    }

    private void onend() {
      rDone = true;
      if (stream.destroyed()) {
        willEmitClose = false;
      }
      if (willEmitClose && (!streamWritable() || writable)) {
        return;
      }
      if (!writable || wDone) {
        call(null);
      }
    }

    private Throwable erroredEither() {
      if (hasW && stream.ws.errored != null) {
        return stream.ws.errored;
      }
      return hasR ? stream.rs.errored : null;
    }

    private void onclose() {
      Throwable e = erroredEither();
      if (e != null) {
        call(e);
        return;
      }
      if (readable && hasR && !rDone && !readableFinished()) {
        call(StreamException.prematureClose());
        return;
      }
      if (writable && !wDone && !(hasW && writableFinished())) {
        call(StreamException.prematureClose());
        return;
      }
      call(null);
    }

    private void onclosed() {
      call(erroredEither());
    }

    private Boolean isReadable() {
      if (!hasR) {
        return null;
      }
      return !stream.destroyedEither() && ((Readable) stream).readable() && !stream.rs.endEmitted;
    }

    private Boolean isWritable() {
      if (!hasW) {
        return null;
      }
      return !stream.destroyedEither() && ((WritableSide) stream).writable() && !stream.ws.ending;
    }

    Runnable start() {
      stream.on(Stream.END, onend);
      stream.on(Stream.FINISH, onfinish);
      if (onError) {
        stream.on(Stream.ERROR, onerror);
      }
      stream.on(Stream.CLOSE, onclose);
      boolean closed = hasW ? stream.ws.closed : stream.rs.closed;
      boolean errorEmitted = (hasW && stream.ws.errorEmitted) || (hasR && stream.rs.errorEmitted);
      if (closed) {
        Stream.tick(this::onclose);
      } else if (errorEmitted) {
        if (!willEmitClose) {
          Stream.tick(this::onclosed);
        }
      } else if (!readable && (!willEmitClose || Boolean.TRUE.equals(isReadable()))
          && (wDone || Boolean.FALSE.equals(isWritable())) && (!hasW || stream.ws.pendingcb == 0)) {
        Stream.tick(this::onclosed);
      } else if (!writable && (!willEmitClose || Boolean.TRUE.equals(isWritable()))
          && (rDone || Boolean.FALSE.equals(isReadable()))) {
        Stream.tick(this::onclosed);
      }
      return () -> {
        callback = null;
        stream.removeListener(Stream.END, onend);
        stream.removeListener(Stream.FINISH, onfinish);
        stream.removeListener(Stream.ERROR, onerror);
        stream.removeListener(Stream.CLOSE, onclose);
      };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // pipeline (pipeline.js)
  // ---------------------------------------------------------------------------------------------

  /**
   * {@code pipeline(source, ...transforms, destination, callback)}: pipes each stream into the
   * next; the first error destroys every stream with that error; the callback gets null or the
   * error on the tick after the last stream is done.
   *
   * @throws IllegalArgumentException with fewer than two streams, or a middle/last stream without
   *     a writable side
   */
  public static void pipeline(List<? extends Stream> streams, Consumer<Throwable> callback) {
    new Pipeline(streams, callback).start();
  }

  /** {@code await pipeline(...)}: the promise form of {@link #pipeline(List, Consumer)}. */
  public static Promise<Void> pipeline(Stream... streams) {
    return Promise.create((resolve, reject) -> pipeline(List.of(streams), err -> {
      if (err != null) {
        reject.accept(err);
      } else {
        resolve.accept(null);
      }
    }));
  }

  private static final class Pipeline {
    private final List<? extends Stream> streams;
    private final Consumer<Throwable> cb;
    private Throwable error;
    private int finishCount;
    private final List<Consumer<Throwable>> destroys = new ArrayList<>();
    private boolean called;

    Pipeline(List<? extends Stream> streams, Consumer<Throwable> cb) {
      if (streams.size() < 2) {
        throw new IllegalArgumentException("The \"streams\" argument must have at least 2 streams");
      }
      for (int i = 0; i < streams.size(); i++) {
        Stream s = streams.get(i);
        if (i < streams.size() - 1 && !(s instanceof Readable)) {
          throw new IllegalArgumentException("stream " + i + " of the pipeline has no readable side");
        }
        if (i > 0 && !(s instanceof WritableSide)) {
          throw new IllegalArgumentException("stream " + i + " of the pipeline has no writable side");
        }
      }
      this.streams = streams;
      this.cb = cb;
    }

    private void finish(Throwable err) {
      finishImpl(err, --finishCount == 0);
    }

    private void finishImpl(Throwable err, boolean fin) {
      if (err != null && (error == null || isPremature(error))) {
        error = err;
      }
      if (error == null && !fin) {
        return;
      }
      while (!destroys.isEmpty()) {
        destroys.remove(0).accept(error);
      }
      if (fin) {
        Throwable e = error;
        Stream.tick(() -> {
          if (!called) {
            called = true;
            cb.accept(e);
          }
        });
      }
    }

    private static boolean isPremature(Throwable e) {
      return e instanceof StreamException se && se.code().equals("ERR_STREAM_PREMATURE_CLOSE");
    }

    private static boolean isAbort(Throwable e) {
      return e instanceof StreamException se && se.code().equals("ABORT_ERR");
    }

    private Consumer<Throwable> destroyer(Stream s, boolean reading, boolean writing) {
      boolean[] done = {false};
      s.on(Stream.CLOSE, x -> done[0] = true);
      eos(s, reading, writing, true, err -> done[0] = err == null);
      return err -> {
        if (done[0]) {
          return;
        }
        done[0] = true;
        if (!s.destroyed()) {
          s.destroy(err != null ? err : StreamException.destroyed("pipe"));
        }
      };
    }

    private void pipeStep(Readable src, Stream dst) {
      boolean[] ended = {false};
      dst.on(Stream.CLOSE, x -> {
        if (!ended[0]) {
          finish(StreamException.prematureClose());
        }
      });
      WritableSide dw = (WritableSide) dst;
      src.pipe(dw, false);
      Runnable endFn = () -> {
        ended[0] = true;
        dw.end();
      };
      ReadableState r = src.rs;
      if (r.endEmitted && r.errored == null) {
        Stream.tick(endFn);
      } else {
        src.once(Stream.END, x -> endFn.run());
      }
      eos(src, true, false, true, err -> {
        if (isPremature(err) && r.ended && r.errored == null && !r.errorEmitted) {
          src.once(Stream.END, x -> finish(null));
          src.once(Stream.ERROR, this::finish);
        } else {
          finish(err);
        }
      });
      eos(dst, false, true, true, this::finish);
    }

    void start() {
      int k = streams.size() - 1;
      for (int i = 0; i <= k; i++) {
        Stream s = streams.get(i);
        destroys.add(destroyer(s, i < k, i > 0));
        s.on(Stream.ERROR, e -> {
          if (e != null && !isAbort(e) && !isPremature(e)) {
            finish(e);
          }
        });
        if (i > 0) {
          finishCount += 2;
          pipeStep((Readable) streams.get(i - 1), s);
        }
      }
    }
  }

  static void nextTick(Runnable r) {
    Eddy.nextTick(r);
  }
}
