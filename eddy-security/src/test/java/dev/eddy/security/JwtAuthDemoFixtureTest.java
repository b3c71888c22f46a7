package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's JWT example: the answers Express 5 + jsonwebtoken gave to jwt-auth-demo.json's
 * requests (recorded by src/test/node/jwt-auth-demo.js) replayed against {@link Jwt#authenticate}
 * behind {@code GET /api/profile}: same status, same JSON body. Cases marked {@code eddy} are
 * documented deviations with Eddy's own expected answer.
 */
class JwtAuthDemoFixtureTest {
  @Test
  void answersAsTheExpressVersionDoes() throws Exception {
    JsonNode f = FixtureSupport.read("jwt-auth-demo.json");
    java.util.logging.Logger jwtLog = java.util.logging.Logger.getLogger("dev.eddy.security.Jwt");
    jwtLog.setLevel(java.util.logging.Level.WARNING); // the refusals are expected here
    App app = Web.app();
    app.get("/api/profile", Jwt.authenticate(JwtOptions.secret(f.get("secret").asText())),
        (req, res) -> res.json(Map.of("user", Jwt.claims(req))));
    ObjectMapper mapper = new ObjectMapper();
    List<String> failures = new ArrayList<>();
    try (TestClient client = TestClient.start(app)) {
      for (JsonNode c : f.get("cases")) {
        TestClient.TestRequest r = client.get("/api/profile");
        for (JsonNode h : c.get("headers")) r.header(h.get(0).asText(), h.get(1).asText());
        TestResponse res = r.send();
        JsonNode want = c.has("eddy") ? c.get("eddy") : c;
        JsonNode got = mapper.readTree(res.text());
        if (res.status() != want.get("status").asInt() || !got.equals(want.get("body"))) {
          failures.add(c.get("name").asText() + ": want " + want.get("status") + " " + want.get("body")
              + ", got " + res.status() + " " + res.text());
        }
      }
    }
    assertThat(f.get("cases").size()).isGreaterThanOrEqualTo(40);
    assertThat(failures).isEmpty();
  }
}
