package dev.eddy.ops.internal;

import dev.eddy.Eddy;
import dev.eddy.EddyProcess;
import dev.eddy.Event;
import dev.eddy.Timeout;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signal listener behind {@code Diagnostics.onSignal}: a heap dump per signal, or a JFR
 * recording started by one signal and written by the next (or by its time limit). All state is
 * touched on the loop thread only (signal listeners and promise callbacks run there); the JVM's
 * work (dumping, starting, stopping and writing a recording) runs on virtual threads, because a
 * heap dump of a large heap takes seconds and starting JFR the first time takes hundreds of ms.
 */
public final class SignalDiagnostics {
  private static final Logger LOG = LoggerFactory.getLogger("dev.eddy.ops.Diagnostics");

  private enum State { IDLE, STARTING, RECORDING, STOPPING }

  private final EddyProcess process;
  private final Event<String> signal;
  private final boolean heap;
  private final Path directory;
  private final Duration limit;
  private final Consumer<String> listener = this::onSignal;

  // loop thread only
  private boolean dumping;
  private State state = State.IDLE;
  private boolean stopWhenStarted;
  private Recording recording;
  private Timeout limitTimer;

  private SignalDiagnostics(EddyProcess process, Event<String> signal, boolean heap, Path directory, Duration limit) {
    this.process = process;
    this.signal = signal;
    this.heap = heap;
    this.directory = directory;
    this.limit = limit;
  }

  /** Listens to {@code signal} on the current loop's process; call on the loop thread. */
  public static SignalDiagnostics install(Event<String> signal, boolean heap, Path directory, Duration limit) {
    SignalDiagnostics d = new SignalDiagnostics(Eddy.process(), signal, heap, directory, limit);
    d.process.on(signal, d.listener);
    return d;
  }

  /** Stops listening; a recording in progress is written as if the signal came. Loop thread. */
  public void close() {
    process.removeListener(signal, listener);
    if (state == State.RECORDING) stopRecording("closed");
    else if (state == State.STARTING) stopWhenStarted = true;
  }

  private void onSignal(String name) {
    if (heap) {
      dumpHeap(name);
    } else {
      switch (state) {
        case IDLE -> startRecording(name);
        case STARTING -> {
          stopWhenStarted = true;
          LOG.atInfo().addKeyValue("signal", name).log("{}: the JFR recording is starting; it will be written once started", name);
        }
        case RECORDING -> stopRecording(name);
        case STOPPING -> LOG.atWarn().addKeyValue("signal", name).log("{}: a JFR recording is being written; signal ignored", name);
      }
    }
  }

  private void dumpHeap(String name) {
    if (dumping) {
      LOG.atWarn().addKeyValue("signal", name).log("{}: a heap dump is already being written; signal ignored", name);
      return;
    }
    dumping = true;
    Path file = directory.resolve("heap-" + stamp() + ".hprof");
    LOG.atInfo().addKeyValue("signal", name).addKeyValue("file", file.toString()).log("{}: writing a heap dump to {}", name, file);
    long t0 = System.nanoTime();
    Eddy.blockingVirtual(() -> {
      Files.createDirectories(directory);
      ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
      return Files.size(file);
    }).then(bytes -> {
      dumping = false;
      LOG.atInfo().addKeyValue("file", file.toString()).addKeyValue("bytes", bytes)
          .addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000).log("heap dump written to {}", file);
      return null;
    }, err -> {
      dumping = false;
      LOG.atError().addKeyValue("file", file.toString()).setCause(err).log("heap dump to {} failed", file);
      return null;
    });
  }

  private void startRecording(String name) {
    state = State.STARTING;
    Eddy.blockingVirtual(() -> {
      Files.createDirectories(directory);
      Recording r = new Recording(Configuration.getConfiguration("profile"));
      r.setName("eddy-" + name);
      r.setToDisk(true);
      r.start();
      return r;
    }).then(r -> {
      recording = r;
      state = State.RECORDING;
      // unref'd: a recording must not keep an otherwise finished process alive
      limitTimer = Eddy.setTimeout(() -> stopRecording("time limit"), limit).unref();
      LOG.atInfo().addKeyValue("signal", name).addKeyValue("limitSeconds", limit.toSeconds())
          .log("{}: JFR recording started; send {} again to write it (it stops by itself after {} s)", name, name, limit.toSeconds());
      if (stopWhenStarted) stopRecording(name);
      return null;
    }, err -> {
      state = State.IDLE;
      stopWhenStarted = false;
      LOG.atError().setCause(err).log("{}: the JFR recording could not start", name);
      return null;
    });
  }

  private void stopRecording(String why) {
    state = State.STOPPING;
    stopWhenStarted = false;
    if (limitTimer != null) Eddy.clearTimeout(limitTimer);
    limitTimer = null;
    Recording r = recording;
    recording = null;
    Path file = directory.resolve("recording-" + stamp() + ".jfr");
    Eddy.blockingVirtual(() -> {
      try (r) {
        r.stop();
        r.dump(file);
      }
      return Files.size(file);
    }).then(bytes -> {
      state = State.IDLE;
      LOG.atInfo().addKeyValue("file", file.toString()).addKeyValue("bytes", bytes).addKeyValue("stoppedBy", why)
          .log("JFR recording written to {}", file);
      return null;
    }, err -> {
      state = State.IDLE;
      LOG.atError().addKeyValue("file", file.toString()).setCause(err).log("JFR recording to {} failed", file);
      return null;
    });
  }

  private static String stamp() {
    return Instant.now().toString().replace(":", "-");
  }
}
