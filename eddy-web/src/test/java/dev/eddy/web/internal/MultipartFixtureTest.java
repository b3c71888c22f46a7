package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.eddy.web.App;
import dev.eddy.web.HttpError;
import dev.eddy.web.Middleware;
import dev.eddy.web.Multipart;
import dev.eddy.web.MultipartOptions;
import dev.eddy.web.Next;
import dev.eddy.web.Request;
import dev.eddy.web.Response;
import dev.eddy.web.UploadedFile;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of multipart-fixtures.json (multer 2.5.0 over hand-built bodies, see
 * src/test/node/multipart-fixtures.js) through a real server and compares req.body, the files
 * and the errors.
 */
class MultipartFixtureTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  record Outcome(int status, Object body, boolean parsed, UploadedFile file, List<UploadedFile> files,
      Map<String, List<UploadedFile>> filesByField, Throwable error) {}

  @Test
  void everyFixtureCaseMatchesMulter() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("multipart-fixtures.json")) {
      root = MAPPER.readTree(in);
    }
    String undefined = root.get("undefinedMarker").asText();
    String repeat = root.get("repeatMarker").asText();
    List<JsonNode> cases = new ArrayList<>();
    root.get("cases").forEach(cases::add);
    assertThat(cases).hasSizeGreaterThan(150);

    AtomicReference<Outcome> outcome = new AtomicReference<>();
    List<Middleware> uploads = new ArrayList<>();
    for (JsonNode c : cases) uploads.add(middleware(c));
    App app = Web.app();
    app.post("/c/:i", (Request req, Response res, Next next) -> uploads.get(Integer.parseInt(req.param("i"))).handle(req, res, next),
        (Request req, Response res, Next next) -> {
          outcome.set(new Outcome(200, req.body(), req.isBodyParsed(), Multipart.file(req), Multipart.files(req),
              Multipart.filesByField(req), null));
          res.send("ok");
        });
    app.use((Throwable err, Request req, Response res, Next next) -> {
      int status = err instanceof HttpError he ? he.status() : 500;
      outcome.set(new Outcome(status, null, false, null, null, null, err));
      res.status(status).send("error");
    });

    int checked = 0;
    List<String> failures = new ArrayList<>();
    try (TestClient client = TestClient.start(app)) {
      for (int i = 0; i < cases.size(); i++) {
        JsonNode c = cases.get(i);
        if (c.get("splitVariant").asBoolean()) continue;
        outcome.set(null);
        TestResponse r = client.post("/c/" + i).body(body(c), c.get("contentType").asText()).send();
        Outcome o = outcome.get();
        String problem = compare(c.get("expected"), r, o, undefined, repeat);
        if (problem != null) failures.add(c.get("name").asText() + ": " + problem);
        checked++;
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).isGreaterThan(150);
  }

  private static Middleware middleware(JsonNode c) {
    MultipartOptions o = MultipartOptions.defaults();
    JsonNode limits = c.get("limits");
    for (Iterator<String> it = limits.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      long v = limits.get(k).asLong();
      o = switch (k) {
        case "fileSize" -> o.fileSize(v);
        case "files" -> o.files(v);
        case "fields" -> o.fields(v);
        case "parts" -> o.parts(v);
        case "fieldSize" -> o.fieldSize(v);
        case "fieldNameSize" -> o.fieldNameSize(v);
        case "headerPairs" -> o.headerPairs(v);
        default -> throw new IllegalArgumentException(k);
      };
    }
    if (!c.get("paramCharset").isNull()) o = o.paramCharset(c.get("paramCharset").asText());
    if (!c.get("filter").isNull()) {
      String f = c.get("filter").asText();
      o = o.fileFilter(f.equals("noText") ? (req, file) -> !file.mimeType().equals("text/plain") : (req, file) -> false);
    }
    Multipart m = Multipart.create(o);
    JsonNode s = c.get("strategy");
    return switch (s.get("kind").asText()) {
      case "single" -> m.single(s.get("name").asText());
      case "array" -> s.has("maxCount") ? m.array(s.get("name").asText(), s.get("maxCount").asInt()) : m.array(s.get("name").asText());
      case "fields" -> {
        Map<String, Integer> f = new LinkedHashMap<>();
        s.get("fields").forEach(p -> f.put(p.get(0).asText(), p.get(1).asInt()));
        yield m.fields(f);
      }
      case "none" -> m.none();
      default -> m.any();
    };
  }

  static byte[] body(JsonNode c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JsonNode seg : c.get("body")) {
      if (seg.has("base64")) {
        out.writeBytes(Base64.getDecoder().decode(seg.get("base64").asText()));
      } else {
        int b = seg.get("repeat").asInt();
        for (int i = seg.get("count").asInt(); i > 0; i--) out.write(b);
      }
    }
    return out.toByteArray();
  }

  private static String compare(JsonNode expected, TestResponse r, Outcome o, String undefined, String repeat) {
    if (o == null) return "no outcome, status " + r.status();
    if (expected.has("skipped")) {
      return o.error == null && !o.parsed ? null : "expected pass-through, got " + describe(o);
    }
    if (expected.has("error")) {
      JsonNode e = expected.get("error");
      if (o.error == null) return "expected error " + e + ", got success " + describe(o);
      String code = o.error instanceof Multipart.UploadError u ? u.code() : null;
      String wantCode = e.get("code").isNull() ? null : e.get("code").asText();
      if (!java.util.Objects.equals(code, wantCode)) return "code " + code + " != " + wantCode + " (" + o.error + ")";
      if (!o.error.getMessage().equals(e.get("message").asText())) return "message '" + o.error.getMessage() + "' != " + e.get("message");
      String field = o.error instanceof Multipart.UploadError u ? u.field() : null;
      String wantField = e.has("field") ? e.get("field").asText() : null;
      if (!java.util.Objects.equals(field, wantField)) return "field " + field + " != " + wantField;
      int wantStatus = wantCode == null || wantCode.equals("LIMIT_UNEXPECTED_FILE") || wantCode.equals("MISSING_FIELD_NAME") ? 400 : 413;
      if (r.status() != wantStatus || o.status != wantStatus) return "status " + r.status() + " != " + wantStatus;
      return null;
    }
    if (o.error != null) return "expected success, got " + o.error;
    if (r.status() != 200) return "status " + r.status();
    JsonNode want = expand(expected.get("body"), repeat);
    JsonNode got = toJson(o.body, undefined);
    if (!want.equals(got)) return "body " + abbreviate(got) + " != " + abbreviate(want);
    JsonNode wantFile = expected.get("file");
    if (wantFile == null ? o.file != null : !wantFile.equals(toJson(o.file, undefined))) {
      return "file " + toJson(o.file, undefined) + " != " + wantFile;
    }
    JsonNode wantFiles = expected.get("files");
    if (wantFiles != null && !wantFiles.equals(toJson(o.files, undefined))) return "files " + abbreviate(toJson(o.files, undefined)) + " != " + abbreviate(wantFiles);
    if (wantFiles == null && !o.files.isEmpty()) return "unexpected files " + o.files;
    JsonNode wantBy = expected.get("filesByField");
    if (wantBy != null && !wantBy.equals(toJson(o.filesByField, undefined))) return "filesByField " + toJson(o.filesByField, undefined) + " != " + wantBy;
    return null;
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static String describe(Outcome o) {
    return o.error != null ? String.valueOf(o.error) : "body " + o.body;
  }

  private static JsonNode expand(JsonNode n, String repeat) {
    if (n.isTextual() && n.asText().startsWith(repeat)) {
      String rest = n.asText().substring(repeat.length());
      int colon = rest.indexOf(':', 1);
      return new TextNode(rest.substring(0, colon).repeat(Integer.parseInt(rest.substring(colon + 1))));
    }
    if (n.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), expand(e.getValue(), repeat)));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      n.forEach(x -> a.add(expand(x, repeat)));
      return a;
    }
    return n;
  }

  /** Java values as multer's JSON: null is undefined, a file has its bytes as base64. */
  private static JsonNode toJson(Object v, String undefined) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v == null) return new TextNode(undefined);
    if (v instanceof String s) return new TextNode(s);
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = f.objectNode();
      m.forEach((k, x) -> o.set((String) k, toJson(x, undefined)));
      return o;
    }
    if (v instanceof List<?> l) {
      ArrayNode a = f.arrayNode();
      l.forEach(x -> a.add(toJson(x, undefined)));
      return a;
    }
    if (v instanceof UploadedFile u) {
      ObjectNode o = f.objectNode();
      o.put("fieldname", u.fieldName());
      o.put("originalname", u.originalName());
      o.put("encoding", u.encoding());
      o.put("mimetype", u.mimeType());
      o.put("size", (int) u.size());
      o.put("buffer", Base64.getEncoder().encodeToString(u.bytes()));
      return o;
    }
    throw new IllegalArgumentException(String.valueOf(v.getClass()));
  }
}
