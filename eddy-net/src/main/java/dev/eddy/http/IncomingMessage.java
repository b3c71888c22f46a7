package dev.eddy.http;

import dev.eddy.Event;
import dev.eddy.http.internal.HttpHead;
import dev.eddy.net.Socket;
import dev.eddy.stream.Readable;
import dev.eddy.stream.StreamOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Node's {@code http.IncomingMessage}: a request received by an {@link HttpServer} (or a response
 * received by the client), as a {@link Readable} of body {@code Buffer}s. The head is parsed on
 * bytes; header strings are built only when asked for.
 *
 * <p>{@link #headers()} follows Node's rules: names in lower case; {@code set-cookie} is a list;
 * duplicates of the singletons (content-type, content-length, host, authorization, user-agent,
 * ...) are dropped, first wins; {@code cookie} values are joined with "; ", any other duplicates
 * with ", ". {@link #rawHeaders()} keeps every line as received. Events: the stream events, and
 * {@link #ABORTED} when the connection closed before the message was complete. Loop thread
 * only.
 */
public class IncomingMessage extends Readable {
  /** The connection closed before the whole message arrived (Node's deprecated 'aborted'). */
  public static final Event<Void> ABORTED = Event.of("aborted");

  /** Read by the stream constructors only, so one instance serves every message. */
  private static final StreamOptions OPTIONS = StreamOptions.defaults();

  final HttpHead head;
  final Socket socket;
  private HttpHead trailers;
  private Map<String, Object> headers;
  private boolean complete;
  boolean aborted;
  boolean dumped;
  /** Header lines folded into {@link #headers()} (Node's maxHeadersCount; 0: all). */
  int headersLimit;
  private final Consumer<IncomingMessage> onRead;

  IncomingMessage(HttpHead head, Socket socket, Consumer<IncomingMessage> onRead) {
    super(OPTIONS);
    this.head = head;
    this.socket = socket;
    this.onRead = onRead;
  }

  @Override
  protected void doRead(int size) {
    if (onRead != null) {
      onRead.accept(this);
    }
  }

  /** The request method ({@code "GET"}); null on a client response. */
  public String method() {
    return head.method();
  }

  /** The request target exactly as received ({@code "/a?b=1"}); null on a client response. */
  public String url() {
    return head.method() == null ? null : head.url();
  }

  /** The response status code (client side); 0 on a request. */
  public int statusCode() {
    return head.method() == null ? head.statusCode() : 0;
  }

  /** The response reason phrase (client side); null on a request. */
  public String statusMessage() {
    return head.method() == null ? head.statusMessage() : null;
  }

  /** {@code "1.1"}, {@code "1.0"}, ... */
  public String httpVersion() {
    return head.versionMajor() + "." + head.versionMinor();
  }

  public int httpVersionMajor() {
    return head.versionMajor();
  }

  public int httpVersionMinor() {
    return head.versionMinor();
  }

  /** The headers with Node's rules (see the class comment). The map is unmodifiable. */
  public Map<String, Object> headers() {
    if (headers == null) {
      headers = Collections.unmodifiableMap(fold(head, headersLimit));
    }
    return headers;
  }

  /**
   * One header as Node's {@code headers[name]} has it, as a string: a {@code set-cookie} list is
   * joined with ", ". Null when absent. {@code name} is case-insensitive.
   */
  public String header(String name) {
    if (headers != null) {
      Object v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      if (v instanceof List<?> l) {
        return String.join(", ", l.stream().map(String::valueOf).toList());
      }
      return (String) v;
    }
    // one lookup without building the whole map: scan the head with the same joining rules
    String lower = null;
    String first = null;
    StringBuilder joined = null;
    int n = headersLimit > 0 ? Math.min(headersLimit, head.size()) : head.size();
    for (int i = 0; i < n; i++) {
      if (!head.nameEqualsIgnoreCase(i, name)) {
        continue;
      }
      String value = head.value(i);
      if (first == null) {
        first = value;
        continue;
      }
      if (lower == null) {
        lower = name.toLowerCase(java.util.Locale.ROOT);
        if (isSingleton(lower)) {
          return first;
        }
        joined = new StringBuilder(first);
      }
      joined.append(lower.equals("cookie") ? "; " : ", ").append(value);
    }
    return joined != null ? joined.toString() : first;
  }

  /** Every value of header {@code name} as received, in order (Node's {@code headersDistinct}). */
  public List<String> headerValues(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    List<String> out = new ArrayList<>(1);
    int n = headersLimit > 0 ? Math.min(headersLimit, head.size()) : head.size();
    for (int i = 0; i < n; i++) {
      if (head.nameEqualsIgnoreCase(i, lower)) {
        out.add(head.value(i));
      }
    }
    return out;
  }

  /** Names and values alternating, exactly as received. */
  public List<String> rawHeaders() {
    return raw(head);
  }

  /** The trailers of a chunked message (Node's rules, as {@link #headers()}); empty until 'end'. */
  public Map<String, Object> trailers() {
    return trailers == null ? Map.of() : Collections.unmodifiableMap(fold(trailers, 0));
  }

  /** The trailer lines as received, names and values alternating. */
  public List<String> rawTrailers() {
    return trailers == null ? List.of() : raw(trailers);
  }

  /** Whether the whole message (body and trailers) has been received. */
  public boolean complete() {
    return complete;
  }

  /** Whether the connection closed before the message was complete. */
  public boolean aborted() {
    return aborted;
  }

  /** The connection this message came on. */
  public Socket socket() {
    return socket;
  }

  /** The parsed head, for Eddy's own layers. */
  HttpHead head() {
    return head;
  }

  /**
   * Pushes a copy of {@code buf[off..off+len)} as body bytes (the parser's range is reused after
   * the call). Returns whether the source should stop reading: the buffer is full and the body
   * is not being drained by a dump.
   */
  boolean pushBody(byte[] buf, int off, int len) {
    return !push(dev.eddy.Buffer.wrap(java.util.Arrays.copyOfRange(buf, off, off + len))) && !dumped;
  }

  void completed(HttpHead trailers) {
    this.trailers = trailers;
    this.complete = true;
  }

  @Override
  protected void doDestroy(Throwable error, Consumer<Throwable> callback) {
    if (!readableEnded() || !complete) { // as Node's _destroy
      aborted = true;
      emit(ABORTED, null);
      if (socket != null && !socket.destroyed()) {
        socket.destroy(error);
      }
    }
    // as Node's onError: 'error' is emitted only when someone listens (an aborted request whose
    // handler ignores its body must not become an uncaught error)
    callback.accept(listenerCount(ERROR) == 0 ? null : error);
  }

  private static List<String> raw(HttpHead h) {
    List<String> out = new ArrayList<>(h.size() * 2);
    for (int i = 0, n = h.size(); i < n; i++) {
      out.add(h.name(i));
      out.add(h.value(i));
    }
    return out;
  }

  /** Node's _addHeaderLines: the first {@code limit} lines (0: all) folded with Node's rules. */
  static Map<String, Object> fold(HttpHead h, int limit) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = limit > 0 ? Math.min(limit, h.size()) : h.size();
    for (int i = 0; i < n; i++) {
      String name = h.name(i).toLowerCase(java.util.Locale.ROOT);
      String value = h.value(i);
      Object prev = m.get(name);
      if (prev == null) {
        if (name.equals("set-cookie")) {
          List<String> l = new ArrayList<>(2);
          l.add(value);
          m.put(name, l);
        } else {
          m.put(name, value);
        }
        continue;
      }
      if (name.equals("set-cookie")) {
        @SuppressWarnings("unchecked")
        List<String> l = (List<String>) prev;
        l.add(value);
      } else if (isSingleton(name)) {
        // first wins: later duplicates are dropped, as Node does
      } else if (name.equals("cookie")) {
        m.put(name, prev + "; " + value);
      } else {
        m.put(name, prev + ", " + value);
      }
    }
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (e.getValue() instanceof List<?> l) {
        e.setValue(List.copyOf(l));
      }
    }
    return m;
  }

  private static boolean isSingleton(String name) {
    return switch (name) {
      case "age", "authorization", "content-length", "content-type", "etag", "expires", "from", "host",
          "if-modified-since", "if-unmodified-since", "last-modified", "location", "max-forwards",
          "proxy-authorization", "referer", "retry-after", "server", "user-agent" -> true;
      default -> false;
    };
  }
}
