package dev.eddy.stream;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Loop;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JavaStreamsTest {
  private static byte[] data(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
    return b;
  }

  @Test
  void inputStreamToOutputStreamThroughAPipeline() {
    byte[] in = data(300_000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> log = new ArrayList<>();
    int code = Loop.create().run(() -> async(() -> {
      await(Streams.pipeline(JavaStreams.fromInputStream(new ByteArrayInputStream(in)),
          new PassThrough(), JavaStreams.toOutputStream(out)));
      log.add("done");
    }));
    assertThat(code).isZero();
    assertThat(log).containsExactly("done");
    assertThat(out.toByteArray()).isEqualTo(in);
  }

  @Test
  void anotherThreadReadsAReadableAsAnInputStreamWithBackpressure() throws Exception {
    byte[] expected = data(200_000);
    Loop loop = Loop.create();
    CompletableFuture<InputStream> made = new CompletableFuture<>();
    CompletableFuture<Integer> exit = loop.start(() -> {
      List<Object> chunks = new ArrayList<>();
      for (int i = 0; i < expected.length; i += 1000) {
        chunks.add(dev.eddy.Buffer.from(java.util.Arrays.copyOfRange(expected, i, Math.min(expected.length, i + 1000))));
      }
      Readable r = Readable.from(chunks, StreamOptions.defaults().objectMode(false));
      made.complete(JavaStreams.toInputStream(r, 4));
    });
    try (InputStream in = made.get(10, TimeUnit.SECONDS)) {
      assertThat(in.readAllBytes()).isEqualTo(expected);
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aStreamErrorReachesTheInputStreamReaderAsIOException() throws Exception {
    Loop loop = Loop.create();
    CompletableFuture<InputStream> made = new CompletableFuture<>();
    CompletableFuture<Integer> exit = loop.start(() -> {
      Readable r = Readable.from(List.of("x"), StreamOptions.defaults().objectMode(false));
      made.complete(JavaStreams.toInputStream(r, 2));
      r.destroy(new IllegalStateException("broken source"));
    });
    InputStream in = made.get(10, TimeUnit.SECONDS);
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, in::readAllBytes);
    assertThat(e).hasMessageContaining("broken source");
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void publisherToReadableToPublisherKeepsOrderAndDemand() throws Exception {
    List<Object> received = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<String> completed = new CompletableFuture<>();
    int code = Loop.create().run(() -> {
      SubmissionPublisher<Object> source = new SubmissionPublisher<>();
      Readable r = JavaStreams.fromPublisher(source, null);
      JavaStreams.toPublisher(r).subscribe(new Flow.Subscriber<>() {
        private Flow.Subscription s;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
          s = subscription;
          s.request(1);
        }

        @Override
        public void onNext(Object item) {
          received.add(item);
          s.request(1);
        }

        @Override
        public void onError(Throwable t) {
          completed.complete("error:" + t);
        }

        @Override
        public void onComplete() {
          completed.complete("complete");
        }
      });
      Thread producer = new Thread(() -> {
        for (int i = 0; i < 500; i++) {
          source.submit("item" + i); // blocks when the subscriber's buffer is full: backpressure
        }
        source.close();
      });
      producer.start();
    });
    assertThat(code).isZero();
    assertThat(completed.get(10, TimeUnit.SECONDS)).isEqualTo("complete");
    assertThat(received).hasSize(500);
    for (int i = 0; i < 500; i++) {
      assertThat(received.get(i)).isEqualTo("item" + i);
    }
  }

  @Test
  void readableFromAnIteratorPullsOnlyOnDemand() {
    List<String> log = new ArrayList<>();
    int code = Loop.create().run(() -> {
      java.util.Iterator<Integer> it = new java.util.Iterator<>() {
        int next;

        @Override
        public boolean hasNext() {
          return next < 3;
        }

        @Override
        public Integer next() {
          log.add("pull" + next);
          return next++;
        }
      };
      Readable r = Readable.from(it, null);
      r.on(Stream.DATA, v -> log.add("data" + v));
    });
    assertThat(code).isZero();
    // With highWaterMark 1 the stream reads at most one element ahead of what it delivered.
    assertThat(log).containsSubsequence("data0", "data1", "data2");
    assertThat(log.indexOf("pull2")).isGreaterThan(log.indexOf("data0"));
  }
}
