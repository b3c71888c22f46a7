package dev.eddy.stream;

import java.util.LinkedHashSet;
import java.util.function.Consumer;

/** One {@code src.pipe(dest)}: Node's pipe listeners and backpressure (readable.js pipe). */
final class Pipe {
  private final Readable src;
  private final WritableSide dest;
  private final Stream destStream;
  private final boolean end;
  private boolean cleanedUp;
  private Consumer<Void> ondrain;

  private final Consumer<Void> onend = x -> dest().end();
  private final Consumer<Void> unpipeIt = x -> unpipeIt();
  private final Consumer<Object> ondata = this::ondata;
  private final Consumer<Throwable> onerror = this::onerror;
  private final Consumer<Void> onclose = x -> onclose();
  private final Consumer<Void> onfinish = x -> onfinish();
  private final Consumer<Readable> onunpipe = this::onunpipe;

  Pipe(Readable src, WritableSide dest, boolean end) {
    this.src = src;
    this.dest = dest;
    this.destStream = (Stream) dest;
    this.end = end;
  }

  private WritableSide dest() {
    return dest;
  }

  @SuppressWarnings("unchecked")
  void start() {
    ReadableState s = src.rs;
    if (s.pipes.size() == 1 && !s.multiAwaitDrain) {
      s.multiAwaitDrain = true;
      LinkedHashSet<WritableSide> set = new LinkedHashSet<>();
      if (s.awaitDrainWriters instanceof WritableSide w) {
        set.add(w);
      }
      s.awaitDrainWriters = set;
    }
    if (s.pipes == java.util.Collections.<WritableSide>emptyList()) {
      s.pipes = new java.util.ArrayList<>(2);
    }
    s.pipes.add(dest);
    Consumer<Void> endFn = end ? onend : unpipeIt;
    if (s.endEmitted) {
      Stream.tick(() -> endFn.accept(null));
    } else {
      src.once(Stream.END, endFn);
    }
    destStream.on(Stream.UNPIPE, onunpipe);
    src.on(Stream.DATA, ondata);
    destStream.prependListener(Stream.ERROR, onerror);
    destStream.once(Stream.CLOSE, onclose);
    destStream.once(Stream.FINISH, onfinish);
    destStream.emit(Stream.PIPE, src);
    if (dest.writableNeedDrain()) {
      pipePause();
    } else if (!Boolean.TRUE.equals(s.flowing)) {
      src.resume();
    }
  }

  private void ondata(Object chunk) {
    if (!dest.write(chunk)) {
      pipePause();
    }
  }

  @SuppressWarnings("unchecked")
  private void pipePause() {
    ReadableState s = src.rs;
    if (!cleanedUp) {
      if (s.pipes.size() == 1 && s.pipes.get(0) == dest) {
        s.awaitDrainWriters = dest;
        s.multiAwaitDrain = false;
      } else if (s.pipes.size() > 1 && s.pipes.contains(dest)) {
        ((LinkedHashSet<WritableSide>) s.awaitDrainWriters).add(dest);
      }
      src.pause();
    }
    if (ondrain == null) {
      ondrain = x -> pipeOnDrain();
      destStream.on(Stream.DRAIN, ondrain);
    }
  }

  private void pipeOnDrain() {
    ReadableState s = src.rs;
    if (s.awaitDrainWriters == dest) {
      s.awaitDrainWriters = null;
    } else if (s.multiAwaitDrain && s.awaitDrainWriters instanceof LinkedHashSet<?> set) {
      set.remove(dest);
    }
    boolean none = s.awaitDrainWriters == null
        || (s.awaitDrainWriters instanceof LinkedHashSet<?> set && set.isEmpty());
    if (none && s.dataListening) {
      src.resume();
    }
  }

  private void unpipeIt() {
    src.unpipe(dest);
  }

  private void onclose() {
    destStream.removeListener(Stream.FINISH, onfinish);
    unpipeIt();
  }

  private void onfinish() {
    destStream.removeListener(Stream.CLOSE, onclose);
    unpipeIt();
  }

  private void onerror(Throwable er) {
    unpipeIt();
    destStream.removeListener(Stream.ERROR, onerror);
    if (destStream.listenerCount(Stream.ERROR) == 0) {
      boolean emitted = destStream.ws != null ? destStream.ws.errorEmitted : destStream.rs.errorEmitted;
      if (!emitted) {
        destStream.errorOrDestroy(er, false);
      } else {
        destStream.emit(Stream.ERROR, er);
      }
    }
  }

  private void onunpipe(Readable readable) {
    boolean[] info = destStream.unpipeInfo;
    if (readable == src && info != null && !info[0]) {
      info[0] = true;
      cleanup();
    }
  }

  private void cleanup() {
    destStream.removeListener(Stream.CLOSE, onclose);
    destStream.removeListener(Stream.FINISH, onfinish);
    if (ondrain != null) {
      destStream.removeListener(Stream.DRAIN, ondrain);
    }
    destStream.removeListener(Stream.ERROR, onerror);
    destStream.removeListener(Stream.UNPIPE, onunpipe);
    src.removeListener(Stream.END, onend);
    src.removeListener(Stream.END, unpipeIt);
    src.removeListener(Stream.DATA, ondata);
    cleanedUp = true;
    ReadableState s = src.rs;
    if (ondrain != null && s.awaitDrainWriters != null && (destStream.ws == null || destStream.ws.needDrain)) {
      pipeOnDrain();
    }
  }
}
