package dev.eddy.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.Buffer;
import dev.eddy.worker.internal.StructuredClone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class StructuredCloneTest {
  record Holder(Object value) {}

  @Test
  void cyclesSurviveTheCopy() {
    List<Object> self = new ArrayList<>();
    self.add(self);
    List<?> copy = (List<?>) StructuredClone.copy(self, List.of());
    assertThat(copy).isNotSameAs(self);
    assertThat(copy.get(0)).isSameAs(copy);
  }

  @Test
  void collectionsBecomeNewMutableOnes() {
    Object copy = StructuredClone.copy(Map.of("s", new TreeSet<>(Set.of(2, 1))), List.of());
    assertThat(copy).isInstanceOf(java.util.LinkedHashMap.class);
    Set<Object> s = (Set<Object>) ((Map<?, ?>) copy).get("s");
    assertThat(s).isInstanceOf(java.util.LinkedHashSet.class).containsExactly(1, 2);
  }

  @Test
  void aRecordHoldingSomethingUncloneableIsRefusedWithItsPath() {
    assertThatThrownBy(() -> StructuredClone.copy(List.of(new Holder(new Object())), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("DataCloneError: message[0].value is a java.lang.Object");
  }

  @Test
  void aBufferListedTwiceForTransferIsRefused() {
    Buffer b = Buffer.alloc(1);
    assertThatThrownBy(() -> StructuredClone.copy(b, List.of(b, b)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate");
  }
}
