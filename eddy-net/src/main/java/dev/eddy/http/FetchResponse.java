package dev.eddy.http;

import dev.eddy.Buffer;
import dev.eddy.NodeException;
import dev.eddy.Promise;
import dev.eddy.stream.Stream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answer of {@link Fetch#fetch}: status and headers at once, the body on demand as text,
 * bytes or JSON (each a promise; the body can be read once), or as the {@link #body()} stream.
 * Loop thread only.
 */
public final class FetchResponse {
  private final IncomingMessage message;
  private final JsonCodec codec;
  private final long maxBytes;
  private boolean used;

  FetchResponse(IncomingMessage message, JsonCodec codec, long maxBytes) {
    this.message = message;
    this.codec = codec;
    this.maxBytes = maxBytes;
  }

  public int status() {
    return message.statusCode();
  }

  public String statusText() {
    return message.statusMessage();
  }

  /** Whether the status is 200-299. */
  public boolean ok() {
    return status() >= 200 && status() < 300;
  }

  /** Response headers with Node's rules (lower-case names; set-cookie is a list). */
  public Map<String, Object> headers() {
    return message.headers();
  }

  /** One header (case-insensitive), or null. */
  public String header(String name) {
    return message.header(name);
  }

  /** The body as a stream, for large answers. */
  public IncomingMessage body() {
    used = true;
    return message;
  }

  /** The whole body. Rejects when the connection fails mid-body or the body exceeds the limit. */
  public Promise<byte[]> bytes() {
    if (used) {
      return Promise.reject(new NodeException("TypeError", "ERR_BODY_USED", "Body is unusable: Body has already been read"));
    }
    used = true;
    return Promise.create((resolve, reject) -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long[] size = {0};
      message.on(Stream.DATA, c -> {
        Buffer b = (Buffer) c;
        size[0] += b.length();
        if (maxBytes >= 0 && size[0] > maxBytes) {
          message.destroy(new NodeException("RangeError", "ERR_BODY_TOO_LARGE",
              "response body exceeds the limit of " + maxBytes + " bytes set with Fetch.Options.maxResponseBytes"));
          return;
        }
        byte[] a = b.toByteArray();
        out.write(a, 0, a.length);
      });
      message.on(Stream.END, v -> resolve.accept(out.toByteArray()));
      message.on(IncomingMessage.ERROR, reject);
      message.on(IncomingMessage.ABORTED, v -> reject.accept(new NodeException("Error", "ECONNRESET", "aborted")));
    });
  }

  /** The body decoded as UTF-8. */
  public Promise<String> text() {
    return bytes().then(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The body parsed as JSON into {@code type} with the codec (see {@link JsonCodec}). */
  public <T> Promise<T> json(Class<T> type) {
    JsonCodec c = codec != null ? codec : Fetch.codec();
    if (c == null) {
      return Promise.reject(Fetch.noCodec());
    }
    return bytes().then(b -> {
      try {
        return c.decode(b, type);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new NodeException("SyntaxError", "ERR_INVALID_JSON", "the response body is not valid JSON for "
            + type.getSimpleName() + ": " + e.getMessage());
      }
    });
  }
}
