package dev.eddy.stream;

import dev.eddy.Buffer;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Node's {@code stream.Readable}: subclass it and implement {@link #doRead} (calling {@link
 * #push}), or use {@link #from}. Node 20's semantics: paused and flowing modes, 'readable' and
 * {@link #read(int)}, highWaterMark, setEncoding, pipe/unpipe, 'end' only after the buffer is
 * consumed, autoDestroy. Use it on its loop's thread.
 */
public class Readable extends Stream {
  // The ticks of the per-chunk and per-request paths are static tasks queued with their stream as
  // the argument: no allocation per tick.
  private static final dev.eddy.internal.TickTask<Readable> EMIT_READABLE_NT = Readable::emitReadableNT;
  private static final dev.eddy.internal.TickTask<Readable> END_READABLE_NT = Readable::endReadableNT;
  private static final dev.eddy.internal.TickTask<Readable> MAYBE_READ_MORE_NT = Readable::maybeReadMoreNT;
  private static final dev.eddy.internal.TickTask<Readable> RESUME_NT = Readable::resumeNT;

  /** A readable with Node's default options. */
  protected Readable() {
    this(StreamOptions.defaults());
  }

  protected Readable(StreamOptions options) {
    rs = new ReadableState(options, false, false);
  }

  /** For Duplex and Transform: both sides from the same options. */
  Readable(StreamOptions options, boolean transform) {
    rs = new ReadableState(options, true, transform);
    ws = new WritableState(options, true);
  }

  /** Node's {@code _read(size)}: produce data with {@link #push} now or later. */
  protected void doRead(int size) {
    throw new StreamException("ERR_METHOD_NOT_IMPLEMENTED", "The _read() method is not implemented");
  }

  // ---------------------------------------------------------------------------------------------
  // push
  // ---------------------------------------------------------------------------------------------

  /**
   * Adds a chunk to the read buffer (null: the end of the stream). Returns whether more may be
   * pushed before the buffer reaches highWaterMark.
   */
  public boolean push(Object c) {
    ReadableState s = rs;
    if (c == null) {
      s.reading = false;
      onEof();
      return false;
    }
    if (s.objectMode) {
      if (s.ended) {
        errorOrDestroy(StreamException.pushAfterEof(), false);
        return false;
      }
      if (s.destroyed || s.errored != null) {
        return false;
      }
      s.reading = false;
      addChunk(c);
      return canPushMore();
    }
    boolean keepString = false;
    if (c instanceof String str) {
      if ("utf8".equals(s.encoding)) {
        keepString = true;
      } else {
        c = Chunks.utf8(str);
      }
    } else {
      c = Chunks.normalize(c);
    }
    if (Chunks.size(c) == 0) {
      s.reading = false;
      maybeReadMore();
      return canPushMore();
    }
    if (s.ended) {
      errorOrDestroy(StreamException.pushAfterEof(), false);
      return false;
    }
    if (s.destroyed || s.errored != null) {
      return false;
    }
    s.reading = false;
    if (s.decoder != null && !keepString && c instanceof Buffer bytes) {
      c = s.decoder.write(bytes);
      if (((String) c).isEmpty()) {
        maybeReadMore();
        return canPushMore();
      }
    }
    addChunk(c);
    return canPushMore();
  }

  private boolean canPushMore() {
    return !rs.ended && (rs.length < rs.hwm || rs.length == 0);
  }

  private int size(Object c) {
    return rs.objectMode ? 1 : Chunks.size(c);
  }

  private void addChunk(Object c) {
    ReadableState s = rs;
    if (Boolean.TRUE.equals(s.flowing) && !s.sync && s.dataListening && s.length == 0) {
      s.clearAwaitDrain();
      s.dataEmitted = true;
      emit(DATA, c);
    } else {
      s.length += size(c);
      if (s.buffer.isEmpty()) {
        s.appendedSinceEmpty = 0;
      }
      s.chunks().addLast(c);
      s.appendedSinceEmpty++;
      if (s.needReadable) {
        emitReadable();
      }
    }
    maybeReadMore();
  }

  private void onEof() {
    ReadableState s = rs;
    if (s.ended) {
      return;
    }
    if (s.decoder != null) {
      String r = s.decoder.end();
      if (!r.isEmpty()) {
        s.chunks().addLast(r);
        s.length += size(r);
      }
    }
    s.ended = true;
    if (s.sync) {
      emitReadable();
    } else {
      s.needReadable = false;
      s.emittedReadable = true;
      emitReadableNT();
    }
  }

  private void emitReadable() {
    ReadableState s = rs;
    s.needReadable = false;
    if (!s.emittedReadable) {
      s.emittedReadable = true;
      tick(EMIT_READABLE_NT, this);
    }
  }

  private void emitReadableNT() {
    ReadableState s = rs;
    if (!s.destroyed && s.errored == null && (s.length > 0 || s.ended)) {
      emit(READABLE, null);
      s.emittedReadable = false;
    }
    if (!Boolean.TRUE.equals(s.flowing) && !s.ended && s.length <= s.hwm) {
      s.needReadable = true;
    }
    flow();
  }

  private void maybeReadMore() {
    if (!rs.readingMore) {
      rs.readingMore = true;
      tick(MAYBE_READ_MORE_NT, this);
    }
  }

  private void maybeReadMoreNT() {
    ReadableState s = rs;
    while (!s.reading && !s.ended && (s.length < s.hwm || (Boolean.TRUE.equals(s.flowing) && s.length == 0))) {
      int before = s.length;
      read(0);
      if (s.length == before) {
        break;
      }
    }
    s.readingMore = false;
  }

  private void flow() {
    while (Boolean.TRUE.equals(rs.flowing) && read() != null) {
      // keep reading while flowing
    }
  }

  // ---------------------------------------------------------------------------------------------
  // read
  // ---------------------------------------------------------------------------------------------

  /** {@code read()}: everything buffered (one chunk when flowing, one object in object mode), or null. */
  public Object read() {
    return readImpl(Double.NaN);
  }

  /** {@code read(n)}: n bytes (or the rest at the end), or null if not that many are buffered. */
  public Object read(int n) {
    return readImpl(n);
  }

  private Object readImpl(double n) {
    ReadableState s = rs;
    double nOrig = n;
    if (n > s.hwm) {
      s.hwm = computeNewHighWaterMark((int) n);
    }
    if (n != 0) {
      s.emittedReadable = false;
    }
    if (n == 0 && s.needReadable && ((s.hwm != 0 ? s.length >= s.hwm : s.length > 0) || s.ended)) {
      if (s.length == 0 && s.ended) {
        endReadable();
      } else {
        emitReadable();
      }
      return null;
    }
    int count = howMuchToRead(n);
    if (count == 0 && s.ended) {
      if (s.length == 0) {
        endReadable();
      }
      return null;
    }
    boolean doRead = s.needReadable;
    if (s.length == 0 || s.length - count < s.hwm) {
      doRead = true;
    }
    if (s.reading || s.ended || s.destroyed || s.errored != null) {
      doRead = false;
    } else if (doRead) {
      s.reading = true;
      s.sync = true;
      if (s.length == 0) {
        s.needReadable = true;
      }
      try {
        doRead(s.hwm);
      } catch (RuntimeException e) {
        errorOrDestroy(e, false);
      }
      s.sync = false;
      if (!s.reading) {
        count = howMuchToRead(nOrig);
      }
    }
    Object ret = count > 0 ? take(count) : null;
    if (ret == null) {
      if (s.length <= s.hwm) {
        s.needReadable = true;
      }
      count = 0;
    } else {
      s.length -= count;
      s.clearAwaitDrain();
    }
    if (s.length == 0) {
      if (!s.ended) {
        s.needReadable = true;
      }
      if (nOrig != count && s.ended) {
        endReadable();
      }
    }
    if (ret != null && !s.errorEmitted && !s.closeEmitted) {
      s.dataEmitted = true;
      emit(DATA, ret);
    }
    return ret;
  }

  private static int computeNewHighWaterMark(int n) {
    if (n > 1 << 30) {
      throw new StreamException("ERR_OUT_OF_RANGE", "The value of \"size\" is out of range. It must be <= 1GiB. Received " + n);
    }
    int h = 1;
    while (h < n) {
      h <<= 1;
    }
    return h;
  }

  private int howMuchToRead(double n) {
    ReadableState s = rs;
    if (n <= 0 || (s.length == 0 && s.ended)) {
      return 0;
    }
    if (s.objectMode) {
      return 1;
    }
    if (Double.isNaN(n)) {
      return Boolean.TRUE.equals(s.flowing) && s.length > 0 ? size(s.buffer.peekFirst()) : s.length;
    }
    if (n <= s.length) {
      return (int) n;
    }
    return s.ended ? s.length : 0;
  }

  /** Node's fromList: removes and returns the first n units of the buffer. */
  private Object take(int n) {
    ReadableState s = rs;
    if (s.buffer.isEmpty()) {
      return null;
    }
    Object ret;
    if (s.objectMode) {
      ret = s.buffer.pollFirst();
    } else if (n >= s.length) {
      if (s.buffer.size() == 1) {
        ret = s.buffer.pollFirst();
      } else {
        ret = join(new ArrayList<>(s.buffer));
        s.buffer.clear();
      }
    } else {
      Object first = s.buffer.peekFirst();
      int firstSize = Chunks.size(first);
      if (n < firstSize) {
        ret = slice(first, 0, n);
        s.buffer.pollFirst();
        s.chunks().addFirst(slice(first, n, firstSize));
      } else if (n == firstSize) {
        ret = s.buffer.pollFirst();
      } else {
        List<Object> parts = new ArrayList<>();
        int want = n;
        while (want > 0) {
          Object c = s.buffer.peekFirst();
          int cs = Chunks.size(c);
          if (cs <= want) {
            parts.add(s.buffer.pollFirst());
            want -= cs;
          } else {
            parts.add(slice(c, 0, want));
            s.buffer.pollFirst();
            s.chunks().addFirst(slice(c, want, cs));
            want = 0;
          }
        }
        ret = join(parts);
      }
    }
    return ret;
  }

  private static Object slice(Object c, int from, int to) {
    if (c instanceof String str) {
      return str.substring(from, to);
    }
    return ((Buffer) c).subarray(from, to); // a view, as Node's fromList slices
  }

  private static Object join(List<Object> parts) {
    if (parts.get(0) instanceof String) {
      StringBuilder sb = new StringBuilder();
      for (Object p : parts) {
        sb.append((String) p);
      }
      return sb.toString();
    }
    List<Buffer> buffers = new ArrayList<>(parts.size());
    for (Object p : parts) {
      buffers.add((Buffer) p);
    }
    return Buffer.concat(buffers);
  }

  // ---------------------------------------------------------------------------------------------
  // end
  // ---------------------------------------------------------------------------------------------

  private void endReadable() {
    if (!rs.endEmitted) {
      rs.ended = true;
      tick(END_READABLE_NT, this);
    }
  }

  private void endReadableNT() {
    ReadableState s = rs;
    if (s.errored == null && !s.closeEmitted && !s.endEmitted && s.length == 0) {
      s.endEmitted = true;
      emit(END, null);
      if (ws != null && writableNow() && !allowHalfOpen()) {
        tick(() -> {
          if (writableNow() && !ws.ending && !ws.destroyed) {
            endImpl(null, null);
          }
        });
      } else if (s.autoDestroy) {
        if (ws == null || (ws.autoDestroy && (ws.finished || ws.constructedNotWritable))) {
          destroy(null);
        }
      }
    }
  }

  boolean writableNow() {
    return this instanceof WritableSide w && w.writable();
  }

  boolean allowHalfOpen() {
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // flowing / paused
  // ---------------------------------------------------------------------------------------------

  /** Switches to flowing mode: 'data' events carry the chunks (reading starts on the next tick). */
  public Readable resume() {
    ReadableState s = rs;
    if (!Boolean.TRUE.equals(s.flowing)) {
      s.flowing = !s.readableListening;
      if (!s.resumeScheduled) {
        s.resumeScheduled = true;
        tick(RESUME_NT, this);
      }
    }
    s.paused = false;
    return this;
  }

  private void resumeNT() {
    ReadableState s = rs;
    if (!s.reading) {
      read(0);
    }
    s.resumeScheduled = false;
    emit(RESUME, null);
    flow();
    if (Boolean.TRUE.equals(s.flowing) && !s.reading) {
      read(0);
    }
  }

  /** Leaves flowing mode: chunks stay buffered until resumed or read. */
  public Readable pause() {
    ReadableState s = rs;
    if (!Boolean.FALSE.equals(s.flowing)) {
      s.flowing = false;
      emit(PAUSE, null);
    }
    s.paused = true;
    return this;
  }

  /** Whether pause() was called or the stream is otherwise not flowing. */
  public boolean isPaused() {
    return Boolean.TRUE.equals(rs.paused) || Boolean.FALSE.equals(rs.flowing);
  }

  /** Decodes the bytes read to strings with {@code encoding} ({@code utf8}, {@code hex}, {@code latin1}). */
  public Readable setEncoding(String encoding) {
    ReadableState s = rs;
    TextDecoder d = TextDecoder.forEncoding(encoding);
    s.decoder = d;
    s.encoding = d.encoding();
    StringBuilder content = new StringBuilder();
    for (Object c : s.buffer) {
      content.append(c instanceof Buffer b ? d.write(b) : (String) c);
    }
    s.buffer.clear();
    if (content.length() > 0) {
      s.chunks().addLast(content.toString());
    }
    s.length = content.length();
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // listeners with side effects (Readable.prototype.on / removeListener)
  // ---------------------------------------------------------------------------------------------

  @Override
  public <T> EventEmitter on(Event<T> event, Consumer<? super T> listener) {
    super.on(event, listener);
    afterAdd(event);
    return this;
  }

  @Override
  public <T> EventEmitter addListener(Event<T> event, Consumer<? super T> listener) {
    return on(event, listener);
  }

  private void afterAdd(Event<?> event) {
    ReadableState s = rs;
    String name = event.name();
    if (name.equals("data")) {
      s.dataListening = true;
      s.readableListening = listenerCount(READABLE) > 0;
      if (!Boolean.FALSE.equals(s.flowing)) {
        resume();
      }
    } else if (name.equals("readable")) {
      if (!s.endEmitted && !s.readableListening) {
        s.readableListening = true;
        s.needReadable = true;
        s.flowing = false;
        s.emittedReadable = false;
        if (s.length > 0) {
          emitReadable();
        } else if (!s.reading) {
          tick(() -> read(0));
        }
      }
    }
  }

  @Override
  public <T> EventEmitter removeListener(Event<T> event, Consumer<? super T> listener) {
    super.removeListener(event, listener);
    afterRemove(event.name());
    return this;
  }

  @Override
  public <T> EventEmitter off(Event<T> event, Consumer<? super T> listener) {
    return removeListener(event, listener);
  }

  @Override
  public EventEmitter removeAllListeners(Event<?> event) {
    super.removeAllListeners(event);
    afterRemove(event.name());
    return this;
  }

  @Override
  public EventEmitter removeAllListeners() {
    super.removeAllListeners();
    afterRemove("readable");
    rs.dataListening = false;
    return this;
  }

  private void afterRemove(String name) {
    if (name.equals("data")) {
      if (listenerCount(DATA) == 0) {
        rs.dataListening = false;
      }
    } else if (name.equals("readable")) {
      tick(this::updateReadableListening);
    }
  }

  private void updateReadableListening() {
    ReadableState s = rs;
    s.readableListening = listenerCount(READABLE) > 0;
    if (Boolean.FALSE.equals(s.paused) && s.resumeScheduled) {
      s.flowing = true;
    } else if (s.dataListening) {
      resume();
    } else if (!s.readableListening) {
      s.flowing = null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // pipe / unpipe
  // ---------------------------------------------------------------------------------------------

  /** {@code src.pipe(dest)}: writes every chunk into dest with backpressure and ends it at 'end'. */
  public <W extends WritableSide> W pipe(W dest) {
    return pipe(dest, true);
  }

  /** {@code src.pipe(dest, {end})}: with {@code end} false, dest stays open after 'end'. */
  public <W extends WritableSide> W pipe(W dest, boolean end) {
    new Pipe(this, dest, end).start();
    return dest;
  }

  /** Stops piping into {@code dest} (all destinations if null). */
  public Readable unpipe(WritableSide dest) {
    ReadableState s = rs;
    if (s.pipes.isEmpty()) {
      return this;
    }
    if (dest == null) {
      List<WritableSide> ds = new ArrayList<>(s.pipes);
      s.pipes.clear();
      pause();
      for (WritableSide d : ds) {
        emitUnpipe((Stream) d, this);
      }
      return this;
    }
    if (!s.pipes.remove(dest)) {
      return this;
    }
    if (s.pipes.isEmpty()) {
      pause();
    }
    emitUnpipe((Stream) dest, this);
    return this;
  }

  /** {@code unpipe()}: stops piping into every destination. */
  public Readable unpipe() {
    return unpipe(null);
  }

  /** Emits 'unpipe' on dest with Node's {@code {hasUnpiped: false}} info beside the source. */
  static void emitUnpipe(Stream dest, Readable src) {
    boolean[] saved = dest.unpipeInfo;
    dest.unpipeInfo = new boolean[] {false};
    try {
      dest.emit(UNPIPE, src);
    } finally {
      dest.unpipeInfo = saved;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Readable.from
  // ---------------------------------------------------------------------------------------------

  /**
   * {@code Readable.from(iterable)}: a readable of the elements, in object mode with
   * highWaterMark 1 unless the options say otherwise.
   */
  public static Readable from(Iterable<?> items, StreamOptions options) {
    return from(items.iterator(), options);
  }

  /** {@code Readable.from(iterator)}: pulls the next element only when the reader wants more. */
  public static Readable from(Iterator<?> it, StreamOptions options) {
    StreamOptions o = options == null ? StreamOptions.defaults() : options;
    if (o.objectMode == null) {
      o.objectMode(true);
    }
    if (o.highWaterMark == null) {
      o.highWaterMark(1);
    }
    return new Readable(o) {
      private boolean busy;

      @Override
      protected void doRead(int size) {
        if (busy) {
          return;
        }
        busy = true;
        while (true) {
          if (!it.hasNext()) {
            push(null);
            return;
          }
          if (push(it.next())) {
            continue;
          }
          busy = false;
          return;
        }
      }

      @Override
      protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
        dev.eddy.Eddy.queueMicrotask(() -> tick(() -> callback.accept(error)));
      }
    };
  }

  /** {@code Readable.from(iterable)} with the default options. */
  public static Readable from(Iterable<?> items) {
    return from(items, null);
  }

  /**
   * Node's {@code for await (const chunk of this)}: an iterator to use inside an async body, in
   * try-with-resources (see {@link ChunkIterator}).
   */
  public ChunkIterator iterator() {
    return new ChunkIterator(this);
  }

  // ---------------------------------------------------------------------------------------------
  // Properties
  // ---------------------------------------------------------------------------------------------

  /** Node's {@code readable}: not destroyed, not errored, 'end' not emitted. */
  public boolean readable() {
    return !rs.destroyed && !rs.errorEmitted && !rs.endEmitted;
  }

  public int readableLength() {
    return rs.length;
  }

  /** null (no mechanism yet), true (flowing) or false (paused). */
  public Boolean readableFlowing() {
    return rs.flowing;
  }

  public boolean readableEnded() {
    return rs.endEmitted;
  }

  public int readableHighWaterMark() {
    return rs.hwm;
  }

  public boolean readableObjectMode() {
    return rs.objectMode;
  }

  /** The set type awaitDrainWriters uses with several destinations. */
  static LinkedHashSet<WritableSide> newDrainSet() {
    return new LinkedHashSet<>();
  }
}
