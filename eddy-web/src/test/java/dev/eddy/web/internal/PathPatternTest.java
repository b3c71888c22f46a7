package dev.eddy.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PathPatternTest {

  private static PathPattern route(String path) {
    return PathPattern.compile(path, false, false, true);
  }

  private static PathPattern mount(String path) {
    return PathPattern.compile(path, false, false, false);
  }

  @Test
  void literalRouteAllowsOneTrailingSlashAndIgnoresCase() {
    PathPattern p = route("/users");
    assertThat(p.match("/users")).isEqualTo(new PathMatch("/users", Map.of()));
    assertThat(p.match("/USERS/")).isEqualTo(new PathMatch("/USERS/", Map.of()));
    assertThat(p.match("/users//")).isNull();
    assertThat(p.match("/users/x")).isNull();
    assertThat(p.match("/usersx")).isNull();
    assertThat(p.match(null)).isNull();
  }

  @Test
  void strictAndSensitiveOptions() {
    PathPattern strict = PathPattern.compile("/users/", true, true, true);
    assertThat(strict.match("/users/")).isNotNull();
    assertThat(strict.match("/users")).isNull();
    assertThat(strict.match("/Users/")).isNull();
    assertThat(PathPattern.compile("/users/", false, false, true).match("/users")).isNotNull();
  }

  @Test
  void mountMatchesPrefixAtSegmentBoundaryAsSpelledInRequest() {
    PathPattern p = mount("/mw");
    assertThat(p.match("/MW/trace").matchedPath()).isEqualTo("/MW");
    assertThat(p.match("/mw").matchedPath()).isEqualTo("/mw");
    assertThat(p.match("/mw/").matchedPath()).isEqualTo("/mw/");
    assertThat(p.match("/mwx")).isNull();
    assertThat(p.match("/mw.json")).isNull();
    assertThat(mount("/mw/prefix").match("/mw/prefixed")).isNull();
    assertThat(mount("/mw/prefix").match("/mw/prefix/x").matchedPath()).isEqualTo("/mw/prefix");
  }

  @Test
  void rootMountMatchesEverythingWithEmptyPath() {
    PathPattern p = mount("/");
    for (String s : new String[] {"/", "/a/b", "", "x"}) {
      assertThat(p.match(s)).isEqualTo(new PathMatch("", Map.of()));
    }
    // inside an array the shortcut does not apply
    PathPattern element = PathPattern.compileArrayElement("/", false, false, false);
    assertThat(element.match("/a")).isNull();
    assertThat(element.match("/").matchedPath()).isEqualTo("/");
  }

  @Test
  void paramsAreDecodedAndOrdered() {
    PathMatch m = route("/users/:id/:name").match("/users/a%2Fb/caf%C3%A9");
    assertThat(m.params()).containsExactly(Map.entry("id", "a/b"), Map.entry("name", "café"));
    assertThat(route("/a").match("/a").params()).isSameAs(Map.of());
  }

  @Test
  void greedyBacktrackingSplitsLikePathToRegexp() {
    assertThat(route("/flights/:from-:to").match("/flights/A-B-C").params())
        .containsExactly(Map.entry("from", "A-B"), Map.entry("to", "C"));
    assertThat(route("/:file.:ext").match("/a.tar.gz").params())
        .containsExactly(Map.entry("file", "a.tar"), Map.entry("ext", "gz"));
  }

  @Test
  void optionalGroupsLeaveMissingParamsAbsent() {
    PathPattern p = route("/users{/:id}");
    assertThat(p.match("/users").params()).isEmpty();
    assertThat(p.match("/users/7").params()).containsExactly(Map.entry("id", "7"));
  }

  @Test
  void wildcardIsAListOfDecodedSegments() {
    PathMatch m = route("/files/*path").match("/files/a//b%20c/");
    assertThat(m.params().get("path")).isEqualTo(List.of("a", "", "b c", ""));
    assertThat(m.matchedPath()).isEqualTo("/files/a//b%20c/");
    assertThat(route("/files/*path").match("/files/")).isNull();
  }

  @Test
  void badEncodingIsA400WithRoutersMessage() {
    assertThatThrownBy(() -> route("/:a").match("/%E0%A4%A"))
        .isInstanceOfSatisfying(
            ParamDecodeException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.rawValue()).isEqualTo("%E0%A4%A");
            })
        .hasMessage("Failed to decode param '%E0%A4%A'");
    assertThatThrownBy(() -> route("/*a").match("/ok/%zz/x"))
        .isInstanceOf(ParamDecodeException.class)
        .hasMessage("Failed to decode param '%zz'");
  }

  @Test
  void syntaxErrorsCarryPathToRegexpsText() {
    assertThatThrownBy(() -> route("*"))
        .isInstanceOf(PathSyntaxException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Missing parameter name at index 1: *; visit https://git.new/pathToRegexpError for info");
    assertThatThrownBy(() -> route("/users/:id?"))
        .hasMessage("Unexpected ? at index 10: /users/:id?; visit https://git.new/pathToRegexpError for info");
    // the router trims trailing slashes before path-to-regexp sees the path
    assertThatThrownBy(() -> route("/:/"))
        .hasMessage("Missing parameter name at index 2: /:; visit https://git.new/pathToRegexpError for info");
    assertThatThrownBy(() -> PathPattern.compile("/:/", false, true, true))
        .hasMessage("Missing parameter name at index 2: /:/; visit https://git.new/pathToRegexpError for info");
    assertThatThrownBy(() -> route("/{a}{b}{c}{d}{e}{f}{g}{h}{i}"))
        .hasMessageStartingWith("Too many path combinations: ");
    assertThat(route("/{a}{b}{c}{d}{e}{f}{g}{h}").match("/abcdefgh")).isNotNull();
  }

  @Test
  void regexRoutesNameCapturesLikeRouter() {
    PathPattern p = PathPattern.regex(Pattern.compile("(?<x>a)(b)"), true);
    PathMatch m = p.match("/zab/");
    assertThat(m.matchedPath()).isEqualTo("ab");
    assertThat(m.params()).containsExactly(Map.entry("0", "b"), Map.entry("x", "a"));
    assertThat(p.isRegex()).isTrue();
    assertThat(p.firstSegment()).isNull();
    assertThat(p.caseSensitive()).isTrue();
    assertThat(PathPattern.regex(Pattern.compile("x", Pattern.CASE_INSENSITIVE), false).caseSensitive())
        .isFalse();
    // an escaped paren still counts, as in router
    assertThat(PathPattern.regex(Pattern.compile("\\((x)"), true).match("(x").params())
        .containsExactly(Map.entry("0", "x"));
    assertThat(PathPattern.regex(Pattern.compile("^/(\\d+)?$"), true).match("/").params()).isEmpty();
  }

  @Test
  void numericParamNamesComeFirstLikeJavaScriptObjects() {
    PathMatch m = route("/:b/:\"1\"/:\"0\"").match("/x/y/z");
    assertThat(m.params().keySet()).containsExactly("0", "1", "b");
  }

  @Test
  void firstSegmentIsTheFixedLeadingLiteral() {
    assertThat(route("/users/:id").firstSegment()).isEqualTo("users");
    assertThat(route("/Users").firstSegment()).isEqualTo("users");
    assertThat(PathPattern.compile("/Users", true, false, true).firstSegment()).isEqualTo("Users");
    assertThat(mount("/api").firstSegment()).isEqualTo("api");
    assertThat(route("/users{/:id}").firstSegment()).isEqualTo("users");
    assertThat(route("/users/*rest").firstSegment()).isEqualTo("users");
    assertThat(route("/book{s}").firstSegment()).isNull();
    assertThat(route("/users:id").firstSegment()).isNull();
    assertThat(route("/:id").firstSegment()).isNull();
    assertThat(route("/*all").firstSegment()).isNull();
    assertThat(route("/").firstSegment()).isNull();
    assertThat(route("").firstSegment()).isNull();
    assertThat(route("//x").firstSegment()).isNull();
    assertThat(mount("/").firstSegment()).isNull();
    assertThat(route("{/x}/y").firstSegment()).isNull();
    assertThat(route("/a\\:b/:c").firstSegment()).isEqualTo("a:b");
  }

  @Test
  void firstSegmentKeyFoldsRequestPathsTheSameWay() {
    assertThat(PathPattern.firstSegmentKey("/USERS/1", false)).isEqualTo("users");
    assertThat(PathPattern.firstSegmentKey("/USERS/1", true)).isEqualTo("USERS");
    assertThat(PathPattern.firstSegmentKey("/", false)).isEmpty();
    assertThat(PathPattern.firstSegmentKey("x", false)).isNull();
    // σ and ς have the same JavaScript canonical form, so the same key
    assertThat(route("/σ").match("/ς")).isNotNull();
    assertThat(PathPattern.firstSegmentKey("/ς", false)).isEqualTo(route("/σ/x").firstSegment());
  }

  @Test
  void caseFoldingFollowsJavaScriptNotJava() {
    assertThat(route("/s").match("/ſ")).isNull(); // long s
    assertThat(route("/k").match("/\u212a")).isNull(); // Kelvin sign
    assertThat(route("/i").match("/ı")).isNull(); // dotless i
    assertThat(route("/café").match("/CAFÉ")).isNotNull();
    assertThat(route("/ß").match("/SS")).isNull();
  }

  @Test
  void sourceIsThePathAsGiven() {
    assertThat(route("/users/").source()).isEqualTo("/users/");
    assertThat(route("/users/").toString()).isEqualTo("/users/");
    assertThat(route("/users/").caseSensitive()).isFalse();
    assertThat(route("/users/").isRegex()).isFalse();
  }
}
