package dev.eddy.stream;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashSet;

/** The readable side's state: Node's ReadableState, field for field where the ops can see it. */
final class ReadableState {
  /**
   * The chunks; {@link #NO_CHUNKS} until the first one (a request without a body never has one).
   * Reads work on it; every add goes through {@link #chunks()}.
   */
  ArrayDeque<Object> buffer = NO_CHUNKS;
  int length;
  int hwm;
  final boolean objectMode;
  /** null, TRUE or FALSE, as Node's {@code flowing}. */
  Boolean flowing;
  Boolean paused;
  TextDecoder decoder;
  String encoding;
  /** Collections.emptyList() until the first pipe (reads and removals work on it; add replaces it). */
  List<WritableSide> pipes = Collections.emptyList();
  /** null, one destination, or a set of destinations when {@code multiAwaitDrain}. */
  Object awaitDrainWriters;
  boolean ended;
  boolean endEmitted;
  boolean reading;
  boolean sync;
  boolean needReadable;
  boolean emittedReadable;
  boolean readableListening;
  boolean resumeScheduled;
  boolean readingMore;
  boolean dataListening;
  boolean multiAwaitDrain;
  boolean dataEmitted;
  boolean destroyed;
  boolean closed;
  boolean closeEmitted;
  boolean errorEmitted;
  Throwable errored;
  boolean autoDestroy;
  boolean emitClose;
  /** Chunks appended since the buffer was last emptied (Node's fromList quirk with decoders). */
  int appendedSinceEmpty;

  ReadableState(StreamOptions o, boolean duplex, boolean transform) {
    boolean om = o.objectMode != null ? o.objectMode
        : duplex && o.readableObjectMode != null && o.readableObjectMode;
    this.objectMode = om;
    Integer h = o.highWaterMark != null ? o.highWaterMark : duplex ? o.readableHighWaterMark : null;
    this.hwm = h != null ? h : (om ? 16 : 16384);
    this.autoDestroy = o.autoDestroy == null || o.autoDestroy;
    this.emitClose = o.emitClose == null || o.emitClose;
    this.sync = !transform;
    if (o.encoding != null) {
      this.decoder = TextDecoder.forEncoding(o.encoding);
      this.encoding = this.decoder.encoding();
    }
  }

  /** The buffer to add to, created on first use with room for a few chunks. */
  ArrayDeque<Object> chunks() {
    ArrayDeque<Object> b = buffer;
    if (b == NO_CHUNKS) {
      buffer = b = new ArrayDeque<>(4);
    }
    return b;
  }

  private static IllegalStateException refusedAdd() {
    return new IllegalStateException("add through ReadableState.chunks()");
  }

  /** Shared by every readable without chunks yet: refuses adds, so a missed {@link #chunks()} fails loudly. */
  static final ArrayDeque<Object> NO_CHUNKS = new ArrayDeque<>(0) {
    @Override
    public void addFirst(Object o) {
      throw refusedAdd();
    }

    @Override
    public void addLast(Object o) {
      throw refusedAdd();
    }

    @Override
    public boolean offerFirst(Object o) {
      throw refusedAdd();
    }

    @Override
    public boolean offerLast(Object o) {
      throw refusedAdd();
    }

    @Override
    public boolean add(Object o) {
      throw refusedAdd();
    }

    @Override
    public boolean addAll(java.util.Collection<?> c) {
      throw refusedAdd();
    }
  };

  void clearAwaitDrain() {
    if (multiAwaitDrain) {
      if (awaitDrainWriters instanceof LinkedHashSet<?> set) {
        set.clear();
      }
    } else {
      awaitDrainWriters = null;
    }
  }
}
