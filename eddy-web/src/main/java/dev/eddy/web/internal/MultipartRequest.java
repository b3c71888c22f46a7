package dev.eddy.web.internal;

import dev.eddy.Buffer;
import dev.eddy.EventEmitter;
import dev.eddy.fs.FileWriteStream;
import dev.eddy.fs.Fs;
import dev.eddy.http.IncomingMessage;
import dev.eddy.stream.Stream;
import dev.eddy.web.HttpError;
import dev.eddy.web.Multipart;
import dev.eddy.web.MultipartOptions;
import dev.eddy.web.Next;
import dev.eddy.web.Request;
import dev.eddy.web.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One multipart request being received (multer's middleware body): feeds the request's chunks to
 * a {@link MultipartParser}, stores accepted files on disk or in memory, fills the body map, and
 * ends with exactly one of {@code next()} (after the whole body was read and every file closed)
 * or {@code next(err)} (after every stored file was deleted and the rest of the body read and
 * discarded, or at once when the client went away). Disk writes apply backpressure: the request
 * is paused while a file stream's buffer is full and resumed on its 'drain'. Loop thread only.
 */
public final class MultipartRequest implements MultipartParser.Listener {
  /** Receives the stored files, in arrival order, on success. */
  @FunctionalInterface
  public interface Outcome {
    void accept(List<UploadedFile> files);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** An accepted file. */
  private static final class Entry {
    final UploadedFile info;
    Path path;
    String fileName;
    FileWriteStream out;
    ByteArrayOutputStream memory;
    byte[] bytes;
    long size;
    boolean ending;
    boolean closed;
    boolean remove;

    Entry(UploadedFile info) {
      this.info = info;
    }
  }

  private final Request req;
  private final IncomingMessage in;
  private final Next next;
  private final MultipartOptions options;
  private final Map<String, Long> filesLeft;
  private final Map<String, Object> body;
  private final Outcome outcome;
  private final List<Entry> entries = new ArrayList<>();
  private MultipartParser parser;
  private Entry current;
  /** Accepted files not yet stored (being written or closed). */
  private int pending;
  /** Stored files still being deleted after an error. */
  private int removing;
  private boolean ended;
  private boolean gone;
  private Throwable error;
  private boolean done;
  private boolean attached;
  private FileWriteStream waitingForDrain;

  private final Consumer<Object> onData = this::data;
  private final Consumer<Void> onEnd = v -> ended();
  private final Consumer<Void> onAborted = v -> gone(new HttpError(400, "request aborted", "request.aborted", Map.of(), null));
  private final Consumer<Void> onClose = this::requestClosed;
  private final Consumer<Throwable> onError = e -> gone(new HttpError(400, e.getMessage(), "request.aborted", Map.of(), e));

  /**
   * @param filesLeft files accepted per field name (copied), or null to accept files in any field
   * @param body the map that receives the text fields (already set as the request's body)
   */
  public MultipartRequest(Request req, Next next, MultipartOptions options, Map<String, Long> filesLeft,
      Map<String, Object> body, Outcome outcome) {
    this.req = req;
    this.in = req.raw();
    this.next = next;
    this.options = options;
    this.filesLeft = filesLeft == null ? null : new HashMap<>(filesLeft);
    this.body = body;
    this.outcome = outcome;
  }

  /** Starts reading the body with this boundary. */
  public void start(String boundary) {
    MultipartParser.Limits limits = new MultipartParser.Limits(options.fileSize(), options.files(), options.fields(),
        options.parts(), options.fieldSize(), options.headerPairs());
    parser = new MultipartParser(boundary, limits, MultipartSyntax.decoder(options.paramCharset()),
        options.preservePath(), this);
    attach();
  }

  /** Fails before parsing: the body is read and discarded, then {@code next(err)}. */
  public void fail(Throwable err) {
    attach();
    abort(err);
  }

  private void attach() {
    attached = true;
    in.on(Stream.DATA, onData);
    in.once(Stream.END, onEnd);
    in.once(IncomingMessage.ABORTED, onAborted);
    in.once(Stream.CLOSE, onClose);
    in.once(EventEmitter.ERROR, onError);
    in.resume();
  }

  private void detach() {
    if (!attached) return;
    attached = false;
    in.removeListener(Stream.DATA, onData);
    in.removeListener(Stream.END, onEnd);
    in.removeListener(IncomingMessage.ABORTED, onAborted);
    in.removeListener(Stream.CLOSE, onClose);
    in.removeListener(EventEmitter.ERROR, onError);
  }

  // ---------------------------------------------------------------------------------------------
  // request events

  private void data(Object chunk) {
    if (error != null || done) return; // discarding the rest after an error
    Buffer b = (Buffer) chunk;
    ByteBuffer bb = b.asByteBuffer();
    byte[] arr;
    int off;
    int len = bb.remaining();
    if (bb.hasArray()) {
      arr = bb.array();
      off = bb.arrayOffset() + bb.position();
    } else {
      arr = new byte[len];
      bb.get(arr);
      off = 0;
    }
    try {
      parser.push(arr, off, len);
    } catch (MultipartParser.MalformedException e) {
      abort(malformed(e.getMessage()));
    }
  }

  private void ended() {
    ended = true;
    if (error == null && !done) {
      try {
        parser.end();
      } catch (MultipartParser.MalformedException e) {
        abort(malformed(e.getMessage()));
      }
    }
    finishIfDone();
    failIfDone();
  }

  private void requestClosed(Void v) {
    if (!in.readableEnded()) gone(new HttpError(400, "request aborted", "request.aborted", Map.of(), null));
  }

  private void gone(Throwable err) {
    gone = true;
    abort(err);
    failIfDone();
  }

  private static HttpError malformed(String message) {
    return new HttpError(400, message, "entity.parse.failed", Map.of(), null);
  }

  // ---------------------------------------------------------------------------------------------
  // parser events

  @Override
  public boolean onFile(String name, String filename, String encoding, String mimeType) {
    if (error != null) return false;
    if (name == null) {
      abort(new Multipart.UploadError(400, "MISSING_FIELD_NAME", null));
      return false;
    }
    String field = MultipartSyntax.decodeFormDataName(name);
    if (filename == null || filename.isEmpty()) return false; // multer ignores parts without a file name
    if (options.fieldNameSize() != MultipartOptions.UNLIMITED && name.length() > options.fieldNameSize()) {
      abort(new Multipart.UploadError(413, "LIMIT_FIELD_KEY", null));
      return false;
    }
    String originalName = MultipartSyntax.decodeFormDataName(filename);
    if (filesLeft != null) {
      long left = filesLeft.getOrDefault(field, 0L);
      if (left <= 0) {
        abort(new Multipart.UploadError(400, "LIMIT_UNEXPECTED_FILE", field));
        return false;
      }
      filesLeft.put(field, left - 1);
    }
    UploadedFile info = new UploadedFile(field, originalName, encoding, mimeType, 0, null, null, null, null);
    MultipartOptions.FileFilter filter = options.fileFilter();
    if (filter != null) {
      boolean accept;
      try {
        accept = filter.accept(req, info);
      } catch (Throwable t) {
        release(field);
        abort(t);
        return false;
      }
      if (error != null) return false;
      if (!accept) {
        release(field); // a skipped file does not use up a slot
        return false;
      }
    }
    Entry e = new Entry(info);
    entries.add(e);
    pending++;
    current = e;
    if (options.storage() instanceof MultipartOptions.Disk disk) {
      e.fileName = HexFormat.of().formatHex(randomBytes());
      e.path = disk.directory().resolve(e.fileName);
      e.out = Fs.createWriteStream(e.path.toString());
      e.out.once(EventEmitter.ERROR, err -> abort(err));
      e.out.once(Stream.CLOSE, v -> closed(e));
    } else {
      e.memory = new ByteArrayOutputStream();
    }
    return true;
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }

  private void release(String field) {
    if (filesLeft != null) filesLeft.merge(field, 1L, Long::sum);
  }

  @Override
  public void onFileData(byte[] b, int off, int len, boolean copy) {
    Entry e = current;
    if (e == null || error != null) return;
    if (e.memory != null) {
      e.memory.write(b, off, len);
      return;
    }
    // request chunks are fresh arrays nobody writes again, so a view is enough
    Buffer data = copy ? Buffer.wrap(Arrays.copyOfRange(b, off, off + len)) : Buffer.wrap(b).subarray(off, off + len);
    if (!e.out.write(data) && waitingForDrain == null) {
      FileWriteStream out = e.out;
      waitingForDrain = out;
      in.pause();
      out.once(Stream.DRAIN, v -> {
        if (waitingForDrain == out) {
          waitingForDrain = null;
          if (!done && !gone) in.resume();
        }
      });
    }
  }

  @Override
  public void onFileLimit() {
    abort(new Multipart.UploadError(413, "LIMIT_FILE_SIZE", current == null ? null : current.info.fieldName()));
  }

  @Override
  public void onFileEnd() {
    Entry e = current;
    current = null;
    if (e == null || error != null) return;
    if (e.memory != null) {
      e.bytes = e.memory.toByteArray();
      e.size = e.bytes.length;
      e.memory = null;
      pending--;
      return;
    }
    e.ending = true;
    e.out.end();
  }

  /** A disk file's stream closed: stored after end(), or destroyed by an error. */
  private void closed(Entry e) {
    e.closed = true;
    if (waitingForDrain == e.out) {
      // an ended stream never emits 'drain': its closing is what lets the request go on
      waitingForDrain = null;
      if (!done && !gone && error == null) in.resume();
    }
    if (e.remove) {
      unlink(e);
      return;
    }
    if (error == null && e.ending && e.out.writableFinished()) {
      e.size = e.out.bytesWritten();
      pending--;
      finishIfDone();
    }
  }

  @Override
  public void onField(String name, String value, boolean valueTruncated, String encoding, String mimeType) {
    if (error != null) return;
    if (name == null) {
      abort(new Multipart.UploadError(400, "MISSING_FIELD_NAME", null));
      return;
    }
    String field = MultipartSyntax.decodeFormDataName(name);
    if (valueTruncated) {
      abort(new Multipart.UploadError(413, "LIMIT_FIELD_VALUE", field));
      return;
    }
    if (options.fieldNameSize() != MultipartOptions.UNLIMITED && name.length() > options.fieldNameSize()) {
      abort(new Multipart.UploadError(413, "LIMIT_FIELD_KEY", null));
      return;
    }
    try {
      MultipartFields.append(body, field, value, options.fieldArrayIndexLimit());
    } catch (MultipartFields.IndexTooLargeException e) {
      abort(new Multipart.UploadError(413, "LIMIT_FIELD_ARRAY_INDEX", field));
    }
  }

  @Override
  public void onPartsLimit() {
    abort(new Multipart.UploadError(413, "LIMIT_PART_COUNT", null));
  }

  @Override
  public void onFilesLimit() {
    abort(new Multipart.UploadError(413, "LIMIT_FILE_COUNT", null));
  }

  @Override
  public void onFieldsLimit() {
    abort(new Multipart.UploadError(413, "LIMIT_FIELD_COUNT", null));
  }

  // ---------------------------------------------------------------------------------------------
  // endings

  /** The first error wins: stop parsing, delete what was stored, keep draining the request. */
  private void abort(Throwable err) {
    if (error != null || done) return;
    error = err;
    if (parser != null) parser.stop();
    current = null;
    for (Entry e : entries) {
      e.memory = null;
      e.bytes = null;
      if (e.out == null) continue;
      e.remove = true;
      removing++;
      if (e.closed) unlink(e);
      else e.out.destroy(); // its 'close' unlinks
    }
    waitingForDrain = null;
    if (!gone && !in.destroyed()) in.resume();
    failIfDone();
  }

  private void unlink(Entry e) {
    Fs.unlink(e.path.toString(), (err, v) -> {
      removing--;
      failIfDone();
    });
  }

  private void finishIfDone() {
    if (done || error != null || !ended || pending != 0) return;
    done = true;
    detach();
    List<UploadedFile> files = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      UploadedFile i = e.info;
      files.add(e.out != null
          ? new UploadedFile(i.fieldName(), i.originalName(), i.encoding(), i.mimeType(), e.size, e.path, null, e.fileName,
              e.path.getParent())
          : new UploadedFile(i.fieldName(), i.originalName(), i.encoding(), i.mimeType(), e.size, null, e.bytes, null, null));
    }
    outcome.accept(files);
    next.run();
  }

  private void failIfDone() {
    if (done || error == null || removing != 0 || !(ended || gone)) return;
    done = true;
    detach();
    next.fail(error);
  }
}
