package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import dev.eddy.web.test.TestResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ValidateTest {
  enum Role { ADMIN, EDITOR, VIEWER }

  record Address(@NotBlank String street, @NotNull @Pattern(regexp = "\\d{5}", message = "must be five digits") String zip) {}

  record Item(@NotBlank String sku, @Min(1) int qty) {}

  record CreateUser(
      @NotBlank @Size(max = 20) String name,
      @NotNull @Email String email,
      @Min(13) int age,
      @NotNull Role role,
      @Valid @NotNull Address address,
      @Size(max = 3) List<@NotBlank String> tags,
      List<@Valid Item> items,
      Map<String, @Min(0) Integer> scores,
      Optional<String> nickname,
      UUID invite,
      BigDecimal balance,
      boolean admin) {}

  record Page(@Min(1) Integer page, @Max(100) Integer size, List<String> sort, Set<String> fields, Boolean archived, Role role) {}

  record UserId(@Positive int id, String slug) {}

  record Range(int from, int to) {
    Range {
      if (from > to) throw new IllegalArgumentException("from must not be after to");
    }
  }

  record Signup(@NotBlank String password, @NotBlank String confirm) {
    @AssertTrue(message = "passwords must match")
    boolean isConfirmed() {
      return password == null || password.equals(confirm);
    }
  }

  private static App app(Consumer<App> routes) {
    App app = Web.app();
    app.use(Web.json());
    app.use(Web.urlencoded());
    routes.accept(app);
    return app;
  }

  private static Map<String, Object> validUser() {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("name", "Ada");
    u.put("email", "ada@example.com");
    u.put("age", 36);
    u.put("role", "ADMIN");
    u.put("address", Map.of("street", "1 Loop Rd", "zip", "12345"));
    u.put("tags", List.of("math", "engines"));
    u.put("items", List.of(Map.of("sku", "A-1", "qty", 2)));
    u.put("scores", Map.of("chess", 3));
    u.put("invite", "123e4567-e89b-12d3-a456-426614174000");
    u.put("balance", 12.5);
    return u;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> details(TestResponse r) {
    r.expect(400).expectHeader("Content-Type", "application/json; charset=utf-8");
    Map<String, Object> body = (Map<String, Object>) r.json();
    assertThat(body.get("error")).isEqualTo("validation failed");
    return (List<Map<String, Object>>) body.get("details");
  }

  private static Map<String, Object> d(String location, String path, String message, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("location", location);
    m.put("path", path);
    m.put("message", message);
    if (value != null) m.put("value", value);
    return m;
  }

  private static TestClient users() {
    return TestClient.start(app(app -> app.post("/users", Validate.body(CreateUser.class), (req, res) -> {
      CreateUser u = Validate.body(req, CreateUser.class);
      res.json(Map.of("name", u.name(), "zip", u.address().zip(), "role", u.role(), "qty", u.items().get(0).qty(),
          "nickname", u.nickname().orElse("-"), "invite", u.invite().toString(), "balance", u.balance().toPlainString(),
          "unknownKept", false));
    })));
  }

  @Test
  void aValidBodyReachesTheHandlerTypedAndUnknownFieldsAreIgnored() {
    try (TestClient c = users()) {
      Map<String, Object> body = validUser();
      body.put("isAdmin", true); // not a field: ignored, never assigned
      body.put("_csrf", "token");
      c.post("/users").json(body).expect(200).expectJson(Map.of("name", "Ada", "zip", "12345", "role", "ADMIN", "qty", 2,
          "nickname", "-", "invite", "123e4567-e89b-12d3-a456-426614174000", "balance", "12.5", "unknownKept", false));
    }
  }

  @Test
  void everyErrorIsReportedAtOnceWithItsPath() {
    try (TestClient c = users()) {
      Map<String, Object> body = validUser();
      body.put("name", "");
      body.put("email", "not-an-email");
      body.put("age", "ten");
      body.put("role", "OWNER");
      body.put("address", Map.of("street", " ", "zip", "1234"));
      body.put("tags", List.of("ok", "", "x", "y"));
      body.put("items", List.of(Map.of("sku", "A", "qty", 0), Map.of("sku", "", "qty", 1.5)));
      body.put("scores", Map.of("chess", -1, "go", "many"));
      body.put("invite", "nope");
      body.put("balance", "12");
      body.put("admin", "yes");
      assertThat(details(c.post("/users").json(body).send())).containsExactly(
          d("body", "address.street", "must not be blank", " "),
          d("body", "address.zip", "must be five digits", "1234"),
          d("body", "admin", "must be a boolean", "yes"),
          d("body", "age", "must be an integer", "ten"),
          d("body", "balance", "must be a number", "12"),
          d("body", "email", "must be a well-formed email address", "not-an-email"),
          d("body", "invite", "must be a valid UUID", "nope"),
          d("body", "items[0].qty", "must be greater than or equal to 1", 0),
          d("body", "items[1].qty", "must be an integer", 1.5),
          d("body", "items[1].sku", "must not be blank", ""),
          d("body", "name", "must not be blank", ""),
          d("body", "role", "must be one of [ADMIN, EDITOR, VIEWER]", "OWNER"),
          d("body", "scores[chess]", "must be greater than or equal to 0", -1),
          d("body", "scores[go]", "must be an integer", "many"),
          d("body", "tags", "size must be between 0 and 3", null),
          d("body", "tags[1]", "must not be blank", ""));
    }
  }

  @Test
  void missingFieldsAndWrongShapes() {
    try (TestClient c = users()) {
      // missing: reference fields are null (then @NotNull speaks), primitives are required
      assertThat(details(c.post("/users").json(Map.of()).send())).containsExactly(
          d("body", "address", "must not be null", null),
          d("body", "age", "is required", null),
          d("body", "email", "must not be null", null),
          d("body", "name", "must not be blank", null),
          d("body", "role", "must not be null", null));
      Map<String, Object> body = validUser();
      body.put("address", "somewhere");
      body.put("tags", "one");
      body.put("items", Map.of("sku", "x"));
      body.put("name", 42);
      body.put("age", null);
      assertThat(details(c.post("/users").json(body).send())).containsExactly(
          d("body", "address", "must be an object", "somewhere"),
          d("body", "age", "is required", null),
          d("body", "items", "must be an array", null),
          d("body", "name", "must be a string", 42),
          d("body", "tags", "must be an array", "one"));
      assertThat(details(c.post("/users").json(List.of(1, 2)).send()))
          .containsExactly(d("body", "", "must be an object", null));
      // no body a parser understood: the body is required
      assertThat(details(c.post("/users").body("name=Ada").send())).containsExactly(d("body", "", "is required", null));
      assertThat(details(c.post("/users").send())).containsExactly(d("body", "", "is required", null));
    }
  }

  @Test
  void numbersAreCheckedForRangeAndFractions() {
    record Numbers(int i, long l, byte b, Double d, BigDecimal big) {}
    try (TestClient c = TestClient.start(app(a -> a.post("/n", Validate.body(Numbers.class),
        (req, res) -> res.json(Validate.body(req, Numbers.class)))))) {
      c.post("/n").json(Map.of("i", 2.0, "l", 9007199254740991L, "b", -128, "d", 1, "big", 0.1)).expect(200)
          .expectJson(Map.of("i", 2, "l", 9007199254740991L, "b", -128, "d", 1, "big", 0.1));
      assertThat(details(c.post("/n").json(Map.of("i", 2147483648L, "l", 1.0e19, "b", 128, "d", true, "big", "1")).send()))
          .containsExactly(
              d("body", "b", "must be between -128 and 127", 128),
              d("body", "big", "must be a number", "1"),
              d("body", "d", "must be a number", true),
              d("body", "i", "must be between -2147483648 and 2147483647", 2147483648L),
              d("body", "l", "must be between -9223372036854775808 and 9223372036854775807", 1.0e19));
    }
  }

  @Test
  void queryStringsBindFromStringsAndRepeatedKeysFillLists() {
    try (TestClient c = TestClient.start(app(a -> a.get("/search", Validate.query(Page.class),
        (req, res) -> res.json(Validate.query(req, Page.class)))))) {
      c.get("/search?page=2&size=50&sort=name&sort=-age&fields=a&fields=b&fields=a&archived=true&role=VIEWER&utm_source=x")
          .send().expect(200).expectJson(Map.of("page", 2, "size", 50, "sort", List.of("name", "-age"),
              "fields", List.of("a", "b"), "archived", true, "role", "VIEWER"));
      // a key given once is a one-element list; absent ones are null
      c.get("/search?sort=name").send().expect(200).expectJson(new LinkedHashMap<>(Map.of("sort", List.of("name"))) {{
          put("page", null); put("size", null); put("fields", null); put("archived", null); put("role", null); }});
      assertThat(details(c.get("/search?page=0&size=1e3&archived=yes&page=3&role=viewer").send())).containsExactly(
          d("query", "archived", "must be a boolean", "yes"),
          d("query", "page", "must be a single value", null),
          d("query", "role", "must be one of [ADMIN, EDITOR, VIEWER]", "viewer"),
          d("query", "size", "must be an integer", "1e3"));
      assertThat(details(c.get("/search?page=0&size=-5&page=").send())).containsExactly(
          d("query", "page", "must be a single value", null));
      assertThat(details(c.get("/search?page=0").send())).containsExactly(
          d("query", "page", "must be greater than or equal to 1", 0));
      assertThat(details(c.get("/search?page=%20").send())).containsExactly(d("query", "page", "must be an integer", " "));
    }
  }

  @Test
  void routeParamsBindIntoInts() {
    try (TestClient c = TestClient.start(app(a -> a.get("/users/:id/:slug", Validate.params(UserId.class),
        (req, res) -> res.json(Map.of("id", Validate.params(req, UserId.class).id() + 1)))))) {
      c.get("/users/41/ada").send().expect(200).expectJson(Map.of("id", 42));
      assertThat(details(c.get("/users/abc/ada").send())).containsExactly(d("params", "id", "must be an integer", "abc"));
      assertThat(details(c.get("/users/0/ada").send())).containsExactly(d("params", "id", "must be greater than 0", 0));
      assertThat(details(c.get("/users/99999999999/ada").send()))
          .containsExactly(d("params", "id", "must be between -2147483648 and 2147483647", "99999999999"));
    }
  }

  @Test
  void formBodiesBindFromStrings() {
    record Login(@NotBlank String user, @Min(0) int attempts, boolean remember) {}
    try (TestClient c = TestClient.start(app(a -> a.post("/login", Validate.body(Login.class),
        (req, res) -> res.json(Validate.body(req, Login.class)))))) {
      c.post("/login").form(Map.of("user", "ada", "attempts", "3", "remember", "true", "_csrf", "t")).expect(200)
          .expectJson(Map.of("user", "ada", "attempts", 3, "remember", true));
      // an unchecked checkbox is absent: false
      c.post("/login").form(Map.of("user", "ada", "attempts", "3")).expect(200)
          .expectJson(Map.of("user", "ada", "attempts", 3, "remember", false));
      assertThat(details(c.post("/login").form(Map.of("user", "", "attempts", "x")).send())).containsExactly(
          d("body", "attempts", "must be an integer", "x"),
          d("body", "user", "must not be blank", ""));
    }
  }

  @Test
  void severalPartsAreReportedTogether() {
    record Body(@NotEmpty List<@Valid Item> items) {}
    try (TestClient c = TestClient.start(app(a -> a.post("/users/:id/orders", Validate.request(UserId.class, Page.class, Body.class),
        (req, res) -> res.json(Map.of("id", Validate.params(req, UserId.class).id(),
            "page", Validate.query(req, Page.class).page(), "items", Validate.body(req, Body.class).items().size())))))) {
      c.post("/users/7/orders?page=1").json(Map.of("items", List.of(Map.of("sku", "a", "qty", 1)))).expect(200)
          .expectJson(Map.of("id", 7, "page", 1, "items", 1));
      assertThat(details(c.post("/users/x/orders?page=0").json(Map.of("items", List.of())).send())).containsExactly(
          d("params", "id", "must be an integer", "x"),
          d("query", "page", "must be greater than or equal to 1", 0),
          d("body", "items", "must not be empty", null));
    }
  }

  @Test
  void recordLevelRulesAndConstructorChecks() {
    try (TestClient c = TestClient.start(app(a -> {
      a.post("/signup", Validate.body(Signup.class), (req, res) -> res.json(Map.of("ok", true)));
      a.get("/range", Validate.query(Range.class), (req, res) -> res.json(Validate.query(req, Range.class)));
    }))) {
      c.post("/signup").json(Map.of("password", "a", "confirm", "a")).expect(200);
      assertThat(details(c.post("/signup").json(Map.of("password", "a", "confirm", "b")).send()))
          .containsExactly(d("body", "confirmed", "passwords must match", false));
      c.get("/range?from=1&to=2").send().expect(200).expectJson(Map.of("from", 1, "to", 2));
      assertThat(details(c.get("/range?from=3&to=2").send())).containsExactly(d("query", "", "from must not be after to", null));
      // a type error is reported, not the constructor's complaint about the stand-in value
      assertThat(details(c.get("/range?from=x&to=2").send())).containsExactly(d("query", "from", "must be an integer", "x"));
    }
  }

  @Test
  void theTypedValueIsOnlyThereAfterTheMiddleware() {
    try (TestClient c = TestClient.start(app(a -> {
      a.set("env", "production");
      a.get("/nothing", (req, res) -> res.json(Map.of("v", String.valueOf(Validate.query(req, Page.class)))));
    }))) {
      java.util.logging.Logger.getLogger("dev.eddy.web").setLevel(java.util.logging.Level.OFF);
      c.get("/nothing").send().expect(500);
    }
    assertThatThrownBy(() -> Validate.body(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Validate.request(null, null, null)).hasMessageContaining("at least one type");
  }

  @Test
  void checkValidatesAnObjectBuiltElsewhere() {
    assertThat(Validate.check("body", new Item("", 0))).containsExactly(
        new ValidationError("body", "qty", "must be greater than or equal to 1", 0),
        new ValidationError("body", "sku", "must not be blank", ""));
    assertThat(Validate.check("body", new Item("a", 1))).isEmpty();
  }

  @Test
  void utf8AndEscapesSurviveInValues() {
    try (TestClient c = users()) {
      Map<String, Object> body = validUser();
      body.put("name", "Ünïcödé name that is too long for twenty");
      List<Map<String, Object>> got = details(c.post("/users").json(body).send());
      assertThat(got).containsExactly(d("body", "name", "size must be between 0 and 20", "Ünïcödé name that is too long for twenty"));
      assertThat(new String("x".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("x");
    }
  }

  @Test
  void manyRequestsShareTheSameBinder() {
    try (TestClient c = users()) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 20; i++) statuses.add(c.post("/users").json(validUser()).send().status());
      assertThat(statuses).containsOnly(200);
    }
  }
}
