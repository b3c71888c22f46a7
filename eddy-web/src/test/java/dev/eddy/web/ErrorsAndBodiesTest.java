package dev.eddy.web;

import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Eddy;
import dev.eddy.Promise;
import dev.eddy.web.test.TestClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Error handling (sync, async, default pages) and the body parsers' limits and errors. */
class ErrorsAndBodiesTest {
  private static App app() {
    return Web.app().set("env", "production");
  }

  private static void errorsAsJson(App app) {
    app.use((Throwable err, Request req, Response res, Next next) -> {
      int status = err instanceof HttpError he ? he.status() : 500;
      String type = err instanceof HttpError he ? he.type() : null;
      res.status(status).json(Map.of("status", status, "type", String.valueOf(type), "message", String.valueOf(err.getMessage())));
    });
  }

  @Test
  void asyncRejectionsAndThrowsReachTheErrorMiddleware() {
    App app = app();
    app.get("/async", Web.async((req, res) -> {
      await(Promise.create((resolve, reject) -> Eddy.setTimeout(() -> resolve.accept(null), 5)));
      throw new HttpError(503, "later");
    }));
    app.get("/promise", Web.promise((req, res) -> Promise.reject(null)));
    app.get("/sync", (req, res) -> {
      throw new IllegalStateException("boom");
    });
    errorsAsJson(app);
    try (TestClient c = TestClient.start(app)) {
      c.get("/async").expect(503).expectJson(Map.of("status", 503, "type", "null", "message", "later"));
      c.get("/promise").expect(500).expectJson(Map.of("status", 500, "type", "null", "message", "Rejected promise"));
      c.get("/sync").expect(500).expectJson(Map.of("status", 500, "type", "null", "message", "boom"));
    }
  }

  @Test
  void defaultErrorPageKeepsHeadersAndUsesErrorStatusAndHeaders() {
    App app = app();
    app.get("/h", (req, res) -> {
      res.set("X-Kept", "yes").set("Content-Language", "en");
      throw new HttpError(429, "slow").withHeader("Retry-After", "7");
    });
    app.get("/res-status", (req, res) -> {
      res.status(409);
      throw new RuntimeException("x");
    });
    try (TestClient c = TestClient.start(app)) {
      c.get("/h").expect(429).expectHeader("X-Kept", "yes").expectNoHeader("Content-Language")
          .expectHeader("Retry-After", "7").expectHeader("Content-Security-Policy", "default-src 'none'")
          .expectBody(App.errorDocument("Too Many Requests"));
      c.get("/res-status").expect(409).expectBody(App.errorDocument("Conflict"));
      c.get("/a<b>&c'd").expect(404).expectBody(App.errorDocument("Cannot GET /a%3Cb%3E&c'd"));
    }
  }

  @Test
  void developmentPagesShowTheStack() {
    App app = Web.app().set("env", "development");
    app.get("/", (req, res) -> {
      throw new RuntimeException("visible in development");
    });
    try (TestClient c = TestClient.start(app)) {
      assertThat(c.get("/").expect(500).text()).contains("visible in development").contains("\tat dev.eddy.web.");
    }
  }

  @Test
  void jsonParserErrorsLimitsAndTypes() {
    App app = app();
    app.post("/j", Web.json(BodyOptions.defaults().limit(64)), (req, res) -> res.json(Map.of("parsed", req.isBodyParsed(),
        "body", String.valueOf(req.body()))));
    errorsAsJson(app);
    try (TestClient c = TestClient.start(app)) {
      c.post("/j").json(Map.of("a", 1)).expect(200).expectJson(Map.of("parsed", true, "body", "{a=1}"));
      Object parseError = c.post("/j").body("{\"a\":".getBytes(StandardCharsets.UTF_8), "application/json").expect(400).json();
      assertThat(parseError).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("type", "entity.parse.failed").containsEntry("status", 400);
      c.post("/j").body("5".getBytes(StandardCharsets.UTF_8), "application/json").expect(400);
      c.post("/j").body("{}".getBytes(StandardCharsets.UTF_8), "application/json; charset=latin1").expect(415);
      c.post("/j").body("x".repeat(65).getBytes(StandardCharsets.UTF_8), "application/json").expect(413)
          .expectJson(Map.of("status", 413, "type", "entity.too.large", "message", "request entity too large"));
      // a type the parser does not take is left alone, as Express does
      c.post("/j").body("{}".getBytes(StandardCharsets.UTF_8), "application/vnd.api+json").expect(200)
          .expectJson(Map.of("parsed", false, "body", "null"));
      // the connection is still usable after the errors
      c.post("/j").json(Map.of("b", true)).expect(200);
    }
  }

  /** Express 5.3.0 + body-parser 2.4.0's answers, recorded with node 20 (see the test for the script's shape). */
  @Test
  void jsonParseErrorMessagesAreBodyParsers() {
    App app = app();
    app.post("/", Web.json(), (req, res) -> res.json(req.body()));
    app.use((Throwable err, Request req, Response res, Next next) ->
        res.status(((HttpError) err).status()).json(Map.of("type", ((HttpError) err).type(), "message", err.getMessage())));
    String[][] cases = {
      {"5", "Unexpected token '5', \"5\" is not valid JSON"},
      {"  \"abc\"", "Unexpected token '\"', \"  \"abc\"\" is not valid JSON"},
      {"true", "Unexpected token 't', \"true\" is not valid JSON"},
      {"   ", "Unexpected end of JSON input"},
      {"nul", "Unexpected token 'n', \"nul\" is not valid JSON"},
      {"{\"a\":", "Unexpected end of JSON input"},
      {"[1,]", "Unexpected token ']', \"[1,]\" is not valid JSON"},
      {"x".repeat(40), "Unexpected token 'x', \"xxxxxxxxxx\"... is not valid JSON"},
    };
    try (TestClient c = TestClient.start(app)) {
      for (String[] k : cases) {
        c.post("/").body(k[0].getBytes(StandardCharsets.UTF_8), "application/json").expect(400)
            .expectJson(Map.of("type", "entity.parse.failed", "message", k[1]));
      }
    }
  }

  @Test
  void chunkedOverLimitBodiesAre413AndGzipIsInflated() throws Exception {
    App app = app();
    app.post("/t", Web.text(BodyOptions.defaults().limit(1000)), (req, res) -> res.send("len=" + ((String) req.body()).length()));
    errorsAsJson(app);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("z".repeat(900).getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bomb)) {
      out.write(new byte[1_000_000]);
    }
    try (TestClient c = TestClient.start(app)) {
      c.post("/t").header("Content-Encoding", "gzip").body(gz.toByteArray(), "text/plain").expect(200).expectBody("len=900");
      c.post("/t").header("Content-Encoding", "gzip").body(bomb.toByteArray(), "text/plain").expect(413);
      StringBuilder chunked = new StringBuilder();
      for (int i = 0; i < 20; i++) chunked.append("64\r\n").append("y".repeat(100)).append("\r\n");
      chunked.append("0\r\n\r\n");
      c.post("/t").header("Transfer-Encoding", "chunked")
          .body(chunked.toString().getBytes(StandardCharsets.UTF_8), "text/plain").expect(413);
      c.post("/t").header("Content-Encoding", "compress").body(new byte[] {1}, "text/plain").expect(415)
          .expectJson(Map.of("status", 415, "type", "encoding.unsupported", "message", "unsupported content encoding \"compress\""));
      c.post("/t").body("still fine").expect(200).expectBody("len=10");
    }
  }
}
