package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.web.App;
import dev.eddy.web.Middleware;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays helmet.json (recorded with helmet 8.3.0 by src/test/node/helmet.js): refused options must
 * fail with helmet's message, accepted ones must give the same status and headers.
 */
class HelmetFixtureTest {
  private static final JsonNode FIXTURE = FixtureSupport.read("helmet.json");

  /** Kept referenced so the level sticks: the expected 500s would otherwise log stack traces. */
  private static final java.util.logging.Logger APP_LOG = FixtureSupport.quietAppLogger();

  @Test
  void replaysEveryRecordedCase() {
    assertThat(FIXTURE.get("helmet").asText()).isEqualTo("8.3.0");
    App app = Web.app();
    app.set("env", "production");
    app.disable("etag");
    List<JsonNode> served = new ArrayList<>();
    int refused = 0;
    for (JsonNode c : FIXTURE.get("cases")) {
      if (c.has("error")) {
        refused++;
        assertThatThrownBy(() -> build(c)).as("case %s %s", c.get("id"), c.get("options"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(c.get("error").asText());
        continue;
      }
      Middleware mw = build(c);
      app.use("/h/" + c.get("id").asInt(), (req, res, next) -> {
        res.raw().setHeader("X-Powered-By", "Pre");
        next.run();
      }, mw, Web.middleware((req, res) -> res.send("ok")));
      served.add(c);
    }
    assertThat(refused).isGreaterThan(50);
    assertThat(served).hasSizeGreaterThan(100);
    List<String> failures = new ArrayList<>();
    try (TestClient client = TestClient.start(app)) {
      for (JsonNode c : served) {
        TestResponse r = client.get("/h/" + c.get("id").asInt() + "/page").send();
        String d = FixtureSupport.diff(c.get("response"), r);
        if (d != null) failures.add("case " + c.get("id") + " " + c.get("options") + "\n  " + d);
      }
    }
    assertThat(failures).isEmpty();
  }

  static Middleware build(JsonNode c) {
    JsonNode o = c.get("options");
    if (!c.has("standalone")) return Helmet.helmet(options(o));
    return switch (c.get("standalone").asText()) {
      case "contentSecurityPolicy" -> Helmet.contentSecurityPolicy(csp(o));
      case "crossOriginEmbedderPolicy" -> o.has("policy") ? Helmet.crossOriginEmbedderPolicy(o.get("policy").asText()) : Helmet.crossOriginEmbedderPolicy();
      case "crossOriginOpenerPolicy" -> Helmet.crossOriginOpenerPolicy(o.get("policy").asText());
      case "crossOriginResourcePolicy" -> Helmet.crossOriginResourcePolicy(o.get("policy").asText());
      case "originAgentCluster" -> Helmet.originAgentCluster();
      case "referrerPolicy" -> Helmet.referrerPolicy(strings(o.get("policy")).toArray(new String[0]));
      case "strictTransportSecurity" -> Helmet.strictTransportSecurity(o.get("maxAge").asLong(), true, o.get("preload").asBoolean());
      case "xContentTypeOptions" -> Helmet.xContentTypeOptions();
      case "xDnsPrefetchControl" -> Helmet.xDnsPrefetchControl(o.get("allow").asBoolean());
      case "xDownloadOptions" -> Helmet.xDownloadOptions();
      case "xFrameOptions" -> Helmet.xFrameOptions(o.get("action").asText());
      case "xPermittedCrossDomainPolicies" -> Helmet.xPermittedCrossDomainPolicies(o.get("permittedPolicies").asText());
      case "xPoweredBy" -> Helmet.xPoweredBy();
      case "xXssProtection" -> Helmet.xXssProtection();
      default -> throw new IllegalStateException(c.toString());
    };
  }

  /** The JSON options as HelmetOptions calls, the way a Java user would write them. */
  static HelmetOptions options(JsonNode o) {
    HelmetOptions h = HelmetOptions.defaults();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isBoolean()) {
        boolean b = v.asBoolean();
        switch (e.getKey()) {
          case "contentSecurityPolicy" -> h.contentSecurityPolicy(b);
          case "crossOriginEmbedderPolicy" -> h.crossOriginEmbedderPolicy(b);
          case "crossOriginOpenerPolicy" -> h.crossOriginOpenerPolicy(b);
          case "crossOriginResourcePolicy" -> h.crossOriginResourcePolicy(b);
          case "originAgentCluster" -> h.originAgentCluster(b);
          case "referrerPolicy" -> h.referrerPolicy(b);
          case "strictTransportSecurity" -> h.strictTransportSecurity(b);
          case "xContentTypeOptions" -> h.xContentTypeOptions(b);
          case "xDnsPrefetchControl" -> h.xDnsPrefetchControl(b);
          case "xDownloadOptions" -> h.xDownloadOptions(b);
          case "xFrameOptions" -> h.xFrameOptions(b);
          case "xPermittedCrossDomainPolicies" -> h.xPermittedCrossDomainPolicies(b);
          case "xPoweredBy" -> h.xPoweredBy(b);
          case "xXssProtection" -> h.xXssProtection(b);
          default -> throw new IllegalStateException(e.getKey());
        }
        continue;
      }
      switch (e.getKey()) {
        case "contentSecurityPolicy" -> h.contentSecurityPolicy(csp(v));
        case "crossOriginEmbedderPolicy" -> {
          if (v.has("policy")) h.crossOriginEmbedderPolicy(v.get("policy").asText());
          else h.crossOriginEmbedderPolicy(true);
        }
        case "crossOriginOpenerPolicy" -> h.crossOriginOpenerPolicy(v.get("policy").asText());
        case "crossOriginResourcePolicy" -> h.crossOriginResourcePolicy(v.get("policy").asText());
        case "referrerPolicy" -> {
          if (!v.has("policy")) h.referrerPolicy(true);
          else if (v.get("policy").isArray()) h.referrerPolicy(strings(v.get("policy")));
          else h.referrerPolicy(v.get("policy").asText());
        }
        case "strictTransportSecurity" -> h.strictTransportSecurity(
            v.has("maxAge") ? v.get("maxAge").asLong() : 31536000,
            !v.has("includeSubDomains") || v.get("includeSubDomains").asBoolean(),
            v.has("preload") && v.get("preload").asBoolean());
        case "xDnsPrefetchControl" -> {
          if (v.has("allow")) h.xDnsPrefetchControlAllow(v.get("allow").asBoolean());
          else h.xDnsPrefetchControl(true);
        }
        case "xFrameOptions" -> {
          if (v.has("action")) h.xFrameOptions(v.get("action").asText());
          else h.xFrameOptions(true);
        }
        case "xPermittedCrossDomainPolicies" -> {
          if (v.has("permittedPolicies")) h.xPermittedCrossDomainPolicies(v.get("permittedPolicies").asText());
          else h.xPermittedCrossDomainPolicies(true);
        }
        default -> throw new IllegalStateException(e.getKey());
      }
    }
    return h;
  }

