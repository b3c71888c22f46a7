package dev.eddy.security;

import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.Eddy;
import dev.eddy.Loop;
import dev.eddy.Promise;
import dev.eddy.security.internal.PasswordBcrypt;
import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PasswordsTest {
  /** Runs {@code body} on a fresh loop and returns what its promise settled with. */
  private static <T> T onLoop(Supplier<Promise<T>> body) {
    AtomicReference<T> value = new AtomicReference<>();
    AtomicReference<Throwable> error = new AtomicReference<>();
    Loop.create().run(() -> {
      try {
        body.get().then(v -> {
          value.set(v);
          return null;
        }, e -> {
          error.set(e);
          return null;
        });
      } catch (RuntimeException e) {
        error.set(e);
      }
    });
    if (error.get() instanceof RuntimeException e) throw e;
    if (error.get() != null) throw new AssertionError("promise rejected", error.get());
    return value.get();
  }

  @Test
  void hashesAre2bAtCost12AndVerify() {
    String hash = onLoop(() -> Passwords.hash("correct horse battery staple"));
    assertThat(hash).hasSize(60).startsWith("$2b$12$");
    assertThat(onLoop(() -> Passwords.verify("correct horse battery staple", hash))).isTrue();
    assertThat(onLoop(() -> Passwords.verify("correct horse battery stapl", hash))).isFalse();
    assertThat(onLoop(() -> Passwords.verify("", hash))).isFalse();
    assertThat(Passwords.needsRehash(hash)).isFalse();
    assertThat(Passwords.cost(hash)).isEqualTo(12);
  }

  @Test
  void twoHashesOfOnePasswordDifferBySalt() {
    String a = onLoop(() -> Passwords.hash("pässwörd 🔑", 10));
    String b = onLoop(() -> Passwords.hash("pässwörd 🔑", 10));
    assertThat(a).startsWith("$2b$10$").isNotEqualTo(b);
    assertThat(onLoop(() -> Passwords.verify("pässwörd 🔑", a))).isTrue();
    assertThat(onLoop(() -> Passwords.verify("pässwörd 🔑", b))).isTrue();
  }

  @Test
  void needsRehashWhenTheCostDiffers() {
    String cost10 = "$2b$10$" + "a".repeat(53);
    assertThat(Passwords.needsRehash(cost10)).isTrue();
    assertThat(Passwords.needsRehash(cost10, 10)).isFalse();
    assertThat(Passwords.needsRehash("$2a$12$" + "a".repeat(53))).isFalse();
    assertThat(Passwords.needsRehash("$2y$13$" + "a".repeat(53))).isTrue();
  }

  @Test
  void malformedHashesAreAClearErrorNotAMismatch() {
    String good = "$2b$10$" + "a".repeat(53);
    Map<String, String> bad = Map.of(
        "", "0 characters where bcrypt has 60",
        "plain-text-password", "19 characters",
        "$2x$10$" + "a".repeat(53), "must start with $2a$, $2b$ or $2y$",
        "$1$10$" + "a".repeat(54), "must start with",
        "$2b$1a$" + "a".repeat(53), "two digits",
        "$2b$03$" + "a".repeat(53), "cost 3 is outside",
        "$2b$32$" + "a".repeat(53), "cost 32 is outside",
        "$2b$10$" + "a".repeat(52) + "!", "character 59",
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$aGFzaA", "argon2");
    bad.forEach((hash, message) -> {
      assertThatThrownBy(() -> Passwords.needsRehash(hash)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("malformed bcrypt hash").hasMessageContaining(message);
      assertThatThrownBy(() -> onLoop(() -> Passwords.verify("x", hash))).hasMessageContaining(message);
    });
    assertThatThrownBy(() -> Passwords.needsRehash(null)).hasMessage("malformed bcrypt hash: null");
    assertThat(onLoop(() -> Passwords.verify("x", good))).isFalse();
  }

  @Test
  void passwordsLongerThan72BytesAreRefusedByHashButVerifyOnTheirFirst72() {
    String fits = "é".repeat(36);
    String over = "a".repeat(71) + "é";
    assertThat(Passwords.truncates(fits)).isFalse();
    assertThat(Passwords.truncates(over)).isTrue();
    assertThatThrownBy(() -> onLoop(() -> Passwords.hash(over))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("73 bytes in UTF-8").hasMessageContaining("only the first 72");
    // a hash node made from a long password (bcrypt keeps 72 bytes) still verifies
    String nodeLong = PasswordBcrypt.hash(PasswordBcrypt.bytes("x".repeat(80)), "$2b$10$" + "b".repeat(22));
    assertThat(onLoop(() -> Passwords.verify("x".repeat(80), nodeLong))).isTrue();
    assertThat(onLoop(() -> Passwords.verify("x".repeat(72) + "anything", nodeLong))).isTrue();
    assertThat(onLoop(() -> Passwords.verify("x".repeat(71), nodeLong))).isFalse();
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> Passwords.hash(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Passwords.hash("pw", 9)).hasMessageContaining("cost must be between 10 and 31, got 9");
    assertThatThrownBy(() -> Passwords.hash("pw", 32)).hasMessageContaining("got 32");
    assertThatThrownBy(() -> Passwords.verify(null, "$2b$10$" + "a".repeat(53))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Passwords.hash("pw")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside an Eddy loop");
  }

  @Test
  void theHashRunsOffTheLoopThreadAndTheLoopKeepsTicking() {
    AtomicReference<Thread> loopThread = new AtomicReference<>();
    AtomicInteger ticks = new AtomicInteger();
    AtomicInteger ticksWhenDone = new AtomicInteger(-1);
    AtomicReference<Throwable> onLoopRefusal = new AtomicReference<>();
    Loop.create().run(() -> {
      loopThread.set(Thread.currentThread());
      // bcrypt itself refuses a loop thread, so a hash that completes ran elsewhere
      try {
        PasswordBcrypt.hash(new byte[] {1}, "$2b$10$" + "a".repeat(22));
      } catch (IllegalStateException e) {
        onLoopRefusal.set(e);
      }
      var interval = Eddy.setInterval(ticks::incrementAndGet, 5);
      Passwords.hash("tick tock", 12).then(h -> {
        ticksWhenDone.set(ticks.get());
        Eddy.clearInterval(interval);
        assertThat(Thread.currentThread()).isSameAs(loopThread.get());
        return null;
      });
    });
    assertThat(onLoopRefusal.get()).hasMessageContaining("must not run on an event-loop thread");
    // a cost-12 hash takes far longer than 5 ms: had it blocked the loop, no tick would have run
    assertThat(ticksWhenDone.get()).isGreaterThan(3);
  }

  @Test
  void aLoginRouteBehindARateLimiterStopsTheSixthBadAttempt() {
    String stored = PasswordBcrypt.hash(PasswordBcrypt.bytes("s3cret!"), PasswordBcrypt.newSalt(10));
    App app = Web.app();
    app.use(Web.json());
    app.post("/login",
        RateLimit.rateLimit(RateLimitOptions.defaults().window(Duration.ofMinutes(15)).limit(5).skipSuccessfulRequests(true)),
        Web.async((req, res) -> {
          String password = String.valueOf(((Map<?, ?>) req.body()).get("password"));
          if (!await(Passwords.verify(password, stored))) {
            res.status(401).json(Map.of("error", "invalid credentials"));
            return;
          }
          res.json(Map.of("ok", true));
        }));
    try (TestClient c = TestClient.start(app)) {
      // successful logins do not use up the budget
      for (int i = 0; i < 3; i++) c.post("/login").json(Map.of("password", "s3cret!")).expect(200);
      for (int i = 1; i <= 5; i++) c.post("/login").json(Map.of("password", "guess" + i)).expect(401);
      c.post("/login").json(Map.of("password", "guess6")).expect(429);
      // now even the right password is held off until the window ends
      c.post("/login").json(Map.of("password", "s3cret!")).expect(429);
    }
  }
}
