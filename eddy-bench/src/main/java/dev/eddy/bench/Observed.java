package dev.eddy.bench;

import dev.eddy.ops.Logging;
import dev.eddy.ops.Tracing;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a production service runs for metrics and tracing, shared by every loop of the bench
 * server (EDDY_BENCH_JSON=observed): one Prometheus registry (with the JVM binders), and the
 * OpenTelemetry SDK with its default sampler (parent-based, always on: every request gets a
 * recorded span) and a batch span processor with default settings, in front of an exporter that
 * drops the batches. So the measured cost is everything up to the network: span creation,
 * attributes, the processor's queue and its worker thread; only the OTLP encoding and sending
 * are left out.
 */
final class Observed {
  private Observed() {}

  /** Spans that reached the exporter (read by nobody; kept so the JIT cannot drop the batch). */
  static final LongAdder EXPORTED = new LongAdder();

  private static final String RATIO = System.getProperty("eddy.bench.traceRatio", System.getenv("EDDY_BENCH_TRACE_RATIO"));
  private static final boolean EDDY_SAMPLES = "eddy".equals(System.getenv("EDDY_BENCH_SAMPLER"));

  /**
   * The tracing middleware's options: with EDDY_BENCH_SAMPLER=eddy and a ratio, Eddy samples
   * (Tracing.Options.sampleRatio); otherwise the SDK's sampler decides for every request.
   */
  static Tracing.Options tracingOptions() {
    Tracing.Options options = new Tracing.Options();
    if (EDDY_SAMPLES && RATIO != null) {
      options.sampleRatio(Double.parseDouble(RATIO));
    }
    return options;
  }

  private static final class Holder {
    static final PrometheusMeterRegistry REGISTRY;
    static final OpenTelemetry OTEL;

    static {
      Logging.configure(true, ch.qos.logback.classic.Level.INFO);
      REGISTRY = dev.eddy.ops.Metrics.prometheus();
      SpanExporter discard = new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
          EXPORTED.add(spans.size());
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
          return CompletableResultCode.ofSuccess();
        }
      };
      // -Deddy.bench.traceRatio=R (or EDDY_BENCH_TRACE_RATIO=R): parent-based trace-id-ratio sampling (what OTEL_TRACES_SAMPLER=
      // parentbased_traceidratio gives); unset: the SDK's default, every span recorded
      // With EDDY_BENCH_SAMPLER=eddy the ratio is applied by Eddy's middleware (Tracing.Options.sampleRatio)
      // and the SDK keeps its default sampler, as that option's javadoc asks.
      SdkTracerProvider tracing = SdkTracerProvider.builder()
          .setSampler(RATIO == null || EDDY_SAMPLES ? Sampler.parentBased(Sampler.alwaysOn())
              : Sampler.parentBased(Sampler.traceIdRatioBased(Double.parseDouble(RATIO))))
          .addSpanProcessor(BatchSpanProcessor.builder(discard).build())
          .build();
      OTEL = OpenTelemetrySdk.builder()
          .setTracerProvider(tracing)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
    }
  }

  /** The process's registry; the first call configures JSON logging, as a production service does. */
  static PrometheusMeterRegistry registry() {
    return Holder.REGISTRY;
  }

  /** The process's OpenTelemetry SDK. */
  static OpenTelemetry openTelemetry() {
    return Holder.OTEL;
  }
}
