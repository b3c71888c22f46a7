package dev.eddy.stream;

import dev.eddy.Eddy;
import dev.eddy.internal.LoopIo;
import dev.eddy.internal.TickTask;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The base of Node's streams: an {@link EventEmitter} with a readable side, a writable side or
 * both, and Node 20's destroy and error semantics ({@code lib/internal/streams/destroy.js}). The
 * write-side algorithm ({@code writable.js}) lives here so that {@link Writable} and {@link
 * Duplex} share it. Streams belong to one loop and are used on its thread, like everything in
 * Node.
 */
public abstract class Stream extends EventEmitter {
  /** 'data': a chunk read (a {@code Buffer}, a {@code String} with an encoding, any object in object mode). */
  public static final Event<Object> DATA = Event.of("data");
  /** 'end': the readable side has delivered everything. */
  public static final Event<Void> END = Event.of("end");
  /** 'finish': every write of the writable side has completed after end(). */
  public static final Event<Void> FINISH = Event.of("finish");
  /** 'prefinish': the writable side is about to finish. */
  public static final Event<Void> PREFINISH = Event.of("prefinish");
  /** 'close': the stream and its resources are closed; the last event. */
  public static final Event<Void> CLOSE = Event.of("close");
  /** 'drain': a write returned false earlier and the buffer has emptied. */
  public static final Event<Void> DRAIN = Event.of("drain");
  /** 'readable': data (or the end) can be read with read(). */
  public static final Event<Void> READABLE = Event.of("readable");
  /** 'pause': the readable side left flowing mode. */
  public static final Event<Void> PAUSE = Event.of("pause");
  /** 'resume': the readable side entered flowing mode. */
  public static final Event<Void> RESUME = Event.of("resume");
  /** 'pipe': emitted on a destination with its new source. */
  public static final Event<Readable> PIPE = Event.of("pipe");
  /** 'unpipe': emitted on a destination with the source that stopped piping into it. */
  public static final Event<Readable> UNPIPE = Event.of("unpipe");

  static final Consumer<Throwable> NOP = e -> {};

  WritableState ws;
  ReadableState rs;
  private Consumer<Throwable> onwriteCallback;

  /** The completion callback handed to every doWrite: one object per stream, made on the first write. */
  private Consumer<Throwable> onwrite() {
    Consumer<Throwable> c = onwriteCallback;
    if (c == null) {
      onwriteCallback = c = this::onwrite;
    }
    return c;
  }
  /** The {@code hasUnpiped} flag of the 'unpipe' being emitted on this stream (Node passes it as an argument). */
  boolean[] unpipeInfo;

  Stream() {}

  // ---------------------------------------------------------------------------------------------
  // Hooks a concrete stream provides (Node's _write, _writev, _final, _destroy)
  // ---------------------------------------------------------------------------------------------

  /** Node's {@code _write}: consume one chunk, then call {@code callback} (with an error to fail). */
  protected void doWrite(Object chunk, Consumer<Throwable> callback) {
    throw new StreamException("ERR_METHOD_NOT_IMPLEMENTED", "The _write() method is not implemented");
  }

  /** Whether {@link #doWritev} is implemented (Node: whether {@code _writev} exists). */
  protected boolean hasWritev() {
    return false;
  }

  /** Node's {@code _writev}: consume several buffered chunks at once. */
  protected void doWritev(List<Object> chunks, Consumer<Throwable> callback) {
    throw new StreamException("ERR_METHOD_NOT_IMPLEMENTED", "The _writev() method is not implemented");
  }

  /** Whether {@link #doFinal} is implemented (Node: whether {@code _final} exists). */
  protected boolean hasFinal() {
    return false;
  }

  /** Node's {@code _final}: flush after the last write, before 'finish'. */
  protected void doFinal(Consumer<Throwable> callback) {
    callback.accept(null);
  }

