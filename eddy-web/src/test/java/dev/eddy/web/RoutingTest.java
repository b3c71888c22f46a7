package dev.eddy.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.web.test.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Express 5's routing rules, through a real server and {@link TestClient}. */
class RoutingTest {
  private static App app() {
    return Web.app().set("env", "production");
  }

  @Test
  void paramsAreDecodedAndMatchingIsCaseInsensitiveAndNonStrict() {
    App app = app();
    app.get("/users/:id", (req, res) -> res.json(req.params()));
    try (TestClient c = TestClient.start(app)) {
      c.get("/users/a%20b").expect(200).expectJson(Map.of("id", "a b"));
      c.get("/USERS/7/").expect(200).expectJson(Map.of("id", "7"));
      c.get("/users/%E0%A4%A").expect(400).expectBody(App.errorDocument("Bad Request"));
      c.get("/users").expect(404).expectBody(App.errorDocument("Cannot GET /users"));
    }
  }

  @Test
  void wildcardOptionalGroupsAndRegexpRoutes() {
    App app = app();
    app.get("/files/*path", (req, res) -> res.json(req.params()));
    app.get("/posts{/:slug}", (req, res) -> res.json(req.params()));
    app.get(Pattern.compile("^/re/(\\d+)$"), (req, res) -> res.json(req.params()));
    try (TestClient c = TestClient.start(app)) {
      c.get("/files/a//b%20c").expect(200).expectJson(Map.of("path", List.of("a", "", "b c")));
      c.get("/posts").expect(200).expectJson(Map.of());
      c.get("/posts/hi").expect(200).expectJson(Map.of("slug", "hi"));
      c.get("/re/42").expect(200).expectJson(Map.of("0", "42"));
      c.get("/re/x").expect(404);
    }
  }

