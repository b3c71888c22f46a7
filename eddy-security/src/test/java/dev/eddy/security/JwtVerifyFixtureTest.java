package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.web.internal.JsJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every token of jwt-verify.json (recorded from jsonwebtoken 9 by src/test/node/jwt-verify.js)
 * through {@link Jwt#verify}: the same tokens pass with the same claims (as res.json would write
 * them), the expired ones fail as EXPIRED, the not-yet-valid ones as NOT_BEFORE, the rest with
 * another reason; the documented deviations are refused.
 */
class JwtVerifyFixtureTest {
  @Test
  void everyRecordedTokenIsJudgedAsJsonwebtokenJudgesIt() {
    JsonNode f = FixtureSupport.read("jwt-verify.json");
    java.util.logging.Logger jwtLog = java.util.logging.Logger.getLogger("dev.eddy.security.Jwt");
    jwtLog.setLevel(java.util.logging.Level.WARNING); // the refusals are expected here
    // the last millisecond of the recorded second: checks that the clock is floored to seconds
    Clock clock = Clock.fixed(Instant.ofEpochMilli(f.get("clock").asLong() * 1000 + 999), ZoneOffset.UTC);
    Map<String, JwtKey> keys = new HashMap<>();
    f.get("keys").fields().forEachRemaining(e -> {
      JsonNode k = e.getValue();
      keys.put(e.getKey(), k.get("type").asText().equals("secret")
          ? JwtKey.secret(k.get("value").asText()) : JwtKey.publicKeyPem(k.get("value").asText()));
    });
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (JsonNode c : f.get("cases")) {
      n++;
      String name = c.get("name").asText();
      JsonNode o = c.get("options");
      JwtOptions options = JwtOptions.key(keys.get(c.get("key").asText())).clock(clock);
      if (o.has("audience")) options = options.audience(strings(o.get("audience")));
      if (o.has("issuer")) options = options.issuer(strings(o.get("issuer")));
      if (o.has("clockTolerance")) {
        options = options.clockSkew(Duration.ofMillis(Math.round(o.get("clockTolerance").asDouble() * 1000)));
      }
      String outcome;
      JwtException.Reason reason = null;
      try {
        Map<String, Object> claims = Jwt.verify(c.get("token").asText(), options);
        outcome = "ok " + JsJson.standard().stringifyToString(claims, 0, false);
      } catch (JwtException e) {
        reason = e.reason();
        outcome = "refused " + e.reason() + " (" + e.getMessage() + ")";
      }
      boolean deviation = c.hasNonNull("deviation");
      boolean good;
      if (deviation) {
        good = reason == JwtException.Reason.MALFORMED || reason == JwtException.Reason.TOO_LARGE;
      } else if (c.get("ok").asBoolean()) {
        good = outcome.equals("ok " + c.get("payloadJson").asText());
      } else {
        String error = c.get("error").asText();
        good = switch (error) {
          case "TokenExpiredError" -> reason == JwtException.Reason.EXPIRED;
          case "NotBeforeError" -> reason == JwtException.Reason.NOT_BEFORE;
          default -> reason != null && reason != JwtException.Reason.EXPIRED && reason != JwtException.Reason.NOT_BEFORE;
        };
      }
      if (!good) {
        failures.add(name + ": jsonwebtoken " + (c.get("ok").asBoolean() ? "accepted " + c.get("payloadJson").asText()
            : "refused " + c.get("error").asText() + " (" + c.get("message").asText() + ")") + "; Eddy " + outcome);
      }
    }
    assertThat(n).isGreaterThan(100);
    assertThat(failures).isEmpty();
  }

  private static String[] strings(JsonNode v) {
    if (!v.isArray()) return new String[] {v.asText()};
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return out.toArray(String[]::new);
  }
}
