package dev.eddy.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** res.send/json and friends: Express's header and body rules. */
class ResponseTest {
  private static App app() {
    return Web.app().set("env", "production");
  }

  @Test
  void sendSetsTypeLengthAndWeakEtagAndAnswers304WhenFresh() {
    App app = app();
    app.get("/", (req, res) -> res.send("<p>hi</p>"));
    app.post("/", (req, res) -> res.send("<p>hi</p>"));
    try (TestClient c = TestClient.start(app)) {
      TestResponse r = c.get("/").expect(200)
          .expectHeader("Content-Type", "text/html; charset=utf-8")
          .expectHeader("Content-Length", "9")
          .expectHeader("ETag", Pattern.compile("^W/\"9-"));
      String etag = r.header("ETag");
      c.get("/").header("If-None-Match", etag).expect(304).expectNoHeader("Content-Type").expectBody("");
      c.get("/").header("If-None-Match", "\"other\", " + etag.substring(2)).expect(304);
      c.get("/").header("If-None-Match", etag).header("Cache-Control", "no-cache").expect(200);
      c.post("/").header("If-None-Match", etag).body("").expect(200);
    }
  }

  @Test
  void jsonIsWrittenAsJavaScriptWritesIt() {
    App app = app();
    app.get("/", (req, res) -> res.json(Map.of("n", 1.0, "big", 1e21, "s", "é\u2028<")));
    try (TestClient c = TestClient.start(app)) {
      String body = c.get("/").expect(200).expectHeader("Content-Type", "application/json; charset=utf-8").text();
      assertThat(body).contains("\"n\":1").contains("\"big\":1e+21").contains("\"s\":\"é\u2028<\"");
    }
  }

  @Test
  void aSecondAnswerFailsAtItsCallSiteAndTheWireKeepsTheFirst() {
    App app = app();
    AtomicReference<Throwable> second = new AtomicReference<>();
    app.get("/", (req, res) -> {
      res.send("first");
      try {
        res.json(Map.of("second", true));
      } catch (IllegalStateException e) {
        second.set(e);
      }
    });
    try (TestClient c = TestClient.start(app)) {
      c.get("/").expect(200).expectBody("first");
      c.get("/").expect(200).expectBody("first");
    }
    assertThat(second.get()).hasMessageContaining("already sent").hasMessageContaining("GET /");
  }

  @Test
  void statusRangeIsChecked() {
    App app = app();
    app.get("/:code", (req, res) -> res.sendStatus(Integer.parseInt(req.param("code"))));
    try (TestClient c = TestClient.start(app)) {
      c.get("/418").expect(418).expectBody("I'm a Teapot").expectHeader("Content-Type", "text/plain; charset=utf-8");
      c.get("/299").expect(299).expectBody("299");
      c.get("/1000").expect(500).expectBody(App.errorDocument("Internal Server Error"));
    }
  }

  @Test
  void redirectBodyFollowsAccept() {
    App app = app();
    app.get("/r", (req, res) -> res.redirect("/a b?x=<y>"));
    try (TestClient c = TestClient.start(app)) {
      c.get("/r").expect(302).expectHeader("Location", "/a%20b?x=%3Cy%3E").expectHeader("Vary", "Accept")
          .expectBody("Found. Redirecting to /a%20b?x=%3Cy%3E");
      c.get("/r").header("Accept", "text/html").expect(302).expectHeader("Content-Type", "text/html; charset=utf-8")
          .expectBody("<!DOCTYPE html><head><title>Found</title></head><body><p>Found. Redirecting to /a%20b?x=%3Cy%3E</p></body>");
      c.get("/r").header("Accept", "image/png").expect(302).expectHeader("Content-Length", "0").expectBody("");
    }
  }

  @Test
  void signedCookiesRoundTripThroughTheCookieParser() {
    App app = app();
    app.use(Web.cookieParser(List.of("new-secret", "old-secret")));
    app.get("/set", (req, res) -> {
      res.cookie("user", "alice", CookieOptions.defaults().signed(true).httpOnly(true).maxAge(Duration.ofSeconds(90)));
      res.cookie("prefs", Map.of("theme", "dark"));
      res.send("ok");
    });
    app.get("/read", (req, res) -> res.json(Map.of("cookies", req.cookies(), "signed", req.signedCookies())));
    try (TestClient c = TestClient.start(app)) {
      TestResponse set = c.get("/set").expect(200);
      List<String> lines = set.headers("Set-Cookie");
      assertThat(lines.get(0)).startsWith("user=s%3Aalice.").contains("; Max-Age=90; Path=/; Expires=").endsWith("; HttpOnly");
      assertThat(lines.get(1)).isEqualTo("prefs=j%3A%7B%22theme%22%3A%22dark%22%7D; Path=/");
      String cookie = lines.get(0).split(";")[0] + "; " + lines.get(1).split(";")[0];
      c.get("/read").header("Cookie", cookie).expect(200)
          .expectJson(Map.of("cookies", Map.of("prefs", Map.of("theme", "dark")), "signed", Map.of("user", "alice")));
      c.get("/read").header("Cookie", "user=s%3Aalice.forged").expect(200)
          .expectJson(Map.of("cookies", Map.of(), "signed", Map.of("user", false)));
    }
  }

  @Test
  void formatPicksTheBestTypeOr406() {
    App app = app();
    app.get("/", (req, res) -> res.format(Format.of()
        .on("text/plain", () -> res.send("text"))
        .on("application/json", () -> res.json(Map.of("json", true)))));
    try (TestClient c = TestClient.start(app)) {
      c.get("/").header("Accept", "application/json").expect(200).expectJson(Map.of("json", true));
      c.get("/").expect(200).expectBody("text").expectHeader("Vary", "Accept");
      c.get("/").header("Accept", "image/png").expect(406).expectBody(App.errorDocument("Not Acceptable"));
    }
  }
}
