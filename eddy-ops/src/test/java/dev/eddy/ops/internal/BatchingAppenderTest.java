package dev.eddy.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchingAppenderTest {
  // the application's context: it carries the MDC adapter an event needs to be prepared for another thread
  private final LoggerContext ctx = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();

  private ILoggingEvent event(String msg) {
    return new LoggingEvent("test", ctx.getLogger("test"), Level.INFO, msg, null, null);
  }

  @Test
  void stopWritesOutEveryQueuedEventInOrderFromEachThread() throws Exception {
    ListAppender<ILoggingEvent> sink = new ListAppender<>();
    sink.setContext(ctx);
    sink.start();
    BatchingAppender a = new BatchingAppender(sink, 100_000, 5000);
    a.setContext(ctx);
    a.start();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          a.doAppend(event(id + ":" + i));
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    a.stop();
    assertThat(sink.list).hasSize(40_000);
    int[] next = new int[2];
    for (ILoggingEvent e : sink.list) {
      String[] p = e.getFormattedMessage().split(":");
      int id = Integer.parseInt(p[0]);
      assertThat(Integer.parseInt(p[1])).isEqualTo(next[id]++);
    }
    assertThat(a.dropped()).isZero();
    assertThat(sink.isStarted()).as("stop stops the target").isFalse();
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlockingTheCaller() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> written = new ArrayList<>();
    AppenderBase<ILoggingEvent> slow = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        writing.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
        written.add(e.getFormattedMessage());
      }
    };
    slow.setContext(ctx);
    slow.start();
    BatchingAppender a = new BatchingAppender(slow, 4, 5000);
    a.setContext(ctx);
    a.start();
    a.doAppend(event("first"));
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds "first"
    for (int i = 0; i < 10; i++) {
      a.doAppend(event("e" + i)); // 4 fit, 6 are dropped; none blocks
    }
    assertThat(a.dropped()).isEqualTo(6);
    release.countDown();
    a.stop();
    assertThat(written).containsExactly("first", "e0", "e1", "e2", "e3");
  }
}
