package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.security.internal.PasswordBcrypt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hashes recorded from bcryptjs with fixed salts (src/test/node/passwords.js): the same password
 * and salt give the very same hash here, so node's hashes verify in Java and Java's in node.
 */
class PasswordsFixtureTest {
  @Test
  void everyRecordedHashIsReproducedAndVerifies() {
    JsonNode fixture = FixtureSupport.read("passwords.json");
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (JsonNode c : fixture.get("cases")) {
      n++;
      String password = c.get("password").asText();
      String salt = c.get("salt").asText();
      String hash = c.get("hash").asText();
      String label = "#" + n + " " + salt + " (" + password.length() + " chars)";
      // runs on the JUnit thread, which is no loop thread
      String mine = PasswordBcrypt.hash(PasswordBcrypt.bytes(password), salt);
      if (!mine.equals(hash)) failures.add(label + ": hash " + mine + " != " + hash);
      if (!PasswordBcrypt.matches(password, hash)) failures.add(label + ": does not verify");
      boolean wrong = PasswordBcrypt.matches(c.get("wrong").asText(), hash);
      if (wrong != c.get("wrongMatches").asBoolean()) failures.add(label + ": wrong password gives " + wrong);
      if (Passwords.truncates(password) != c.get("truncates").asBoolean()) failures.add(label + ": truncates");
      assertThat(PasswordBcrypt.parse(hash).cost()).isEqualTo(Integer.parseInt(salt.substring(4, 6)));
    }
    assertThat(n).isGreaterThanOrEqualTo(100);
    assertThat(failures).isEmpty();
  }
}
