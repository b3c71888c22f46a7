package dev.eddy.stream;

import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** The writable side's state: Node's WritableState, field for field where the ops can see it. */
final class WritableState {
  /** A buffered write: its chunk, its callback and its counted length. */
  record Entry(Object chunk, Consumer<Throwable> cb, int len) {}

  final boolean objectMode;
  final int hwm;
  final boolean decodeStrings;
  boolean autoDestroy;
  boolean emitClose;

  int length;
  int corked;
  // emptyList() until the first add (most writables never buffer or wait for finish): reads,
  // clear and remove work on it, the add sites replace it with an ArrayList first
  List<Entry> buffered = Collections.emptyList();
  boolean allNoop = true;
  int pendingcb;
  int writelen;
  Consumer<Throwable> writecb;
  AfterWriteTickInfo afterWriteTickInfo;
  List<Consumer<Throwable>> onFinished = Collections.emptyList();

  boolean writing;
  boolean sync = true;
  boolean expectCb;
  boolean bufferProcessing;
  boolean needDrain;
  boolean ending;
  boolean ended;
  boolean finished;
  boolean finalCalled;
  /** doFinal's callback ran (a second call is an error); doFinal runs once per stream. */
  boolean finalCallbackCalled;
  boolean prefinished;
  boolean afterWritePending;
  boolean destroyed;
  boolean closed;
  boolean closeEmitted;
  boolean errorEmitted;
  Throwable errored;
  /** Created with {@code writable: false} (a Duplex without a writable side in Node terms). */
  boolean constructedNotWritable;

  static final class AfterWriteTickInfo {
    int count;
    final Consumer<Throwable> cb;

    final Stream stream;

    AfterWriteTickInfo(int count, Consumer<Throwable> cb, Stream stream) {
      this.stream = stream;
      this.count = count;
      this.cb = cb;
    }
  }

  WritableState(StreamOptions o, boolean duplex) {
    boolean om = o.objectMode != null ? o.objectMode
        : duplex && o.writableObjectMode != null && o.writableObjectMode;
    this.objectMode = om;
    Integer h = o.highWaterMark != null ? o.highWaterMark
        : duplex ? o.writableHighWaterMark : null;
    this.hwm = h != null ? h : (om ? 16 : 16384);
    this.decodeStrings = o.decodeStrings == null || o.decodeStrings;
    this.autoDestroy = o.autoDestroy == null || o.autoDestroy;
    this.emitClose = o.emitClose == null || o.emitClose;
  }
}
