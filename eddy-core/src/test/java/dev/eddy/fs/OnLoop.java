package dev.eddy.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.AsyncBody;
import dev.eddy.Eddy;
import dev.eddy.Loop;
import dev.eddy.Promise;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a test body as an async function on a fresh loop and rethrows what it threw. */
final class OnLoop {
  private OnLoop() {}

  static void run(AsyncBody<Void> body) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int code = Loop.create().run(() -> Eddy.async(body).catchAccept(failure::set));
    if (failure.get() instanceof Error e) {
      throw e;
    }
    if (failure.get() != null) {
      throw new AssertionError("the body failed", failure.get());
    }
    assertThat(code).isZero();
  }

  /** Inside an async body: the rejection reason of {@code p}, which must reject with an FsException. */
  static FsException rejection(Promise<?> p) throws Exception {
    try {
      Eddy.await(p);
    } catch (FsException e) {
      return e;
    }
    throw new AssertionError("expected a rejection");
  }
}
