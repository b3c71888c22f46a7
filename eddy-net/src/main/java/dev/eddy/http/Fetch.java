package dev.eddy.http;

import dev.eddy.Buffer;
import dev.eddy.NodeException;
import dev.eddy.Promise;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A small promise API in the spirit of {@code fetch}: one call, a {@link FetchResponse} with the
 * status and headers, the body read on demand. Built on {@link Http#request} and its agent pool;
 * redirects are not followed; a connection failure rejects with the request's error (ECONNREFUSED,
 * "socket hang up", ...), an HTTP error status does not reject (check {@link FetchResponse#ok()}).
 *
 * <pre>{@code
 * FetchResponse res = await(Fetch.fetch("http://127.0.0.1:3000/users/1"));
 * User user = await(res.json(User.class));
 * }</pre>
 */
public final class Fetch {
  private Fetch() {}

  private static volatile JsonCodec defaultCodec;
  private static volatile boolean looked;

  /** Per-call settings. */
  public static final class Options {
    String method = "GET";
    final Map<String, Object> headers = new LinkedHashMap<>();
    Object body;
    Object json;
    JsonCodec codec;
    Duration timeout;
    Agent agent;
    long maxResponseBytes = -1;

    public Options method(String m) {
      method = m;
      return this;
    }

    public Options header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** A body as text (UTF-8), bytes or a Buffer. */
    public Options body(Object b) {
      if (!(b instanceof String || b instanceof byte[] || b instanceof Buffer)) {
        throw new IllegalArgumentException("a fetch body is a String, byte[] or Buffer, got " + b.getClass().getName());
      }
      body = b;
      return this;
    }

    /** A JSON body (Content-Type: application/json), encoded with the codec. */
    public Options json(Object value) {
      json = value;
      return this;
    }

    public Options codec(JsonCodec c) {
      codec = c;
      return this;
    }

    /** Rejects with 'timeout' when the connection is idle this long (default: none). */
    public Options timeout(Duration d) {
      timeout = d;
      return this;
    }

    public Options agent(Agent a) {
      agent = a;
      return this;
    }

    /** Bodies above this many bytes reject with ERR_BODY_TOO_LARGE (default: no limit, as fetch). */
    public Options maxResponseBytes(long n) {
      maxResponseBytes = n;
      return this;
    }
  }

  /** The JSON codec used when none is given per call. Any thread. */
  public static void defaultCodec(JsonCodec codec) {
    defaultCodec = codec;
  }

  static JsonCodec codec() {
    JsonCodec c = defaultCodec;
    if (c == null && !looked) {
      looked = true;
      for (JsonCodec found : ServiceLoader.load(JsonCodec.class)) {
        defaultCodec = c = found;
        break;
      }
    }
    return c;
  }

  static NodeException noCodec() {
    return new NodeException("Error", "ERR_NO_JSON_CODEC",
        "no JSON codec: call Fetch.defaultCodec(...) (e.g. with Jackson) or pass Fetch.Options.codec(...)");
  }

  /** GET {@code url}. */
  public static Promise<FetchResponse> fetch(String url) {
    return fetch(url, new Options());
  }

  /** Sends a request to {@code url} ({@code http://} only) and resolves with the response head. */
  public static Promise<FetchResponse> fetch(String url, Options o) {
    ClientRequest.Options ro;
    try {
      ro = ClientRequest.Options.of(url).method(o.method).headers(o.headers);
    } catch (RuntimeException e) {
      return Promise.reject(e);
    }
    if (o.agent != null) {
      ro.agent(o.agent);
    }
    if (o.timeout != null) {
      ro.timeout(o.timeout);
    }
    Object body = o.body;
    JsonCodec codec = o.codec != null ? o.codec : codec();
    if (o.json != null) {
      if (codec == null) {
        return Promise.reject(noCodec());
      }
      try {
        body = codec.encode(o.json);
      } catch (Exception e) {
        return Promise.reject(e);
      }
      if (!o.headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("content-type"))) {
        ro.header("Content-Type", "application/json");
      }
    }
    Object payload = body;
    return Promise.create((resolve, reject) -> {
      ClientRequest req = new ClientRequest(ro, res -> resolve.accept(new FetchResponse(res, o.codec, o.maxResponseBytes)));
      req.on(ClientRequest.ERROR, reject);
      req.on(ClientRequest.TIMEOUT, v -> req.destroy(new NodeException("Error", "ETIMEDOUT",
          "request to " + url + " timed out after " + o.timeout.toMillis() + " ms of inactivity")));
      req.end(payload);
    });
  }
}
