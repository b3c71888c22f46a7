package dev.eddy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.NodeException;
import dev.eddy.web.internal.SendMaxAge;
import dev.eddy.web.internal.SendPaths;
import dev.eddy.web.testing.TestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the answers Express 5.3.0 gave (recorded by src/test/node/file-responses.js) against the
 * same routes on eddy-web: static mounts with several option sets, sendFile, download, conditional
 * and range requests, over one file tree with the same modification times (so ETag and
 * Last-Modified are compared exactly).
 */
class FileResponsesFixtureTest {
  private static JsonNode fixture;
  private static TestServer server;

  @TempDir
  static Path tmp;

  static JsonNode fixture() throws Exception {
    if (fixture == null) {
      try (InputStream in = FileResponsesFixtureTest.class.getResourceAsStream("/dev/eddy/web/internal/file-responses.json")) {
        fixture = new ObjectMapper().readTree(in);
      }
    }
    return fixture;
  }

  /** Builds the fixture's tree under {@code root}, every entry with the recorded modification time. */
  static void buildTree(Path root, JsonNode f) throws Exception {
    for (JsonNode file : f.get("tree")) {
      Path p = root.resolve(file.get("path").asText());
      Files.createDirectories(p.getParent());
      Files.writeString(p, file.get("text").asText(), StandardCharsets.UTF_8);
    }
    JsonNode big = f.get("bigFile");
    Files.write(root.resolve(big.get("path").asText()), bigContent(big.get("size").asInt()));
    FileTime mtime = FileTime.fromMillis(f.get("mtimeMs").asLong());
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        if (!p.equals(root)) Files.setLastModifiedTime(p, mtime);
      }
    }
  }

  static byte[] bigContent(int n) {
    byte[] b = new byte[n];
    int x = 12345;
    for (int i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      b[i] = (byte) ((x >> 16) & 0xff);
    }
    return b;
  }

  static App app(Path root) {
    String rootStr = root.toString();
    SendFileOptions inRoot = SendFileOptions.defaults().root(root);
    App app = Web.app();
    app.set("env", "production");
    app.use("/s", Web.serveStatic(root));
    app.use("/nf", Web.serveStatic(root, StaticOptions.defaults()
        .fallthrough(false)
        .index(List.of())
        .maxAge("1d")
        .immutable(true)
        .dotfiles(SendFileOptions.Dotfiles.DENY)
        .extensions(List.of("html"))
        .setHeaders((res, p, stat) -> res.set("X-File", p.getFileName().toString()))));
    app.use("/opt", Web.serveStatic(root, StaticOptions.defaults()
        .dotfiles(SendFileOptions.Dotfiles.ALLOW)
        .redirect(false)
        .index(List.of("default.htm", "index.html"))
        .etag(false)
        .lastModified(false)
        .acceptRanges(false)
        .cacheControl(false)
        .maxAge(Duration.ofMillis(5000))));
    app.use("/ext", Web.serveStatic(root, StaticOptions.defaults()
        .extensions(List.of("txt", "html"))
        .maxAge(Duration.ofMillis(90061000))
        .setHeaders((res, p, stat) -> {
          res.set("Cache-Control", "private");
          res.set("X-Size", String.valueOf(stat.size()));
        })));

    app.get("/sf", (req, res) -> res.sendFile(req.query("p"), inRoot));
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("X-Sent", "yes");
    extra.put("Cache-Control", "no-transform");
    app.get("/sfo", (req, res) -> res.sendFile(req.query("p"), inRoot.maxAge("2h").immutable(true).headers(extra)
        .dotfiles(SendFileOptions.Dotfiles.ALLOW).lastModified(false)));
    app.get("/sfd", (req, res) -> res.sendFile(req.query("p"), inRoot.dotfiles(SendFileOptions.Dotfiles.DENY)
        .acceptRanges(false).cacheControl(false)));
    app.get("/sfa", (req, res) -> res.sendFile(rootStr + req.query("p")));
    app.get("/sfcb", (req, res) -> res.sendFile(req.query("p"), inRoot, err -> {
      if (err == null) return;
      boolean dir = err instanceof NodeException ne && "EISDIR".equals(ne.code());
      int status = dir ? 299 : ((HttpError) err).status();
      res.status(status).set("X-Err", dir ? "EISDIR" : String.valueOf(status)).end();
    }));
    app.get("/dl", (req, res) -> res.download(rootStr + req.query("p"), req.query("name")));
    app.get("/dlr", (req, res) -> res.download(req.query("p"), req.query("name"),
        inRoot.headers(Map.of("Content-Disposition", "inline")).header("X-Dl", "1"), null));
    app.get("/st404", (req, res) -> res.status(404).sendFile("notes.txt", inRoot));
    app.get("/typed", (req, res) -> res.type("text/x-custom").sendFile("notes.txt", inRoot));
    App noEtag = Web.app();
    noEtag.set("etag", false);
    noEtag.get("/", (req, res) -> res.sendFile("notes.txt", inRoot));
    app.use("/noetag", noEtag);
    return app;
  }

  @BeforeAll
  static void start() throws Exception {
    Path root = tmp.resolve("root");
    Files.createDirectories(root);
    buildTree(root, fixture());
    server = TestServer.start(app(root));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
  }

  @Test
  void answersAsExpressDoes() throws Exception {
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (JsonNode c : fixture().get("cases")) {
      count++;
      JsonNode rq = c.get("request");
      Map<String, String> headers = new LinkedHashMap<>();
      rq.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
      TestServer.Resp actual = server.request(rq.get("method").asText(), rq.get("path").asText(), headers);
      JsonNode want = c.get("response");
      List<String> diffs = new ArrayList<>();
      if (actual.status() != want.get("status").asInt()) {
        diffs.add("status " + actual.status() + " != " + want.get("status").asInt());
      }
      Map<String, String> wantHeaders = new TreeMap<>();
      want.get("headers").fields().forEachRemaining(e -> wantHeaders.put(e.getKey(), e.getValue().asText()));
      Map<String, String> gotHeaders = new TreeMap<>(actual.headers());
      for (String ignored : List.of("date", "connection", "keep-alive", "x-powered-by")) gotHeaders.remove(ignored);
      if (!gotHeaders.equals(wantHeaders)) diffs.add("headers " + gotHeaders + " != " + wantHeaders);
      String body = describe(actual.body());
      String wantBody = want.get("body").toString();
      if (!body.equals(wantBody)) diffs.add("body " + abbreviate(body) + " != " + abbreviate(wantBody));
      if (!diffs.isEmpty()) failures.add(rq + ": " + String.join("; ", diffs));
    }
    assertThat(count).isGreaterThan(600);
    assertThat(failures).isEmpty();
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** The body as the script describes it: {"text": ...} or {"length": n, "sha256": hex}. */
  private static String describe(byte[] body) throws Exception {
    ObjectMapper m = new ObjectMapper();
    Map<String, Object> d = new LinkedHashMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    boolean control = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch <= 0x08 || (ch >= 0x0e && ch <= 0x1f)) control = true;
    }
    if (body.length <= 4096 && java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body) && !control) {
      d.put("text", text);
    } else {
      d.put("length", body.length);
      d.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
    }
    return m.writeValueAsString(d);
  }

  @Test
  void pathFunctionsMatchNode() throws Exception {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : fixture().get("paths")) {
      String in = c.get("input").asText();
      check(failures, in, "normalize", SendPaths.normalize(in), c.get("normalize").asText());
      check(failures, in, "join", SendPaths.join("/root/base", in), c.get("join").asText());
      check(failures, in, "joinRel", SendPaths.join("rel", in), c.get("joinRel").asText());
      check(failures, in, "resolve", SendPaths.resolve(in, "/work/here"), c.get("resolve").asText());
      check(failures, in, "extname", SendPaths.extname(in), c.get("extname").asText());
      check(failures, in, "basename", SendPaths.basename(in), c.get("basename").asText());
      check(failures, in, "upPath", String.valueOf(SendPaths.hasUpSegment(in)), c.get("upPath").asText());
      check(failures, in, "dotfile", String.valueOf(SendPaths.containsDotFile(in)), c.get("dotfile").asText());
    }
    assertThat(fixture().get("paths").size()).isGreaterThan(40);
    assertThat(failures).isEmpty();
  }

  @Test
  void maxAgeTextMatchesTheMsPackage() throws Exception {
    List<String> failures = new ArrayList<>();
    for (JsonNode c : fixture().get("ms")) {
      String in = c.get("input").asText();
      double got = in.isEmpty() ? Double.NaN : SendMaxAge.parse(in);
      JsonNode want = c.get("ms");
      boolean ok = want.isNull() ? Double.isNaN(got) : got == want.asDouble();
      if (!ok) failures.add(in + ": " + got + " != " + want);
    }
    assertThat(fixture().get("ms").size()).isGreaterThan(50);
    assertThat(failures).isEmpty();
  }

  private static void check(List<String> failures, String in, String what, String got, String want) {
    if (!got.equals(want)) failures.add(what + "(" + in + "): " + got + " != " + want);
  }
}
