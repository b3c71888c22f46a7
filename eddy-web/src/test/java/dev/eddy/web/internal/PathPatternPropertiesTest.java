package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PathPatternPropertiesTest {

  @Provide
  Arbitrary<String> literals() {
    Arbitrary<String> segment =
        Arbitraries.strings().withChars("abcXYZ09-._~").ofMinLength(1).ofMaxLength(6);
    return segment.list().ofMinSize(1).ofMaxSize(3).map(l -> "/" + String.join("/", l));
  }

  /** Requests near a literal: its own text with cases flipped, slashes added, or a tail appended. */
  @Provide
  Arbitrary<String[]> literalAndRequest() {
    return literals()
        .flatMap(
            lit ->
                Combinators.combine(
                        Arbitraries.longs(),
                        Arbitraries.of("", "/", "//", "x", "/x", ".json", "-"),
                        Arbitraries.integers().between(0, 3))
                    .as(
                        (caseBits, tail, cut) -> {
                          StringBuilder req = new StringBuilder();
                          for (int i = 0; i < lit.length(); i++) {
                            char c = lit.charAt(i);
                            boolean flip = ((caseBits >>> (i % 64)) & 1) != 0;
                            req.append(flip ? Character.toUpperCase(c) : c);
                          }
                          String base = req.substring(0, Math.max(1, req.length() - cut));
                          return new String[] {lit, base + tail};
                        }));
  }

  @Property(tries = 500)
  void literalRouteMatchesExactlyTheIgnoreCaseAndTrailingSlashRule(
      @ForAll("literalAndRequest") String[] pair) {
    String lit = pair[0];
    String req = pair[1];
    boolean expected = req.equalsIgnoreCase(lit) || req.equalsIgnoreCase(lit + "/");
    PathMatch m = PathPattern.compile(lit, false, false, true).match(req);
    assertThat(m != null).as("%s vs %s", lit, req).isEqualTo(expected);
    if (m != null) assertThat(m.matchedPath()).isEqualTo(req);

    boolean sensitive = req.equals(lit) || req.equals(lit + "/");
    assertThat(PathPattern.compile(lit, true, false, true).match(req) != null).isEqualTo(sensitive);
    assertThat(PathPattern.compile(lit, true, true, true).match(req) != null)
        .isEqualTo(req.equals(lit));
  }

  @Property(tries = 500)
  void literalMountMatchesAtSegmentBoundaries(@ForAll("literalAndRequest") String[] pair) {
    String lit = pair[0];
    String req = pair[1];
    boolean prefix = req.regionMatches(true, 0, lit, 0, lit.length());
    boolean boundary =
        prefix && (req.length() == lit.length() || req.charAt(lit.length()) == '/');
    PathMatch m = PathPattern.compile(lit, false, false, false).match(req);
    assertThat(m != null).as("%s vs %s", lit, req).isEqualTo(boundary);
    if (m != null) {
      String expected = req.equalsIgnoreCase(lit + "/") ? req : req.substring(0, lit.length());
      assertThat(m.matchedPath()).isEqualTo(expected);
    }
  }

  /** The literal shortcut and the general matcher (forced by an empty group) must agree. */
  @Property(tries = 1000)
  void literalShortcutAgreesWithGeneralMatcher(
      @ForAll("literalAndRequest") String[] pair,
      @ForAll boolean sensitive,
      @ForAll boolean strict,
      @ForAll boolean end) {
    PathPattern fast = PathPattern.compile(pair[0], sensitive, strict, end);
    PathPattern general = PathPattern.compile(pair[0] + "{}", sensitive, strict, end);
    assertThat(fast.match(pair[1])).isEqualTo(general.match(pair[1]));
    assertThat(fast.firstSegment()).isEqualTo(general.firstSegment());
  }

  @Property(tries = 500)
  void encodedParamValuesRoundTrip(@ForAll String value) {
    Assume.that(!value.isEmpty());
    String encoded;
    try {
      encoded = UriCodec.encodeURIComponent(value);
    } catch (IllegalArgumentException loneSurrogate) {
      return;
    }
    PathMatch m = PathPattern.compile("/x/:id", false, false, true).match("/x/" + encoded);
    assertThat(m).isNotNull();
    assertThat(m.params()).isEqualTo(Map.of("id", value));

    PathMatch w = PathPattern.compile("/x/*rest", false, false, true).match("/x/" + encoded + "/y");
    assertThat(w.params()).isEqualTo(Map.of("rest", List.of(value, "y")));
  }
}
