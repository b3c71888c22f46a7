package dev.eddy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class OutgoingHeadersTest {
  /** Names that share length and the characters the hash samples (both ends, the middle). */
  private static final List<String> LOOK_ALIKES = List.of(
      "X-RateLimit-Limit", "X-RateLimit-Lxmit", "X-RateLimit-Limit".toUpperCase(Locale.ROOT),
      "X-RateAimit-Limit", "X-RBteLimit-Limit", "Content-Type", "Content-Tzpe", "ETag", "etag");

  @Property
  void namesEqualIgnoringAsciiCaseHashEqual(
      @ForAll @StringLength(min = 1, max = 40) @CharRange(from = '!', to = '~') String name) {
    assertThat(OutgoingHeaders.foldedHash(name.toUpperCase(Locale.ROOT)))
        .isEqualTo(OutgoingHeaders.foldedHash(name.toLowerCase(Locale.ROOT)));
  }

  @Test
  void namesThatShareTheSampledCharactersAreStillToldApart() {
    assertThat(OutgoingHeaders.foldedHash("X-RateLimit-Limit")).isEqualTo(OutgoingHeaders.foldedHash("X-RateLimit-Lxmit"));
    OutgoingHeaders h = new OutgoingHeaders();
    List<String> distinct = new ArrayList<>();
    for (String n : LOOK_ALIKES) {
      if (distinct.stream().noneMatch(n::equalsIgnoreCase)) distinct.add(n);
      h.put(n, "v-" + n);
    }
    assertThat(h.size()).isEqualTo(distinct.size());
    for (String n : LOOK_ALIKES) {
      // the last spelling set under a case-insensitive name wins, as setHeader does
      String last = null;
      for (String m : LOOK_ALIKES) if (m.equalsIgnoreCase(n)) last = m;
      assertThat(h.get(n.toLowerCase(Locale.ROOT))).isEqualTo("v-" + last);
    }
    assertThat(h.get("X-RateLimit-Limiu")).isNull();
    h.remove("x-ratelimit-lxmit");
    assertThat(h.get("X-RateLimit-Lxmit")).isNull();
    assertThat(h.get("X-RATELIMIT-LIMIT")).isEqualTo("v-X-RATELIMIT-LIMIT");
  }

  @Test
  void startsWithRoomForTheExpectedNumberOfHeadersAndGrowsBeyondIt() {
    OutgoingHeaders h = new OutgoingHeaders(3);
    for (int i = 0; i < 50; i++) h.put("X-" + i, Integer.toString(i));
    assertThat(h.size()).isEqualTo(50);
    for (int i = 0; i < 50; i++) assertThat(h.get("x-" + i)).isEqualTo(Integer.toString(i));
  }
}