  @Test
  void invalidPathsFailAtRegistrationWithPathToRegexpsMessage() {
    App app = app();
    assertThatThrownBy(() -> app.get("*", (req, res) -> res.end()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Missing parameter name at index 1: *");
    assertThatThrownBy(() -> app.get("/x", new Middleware[0])).hasMessage("argument handler is required");
  }

  @Test
  void mountsStripTheirPrefixAndRestoreIt() {
    App app = app();
    Router api = Web.router();
    api.get("/info", (req, res) -> res.json(Map.of("baseUrl", req.baseUrl(), "url", req.url(), "path", req.path(),
        "originalUrl", req.originalUrl())));
    app.use("/api", api);
    app.use((req, res) -> res.status(404).json(Map.of("url", req.url(), "baseUrl", req.baseUrl())));
    try (TestClient c = TestClient.start(app)) {
      c.get("/API/info?x=1").expect(200)
          .expectJson(Map.of("baseUrl", "/API", "url", "/info?x=1", "path", "/info", "originalUrl", "/API/info?x=1"));
      c.get("/api/nothing?q").expect(404).expectJson(Map.of("url", "/api/nothing?q", "baseUrl", ""));
      c.get("/apix/info").expect(404);
    }
  }

  @Test
  void nextRouteNextRouterAndErrorsSkipNormalHandlers() {
    App app = app();
    List<String> trace = new ArrayList<>();
    Router r = Web.router();
    r.get("/a", (req, res, next) -> { trace.add("r1"); next.skipRoute(); }, (req, res, next) -> trace.add("never"));
    r.get("/a", (req, res, next) -> { trace.add("r2"); next.exitRouter(); });
    r.get("/a", (req, res) -> trace.add("never"));
    app.use(r);
    app.get("/a", (req, res, next) -> { trace.add("app"); next.fail(new HttpError(418, "tea")); });
    app.get("/a", (req, res) -> trace.add("skipped by error"));
    app.use((Throwable err, Request req, Response res, Next next) -> res.status(((HttpError) err).status()).json(trace));
    try (TestClient c = TestClient.start(app)) {
      c.get("/a").expect(418).expectJson(List.of("r1", "r2", "app"));
    }
  }

  @Test
  void paramHooksRunOncePerValueBeforeTheFirstRoute() {
    App app = app();
    List<String> calls = new ArrayList<>();
    app.param("id", (req, res, next, value, name) -> {
      calls.add(name + "=" + value);
      next.run();
    });
    app.get("/x/:id", (req, res, next) -> next.run());
    app.get("/x/:id", (req, res) -> res.json(calls));
    try (TestClient c = TestClient.start(app)) {
      c.get("/x/5").expect(200).expectJson(List.of("id=5"));
    }
  }

  @Test
  void mergeParamsGivesChildRoutersTheParentsParams() {
    App app = app();
    Router posts = Web.router(RouterOptions.defaults().withMergeParams(true));
    posts.get("/:postId", (req, res) -> res.json(req.params()));
    Router isolated = Web.router();
    isolated.get("/:postId", (req, res) -> res.json(req.params()));
    app.use("/users/:userId/posts", posts);
    app.use("/u/:userId/posts", isolated);
    try (TestClient c = TestClient.start(app)) {
      c.get("/users/3/posts/9").expect(200).expectJson(Map.of("userId", "3", "postId", "9"));
      c.get("/u/3/posts/9").expect(200).expectJson(Map.of("postId", "9"));
    }
  }

  @Test
  void automaticHeadAndOptions() {
    App app = app();
    app.get("/thing", (req, res) -> res.send("body"));
    app.post("/thing", (req, res) -> res.send("posted"));
    app.delete("/thing", (req, res) -> res.sendStatus(204));
    try (TestClient c = TestClient.start(app)) {
      c.head("/thing").expect(200).expectHeader("Content-Length", "4").expectBody("");
      c.options("/thing").expect(200).expectHeader("Allow", "DELETE, GET, HEAD, POST")
          .expectHeader("Content-Type", "text/plain").expectBody("DELETE, GET, HEAD, POST");
      c.options("/nothing").expect(404);
      c.request("PUT", "/thing").expect(404);
    }
  }

  @Test
  void strictAndCaseSensitiveRouters() {
    App app = app();
    Router strict = Web.router(RouterOptions.defaults().withStrict(true).withCaseSensitive(true));
    strict.get("/Exact", (req, res) -> res.send("exact"));
    strict.get("/dir/", (req, res) -> res.send("dir"));
    app.use("/s", strict);
    try (TestClient c = TestClient.start(app)) {
      c.get("/s/Exact").expect(200).expectBody("exact");
      c.get("/s/exact").expect(404);
      c.get("/s/Exact/").expect(404);
      c.get("/s/dir/").expect(200);
      c.get("/s/dir").expect(404);
    }
  }

  @Test
  void mountedAppsUseTheirOwnSettingsAndKnowTheirMount() {
    App app = app();
    App admin = Web.app().set("json spaces", 2);
    record Info(String mount, String base) {}
    admin.get("/", (req, res) -> res.json(new Info(req.app().mountPath(), req.baseUrl())));
    app.use("/admin", admin);
    app.get("/", (req, res) -> res.json(Map.of("top", true)));
    try (TestClient c = TestClient.start(app)) {
      c.get("/admin").expect(200).expectBody("{\n  \"mount\": \"/admin\",\n  \"base\": \"/admin\"\n}");
      c.get("/").expect(200).expectBody("{\"top\":true}");
    }
  }

  @Test
  void manyMiddlewareCallingNextSynchronouslyDoNotOverflowTheStack() {
    App app = app();
    for (int i = 0; i < 5_000; i++) app.use((req, res, next) -> next.run());
    app.get("/deep", (req, res) -> res.send("ok"));
    try (TestClient c = TestClient.start(app)) {
      c.get("/deep").expect(200).expectBody("ok");
    }
  }

  @Test
  void theRouteIndexKeepsRegistrationOrderAcrossLiteralAndDynamicLayers() {
    App app = app();
    List<String> trace = new ArrayList<>();
    app.use((req, res, next) -> { trace.clear(); trace.add("use"); next.run(); });
    for (int i = 0; i < 1000; i++) {
      String name = "r" + i;
      app.get("/" + name + "/:id", (req, res) -> res.json(List.of(name, req.param("id"), trace)));
      if (i == 500) {
        app.get("/:first/:id", (req, res, next) -> { trace.add("dynamic"); next.run(); });
        app.use("/r700", (req, res, next) -> { trace.add("mounted"); next.run(); });
      }
    }
    try (TestClient c = TestClient.start(app)) {
      c.get("/r3/x").expect(200).expectJson(List.of("r3", "x", List.of("use")));
      c.get("/R999/y").expect(200).expectJson(List.of("r999", "y", List.of("use", "dynamic")));
      c.get("/r700/z").expect(200).expectJson(List.of("r700", "z", List.of("use", "dynamic", "mounted")));
      c.get("/nothing/here").expect(404);
    }
  }

  @Test
  void routePatternIncludesMountPatternsNotValues() {
    App app = app();
    Router posts = Web.router(RouterOptions.defaults().withMergeParams(true));
    posts.get("/:postId", (req, res) -> res.send(req.routePattern()));
    posts.get("/", (req, res) -> res.send(req.routePattern()));
    Router api = Web.router();
    api.use("/users/:userId/posts", posts);
    app.use("/api", api);
    app.get("/top/:x", (req, res) -> res.send(req.routePattern()));
    try (TestClient c = TestClient.start(app)) {
      c.get("/API/users/17/posts/3").expect(200).expectBody("/api/users/:userId/posts/:postId");
      c.get("/api/users/17/posts").expect(200).expectBody("/api/users/:userId/posts");
      c.get("/top/1").expect(200).expectBody("/top/:x");
    }
  }

  @Test
  void queryIsParsedFlatWithRepeatsAsLists() {
    App app = app();
    app.get("/q", (req, res) -> res.json(req.query()));
    try (TestClient c = TestClient.start(app)) {
      c.get("/q?a=1&a=2&user[name]=x&b&c=100%&d=a+b").expect(200)
          .expectJson(Map.of("a", List.of("1", "2"), "user[name]", "x", "b", "", "c", "100%", "d", "a b"));
    }
  }
}
