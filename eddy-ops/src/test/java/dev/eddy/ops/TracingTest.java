package dev.eddy.ops;

import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.web.App;
import dev.eddy.web.Web;
import dev.eddy.web.test.TestClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {
  @Test
  void serverSpansContinueTheIncomingTraceAndChildSpansCoverBlockingWork() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    App app = Web.app().set("env", "test");
    app.use(Tracing.middleware(otel));
    app.get("/users/:id", Web.async((req, res) -> {
      String computed = await(Tracing.blocking(otel, req, "load user", () -> "user-" + Thread.currentThread().isVirtual()));
      Map<String, String> outgoing = new HashMap<>();
      Tracing.inject(otel, req, outgoing);
      res.json(Map.of("user", computed, "traceparent", outgoing.get("traceparent")));
    }));
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parent = "00f067aa0ba902b7";
    Object body;
    try (TestClient c = TestClient.inject(app)) {
      body = c.get("/users/7").header("traceparent", "00-" + traceId + "-" + parent + "-01").send().expect(200).json();
      c.get("/nothing").send().expect(404);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (exporter.getFinishedSpanItems().size() < 3 && System.nanoTime() < deadline) Thread.onSpinWait();
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData server = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("users")).findFirst().orElseThrow();
    assertThat(server.getName()).isEqualTo("GET /users/:id");
    assertThat(server.getTraceId()).isEqualTo(traceId);
    assertThat(server.getParentSpanId()).isEqualTo(parent);
    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/users/:id");
    SpanData child = spans.stream().filter(s -> s.getName().equals("load user")).findFirst().orElseThrow();
    assertThat(child.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat((String) ((Map<?, ?>) body).get("traceparent")).startsWith("00-" + traceId + "-" + server.getSpanId());
    SpanData notFound = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER && !s.getName().contains("users")).findFirst().orElseThrow();
    assertThat(notFound.getName()).isEqualTo("GET");
    assertThat(notFound.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
  }

  private static OpenTelemetrySdk sdk(InMemorySpanExporter exporter, Sampler sampler) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().setSampler(sampler)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  private static App echoTraceparent(OpenTelemetrySdk otel, boolean attributesForSampler) {
    App app = Web.app().set("env", "test");
    app.use(Tracing.middleware(otel, attributesForSampler));
    app.get("/*path", (req, res) -> {
      Map<String, String> outgoing = new HashMap<>();
      Tracing.inject(otel, req, outgoing);
      res.send(outgoing.getOrDefault("traceparent", "none"));
    });
    return app;
  }

  @Test
  void recordedSpansCarryTheRequestAttributesAndAnUnsampledRequestStillPropagatesItsTrace() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = sdk(exporter, Sampler.parentBased(Sampler.alwaysOff()));
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    try (TestClient c = TestClient.inject(echoTraceparent(otel, false))) {
      String sampled = c.get("/kept?q=1").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").send().expect(200).text();
      String unsampled = c.get("/dropped").header("traceparent", "00-" + traceId + "-00f067aa0ba902b8-00").send().expect(200).text();
      assertThat(sampled).startsWith("00-" + traceId + "-").endsWith("-01");
      // the same trace, a new (unrecorded) span of its own, still flagged not sampled downstream
      assertThat(unsampled).startsWith("00-" + traceId + "-").endsWith("-00").doesNotContain("00f067aa0ba902b8");
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).singleElement().satisfies(span -> {
      assertThat(span.getName()).isEqualTo("GET /*path");
      assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("GET");
      assertThat(span.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/kept");
      assertThat(span.getAttributes().get(AttributeKey.stringKey("client.address"))).isNotBlank();
      assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    });
  }

  @Test
  void aSamplerSeesTheRequestAttributesOnlyWhenAskedFor() throws Exception {
    // keeps the requests whose url.path starts with /keep: it needs the attributes at sampling time
    Sampler byPath = new Sampler() {
      @Override
      public SamplingResult shouldSample(io.opentelemetry.context.Context parent, String traceId, String name,
          SpanKind kind, io.opentelemetry.api.common.Attributes attributes, List<io.opentelemetry.sdk.trace.data.LinkData> links) {
        String path = attributes.get(AttributeKey.stringKey("url.path"));
        return path != null && path.startsWith("/keep") ? SamplingResult.recordAndSample() : SamplingResult.drop();
      }

      @Override
      public String getDescription() {
        return "by path";
      }
    };
    for (boolean forSampler : new boolean[] {true, false}) {
      InMemorySpanExporter exporter = InMemorySpanExporter.create();
      OpenTelemetrySdk otel = sdk(exporter, byPath);
      try (TestClient c = TestClient.inject(echoTraceparent(otel, forSampler))) {
        c.get("/keep/me").send().expect(200);
        c.get("/drop/me").send().expect(200);
      }
      List<String> paths = exporter.getFinishedSpanItems().stream()
          .map(s -> s.getAttributes().get(AttributeKey.stringKey("url.path"))).toList();
      assertThat(paths).as("attributesForSampler=%s", forSampler).isEqualTo(forSampler ? List.of("/keep/me") : List.of());
    }
  }
  private static App echoTraceparent(OpenTelemetrySdk otel, Tracing.Options options) {
    App app = Web.app().set("env", "test");
    app.use(Tracing.middleware(otel, options));
    app.get("/*path", (req, res) -> {
      Map<String, String> outgoing = new HashMap<>();
      Tracing.inject(otel, req, outgoing);
      res.send(outgoing.getOrDefault("traceparent", "none") + " " + String.join(" ", Tracing.ids(req)));
    });
    return app;
  }

  @Test
  void eddysSamplerLeavesUnchosenRequestsOutOfTheSdkButGivesThemAValidTrace() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = sdk(exporter, Sampler.parentBased(Sampler.alwaysOn()));
    java.util.Set<String> traces = new java.util.HashSet<>();
    try (TestClient c = TestClient.inject(echoTraceparent(otel, new Tracing.Options().sampleRatio(0)))) {
      for (int i = 0; i < 20; i++) {
        String[] out = c.get("/new").send().expect(200).text().split(" ");
        // traceparent 00-<trace>-<span>-00, and the same ids for the log lines
        assertThat(out[0]).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
        String[] parts = out[0].split("-");
        assertThat(io.opentelemetry.api.trace.TraceId.isValid(parts[1])).isTrue();
        assertThat(io.opentelemetry.api.trace.SpanId.isValid(parts[2])).isTrue();
        assertThat(out[1]).isEqualTo(parts[1]);
        assertThat(out[2]).isEqualTo(parts[2]);
        traces.add(parts[1]);
      }
    }
    assertThat(traces).hasSize(20); // a new trace per request
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void eddysSamplerFollowsTheCallersDecision() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = sdk(exporter, Sampler.parentBased(Sampler.alwaysOn()));
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    try (TestClient c = TestClient.inject(echoTraceparent(otel, new Tracing.Options().sampleRatio(0)))) {
      // the caller sampled it: recorded through the SDK although the ratio is 0
      String kept = c.get("/kept").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").send().expect(200).text();
      assertThat(kept).startsWith("00-" + traceId + "-").contains("-01 ");
    }
    try (TestClient c = TestClient.inject(echoTraceparent(otel, new Tracing.Options().sampleRatio(1)))) {
      // the caller did not: not recorded although the ratio is 1; the trace and its state go on
      String dropped = c.get("/dropped").header("traceparent", "00-" + traceId + "-00f067aa0ba902b8-00")
          .header("tracestate", "vendor=abc").send().expect(200).text();
      assertThat(dropped).startsWith("00-" + traceId + "-").contains("-00 ").doesNotContain("00f067aa0ba902b8");
      Map<String, String> headers = new HashMap<>();
      // what a downstream call carries: the caller's trace state too
      io.opentelemetry.context.Context ctx = W3CTraceContextPropagator.getInstance().extract(
          io.opentelemetry.context.Context.root(), Map.of("traceparent", dropped.split(" ")[0], "tracestate", "vendor=abc"),
          new io.opentelemetry.context.propagation.TextMapGetter<Map<String, String>>() {
            public Iterable<String> keys(Map<String, String> m) {
              return m.keySet();
            }

            public String get(Map<String, String> m, String k) {
              return m == null ? null : m.get(k);
            }
          });
      assertThat(io.opentelemetry.api.trace.Span.fromContext(ctx).getSpanContext().isValid()).isTrue();
      // a new trace with ratio 1 is recorded
      c.get("/new").send().expect(200);
    }
    List<String> recorded = exporter.getFinishedSpanItems().stream().map(s -> s.getAttributes().get(AttributeKey.stringKey("url.path"))).toList();
    assertThat(recorded).containsExactlyInAnyOrder("/kept", "/new");
  }

  @Test
  void unsampledRequestsKeepTheirTraceStateForDownstreamCalls() throws Exception {
    OpenTelemetrySdk otel = sdk(InMemorySpanExporter.create(), Sampler.parentBased(Sampler.alwaysOn()));
    App app = Web.app().set("env", "test");
    app.use(Tracing.middleware(otel, new Tracing.Options().sampleRatio(1)));
    app.get("/", (req, res) -> {
      Map<String, String> outgoing = new HashMap<>();
      Tracing.inject(otel, req, outgoing);
      res.send(outgoing.getOrDefault("tracestate", "none"));
    });
    try (TestClient c = TestClient.inject(app)) {
      String state = c.get("/").header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b8-00")
          .header("tracestate", "vendor=abc").send().expect(200).text();
      assertThat(state).isEqualTo("vendor=abc");
    }
  }

  @Test
  void eddysSamplerRecordsAboutItsRatioOfNewTraces() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = sdk(exporter, Sampler.parentBased(Sampler.alwaysOn()));
    int requests = 400;
    try (TestClient c = TestClient.inject(echoTraceparent(otel, new Tracing.Options().sampleRatio(0.25)))) {
      for (int i = 0; i < requests; i++) {
        c.get("/r").send().expect(200);
      }
    }
    // binomial(400, 0.25): mean 100, standard deviation 8.7; 50..150 is beyond 5.7 deviations
    assertThat(exporter.getFinishedSpanItems().size()).isBetween(50, 150);
  }

  @Test
  void aSampleRatioOutsideZeroToOneIsRefusedWithTheRange() {
    for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Tracing.Options().sampleRatio(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("between 0 and 1");
    }
  }
}