  /** Node's {@code _destroy}: release resources, then call {@code callback} with the error to report. */
  protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
    callback.accept(error);
  }

  static void tick(Runnable r) {
    Eddy.nextTick(r);
  }

  /** The loop this stream's ticks went to first; a stream lives on one loop. */
  private dev.eddy.Loop tickLoop;

  /**
   * A tick with its argument in the queue: with a static task, no allocation (per-request paths),
   * and the loop looked up once per stream rather than once per tick.
   */
  final <A> void tick(TickTask<A> task, A arg) {
    dev.eddy.Loop l = tickLoop;
    if (l == null) {
      l = dev.eddy.Loop.current();
      if (l == null) {
        LoopIo.nextTick(task, arg); // throws: outside a loop
        return;
      }
      tickLoop = l;
    }
    LoopIo.nextTick(l, task, arg);
  }

  private static final TickTask<Stream> FINISH_NT = Stream::finish;
  private static final TickTask<Stream> EMIT_CLOSE_NT = Stream::emitCloseNT;
  private static final TickTask<Stream> AFTER_WRITE_NOP = st -> st.afterWrite(1, NOP);
  private static final TickTask<WritableState.AfterWriteTickInfo> AFTER_WRITE_INFO = info -> {
    info.stream.ws.afterWriteTickInfo = null;
    info.stream.afterWrite(info.count, info.cb);
  };

  // ---------------------------------------------------------------------------------------------
  // Write side (writable.js)
  // ---------------------------------------------------------------------------------------------

  final boolean writeImpl(Object chunk, Consumer<Throwable> cb) {
    WritableState s = ws;
    if (cb == null) {
      cb = NOP;
    }
    if (chunk == null) {
      throw new StreamException("ERR_STREAM_NULL_VALUES", "May not write null values to stream");
    }
    if (!s.objectMode && chunk instanceof String str && s.decodeStrings) {
      chunk = Chunks.utf8(str);
    } else if (!s.objectMode) {
      chunk = Chunks.normalize(chunk);
    }
    Throwable err = null;
    if (s.ending) {
      err = StreamException.writeAfterEnd();
    } else if (s.destroyed) {
      err = StreamException.destroyed("write");
    }
    if (err != null) {
      Throwable e = err;
      Consumer<Throwable> c = cb;
      tick(() -> c.accept(e));
      errorOrDestroy(e, true);
      return false;
    }
    s.pendingcb++;
    int len = s.objectMode ? 1 : Chunks.size(chunk);
    s.length += len;
    if (s.writing || s.errored != null || s.corked > 0) {
      if (s.buffered == java.util.Collections.<WritableState.Entry>emptyList()) {
        s.buffered = new ArrayList<>(); // kept once made: a stream that buffers once will again
      }
      s.buffered.add(new WritableState.Entry(chunk, cb, len));
      if (cb != NOP) {
        s.allNoop = false;
      }
    } else {
      s.writelen = len;
      s.writecb = cb;
      s.writing = true;
      s.sync = true;
      s.expectCb = true;
      doWrite(chunk, onwrite());
      s.sync = false;
    }
    boolean ret = s.length < s.hwm || s.length == 0;
    if (!ret) {
      s.needDrain = true;
    }
    return ret && !s.destroyed && s.errored == null;
  }

  private void onwrite(Throwable er) {
    WritableState s = ws;
    if (!s.expectCb) {
      errorOrDestroy(StreamException.multipleCallback(), false);
      return;
    }
    boolean wasSync = s.sync;
    Consumer<Throwable> cb = s.writecb;
    s.writecb = null;
    s.writing = false;
    s.expectCb = false;
    s.length -= s.writelen;
    s.writelen = 0;
    if (er != null) {
      if (s.errored == null) {
        s.errored = er;
      }
      if (rs != null && rs.errored == null) {
        rs.errored = er;
      }
      if (wasSync) {
        tick(() -> onwriteError(er, cb));
      } else {
        onwriteError(er, cb);
      }
      return;
    }
    if (!s.buffered.isEmpty()) {
      clearBuffer();
    }
    if (!wasSync) {
      afterWrite(1, cb);
      return;
    }
    boolean needTick = (s.needDrain && s.length == 0) || s.objectMode || cb != NOP;
    if (cb == NOP) {
      if (!s.afterWritePending && needTick) {
        s.afterWritePending = true;
        tick(AFTER_WRITE_NOP, this);
      } else {
        s.pendingcb--;
        if (s.ending) {
          finishMaybe(true);
        }
      }
    } else if (s.afterWriteTickInfo != null && s.afterWriteTickInfo.cb == cb) {
      s.afterWriteTickInfo.count++;
    } else {
      WritableState.AfterWriteTickInfo info = new WritableState.AfterWriteTickInfo(1, cb, this);
      s.afterWriteTickInfo = info;
      s.afterWritePending = true;
      tick(AFTER_WRITE_INFO, info);
    }
  }

  private void onwriteError(Throwable er, Consumer<Throwable> cb) {
    ws.pendingcb--;
    cb.accept(er);
    errorBuffer();
    errorOrDestroy(er, false);
  }

  private void afterWrite(int count, Consumer<Throwable> cb) {
    WritableState s = ws;
    s.afterWritePending = false;
    if (s.needDrain && !s.ending && !s.destroyed && s.length == 0) {
      s.needDrain = false;
      emit(DRAIN, null);
    }
    while (count-- > 0) {
      s.pendingcb--;
      cb.accept(null);
    }
    if (s.destroyed) {
      errorBuffer();
    }
    if (s.ending) {
      finishMaybe(true);
    }
  }

  final void errorBuffer() {
    WritableState s = ws;
    if (s.writing) {
      return;
    }
    Throwable err = s.errored != null ? s.errored : StreamException.destroyed("write");
    List<WritableState.Entry> entries = new ArrayList<>(s.buffered);
    s.buffered.clear();
    s.allNoop = true;
    for (WritableState.Entry e : entries) {
      s.length -= e.len();
      e.cb().accept(err);
    }
    callFinishedCallbacks(s.errored != null ? s.errored : StreamException.destroyed("end"));
  }

  private void clearBuffer() {
    WritableState s = ws;
    if (s.destroyed || s.bufferProcessing || s.corked > 0 || s.buffered.isEmpty()) {
      return;
    }
    s.bufferProcessing = true;
    if (s.buffered.size() > 1 && hasWritev()) {
      List<WritableState.Entry> entries = new ArrayList<>(s.buffered);
      s.pendingcb -= entries.size() - 1;
      Consumer<Throwable> cb = s.allNoop ? NOP : err -> {
        for (WritableState.Entry e : entries) {
          e.cb().accept(err);
        }
      };
      s.writelen = s.length;
      s.writecb = cb;
      s.writing = true;
      s.sync = true;
      s.expectCb = true;
      List<Object> chunks = new ArrayList<>(entries.size());
      for (WritableState.Entry e : entries) {
        chunks.add(e.chunk());
      }
      s.buffered.clear();
      s.allNoop = true;
      doWritev(chunks, onwrite());
      s.sync = false;
    } else {
      do {
        WritableState.Entry e = s.buffered.remove(0);
        if (s.buffered.isEmpty()) {
          s.allNoop = true;
        }
        s.writelen = e.len();
        s.writecb = e.cb();
        s.writing = true;
        s.sync = true;
        s.expectCb = true;
        if (s.destroyed) {
          onwrite(StreamException.destroyed("write"));
        } else {
          doWrite(e.chunk(), onwrite());
        }
        s.sync = false;
      } while (!s.buffered.isEmpty() && !s.writing);
    }
    s.bufferProcessing = false;
  }

  final void corkImpl() {
    ws.corked++;
  }

  final void uncorkImpl() {
    WritableState s = ws;
    if (s.corked > 0) {
      s.corked--;
      if (!s.writing) {
        clearBuffer();
      }
    }
  }

  final void endImpl(Object chunk, Consumer<Throwable> cb) {
    WritableState s = ws;
    Throwable err = null;
    if (chunk != null) {
      boolean wasEnding = s.ending;
      boolean wasDestroyed = s.destroyed;
      writeImpl(chunk, NOP);
      if (wasEnding) {
        err = StreamException.writeAfterEnd();
      } else if (wasDestroyed) {
        err = StreamException.destroyed("write");
      }
    }
    if (s.corked > 0) {
      s.corked = 1;
      uncorkImpl();
    }
    if (err == null) {
      if (!s.ending && s.errored == null) {
        s.ending = true;
        finishMaybe(true);
        s.ended = true;
      } else if (s.finished) {
        err = StreamException.alreadyFinished("end");
      } else if (s.destroyed) {
        err = StreamException.destroyed("end");
      }
    }
    if (cb != null) {
      if (err != null) {
        Throwable e = err;
        tick(() -> cb.accept(e));
      } else if (s.errored != null) {
        Throwable e = s.errored;
        tick(() -> cb.accept(e));
      } else if (s.finished) {
        tick(() -> cb.accept(null));
      } else {
        if (s.onFinished == java.util.Collections.<Consumer<Throwable>>emptyList()) {
          s.onFinished = new ArrayList<>(2);
        }
        s.onFinished.add(cb);
      }
    }
  }

  private boolean needFinish() {
    WritableState s = ws;
    return s.ending && !s.destroyed && !s.finished && !s.writing && !s.errorEmitted
        && !s.closeEmitted && s.errored == null && s.buffered.isEmpty() && s.length == 0;
  }

  final void finishMaybe(boolean sync) {
    WritableState s = ws;
    if (!needFinish()) {
      return;
    }
    prefinish();
    if (s.pendingcb == 0) {
      if (sync) {
        s.pendingcb++;
        tick(() -> {
          if (needFinish()) {
            finish();
          } else {
            s.pendingcb--;
          }
        });
      } else if (needFinish()) {
        s.pendingcb++;
        finish();
      }
    }
  }

  private void prefinish() {
    WritableState s = ws;
    if (s.prefinished || s.finalCalled) {
      return;
    }
    if (hasFinal() && !s.destroyed) {
      s.finalCalled = true;
      s.sync = true;
      s.pendingcb++;
      doFinal(err -> {
        if (s.finalCallbackCalled) {
          errorOrDestroy(err != null ? err : StreamException.multipleCallback(), false);
          return;
        }
        s.finalCallbackCalled = true;
        onFinal(err);
      });
      s.sync = false;
    } else {
      s.finalCalled = true;
      s.prefinished = true;
      emit(PREFINISH, null);
    }
  }

  private void onFinal(Throwable err) {
    WritableState s = ws;
    if (s.prefinished) {
      errorOrDestroy(err != null ? err : StreamException.multipleCallback(), false);
      return;
    }
    s.pendingcb--;
    if (err != null) {
      callFinishedCallbacks(err);
      errorOrDestroy(err, s.sync);
    } else if (needFinish()) {
      s.prefinished = true;
      emit(PREFINISH, null);
      s.pendingcb++;
      tick(FINISH_NT, this);
    }
  }

  private void finish() {
    WritableState s = ws;
    s.pendingcb--;
    s.finished = true;
    callFinishedCallbacks(null);
    emit(FINISH, null);
    if (s.autoDestroy) {
      if (rs == null || (rs.autoDestroy && rs.endEmitted)) {
        destroy(null);
      }
    }
  }

  private void callFinishedCallbacks(Throwable err) {
    WritableState s = ws;
    if (s.onFinished.isEmpty()) {
      return;
    }
    List<Consumer<Throwable>> cbs = new ArrayList<>(s.onFinished);
    s.onFinished.clear();
    for (Consumer<Throwable> cb : cbs) {
      cb.accept(err);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // destroy (destroy.js)
  // ---------------------------------------------------------------------------------------------

  /**
   * Destroys the stream, with an optional error: no more data flows, 'error' (if an error is
   * given) and then 'close' are emitted on the next tick. A second call does nothing.
   */
  public Stream destroy(Throwable err) {
    if (ws != null && (!ws.buffered.isEmpty() || !ws.onFinished.isEmpty()) && !ws.destroyed) {
      tick(this::errorBuffer);
    }
    if (isDestroyedEither()) {
      return this;
    }
    if (err != null) {
      setErroredEach(err);
    }
    setDestroyedBoth();
    boolean[] once = {false};
    doDestroy(err, e -> {
      if (once[0]) {
        return;
      }
      once[0] = true;
      onDestroy(e);
    });
    return this;
  }

  /** {@code destroy()} without an error. */
  public Stream destroy() {
    return destroy(null);
  }

  private void onDestroy(Throwable err) {
    if (err != null) {
      setErroredEach(err);
    }
    if (ws != null) {
      ws.closed = true;
    }
    if (rs != null) {
      rs.closed = true;
    }
    if (err != null) {
      tick(() -> {
        emitErrorNT(err);
        emitCloseNT();
      });
    } else {
      tick(EMIT_CLOSE_NT, this);
    }
  }

  final void emitErrorNT(Throwable err) {
    if ((ws != null && ws.errorEmitted) || (rs != null && rs.errorEmitted)) {
      return;
    }
    if (ws != null) {
      ws.errorEmitted = true;
    }
    if (rs != null) {
      rs.errorEmitted = true;
    }
    emit(ERROR, err);
  }

  private void emitCloseNT() {
    if (ws != null) {
      ws.closeEmitted = true;
    }
    if (rs != null) {
      rs.closeEmitted = true;
    }
    if ((ws != null && ws.emitClose) || (rs != null && rs.emitClose)) {
      emit(CLOSE, null);
    }
  }

  /** Node's errorOrDestroy: how the machinery raises its own errors. */
  final void errorOrDestroy(Throwable err, boolean sync) {
    if (isDestroyedEither()) {
      return;
    }
    if ((ws != null && ws.autoDestroy) || (rs != null && rs.autoDestroy)) {
      destroy(err);
    } else {
      setErroredEach(err);
      if (sync) {
        tick(() -> emitErrorNT(err));
      } else {
        emitErrorNT(err);
      }
    }
  }

  final boolean destroyedEither() {
    return isDestroyedEither();
  }

  private boolean isDestroyedEither() {
    return (ws != null && ws.destroyed) || (rs != null && rs.destroyed);
  }

  private void setDestroyedBoth() {
    if (ws != null) {
      ws.destroyed = true;
    }
    if (rs != null) {
      rs.destroyed = true;
    }
  }

  private void setErroredEach(Throwable err) {
    if (ws != null && ws.errored == null) {
      ws.errored = err;
    }
    if (rs != null && rs.errored == null) {
      rs.errored = err;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Common state
  // ---------------------------------------------------------------------------------------------

  /** Whether destroy() was called (for a Duplex: on both sides). */
  public boolean destroyed() {
    if (ws != null && rs != null) {
      return ws.destroyed && rs.destroyed;
    }
    return ws != null ? ws.destroyed : rs.destroyed;
  }

  /** Whether the stream has closed (its destroy completed). */
  public boolean closed() {
    return rs != null ? rs.closed : ws.closed;
  }

  /** The error the stream was destroyed or failed with, or null. */
  public Throwable errored() {
    return rs != null ? rs.errored : ws.errored;
  }
}
