package dev.eddy.ops;

import static dev.eddy.Eddy.setTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.Eddy;
import dev.eddy.Promise;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Issue 8: uncaught exceptions and unhandled rejections are logged and exit 1 by default, configurable. */
class UncaughtErrorsTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.eddy.ops.UncaughtErrors");
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void listen() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(log);
  }

  private static Map<String, Object> fields(ILoggingEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (e.getKeyValuePairs() != null) e.getKeyValuePairs().forEach(kv -> m.put(kv.key, kv.value));
    return m;
  }

  @Test
  void anUncaughtExceptionIsLoggedWithItsStackReportedAndExitsOne() {
    List<String> reported = new CopyOnWriteArrayList<>();
    AtomicBoolean later = new AtomicBoolean();
    int code = Eddy.run(() -> {
      UncaughtErrors.install(UncaughtErrors.Options.defaults().reporter((kind, e) -> reported.add(kind + " " + e.getMessage())));
      setTimeout(() -> {
        throw new IllegalStateException("boom");
      }, 1);
      setTimeout(() -> later.set(true), 200);
    });
    assertThat(code).isEqualTo(1);
    assertThat(later).as("nothing runs after the exit").isFalse();
    assertThat(reported).containsExactly("uncaughtException boom");
    assertThat(log.list).hasSize(1);
    ILoggingEvent e = log.list.get(0);
    assertThat(e.getLevel().toString()).isEqualTo("ERROR");
    assertThat(fields(e)).containsEntry("kind", "uncaughtException");
    assertThat(e.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
    assertThat(e.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    assertThat(e.getFormattedMessage()).contains("boom").contains("exiting with code 1");
  }

  @Test
  void anUnhandledRejectionExitsOneByDefault() {
    AtomicBoolean later = new AtomicBoolean();
    int code = Eddy.run(() -> {
      UncaughtErrors.install();
      Promise.reject(new IOException("db down"));
      setTimeout(() -> later.set(true), 200);
    });
    assertThat(code).isEqualTo(1);
    assertThat(later).isFalse();
    assertThat(log.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel().toString()).isEqualTo("ERROR");
      assertThat(fields(e)).containsEntry("kind", "unhandledRejection");
      assertThat(e.getThrowableProxy().getMessage()).isEqualTo("db down");
    });
  }

  @Test
  void warnModeLogsRejectionsAndGoesOn() {
    AtomicBoolean later = new AtomicBoolean();
    int code = Eddy.run(() -> {
      UncaughtErrors.install(UncaughtErrors.Options.defaults().rejections(UncaughtErrors.RejectionMode.WARN));
      Promise.reject(new IOException("cache miss"));
      setTimeout(() -> later.set(true), 20);
    });
    assertThat(code).isZero();
    assertThat(later).isTrue();
    assertThat(log.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel().toString()).isEqualTo("WARN");
      assertThat(fields(e)).containsEntry("kind", "unhandledRejection");
    });
  }

  @Test
  void warnWithErrorCodeGoesOnAndEndsWithTheCode() {
    AtomicBoolean later = new AtomicBoolean();
    int code = Eddy.run(() -> {
      UncaughtErrors.install(UncaughtErrors.Options.defaults()
          .rejections(UncaughtErrors.RejectionMode.WARN_WITH_ERROR_CODE).exitCode(3));
      Promise.reject(new IOException("cache miss"));
      setTimeout(() -> later.set(true), 20);
    });
    assertThat(code).isEqualTo(3);
    assertThat(later).isTrue();
  }

  @Test
  void theGracefulShutdownRunsBeforeTheExit() {
    List<String> seen = new CopyOnWriteArrayList<>();
    int code = Eddy.run(() -> {
      GracefulShutdown shutdown = GracefulShutdown.install(Duration.ofSeconds(1));
      shutdown.hook("close the pool", () -> seen.add("hook ran"));
      UncaughtErrors.install(UncaughtErrors.Options.defaults()
          .gracefulShutdown(shutdown, Duration.ofSeconds(5))
          .reporter((kind, e) -> seen.add("reported, ready=" + shutdown.ready())));
      Eddy.process().on(dev.eddy.EddyProcess.EXIT, c -> seen.add("exit " + c + ", ready=" + shutdown.ready()));
      setTimeout(() -> {
        throw new IllegalStateException("boom");
      }, 1);
    });
    assertThat(code).isEqualTo(1);
    assertThat(seen).containsExactly("reported, ready=true", "hook ran", "exit 1, ready=false");
  }

  @Test
  void aStalledShutdownIsCutAtItsTimeout() {
    long t0 = System.nanoTime();
    int code = Eddy.run(() -> {
      GracefulShutdown shutdown = GracefulShutdown.install(Duration.ofSeconds(1));
      shutdown.hook("never settles", () -> Promise.create((resolve, reject) -> { }));
      UncaughtErrors.install(UncaughtErrors.Options.defaults().gracefulShutdown(shutdown, Duration.ofMillis(100)));
      setTimeout(() -> {
        throw new IllegalStateException("boom");
      }, 1);
    });
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(code).isEqualTo(1);
    assertThat(ms).isBetween(100L, 5_000L);
    assertThat(log.list).extracting(e -> e.getLevel().toString()).containsExactly("ERROR", "WARN");
    assertThat(log.list.get(1).getFormattedMessage()).contains("did not finish within 100 ms");
  }

  @Test
  void aFailingReporterIsLoggedAndTheExitStillHappens() {
    int code = Eddy.run(() -> {
      UncaughtErrors.install(UncaughtErrors.Options.defaults().reporter((kind, e) -> {
        throw new IllegalStateException("tracker down");
      }));
      setTimeout(() -> {
        throw new IllegalStateException("boom");
      }, 1);
    });
    assertThat(code).isEqualTo(1);
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("reporter failed"));
  }

  @Test
  void uninstallGivesBackEddyCoresDefault() {
    AtomicBoolean handled = new AtomicBoolean();
    int code = Eddy.run(() -> {
      UncaughtErrors.install().uninstall();
      Eddy.process().on(dev.eddy.EddyProcess.UNCAUGHT_EXCEPTION, e -> handled.set(true));
      setTimeout(() -> {
        throw new IllegalStateException("handled by the application");
      }, 1);
    });
    assertThat(code).isZero();
    assertThat(handled).isTrue();
    assertThat(log.list).isEmpty();
  }

  @Test
  void anExceptionEndingAThreadWithoutLoopIsLoggedAfterInstall() throws Exception {
    assertThat(Eddy.run(UncaughtErrors::install)).isZero();
    Thread t = new Thread(() -> {
      throw new IllegalStateException("worker thread died");
    }, "app-worker");
    t.start();
    t.join(); // the handler runs on the dying thread, before join returns
    assertThat(log.list).anySatisfy(e -> {
      assertThat(fields(e)).containsEntry("thread", "app-worker").containsEntry("kind", "uncaughtThreadException");
      assertThat(e.getThrowableProxy().getMessage()).isEqualTo("worker thread died");
    });
  }

  @Test
  void inAChildJvmAnUncaughtExceptionOnTheLoopIsAJsonLineWithItsStackAndExitOne() throws Exception {
    try (ChildJvm child = new ChildJvm(UncaughtMain.class)) {
      assertThat(child.awaitExit(30)).isEqualTo(1);
      ObjectMapper json = new ObjectMapper();
      List<String> out = child.output();
      assertThat(out).as("eddy-core's own stderr report is replaced").noneMatch(l -> l.startsWith("Uncaught "));
      long fillers = out.stream().filter(l -> l.contains("\"loggerName\":\"filler\"")).count();
      assertThat(fillers).as("every line queued before the exit was flushed").isEqualTo(2000);
      String errorLine = out.stream().filter(l -> l.contains("\"level\":\"ERROR\"")).findFirst().orElseThrow();
      JsonNode error = json.readTree(errorLine);
      assertThat(error.get("loggerName").asText()).isEqualTo("dev.eddy.ops.UncaughtErrors");
      assertThat(error.toString()).contains("\"kind\"").contains("uncaughtException");
      JsonNode thrown = error.get("throwable");
      assertThat(thrown.get("className").asText()).isEqualTo(IllegalStateException.class.getName());
      assertThat(thrown.get("message").asText()).isEqualTo("boom from a timer");
      assertThat(thrown.toString()).contains("failingTimer");
    }
  }
}
