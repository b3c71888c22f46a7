package dev.eddy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** {@link Buffer#transfer()}: ArrayBuffer.prototype.transfer for a Buffer. */
class BufferTransferTest {
  @Test
  void transferMovesTheMemoryAndDetachesTheOriginal() {
    Buffer original = Buffer.from("abcd");
    Buffer view = original.subarray(1, 3);
    Buffer moved = original.transfer();
    assertThat(original.length()).isZero();
    assertThat(original.toString()).isEmpty();
    assertThat(moved.toString()).isEqualTo("abcd");
    moved.set(1, 'X');
    assertThat(view.toString()).isEqualTo("Xc"); // same memory, no copy
  }

  @Test
  void directBuffersTransferToo() {
    ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {1, 2, 3}).flip();
    Buffer original = Buffer.from(direct);
    Buffer moved = original.transfer();
    assertThat(original.length()).isZero();
    assertThat(moved.get(2)).isEqualTo(3);
  }
}
