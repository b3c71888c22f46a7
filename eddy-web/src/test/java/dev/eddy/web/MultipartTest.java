package dev.eddy.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.web.test.TestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartTest {
  static final String B = "----EddyBoundary42";
  static final String CT = "multipart/form-data; boundary=" + B;

  @TempDir
  Path tmp;

  /** A multipart body built by hand: alternating field(name, value) and file(name, filename, type, bytes). */
  static final class Form {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Form field(String name, String value) {
      head("Content-Disposition: form-data; name=\"" + name + "\"\r\n");
      out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
      return crlf();
    }

    Form file(String name, String filename, String type, byte[] content) {
      head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\nContent-Type: " + type + "\r\n");
      out.writeBytes(content);
      return crlf();
    }

    private void head(String headers) {
      out.writeBytes(("--" + B + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private Form crlf() {
      out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      return this;
    }

    byte[] close() {
      out.writeBytes(("--" + B + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
      return out.toByteArray();
    }
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static void errorsAsJson(App app, AtomicReference<Throwable> seen) {
    app.use((Throwable err, Request req, Response res, Next next) -> {
      if (seen != null) seen.set(err);
      int status = err instanceof HttpError he ? he.status() : 500;
      String type = err instanceof HttpError he ? he.type() : null;
      res.status(status).json(Map.of("type", String.valueOf(type), "message", String.valueOf(err.getMessage())));
    });
  }

  static Map<String, Object> describe(UploadedFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("field", f.fieldName());
    m.put("name", f.originalName());
    m.put("type", f.mimeType());
    m.put("size", f.size());
    m.put("path", String.valueOf(f.path()));
    m.put("fileName", String.valueOf(f.fileName()));
    m.put("destination", String.valueOf(f.destination()));
    m.put("bytes", f.bytes() == null ? "null" : new String(f.bytes(), StandardCharsets.ISO_8859_1));
    return m;
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void diskStorageStoresFilesAndFields() throws Exception {
    Path dir = tmp.resolve("uploads/nested");
    Multipart upload = Multipart.create(MultipartOptions.defaults().storage(MultipartOptions.Storage.disk(dir)));
    assertThat(dir).isDirectory();
    App app = Web.app();
    Map<String, Integer> accepted = new LinkedHashMap<>();
    accepted.put("avatar", 1);
    accepted.put("gallery", 8);
    app.post("/profile", upload.fields(accepted), (req, res) -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("body", req.body());
      Multipart.filesByField(req).forEach((k, v) -> out.put(k, v.stream().map(MultipartTest::describe).toList()));
      res.json(out);
    });
    byte[] avatar = random(70_000, 1);
    byte[] body = new Form().field("user[name]", "Ann").field("tags", "a").field("tags", "b")
        .file("avatar", "me.png", "image/png", avatar)
        .file("gallery", "1.jpg", "image/jpeg", "one".getBytes())
        .file("gallery", "2.jpg", "image/jpeg", new byte[0])
        .close();
    try (TestClient c = TestClient.start(app)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) c.post("/profile").body(body, CT).expect(200).json();
      assertThat(r.get("body")).isEqualTo(Map.of("user", Map.of("name", "Ann"), "tags", List.of("a", "b")));
      @SuppressWarnings("unchecked")
      Map<String, Object> a = ((List<Map<String, Object>>) r.get("avatar")).get(0);
      assertThat(a).containsEntry("field", "avatar").containsEntry("name", "me.png").containsEntry("type", "image/png")
          .containsEntry("size", 70_000).containsEntry("destination", dir.toString()).containsEntry("bytes", "null");
      assertThat((String) a.get("fileName")).matches("[0-9a-f]{32}");
      assertThat(Files.readAllBytes(Path.of((String) a.get("path")))).isEqualTo(avatar);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> gallery = (List<Map<String, Object>>) r.get("gallery");
      assertThat(gallery).extracting(m -> m.get("name")).containsExactly("1.jpg", "2.jpg");
      assertThat(Files.readString(Path.of((String) gallery.get(0).get("path")))).isEqualTo("one");
      assertThat(Files.size(Path.of((String) gallery.get(1).get("path")))).isZero();
      assertThat(list(dir)).hasSize(3);
    }
  }

  @Test
  void memoryStorageKeepsBytes() {
    Multipart upload = Multipart.create();
    App app = Web.app();
    app.post("/avatar", upload.single("avatar"), (req, res) -> {
      UploadedFile f = Multipart.file(req);
      res.json(Map.of("body", req.body(), "file", describe(f), "files", Multipart.files(req).size()));
    });
    app.post("/photos", upload.array("photos", 3), (req, res) ->
        res.json(Multipart.files(req).stream().map(MultipartTest::describe).toList()));
    app.post("/none", upload.none(), (req, res) -> res.json(req.body()));
    errorsAsJson(app, null);
    try (TestClient c = TestClient.start(app)) {
      Object r = c.post("/avatar").body(new Form().field("a", "1").file("avatar", "x.txt", "text/plain", "hello".getBytes()).close(), CT)
          .expect(200).json();
      assertThat(r).isEqualTo(Map.of("body", Map.of("a", "1"), "files", 0, "file", Map.of("field", "avatar", "name", "x.txt",
          "type", "text/plain", "size", 5, "path", "null", "fileName", "null", "destination", "null", "bytes", "hello")));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> photos = (List<Map<String, Object>>) c.post("/photos")
          .body(new Form().file("photos", "1", "image/png", "A".getBytes()).file("photos", "2", "image/png", "BB".getBytes()).close(), CT)
          .expect(200).json();
      assertThat(photos).extracting(m -> m.get("bytes")).containsExactly("A", "BB");
      c.post("/none").body(new Form().field("x", "y").close(), CT).expect(200).expectJson(Map.of("x", "y"));
      c.post("/none").body(new Form().file("f", "a", "text/plain", "z".getBytes()).close(), CT).expect(400)
          .expectJson(Map.of("type", "LIMIT_UNEXPECTED_FILE", "message", "Unexpected file field"));
    }
  }

  @Test
  void limitErrorsDeleteStoredFilesAndKeepTheConnectionUsable() throws Exception {
    Path dir = tmp.resolve("up");
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Multipart upload = Multipart.create(MultipartOptions.defaults().storage(MultipartOptions.Storage.disk(dir))
        .fileSize(100_000).files(2).fields(2).fieldSize(10).fieldNameSize(8).parts(5));
    App app = Web.app();
    app.post("/up", upload.any(), (req, res) -> res.json(Map.of("files", Multipart.files(req).size())));
    app.post("/one", upload.single("doc"), (req, res) -> res.send("ok"));
    errorsAsJson(app, seen);
    byte[] big = random(60_000, 2);
    try (TestClient c = TestClient.start(app)) {
      record Case(byte[] body, int status, String type, String message) {}
      List<Case> cases = new ArrayList<>();
      cases.add(new Case(new Form().file("a", "1", "x/y", big).file("b", "2", "x/y", random(100_001, 3)).close(),
          413, "LIMIT_FILE_SIZE", "File too large"));
      cases.add(new Case(new Form().file("a", "1", "x/y", big).file("b", "2", "x/y", big).file("c", "3", "x/y", big).close(),
          413, "LIMIT_FILE_COUNT", "Too many files"));
      cases.add(new Case(new Form().file("a", "1", "x/y", big).field("f", "1").field("g", "2").field("h", "3").close(),
          413, "LIMIT_FIELD_COUNT", "Too many fields"));
      cases.add(new Case(new Form().file("a", "1", "x/y", big).field("f", "12345678901").close(),
          413, "LIMIT_FIELD_VALUE", "Field value too long"));
      cases.add(new Case(new Form().file("a", "1", "x/y", big).field("abcdefghi", "1").close(),
          413, "LIMIT_FIELD_KEY", "Field name too long"));
      cases.add(new Case(new Form().file("a", "1", "x/y", big).field("a", "1").field("b", "1").file("c", "1", "x/y", big)
          .file("d", "1", "x/y", big).field("e", "").close(), 413, "LIMIT_FILE_COUNT", "Too many files"));
      cases.add(new Case(new Form().file("a", "1", "x/y", big).file("b", "1", "x/y", big).field("a", "1").field("b", "1")
          .field("c", "").close(), 413, "LIMIT_FIELD_COUNT", "Too many fields"));
      byte[] truncated = new Form().file("a", "1", "x/y", big).close();
      cases.add(new Case(java.util.Arrays.copyOf(truncated, truncated.length - 10), 400, "entity.parse.failed",
          "Unexpected end of form"));
      int stored = 0;
      for (Case k : cases) {
        c.post("/up").body(k.body, CT).expect(k.status).expectJson(Map.of("type", k.type, "message", k.message));
        // only the files of the successful requests in between remain
        assertThat(list(dir)).as(k.type).hasSize(stored++);
        // the same connection still works
        c.post("/up").body(new Form().file("ok", "ok", "x/y", "fine".getBytes()).close(), CT).expect(200)
            .expectJson(Map.of("files", 1));
      }
      assertThat(list(dir)).hasSize(cases.size());
      c.post("/one").body(new Form().file("doc", "1", "x/y", big).file("doc", "2", "x/y", big).close(), CT).expect(400)
          .expectJson(Map.of("type", "LIMIT_UNEXPECTED_FILE", "message", "Unexpected file field"));
      assertThat(((Multipart.UploadError) seen.get()).field()).isEqualTo("doc");
      c.post("/one").body(new Form().file("other", "1", "x/y", big).close(), CT).expect(400);
      assertThat(list(dir)).hasSize(cases.size());
      c.post("/up").body(new Form().field("a", "1").close(), "multipart/form-data").expect(400)
          .expectJson(Map.of("type", "entity.parse.failed", "message", "Multipart: Boundary not found"));
      c.post("/up").body(new Form().field("a", "1").close(), "multipart/mixed; boundary=" + B).expect(400)
          .expectJson(Map.of("type", "entity.parse.failed", "message", "Unsupported content type: multipart/mixed; boundary=" + B));
    }
  }

  @Test
  void otherRequestsPassThrough() {
    Multipart upload = Multipart.create();
    App app = Web.app();
    app.post("/json", Web.json(), upload.any(),
        Web.middleware((req, res) -> res.json(Map.of("body", req.body(), "files", Multipart.files(req).size()))));
    app.post("/plain", upload.any(), (req, res) -> res.json(Map.of("parsed", req.isBodyParsed())));
    app.post("/preset", (req, res, next) -> {
      req.body(Map.of("set", "before"));
      next.run();
    }, upload.any(), Web.middleware((req, res) -> res.json(req.body())));
    try (TestClient c = TestClient.start(app)) {
      c.post("/json").json(Map.of("a", 1)).expect(200).expectJson(Map.of("body", Map.of("a", 1), "files", 0));
      c.post("/plain").body("hello").expect(200).expectJson(Map.of("parsed", false));
      c.post("/plain").expect(200).expectJson(Map.of("parsed", false));
      c.post("/preset").body(new Form().field("x", "y").close(), CT).expect(200).expectJson(Map.of("set", "before"));
    }
  }

  @Test
  void fileFilterSkipsFilesAndItsExceptionFails() throws Exception {
    Path dir = tmp.resolve("f");
    Multipart upload = Multipart.create(MultipartOptions.defaults().storage(MultipartOptions.Storage.disk(dir))
        .fileFilter((req, file) -> {
          if (file.originalName().equals("boom")) throw new HttpError(422, "no boom");
          return file.mimeType().startsWith("image/");
        }));
    App app = Web.app();
    app.post("/up", upload.array("f", 5), (req, res) ->
        res.json(Multipart.files(req).stream().map(f -> f.originalName()).toList()));
    errorsAsJson(app, null);
    try (TestClient c = TestClient.start(app)) {
      c.post("/up").body(new Form().file("f", "a.txt", "text/plain", random(50_000, 4)).file("f", "b.png", "image/png", "x".getBytes()).close(), CT)
          .expect(200).expectJson(List.of("b.png"));
      c.post("/up").body(new Form().file("f", "b.png", "image/png", "x".getBytes()).file("f", "boom", "image/png", "x".getBytes()).close(), CT)
          .expect(422).expectJson(Map.of("type", "null", "message", "no boom"));
      assertThat(list(dir)).hasSize(1);
    }
  }

  @Test
  void largeUploadIsStreamedToDisk() throws Exception {
    Path dir = tmp.resolve("big");
    Multipart upload = Multipart.create(MultipartOptions.defaults().storage(MultipartOptions.Storage.disk(dir)));
    App app = Web.app();
    app.post("/up", upload.single("f"), (req, res) -> {
      UploadedFile f = Multipart.file(req);
      res.json(Map.of("size", f.size(), "sha", sha(Files.readAllBytes(f.path()))));
    });
    byte[] content = random(12 * 1024 * 1024, 5);
    try (TestClient c = TestClient.start(app)) {
      c.post("/up").body(new Form().file("f", "big.bin", "application/octet-stream", content).close(), CT).expect(200)
          .expectJson(Map.of("size", content.length, "sha", sha(content)));
    }
  }

  static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void fileGrowsWhileTheRequestIsStillBeingSent() throws Exception {
    Path dir = tmp.resolve("grow");
    Multipart upload = Multipart.create(MultipartOptions.defaults().storage(MultipartOptions.Storage.disk(dir)));
    App app = Web.app();
    app.post("/up", upload.single("f"), (req, res) -> res.json(Map.of("size", Multipart.file(req).size())));
    byte[] content = random(2 * 1024 * 1024, 6);
    byte[] body = new Form().file("f", "big.bin", "application/octet-stream", content).close();
    try (TestClient c = TestClient.start(app); Socket s = new Socket("127.0.0.1", c.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /up HTTP/1.1\r\nHost: x\r\nContent-Type: " + CT + "\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      int half = body.length / 2;
      out.write(body, 0, half);
      out.flush();
      long size = waitForFileSize(dir, half / 2);
      assertThat(size).isGreaterThan(half / 2).isLessThan(content.length);
      out.write(body, half, body.length - half);
      out.flush();
      String response = readResponse(s.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 200").endsWith("{\"size\":" + content.length + "}");
    }
  }

  @Test
  void aClientThatDisconnectsLeavesNoFileAndNoDescriptor() throws Exception {
    Path dir = tmp.resolve("gone");
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Multipart upload = Multipart.create(MultipartOptions.defaults().storage(MultipartOptions.Storage.disk(dir)));
    App app = Web.app();
    app.post("/up", upload.any(), (req, res) -> res.send("ok"));
    errorsAsJson(app, seen);
    byte[] body = new Form().file("a", "a.bin", "x/y", random(300_000, 7)).file("b", "b.bin", "x/y", random(3_000_000, 8)).close();
    try (TestClient c = TestClient.start(app)) {
      for (int round = 0; round < 3; round++) {
        seen.set(null);
        try (Socket s = new Socket("127.0.0.1", c.port())) {
          OutputStream out = s.getOutputStream();
          out.write(("POST /up HTTP/1.1\r\nHost: x\r\nContent-Type: " + CT + "\r\nContent-Length: " + body.length + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
          out.write(body, 0, 1_000_000); // the first file and part of the second
          out.flush();
          waitFor(() -> list(dir).size() == 2 && openDescriptorsUnder(dir) > 0);
        }
        waitFor(() -> seen.get() != null && list(dir).isEmpty() && openDescriptorsUnder(dir) == 0);
        assertThat(seen.get()).isInstanceOf(HttpError.class).hasMessage("request aborted");
      }
      // the server still serves
      c.post("/up").body(new Form().field("a", "1").close(), CT).expect(200);
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(Check check) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!check.ok()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(5);
    }
  }

  static long waitForFileSize(Path dir, long atLeast) throws Exception {
    long[] size = new long[1];
    waitFor(() -> {
      List<Path> files = list(dir);
      size[0] = files.isEmpty() ? 0 : Files.size(files.get(0));
      return size[0] > atLeast;
    });
    return size[0];
  }

  /** Descriptors of this process open on files in {@code dir} (Linux). */
  static long openDescriptorsUnder(Path dir) throws IOException {
    Path real = dir.toRealPath();
    long n = 0;
    for (Path fd : list(Path.of("/proc/self/fd"))) {
      try {
        if (Files.readSymbolicLink(fd).startsWith(real)) n++;
      } catch (IOException e) {
        // closed meanwhile
      }
    }
    return n;
  }

  static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int contentLength = 0;
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) throw new IOException("closed");
      head.write(b);
      if (b == '\n') {
        String l = line.toString().trim();
        if (l.isEmpty()) break;
        if (l.toLowerCase().startsWith("content-length:")) contentLength = Integer.parseInt(l.substring(15).trim());
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
    head.write(in.readNBytes(contentLength));
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
