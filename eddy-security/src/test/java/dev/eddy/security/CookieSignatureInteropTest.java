package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.web.App;
import dev.eddy.web.CookieOptions;
import dev.eddy.web.Web;
import dev.eddy.web.internal.CookieSignature;
import dev.eddy.web.test.TestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Signed cookies interoperate with Node (cookie-signature's algorithm, run by node on this machine
 * with its own crypto): a value Node signs verifies in Eddy's cookie parser, and a cookie Eddy's
 * res.cookie signs verifies in Node. Needs node on the PATH (always under CI=true).
 */
class CookieSignatureInteropTest {
  private static final String SECRET = "interop-secret-✓";

  /** cookie-signature 1.x in a few lines of node: sign and unsign with HMAC-SHA256, base64 without '='. */
  private static final String NODE = """
      const crypto = require('crypto');
      const sign = (v, s) => v + '.' + crypto.createHmac('sha256', s).update(v).digest('base64').replace(/=+$/, '');
      const [mode, value, secret] = process.argv.slice(1);
      if (mode === 'sign') process.stdout.write(sign(value, secret));
      else {
        const str = value.slice(0, value.lastIndexOf('.'));
        const mac = sign(str, secret);
        const ok = crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(value)) ? str : false;
        process.stdout.write(JSON.stringify(ok));
      }
      """;

  private static String node(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("node", "-e", NODE));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      if ("true".equals(System.getenv("CI"))) throw e;
      Assumptions.abort("node is not installed: " + e.getMessage());
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void nodeSignsEddyVerifies() throws Exception {
    String signed = node("sign", "alice ✓ 42", SECRET);
    assertThat(CookieSignature.unsign(signed, SECRET)).isEqualTo("alice ✓ 42");
    App app = Web.app();
    app.use(Web.cookieParser(SECRET));
    app.get("/", (req, res) -> res.json(req.signedCookies()));
    try (TestClient c = TestClient.inject(app)) {
      String cookie = "user=" + dev.eddy.web.internal.UriCodec.encodeURIComponent("s:" + signed);
      c.get("/").header("Cookie", cookie).send().expect(200).expectJson(Map.of("user", "alice ✓ 42"));
    }
  }

  @Test
  void eddySignsNodeVerifies() throws Exception {
    App app = Web.app();
    app.use(Web.cookieParser(SECRET));
    app.get("/", (req, res) -> {
      res.cookie("user", "bob", CookieOptions.defaults().signed(true));
      res.send("ok");
    });
    String value;
    try (TestClient c = TestClient.inject(app)) {
      String line = c.get("/").send().expect(200).headers("Set-Cookie").get(0);
      value = dev.eddy.web.internal.UriCodec.decodeURIComponent(line.substring("user=".length(), line.indexOf(';')));
    }
    assertThat(value).startsWith("s:");
    assertThat(node("unsign", value.substring(2), SECRET)).isEqualTo("\"bob\"");
    assertThat(node("unsign", value.substring(2), "another-secret")).isEqualTo("false");
  }
}
