package dev.eddy.web;

import dev.eddy.http.IncomingMessage;
import dev.eddy.web.internal.Accepts;
import dev.eddy.web.internal.Fresh;
import dev.eddy.web.internal.QueryString;
import dev.eddy.web.internal.RangeParser;
import dev.eddy.web.internal.TypeIs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The request as handlers see it: Express's {@code req}. Wraps Eddy's {@link IncomingMessage}
 * (reachable with {@link #raw()}, a Readable for streaming the body) and adds the routing state
 * ({@link #params()}, {@link #baseUrl()}, {@link #url()} relative to the mount) and Express's
 * helpers. Use it on the loop thread that received the request.
 */
public final class Request {
  private final IncomingMessage raw;
  private App app;
  private Response res;
  private final String method;
  private final String originalUrl;
  private String url;
  private String baseUrl = "";
  private String mountPattern = "";
  /** No parameters: shared and immutable until someone asks for the map (then copied). */
  static final Map<String, Object> NO_PARAMS = Map.of();

  private Map<String, Object> params = NO_PARAMS;
  private Route route;
  private Next next;
  private Object body;
  private boolean bodyParsed;
  private Map<String, Object> cookies;
  private Map<String, Object> signedCookies;
  private List<String> secrets = List.of();
  /** Key, value, key, value...: a request holds a handful, found by identity faster than by hashing. */
  private Object[] attributes;
  private String parsedUrl;
  private String pathname;
  private String queryString;
  private Map<String, Object> query;
  private String queryFor;

  Request(App app, IncomingMessage raw) {
    this.app = app;
    this.raw = raw;
    this.method = raw.method();
    this.url = raw.url();
    this.originalUrl = url;
  }

  // ------------------------------------------------------------------ plumbing

  /** The underlying message: headers as received and the body as a Readable stream. */
  public IncomingMessage raw() {
    return raw;
  }

  /** The app handling the request (the mounted sub-app inside one). */
  public App app() {
    return app;
  }

  void app(App app) {
    this.app = app;
  }

  /** The response paired with this request. */
  public Response res() {
    return res;
  }

  void response(Response res) {
    this.res = res;
  }

  /** The route being run, or null in plain middleware. */
  public Route route() {
    return route;
  }

  void route(Route route) {
    this.route = route;
  }

  /**
   * The {@code next} of the router currently handling the request (Express's {@code req.next}):
   * what helpers such as {@link Response#sendFile} call when they cannot answer.
   */
  public Next next() {
    return next;
  }

  void next(Next next) {
    this.next = next;
  }

  // ------------------------------------------------------------------ URL and routing

  /** The request method in upper case. */
  public String method() {
    return method;
  }

  /** The request target relative to the current mount point (Express's {@code req.url}). */
  public String url() {
    return url;
  }

  /** Rewrites the URL for the following layers (like assigning {@code req.url}). */
  public Request url(String url) {
    this.url = url;
    return this;
  }

  /** The request target as received. */
  public String originalUrl() {
    return originalUrl;
  }

  /** The path the current router or app is mounted at, as spelled in the request. */
  public String baseUrl() {
    return baseUrl;
  }

  void baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  String mountPattern() {
    return mountPattern;
  }

  void mountPattern(String pattern) {
    this.mountPattern = pattern;
  }

  /**
   * The full pattern of the route answering, mount paths included ({@code /api/items/:id} for a
   * route {@code /items/:id} in a router mounted at {@code /api}), or null outside a route: a
   * bounded label for metrics and traces (unlike {@link #baseUrl()}, which holds the values).
   */
  public String routePattern() {
    if (route == null) return null;
    String path = route.path();
    if (mountPattern.isEmpty()) return path;
    if (path.equals("/")) return mountPattern;
    return mountPattern.endsWith("/") ? mountPattern + path.substring(1) : mountPattern + path;
  }

  /** The path part of {@link #url()}, still percent-encoded (Express's {@code req.path}). */
  public String path() {
    return pathname();
  }

  /**
   * The route parameters: name to decoded value, a {@code List<String>} for {@code *name}
   * wildcards; regexp captures are named {@code "0"}, {@code "1"}, ... The map is mutable, like
   * Express's (parameter hooks may replace values).
   */
  public Map<String, Object> params() {
    if (params == NO_PARAMS) params = new java.util.LinkedHashMap<>(4);
    return params;
  }

  /** The params without copying the shared empty map (for routing). */
  Map<String, Object> paramsRaw() {
    return params;
  }

  void params(Map<String, Object> params) {
    this.params = params;
  }

  /** One route parameter as a String (a wildcard's segments joined with {@code /}), or null. */
  public String param(String name) {
    Object v = params.get(name);
    if (v == null) return null;
    if (v == null) return null;
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < l.size(); i++) sb.append(i == 0 ? "" : "/").append(l.get(i));
      return sb.toString();
    }
    return String.valueOf(v);
  }

  /**
   * The parsed query string with the app's {@code query parser}: by default Node's
   * querystring, flat ({@code a=1&a=2} gives a {@code List}, {@code user[name]} is a plain key).
   * Parsed once per URL; do not modify the map.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> query() {
    parseUrl();
    if (query == null || queryFor != parsedUrl) {
      Object parser = app.settings().get("query parser");
      if (parser == null || Boolean.FALSE.equals(parser)) {
        query = Map.of();
      } else if (parser instanceof Function<?, ?> f) {
        Map<String, Object> q = ((Function<String, Map<String, Object>>) f).apply(queryString);
        query = q == null ? Map.of() : q;
      } else {
        query = queryString == null ? Map.of() : QueryString.parse(queryString);
      }
      queryFor = parsedUrl;
    }
    return query;
  }

  /** One query parameter: its first value when repeated, or null. */
  public String query(String name) {
    Object v = query().get(name);
    if (v instanceof List<?> l) return l.isEmpty() ? null : String.valueOf(l.get(0));
    return v == null ? null : String.valueOf(v);
  }

  String pathname() {
    parseUrl();
    return pathname;
  }

  /**
   * The path of the request target as received, without query or fragment (the path of an
   * absolute-form target): what logs, traces and path-scoped middleware should look at.
   */
  public String originalPath() {
    String[] parts = Urls.split(originalUrl);
    return parts[0] == null ? "resource" : parts[0];
  }

  private void parseUrl() {
    if (parsedUrl == url) return;
    String[] parts = Urls.split(url);
    pathname = parts[0];
    queryString = parts[1];
    parsedUrl = url;
  }

  // ------------------------------------------------------------------ headers

  /**
   * A request header, case-insensitive; several lines of one header are joined with {@code ", "}
   * ({@code "; "} for Cookie). {@code Referer} and {@code Referrer} are interchangeable. Null
   * when absent.
   */
  public String get(String name) {
    if (name.equalsIgnoreCase("referer") || name.equalsIgnoreCase("referrer")) {
      String v = raw.header("referer");
      return v != null ? v : raw.header("referrer");
    }
    return raw.header(name);
  }

  /** Same as {@link #get(String)}. */
  public String header(String name) {
    return get(name);
  }

  /** Headers in lower case with Node's joining rules (read only). */
  public Map<String, Object> headers() {
    return raw.headers();
  }

  /** Whether the request has a body (a Content-Length, even 0, or a Transfer-Encoding). */
  public boolean hasBody() {
    return TypeIs.hasBody(raw.header("content-length"), raw.header("transfer-encoding"));
  }

  /**
   * Express's {@code req.is(types)}: the first of {@code types} that the Content-Type matches, as
   * given ({@code "json"}, {@code "urlencoded"}) or, for a wildcard like {@code "text/*"}, the
   * actual type; null when none matches or the request has no body (check {@link #hasBody()}).
   */
  public String is(String... types) {
    if (!hasBody()) return null;
    return TypeIs.is(raw.header("content-type"), Arrays.asList(types));
  }

  /** The best of {@code types} for the Accept header (Express's {@code req.accepts}), or null. */
  public String accepts(String... types) {
    return Accepts.type(get("accept"), flatten(types));
  }

  public String acceptsCharsets(String... charsets) {
    return Accepts.charset(get("accept-charset"), flatten(charsets));
  }

  public String acceptsEncodings(String... encodings) {
    return Accepts.encoding(get("accept-encoding"), flatten(encodings));
  }

  public String acceptsLanguages(String... languages) {
    return Accepts.language(get("accept-language"), flatten(languages));
  }

  private static List<String> flatten(String[] values) {
    return values == null ? List.of() : Arrays.asList(values);
  }

  /** {@code Range} parsed for a resource of {@code size} bytes (range-parser), or null without a Range header. */
  public RangeParser.Result range(long size, boolean combine) {
    String h = get("range");
    if (h == null) return null;
    return RangeParser.parse(size, h, combine);
  }

  public RangeParser.Result range(long size) {
    return range(size, false);
  }

  /** Whether the response so far is fresh for the request's validators (GET/HEAD, 2xx or 304). */
  public boolean fresh() {
    if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("QUERY")) return false;
    int status = res.raw().statusCode();
    if ((status >= 200 && status < 300) || status == 304) {
      return Fresh.isFresh(get("if-none-match"), get("if-modified-since"), get("cache-control"),
          res.raw().getHeader("ETag"), res.raw().getHeader("Last-Modified"));
    }
    return false;
  }

  public boolean stale() {
    return !fresh();
  }

  /** {@code X-Requested-With: XMLHttpRequest}, case-insensitive. */
  public boolean xhr() {
    String v = get("x-requested-with");
    return v != null && v.equalsIgnoreCase("xmlhttprequest");
  }

  // ------------------------------------------------------------------ client and host

  private String socketAddress() {
    String a = raw.socket() == null ? null : raw.socket().remoteAddress();
    return a == null ? "" : a;
  }

  /** The client address: the socket's peer, or under {@code trust proxy} the furthest trusted X-Forwarded-For entry. */
  public String ip() {
    TrustProxy trust = app.settings().trust();
    if (trust == TrustProxy.NONE) return socketAddress();
    List<String> chain = trust.chain(socketAddress(), get("x-forwarded-for"));
    return chain.get(chain.size() - 1);
  }

  /** Under {@code trust proxy}: the trusted X-Forwarded-For addresses, client first; else empty. */
  public List<String> ips() {
    List<String> chain = new ArrayList<>(app.settings().trust().chain(socketAddress(), get("x-forwarded-for")));
    Collections.reverse(chain);
    chain.remove(chain.size() - 1);
    return chain;
  }

  /** {@code http} (or {@code https} on TLS), or X-Forwarded-Proto's first value from a trusted proxy. */
  public String protocol() {
    String proto = "http";
    if (!app.settings().trust().trusts(socketAddress(), 0)) return proto;
    String header = get("x-forwarded-proto");
    if (header == null || header.isEmpty()) header = proto;
    int comma = header.indexOf(',');
    return (comma != -1 ? header.substring(0, comma) : header).trim();
  }

  public boolean secure() {
    return protocol().equals("https");
  }

  /** The Host header (or X-Forwarded-Host from a trusted proxy) with its port, or null. */
  public String host() {
    String host = get("x-forwarded-host");
    if (host == null || host.isEmpty() || !app.settings().trust().trusts(socketAddress(), 0)) {
      host = get("host");
    } else if (host.indexOf(',') != -1) {
      host = host.substring(0, host.indexOf(',')).stripTrailing();
    }
    return host == null || host.isEmpty() ? null : host;
  }

  /** {@link #host()} without the port ({@code [::1]:8080} gives {@code [::1]}), or null. */
  public String hostname() {
    String host = host();
    if (host == null) return null;
    int offset = host.charAt(0) == '[' ? host.indexOf(']') + 1 : 0;
    int colon = host.indexOf(':', offset);
    return colon != -1 ? host.substring(0, colon) : host;
  }

  /** The host's labels before the last {@code subdomain offset} ones, nearest first; empty for an IP. */
  public List<String> subdomains() {
    String hostname = hostname();
    if (hostname == null) return List.of();
    int offset = app.settings().intValue("subdomain offset", 2);
    List<String> labels;
    if (TrustProxy.Cidr.literal(hostname) != null) {
      labels = List.of(hostname);
    } else {
      labels = new ArrayList<>(Arrays.asList(hostname.split("\\.", -1)));
      Collections.reverse(labels);
    }
    return offset >= labels.size() ? List.of() : List.copyOf(labels.subList(offset, labels.size()));
  }

  // ------------------------------------------------------------------ body and cookies

  /**
   * The parsed body, as a body parser left it: a {@code Map}/{@code List}/String/Number/Boolean
   * for JSON, a {@code Map} for forms, a String for text, {@code byte[]} for raw. Null when no
   * parser ran (see {@link #isBodyParsed()}) or the JSON was {@code null}.
   */
  public Object body() {
    return body;
  }

  /** The parsed body converted to {@code type} (a record or POJO) with the app's JSON mapper. */
  public <T> T body(Class<T> type) {
    return Web.json(app).convert(body, type);
  }

  /** Sets the parsed body (what a body parser does). */
  public Request body(Object body) {
    this.body = body;
    this.bodyParsed = true;
    return this;
  }

  /** Whether a body parser set {@link #body()} (Express: {@code req.body !== undefined}). */
  public boolean isBodyParsed() {
    return bodyParsed;
  }

  /** Cookies parsed by {@link Web#cookieParser}: name to value (a {@code j:} JSON value parsed); empty without it. */
  public Map<String, Object> cookies() {
    return cookies == null ? Map.of() : cookies;
  }

  /** Signed cookies that verified: name to value, or {@code Boolean.FALSE} for a bad signature. */
  public Map<String, Object> signedCookies() {
    return signedCookies == null ? Map.of() : signedCookies;
  }

  void cookies(Map<String, Object> cookies, Map<String, Object> signed, List<String> secrets) {
    this.cookies = cookies;
    this.signedCookies = signed;
    this.secrets = secrets;
  }

  boolean cookiesParsed() {
    return cookies != null;
  }

  /** The cookie parser's secrets (the first signs {@code res.cookie(..., signed)}); empty without one. */
  public List<String> secrets() {
    return secrets;
  }

  // ------------------------------------------------------------------ typed locals

  /** A typed per-request value: {@code static final Request.Key<User> USER = Request.Key.of("user");}. */
  public static final class Key<T> {
    private final String name;

    private Key(String name) {
      this.name = name;
    }

    public static <T> Key<T> of(String name) {
      return new Key<>(name);
    }

    @Override
    public String toString() {
      return "Key(" + name + ")";
    }
  }

  /** The value stored under {@code key} for this request, or null. */
  @SuppressWarnings("unchecked")
  public <T> T get(Key<T> key) {
    Object[] a = attributes;
    if (a != null) {
      for (int i = 0; i < a.length && a[i] != null; i += 2) {
        if (a[i] == key) {
          return (T) a[i + 1];
        }
      }
    }
    return null;
  }

  /** Stores a value for the rest of this request's handling. */
  public <T> Request set(Key<T> key, T value) {
    java.util.Objects.requireNonNull(key, "key");
    Object[] a = attributes;
    if (a == null) {
      attributes = a = new Object[8];
    }
    int i = 0;
    for (; i < a.length && a[i] != null; i += 2) {
      if (a[i] == key) {
        a[i + 1] = value;
        return this;
      }
    }
    if (i == a.length) {
      attributes = a = java.util.Arrays.copyOf(a, a.length * 2);
    }
    a[i] = key;
    a[i + 1] = value;
    return this;
  }
}
