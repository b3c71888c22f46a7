package dev.eddy.conformance;

import dev.eddy.Eddy;
import dev.eddy.security.Jwt;
import dev.eddy.security.JwtOptions;
import dev.eddy.web.App;
import dev.eddy.web.Middleware;
import dev.eddy.web.Web;
import java.util.Map;

/**
 * The seed's JWT example (Q17) with Eddy: {@code GET /api/profile} behind the JWT middleware
 * answers {@code {"user": <the token's claims>}}, or 401 with {@code No token provided}, {@code
 * Token expired} or {@code Invalid token}. The HMAC secret comes from {@code JWT_SECRET}. {@code
 * conformance/bin/auth-demo PORT} listens on 127.0.0.1:PORT; eddy-security's
 * src/test/node/jwt-auth-demo.js compares it with the Express + jsonwebtoken version.
 *
 * <p>The seed's own code was not in the reference library, so this follows the most common form
 * of that example: the errors as {@code {"error": "..."}}, the token taken as the second word of an
 * {@code Authorization} header that starts with {@code "Bearer "}, {@code Token expired} only for
 * an expired token and {@code Invalid token} for every other failure.
 */
public final class AuthDemo {
  private AuthDemo() {}

  /**
   * The app.
   *
   * @throws IllegalArgumentException when the secret is shorter than 32 bytes
   */
  public static App build(String secret) {
    Middleware authenticate = Jwt.authenticate(JwtOptions.secret(secret));
    App app = Web.app();
    app.set("env", "production");
    app.get("/api/profile", authenticate, (req, res) -> res.json(Map.of("user", Jwt.claims(req))));
    return app;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "3000"));
    String secret = System.getenv("JWT_SECRET");
    if (secret == null || secret.isEmpty()) {
      System.err.println("auth-demo: JWT_SECRET is not set; export a random secret of 32 bytes or more, "
          + "e.g. JWT_SECRET=\"$(openssl rand -base64 48)\"");
      System.exit(2);
    }
    App app;
    try {
      app = build(secret);
    } catch (IllegalArgumentException e) {
      System.err.println("auth-demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    Eddy.main(() -> app.listen(port, "127.0.0.1", () -> System.out.println("eddy auth demo on 127.0.0.1:" + port)));
  }
}
