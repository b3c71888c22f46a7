package dev.eddy.stream;

/**
 * An error raised by the stream machinery itself, with Node's {@code code} (for example {@code
 * ERR_STREAM_WRITE_AFTER_END}, {@code ERR_STREAM_PREMATURE_CLOSE}, {@code ABORT_ERR}) and Node's
 * message.
 */
public class StreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public StreamException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** Node's error code. */
  public String code() {
    return code;
  }

  static StreamException writeAfterEnd() {
    return new StreamException("ERR_STREAM_WRITE_AFTER_END", "write after end");
  }

  static StreamException destroyed(String method) {
    return new StreamException("ERR_STREAM_DESTROYED", "Cannot call " + method + " after a stream was destroyed");
  }

  static StreamException alreadyFinished(String method) {
    return new StreamException("ERR_STREAM_ALREADY_FINISHED", "Cannot call " + method + " after a stream was finished");
  }

  static StreamException multipleCallback() {
    return new StreamException("ERR_MULTIPLE_CALLBACK", "Callback called multiple times");
  }

  static StreamException pushAfterEof() {
    return new StreamException("ERR_STREAM_PUSH_AFTER_EOF", "stream.push() after EOF");
  }

  static StreamException prematureClose() {
    return new StreamException("ERR_STREAM_PREMATURE_CLOSE", "Premature close");
  }

  static StreamException abort() {
    return new StreamException("ABORT_ERR", "The operation was aborted");
  }
}