  static CspOptions csp(JsonNode v) {
    CspOptions c = CspOptions.defaults();
    if (v.has("useDefaults")) c.useDefaults(v.get("useDefaults").asBoolean());
    if (v.has("reportOnly")) c.reportOnly(v.get("reportOnly").asBoolean());
    if (v.has("directives")) {
      CspDirectives d = Csp.directives();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.get("directives").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode value = e.getValue();
        if (value.isNull()) {
          d.disable(e.getKey());
        } else if (value.isTextual() && value.asText().equals("$disableDefaultSrc")) {
          d.directive(e.getKey(), Csp.DANGEROUSLY_DISABLE_DEFAULT_SRC);
        } else if (value.isTextual()) {
          d.directive(e.getKey(), value.asText());
        } else {
          List<Object> values = new ArrayList<>();
          for (JsonNode el : value) {
            if (el.has("$dyn")) {
              String s = el.get("$dyn").asText();
              values.add((CspSource) (req, res) -> s);
            } else if (el.has("$throw")) {
              String m = el.get("$throw").asText();
              values.add((CspSource) (req, res) -> {
                throw new IllegalStateException(m);
              });
            } else {
              values.add(el.asText());
            }
          }
          d.directive(e.getKey(), values);
        }
      }
      c.directives(d);
    }
    return c;
  }

  static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode n : node) out.add(n.asText());
    } else {
      out.add(node.asText());
    }
    return out;
  }
}
