package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.Eddy;
import dev.eddy.Promise;
import dev.eddy.web.App;
import dev.eddy.web.Middleware;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Replays cors.json (recorded with cors 2.8.6 by src/test/node/cors.js): every scenario gets every
 * request and must answer with the same status and headers, except the scenarios combining
 * credentials with a wildcard origin, which Eddy refuses at construction.
 */
class CorsFixtureTest {
  private static final JsonNode FIXTURE = FixtureSupport.read("cors.json");
  private static final String GOOD = "https://example.com";
  private static final String OTHER = "http://localhost:5173";

  /** Kept referenced so the level sticks: the expected 500s would otherwise log stack traces. */
  private static final java.util.logging.Logger APP_LOG = FixtureSupport.quietAppLogger();

  @Test
  void replaysEveryRecordedRequest() {
    assertThat(FIXTURE.get("cors").asText()).isEqualTo("2.8.6");
    App app = Web.app();
    app.set("env", "production");
    app.disable("etag");
    List<JsonNode> served = new ArrayList<>();
    int refused = 0;
    for (JsonNode c : FIXTURE.get("cases")) {
      JsonNode o = c.get("options");
      boolean wildcard = !o.has("origin") || o.get("origin").asText().equals("*")
          || (o.get("origin").isBoolean() && o.get("origin").asBoolean());
      if (o.path("credentials").asBoolean() && wildcard) {
        refused++;
        assertThatThrownBy(() -> Cors.cors(options(o))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("credentials(true) cannot be combined with origin");
        continue;
      }
      Middleware mw = Cors.cors(options(o));
      app.use("/c/" + c.get("id").asInt(), (req, res, next) -> {
        if (req.path().startsWith("/vary")) res.raw().setHeader("Vary", "Accept-Encoding");
        next.run();
      }, mw, Web.middleware((req, res) -> res.send("ok")));
      served.add(c);
    }
    assertThat(refused).isEqualTo(2);
    JsonNode requests = FIXTURE.get("requests");
    List<String> failures = new ArrayList<>();
    int compared = 0;
    try (TestClient client = TestClient.start(app)) {
      for (JsonNode c : served) {
        for (int i = 0; i < requests.size(); i++) {
          JsonNode q = requests.get(i);
          TestClient.TestRequest r = client.request(q.get("method").asText(), "/c/" + c.get("id").asInt() + q.get("path").asText());
          for (JsonNode h : q.get("headers")) r.header(h.get(0).asText(), h.get(1).asText());
          TestResponse answer = r.send();
          String d = FixtureSupport.diff(c.get("responses").get(i), answer);
          compared++;
          if (d != null) failures.add("case " + c.get("id") + " " + c.get("options") + " request " + q + "\n  " + d);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(compared).isGreaterThan(1000);
  }

  static CorsOptions options(JsonNode o) {
    CorsOptions c = CorsOptions.defaults();
    if (o.has("origin")) {
      JsonNode v = o.get("origin");
      if (v.isBoolean()) c.origin(v.asBoolean());
      else if (v.isTextual()) c.origin(v.asText());
      else if (v.isArray()) c.origin(list(v));
      else if (v.has("$re")) c.origin(pattern(v));
      else function(c, v.get("$fn").asText());
    }
    if (o.has("methods")) {
      if (o.get("methods").isArray()) c.methods(HelmetFixtureTest.strings(o.get("methods")));
      else c.methods(o.get("methods").asText());
    }
    if (o.has("allowedHeaders")) {
      JsonNode v = o.get("allowedHeaders");
      // cors treats the empty string as unset (falsy): the request headers are reflected
      if (v.isArray()) c.allowedHeaders(HelmetFixtureTest.strings(v));
      else if (!v.asText().isEmpty()) c.allowedHeaders(v.asText());
    }
    if (o.has("exposedHeaders")) {
      JsonNode v = o.get("exposedHeaders");
      if (v.isArray()) c.exposedHeaders(HelmetFixtureTest.strings(v));
      else c.exposedHeaders(v.asText());
    }
    if (o.has("credentials")) c.credentials(o.get("credentials").asBoolean());
    if (o.has("maxAge")) c.maxAge(o.get("maxAge").asLong());
    if (o.has("preflightContinue")) c.preflightContinue(o.get("preflightContinue").asBoolean());
    if (o.has("optionsSuccessStatus")) c.optionsSuccessStatus(o.get("optionsSuccessStatus").asInt());
    return c;
  }

  private static Pattern pattern(JsonNode v) {
    int flags = v.get("flags").asText().contains("i") ? Pattern.CASE_INSENSITIVE : 0;
    return Pattern.compile(v.get("$re").asText(), flags);
  }

  private static List<Object> list(JsonNode v) {
    List<Object> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (e.isTextual()) out.add(e.asText());
      else if (e.isArray()) out.add(list(e));
      else out.add(pattern(e));
    }
    return out;
  }

  private static void function(CorsOptions c, String name) {
    switch (name) {
      case "allowList" -> c.origin((origin, req) -> GOOD.equals(origin) || OTHER.equals(origin));
      case "fixed" -> c.origin((origin, req) -> "https://fixed.example");
      case "star" -> c.origin((origin, req) -> "*");
      case "reflect" -> c.origin((origin, req) -> true);
      case "deny" -> c.origin((origin, req) -> false);
      case "empty" -> c.origin((origin, req) -> "");
      case "list" -> c.origin((origin, req) -> List.of(GOOD, Pattern.compile("^http://localhost:\\d+$")));
      case "pattern" -> c.origin((origin, req) -> Pattern.compile("^https://([a-z0-9-]+\\.)*example\\.com$"));
      case "error" -> c.origin((origin, req) -> {
        throw new IllegalStateException("origin check failed");
      });
      case "asyncAllowList" -> c.originAsync((origin, req) ->
          Promise.<Boolean>create((resolve, reject) -> Eddy.setImmediate(() -> resolve.accept(GOOD.equals(origin)))));
      case "asyncError" -> c.originAsync((origin, req) ->
          Promise.create((resolve, reject) -> Eddy.setImmediate(() -> reject.accept(new IllegalStateException("origin lookup failed")))));
      default -> throw new IllegalStateException(name);
    }
  }
}
