package dev.eddy.ops.internal;

import dev.eddy.internal.StringBytes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The span context of a request that Eddy's own sampler chose not to record: valid ids, the
 * not-sampled flag and the caller's trace state, made without the SDK. Ids are drawn as random
 * longs and written as hex only when something reads them (a log line, an outgoing {@code
 * traceparent}), since most unsampled requests never show them. Immutable; any thread.
 */
public final class UnsampledSpanContext implements SpanContext {
  private final long traceHi;
  private final long traceLo;
  private final long span;
  private final TraceState traceState;
  // Hex forms, made on first read; a race only builds equal strings twice.
  private String traceId;
  private String spanId;

  private UnsampledSpanContext(String traceId, long traceHi, long traceLo, TraceState traceState) {
    this.traceId = traceId;
    this.traceHi = traceHi;
    this.traceLo = traceLo;
    this.span = nonZero();
    this.traceState = traceState;
  }

  /** A new trace: random trace and span ids, default trace state. */
  public static UnsampledSpanContext newTrace() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = r.nextLong();
    long lo = nonZero();
    return new UnsampledSpanContext(null, hi, lo, TraceState.getDefault());
  }

  /** A new span of the caller's trace (its id and state), which the caller did not sample. */
  public static UnsampledSpanContext childOf(SpanContext parent) {
    return new UnsampledSpanContext(parent.getTraceId(), 0, 0, parent.getTraceState());
  }

  private static long nonZero() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long v;
    do {
      v = r.nextLong();
    } while (v == 0);
    return v;
  }

  // Hex by StringBytes, not TraceId.fromLongs / SpanId.fromLong: those encode into a per-thread
  // buffer that the W3C propagator is filling while it reads these ids, and a lazy id would
  // overwrite its traceparent.
  @Override
  public String getTraceId() {
    String id = traceId;
    if (id == null) {
      byte[] hex = new byte[32];
      StringBytes.putHex(hex, 0, traceHi);
      StringBytes.putHex(hex, 16, traceLo);
      traceId = id = new String(hex, StandardCharsets.ISO_8859_1);
    }
    return id;
  }

  @Override
  public String getSpanId() {
    String id = spanId;
    if (id == null) {
      byte[] hex = new byte[16];
      StringBytes.putHex(hex, 0, span);
      spanId = id = new String(hex, StandardCharsets.ISO_8859_1);
    }
    return id;
  }

  @Override
  public TraceFlags getTraceFlags() {
    return TraceFlags.getDefault();
  }

  @Override
  public TraceState getTraceState() {
    return traceState;
  }

  @Override
  public boolean isRemote() {
    return false;
  }

  /** Always: the span id is never zero, nor the trace id (its low half, or the caller's valid one). */
  @Override
  public boolean isValid() {
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpanContext other
        && getTraceId().equals(other.getTraceId())
        && getSpanId().equals(other.getSpanId())
        && getTraceFlags().equals(other.getTraceFlags())
        && getTraceState().equals(other.getTraceState())
        && other.isRemote() == isRemote();
  }

  @Override
  public int hashCode() {
    return getTraceId().hashCode() * 31 + getSpanId().hashCode();
  }

  @Override
  public String toString() {
    return "SpanContext{traceId=" + getTraceId() + ", spanId=" + getSpanId() + ", traceFlags=00, unsampled by Eddy}";
  }
}
