package dev.eddy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads hand work to one loop: nothing is lost and each producer's order holds. */
class HandoffStressTest {

  @Test
  void everyTaskRunsOnceInProducerOrder() throws Exception {
    int producers = 8;
    int perProducer = 50_000;
    Loop loop = Loop.create();
    AutoCloseable alive = loop.keepAlive();
    int[] lastSeen = new int[producers]; // loop thread only
    List<String> violations = new ArrayList<>(); // loop thread only
    long[] total = {0};
    CompletableFuture<Integer> exit = loop.start(() -> java.util.Arrays.fill(lastSeen, -1));
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int id = p;
      Thread t = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perProducer; i++) {
          int seq = i;
          loop.execute(() -> {
            if (lastSeen[id] != seq - 1 && violations.size() < 10) {
              violations.add("producer " + id + ": " + seq + " after " + lastSeen[id]);
            }
            lastSeen[id] = seq;
            total[0]++;
          });
        }
      });
      t.start();
      threads.add(t);
    }
    start.countDown();
    for (Thread t : threads) {
      t.join(60_000);
    }
    CompletableFuture<long[]> counted = new CompletableFuture<>();
    loop.execute(() -> counted.complete(new long[] {total[0]}));
    assertThat(counted.get(60, TimeUnit.SECONDS)[0]).isEqualTo((long) producers * perProducer);
    alive.close();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(violations).isEmpty();
    for (int p = 0; p < producers; p++) {
      assertThat(lastSeen[p]).isEqualTo(perProducer - 1);
    }
  }
}
