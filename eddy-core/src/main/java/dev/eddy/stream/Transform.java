package dev.eddy.stream;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Node's {@code stream.Transform}: a Duplex whose output is computed from its input. Implement
 * {@link #doTransform} (push results, then call back) and optionally {@link #doFlush}, or use
 * {@link #map}. The flush runs as the writable side's final step, so its output and 'end' come
 * before 'finish'.
 */
public class Transform extends Duplex {
  private Consumer<Throwable> pending;

  protected Transform() {
    this(StreamOptions.defaults());
  }

  protected Transform(StreamOptions options) {
    super(options, true);
    if (rs.hwm == 0) {
      ws = new WritableState(withWritableHwm(options), true);
    }
  }

  private static StreamOptions withWritableHwm(StreamOptions o) {
    StreamOptions copy = StreamOptions.defaults();
    copy.objectMode = o.objectMode;
    copy.writableObjectMode = o.writableObjectMode;
    copy.decodeStrings = o.decodeStrings;
    copy.autoDestroy = o.autoDestroy;
    copy.emitClose = o.emitClose;
    copy.highWaterMark = o.writableHighWaterMark != null && o.writableHighWaterMark != 0 ? o.writableHighWaterMark : 0;
    return copy;
  }

  /** Node's {@code _transform(chunk, encoding, callback)}: callback(error, valueToPushOrNull). */
  protected void doTransform(Object chunk, BiConsumer<Throwable, Object> callback) {
    throw new StreamException("ERR_METHOD_NOT_IMPLEMENTED", "The _transform() method is not implemented");
  }

  /** Whether {@link #doFlush} is implemented (Node: whether {@code _flush} exists). */
  protected boolean hasFlush() {
    return false;
  }

  /** Node's {@code _flush(callback)}: callback(error, lastValueOrNull) after the last transform. */
  protected void doFlush(BiConsumer<Throwable, Object> callback) {
    callback.accept(null, null);
  }

  /** A transform that maps each chunk with {@code fn} (seed 2's upper-case step). */
  public static Transform map(java.util.function.Function<Object, Object> fn) {
    return map(StreamOptions.defaults(), fn);
  }

  /** {@link #map(java.util.function.Function)} with options. */
  public static Transform map(StreamOptions options, java.util.function.Function<Object, Object> fn) {
    return new Transform(options) {
      @Override
      protected void doTransform(Object chunk, BiConsumer<Throwable, Object> callback) {
        callback.accept(null, fn.apply(chunk));
      }
    };
  }

  @Override
  protected final void doWrite(Object chunk, Consumer<Throwable> cb) {
    int before = rs.length;
    doTransform(chunk, (err, val) -> {
      if (err != null) {
        cb.accept(err);
        return;
      }
      if (val != null) {
        push(val);
      }
      if (rs.ended) {
        tick(() -> cb.accept(null));
      } else if (ws.ended || rs.length == before || rs.length < rs.hwm) {
        cb.accept(null);
      } else {
        pending = cb;
      }
    });
  }

  @Override
  protected final void doRead(int size) {
    if (pending != null) {
      Consumer<Throwable> c = pending;
      pending = null;
      c.accept(null);
    }
  }

  @Override
  protected final boolean hasFinal() {
    return true;
  }

  @Override
  protected final void doFinal(Consumer<Throwable> cb) {
    if (hasFlush() && !destroyedEither()) {
      doFlush((err, data) -> {
        if (err != null) {
          cb.accept(err);
          return;
        }
        if (data != null) {
          push(data);
        }
        push(null);
        cb.accept(null);
      });
    } else {
      push(null);
      cb.accept(null);
    }
  }
}
