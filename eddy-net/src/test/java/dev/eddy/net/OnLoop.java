package dev.eddy.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.AsyncBody;
import dev.eddy.Eddy;
import dev.eddy.Loop;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a test body as an async function on a fresh loop thread, with a watchdog, and rethrows its failure. */
public final class OnLoop {
  private OnLoop() {}

  public static void run(AsyncBody<Void> body) {
    run(20, body);
  }

  public static void run(int timeoutSeconds, AsyncBody<Void> body) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Loop loop = Loop.create();
    var done = loop.start(() -> Eddy.async(body).catchAccept(e -> {
      failure.set(e);
      Eddy.process().exit(3);
    }));
    int code;
    try {
      code = done.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      loop.terminate();
      throw new AssertionError("the loop did not end within " + timeoutSeconds + " s (a handle left open or an event never came)");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    if (failure.get() instanceof Error e) {
      throw e;
    }
    if (failure.get() != null) {
      throw new AssertionError("the body failed", failure.get());
    }
    assertThat(code).isZero();
  }
}
