package dev.eddy.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnsampledSpanContextTest {
  @Test
  void newTracesHaveValidDistinctIdsAndTheNotSampledFlag() {
    Set<String> traces = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      SpanContext c = UnsampledSpanContext.newTrace();
      assertThat(TraceId.isValid(c.getTraceId())).as(c.getTraceId()).isTrue();
      assertThat(SpanId.isValid(c.getSpanId())).as(c.getSpanId()).isTrue();
      assertThat(c.getTraceId()).isSameAs(c.getTraceId()); // encoded once
      assertThat(c.isValid()).isTrue();
      assertThat(c.isSampled()).isFalse();
      assertThat(c.isRemote()).isFalse();
      assertThat(c.getTraceState()).isEqualTo(TraceState.getDefault());
      traces.add(c.getTraceId());
    }
    assertThat(traces).hasSize(1000);
  }

  @Test
  void aChildKeepsTheCallersTraceAndStateWithASpanOfItsOwn() {
    TraceState state = TraceState.builder().put("vendor", "abc").build();
    SpanContext caller = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getDefault(), state);
    SpanContext child = UnsampledSpanContext.childOf(caller);
    assertThat(child.getTraceId()).isEqualTo(caller.getTraceId());
    assertThat(child.getSpanId()).isNotEqualTo(caller.getSpanId()).matches("[0-9a-f]{16}");
    assertThat(child.getTraceState()).isEqualTo(state);
    // equal to the API's own context with the same values
    SpanContext same = SpanContext.create(child.getTraceId(), child.getSpanId(), TraceFlags.getDefault(), state);
    assertThat(child).isEqualTo(same);
  }
}
