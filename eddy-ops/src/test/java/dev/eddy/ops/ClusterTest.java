package dev.eddy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's cluster checks, with real worker JVMs on a real port: a SIGKILLed worker is replaced
 * and only its own connections fail; a rolling restart under load fails no request; SIGTERM drains
 * and exits 0; a crash loop stops the restarts; messages and a worker's own disconnect.
 */
class ClusterTest {
  private static final long WAIT_S = 60;

  @Test
  void sigkillOfAWorkerFailsOnlyItsConnectionsAndThePrimaryReplacesIt() throws Exception {
    int port = freePort();
    try (Primary p = Primary.start("serve", port, 2)) {
      p.await(l -> l.startsWith("listening "), 2);
      try (Load load = Load.start(port, 12, 0)) {
        load.awaitResponses(200);
        load.awaitEveryClientAnswered(); // 200 answers can all come from the first worker to warm up
        Map<Long, Integer> byPid = load.connectionsByPid();
        assertThat(byPid).as("both workers serve connections: %s", byPid).hasSize(2);
        long victim = byPid.keySet().iterator().next();
        int victimConnections = byPid.get(victim);
        int mark = p.mark();
        new ProcessBuilder("kill", "-KILL", Long.toString(victim)).start().waitFor();
        p.awaitAfter(mark, l -> l.startsWith("exit ") && l.contains(" " + victim + " SIGKILL false"), 1);
        String fork = p.awaitAfter(mark, l -> l.startsWith("fork "), 1);
        long replacement = Long.parseLong(fork.split(" ")[2]);
        p.awaitAfter(mark, l -> l.equals("listening " + fork.split(" ")[1] + " " + replacement + " " + port), 1);
        long before = load.ok();
        load.awaitResponses(before + 500);
        load.close();
        List<Load.Failure> failures = load.failures();
        // requests fail only for clients the killed worker was serving (a client's retry can
        // still land in the dying worker's accept queue until the kernel has closed its socket)
        assertThat(failures).as("failures %s", failures).allMatch(f -> f.pid() == victim);
        assertThat(load.clientsThatFailed()).isLessThanOrEqualTo(victimConnections);
        assertThat(load.pidsSeenSince(before)).as("the load goes on without the killed worker")
            .isNotEmpty().doesNotContain(victim);
        System.err.println("cluster SIGKILL: " + failures.size() + " failed requests from " + load.clientsThatFailed()
            + " of the killed worker's " + victimConnections + " connections; " + load.ok() + " answered");
      }
    }
  }

  @Test
  void seedTwosExampleLineByLineForksOneWorkerPerCpuAndReplacesADeadOne() throws Exception {
    int port = freePort();
    try (Primary p = Primary.start("seed", port, 0, "-XX:ActiveProcessorCount=2")) {
      List<String> listening = p.awaitAll(l -> l.startsWith("listening "), 2);
      long victim = Long.parseLong(listening.get(0).split(" ")[2]);
      int mark = p.mark();
      new ProcessBuilder("kill", "-KILL", Long.toString(victim)).start().waitFor();
      p.awaitAfter(mark, l -> l.equals("Worker " + victim + " died. Restarting..."), 1);
      String replacement = p.awaitAfter(mark, l -> l.startsWith("listening "), 1);
      assertThat(replacement).doesNotContain(" " + victim + " ").endsWith(" " + port);
    }
  }

  @Test
  void rollingRestartUnderLoadFailsNoRequestAndReplacesEveryWorker() throws Exception {
    int port = freePort();
    try (Primary p = Primary.start("serve", port, 2)) {
      Set<Long> old = new HashSet<>();
      for (String l : p.awaitAll(l -> l.startsWith("listening "), 2)) {
        old.add(Long.parseLong(l.split(" ")[2]));
      }
      // keep-alive clients and clients that open a connection per request
      try (Load load = Load.start(port, 10, 2)) {
        load.awaitResponses(300);
        p.signal("HUP");
        p.await(l -> l.equals("reloaded"), 1);
        List<String> exits = p.seen(l -> l.startsWith("exit "));
        assertThat(exits).hasSize(2).allMatch(l -> l.endsWith(" 0 true"));
        long mark = load.ok();
        load.awaitResponses(mark + 500);
        load.close();
        assertThat(load.failures()).as("failed requests during the rolling restart").isEmpty();
        Set<Long> after = load.pidsSeenSince(mark);
        assertThat(after).as("only new workers answer after the reload").doesNotContainAnyElementsOf(old).isNotEmpty();
        System.err.println("cluster reload: 0 failed requests of " + load.ok() + "; old " + old + ", new " + after);
      }
      p.signal("TERM");
      p.await(l -> l.equals("disconnected"), 1);
      assertThat(p.waitFor()).isZero();
    }
  }

  @Test
  void sigtermDrainsEveryWorkerAndExitsZero() throws Exception {
    int port = freePort();
    try (Primary p = Primary.start("serve", port, 2)) {
      p.awaitAll(l -> l.startsWith("listening "), 2);
      p.signal("TERM");
      p.await(l -> l.equals("disconnected"), 1);
      assertThat(p.waitFor()).isZero();
      assertThat(p.seen(l -> l.startsWith("exit "))).hasSize(2).allMatch(l -> l.endsWith(" 0 true"));
      assertThat(p.seen(l -> l.startsWith("fork "))).as("no restart during shutdown").hasSize(2);
    }
  }

  @Test
  void workersDyingAtStartStopTheRestartsAtTheCrashLoopLimitAndThePrimaryExitsOne() throws Exception {
    try (Primary p = Primary.start("crash", 0, 1)) {
      assertThat(p.waitFor()).isEqualTo(1);
      // the first worker, then one replacement per unexpected exit up to the limit of 3
      assertThat(p.seen(l -> l.startsWith("fork "))).hasSize(4);
      assertThat(p.seen(l -> l.startsWith("exit "))).hasSize(4).allMatch(l -> l.endsWith(" 3 false"));
    }
  }

  @Test
  void messagesGoBothWaysAndAWorkerThatDisconnectsItselfIsNotRestarted() throws Exception {
    try (Primary p = Primary.start("chat", 0, 2)) {
      List<String> pongs = p.awaitAll(l -> l.startsWith("message "), 2);
      assertThat(pongs).containsExactlyInAnyOrder(
          "message 1 pong 1 0 ping\\nwith a newline", "message 2 pong 2 1 ping\\nwith a newline");
      List<String> exits = p.awaitAll(l -> l.startsWith("exit "), 2);
      assertThat(exits).allMatch(l -> l.endsWith(" 0 true"));
      // both workers are gone and none is replaced: the primary's loop empties and it exits 0
      assertThat(p.waitFor()).isZero();
      assertThat(p.seen(l -> l.startsWith("fork "))).hasSize(2);
    }
  }

  // ----------------------------------------------------------------------------------------------

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The primary JVM and the lines it prints. */
  private static final class Primary implements AutoCloseable {
    private final Process process;
    private final List<String> all = new CopyOnWriteArrayList<>();

    private Primary(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = r.readLine()) != null; ) {
            synchronized (all) {
              all.add(l);
              all.notifyAll();
            }
          }
        } catch (IOException ignored) {
          // the primary ended
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    static Primary start(String mode, int port, int workers, String... jvmOptions) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m",
          "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"));
      cmd.addAll(List.of(jvmOptions));
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterTestMain.class.getName(),
          mode, Integer.toString(port), Integer.toString(workers)));
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      return new Primary(p);
    }

    /** How many lines the primary has printed so far. */
    int mark() {
      return all.size();
    }

    /** Waits until the primary has printed {@code n} lines that match; returns the n-th. */
    String await(Predicate<String> what, int n) throws InterruptedException {
      return awaitAfter(0, what, n);
    }

    /** Waits until {@code n} lines printed after line {@code mark} match; returns the n-th. */
    String awaitAfter(int mark, Predicate<String> what, int n) throws InterruptedException {
      List<String> got = awaitAll(mark, what, n);
      return got.get(n - 1);
    }

    List<String> awaitAll(Predicate<String> what, int n) throws InterruptedException {
      return awaitAll(0, what, n);
    }

    private List<String> awaitAll(int mark, Predicate<String> what, int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
      synchronized (all) {
        while (true) {
          List<String> got = all.subList(mark, all.size()).stream().filter(what).toList();
          if (got.size() >= n) {
            return got.subList(0, n);
          }
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          assertThat(left).as("%d matching lines from the primary within %d s (seen: %s)", n, WAIT_S, all).isPositive();
          all.wait(left);
        }
      }
    }

    List<String> seen(Predicate<String> what) {
      return all.stream().filter(what).toList();
    }

    void signal(String name) throws Exception {
      new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    int waitFor() throws InterruptedException {
      assertThat(process.waitFor(WAIT_S, TimeUnit.SECONDS)).as("the primary exits (seen: %s)", all).isTrue();
      return process.exitValue();
    }

    @Override
    public void close() {
      // the primary's own exit ends its workers (their channel closes); kill both to be sure
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /**
   * HTTP/1.1 clients on their own threads: {@code keepAlive} of them reuse a connection until the
   * server answers {@code Connection: close}; {@code perRequest} of them open a connection per
   * request. A request fails when its connection breaks before the whole answer arrived; the
   * client then reconnects. Each failure is counted with the pid of the worker that served the
   * connection's previous answer (0 if none).
   */
  private static final class Load implements AutoCloseable {
    record Failure(int client, long pid, String error) {}

    private final int port;
    private volatile boolean stop;
    private final AtomicLong ok = new AtomicLong();
    private final Object progress = new Object();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Map<Integer, Long> lastPid = new ConcurrentHashMap<>();
    private final List<long[]> answers = new CopyOnWriteArrayList<>(); // {sequence, pid}
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch done;

    private final int clients;

    private Load(int port, int clients) {
      this.port = port;
      this.clients = clients;
      this.done = new CountDownLatch(clients);
    }

    static Load start(int port, int keepAlive, int perRequest) {
      Load l = new Load(port, keepAlive + perRequest);
      for (int i = 0; i < keepAlive + perRequest; i++) {
        int client = i;
        boolean reuse = i < keepAlive;
        Thread t = new Thread(() -> l.run(client, reuse), "load-" + i);
        t.setDaemon(true);
        l.threads.add(t);
        t.start();
      }
      return l;
    }

    private void run(int client, boolean reuse) {
      try {
        Socket s = null;
        long pid = 0;
        byte[] request = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (reuse ? "" : "Connection: close\r\n") + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        while (!stop) {
          try {
            if (s == null) {
              s = new Socket();
              s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
              s.setSoTimeout(10_000);
            }
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            Answer a = readAnswer(s.getInputStream());
            pid = a.pid;
            lastPid.put(client, pid);
            answers.add(new long[] {ok.incrementAndGet(), pid});
            synchronized (progress) {
              progress.notifyAll();
            }
            if (a.close || !reuse) {
              s.close();
              s = null;
            }
          } catch (IOException e) {
            failures.add(new Failure(client, pid, e.toString()));
            if (s != null) {
              try {
                s.close();
              } catch (IOException ignored) {
                // broken anyway
              }
            }
            s = null; // pid stays: the client has had no answer from another worker since
          }
        }
        if (s != null) {
          s.close();
        }
      } catch (IOException ignored) {
        // closing
      } finally {
        done.countDown();
      }
    }

    private record Answer(long pid, boolean close) {}

    private static Answer readAnswer(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("connection ended before the answer's head (" + head.length() + " bytes read)");
        }
        head.append((char) c);
      }
      String h = head.toString().toLowerCase();
      if (!h.startsWith("http/1.1 200 ")) {
        throw new IOException("not a 200: " + h.lines().findFirst().orElse(""));
      }
      int at = h.indexOf("content-length: ");
      int length = Integer.parseInt(h.substring(at + 16, h.indexOf("\r\n", at)).trim());
      byte[] body = in.readNBytes(length);
      if (body.length < length) {
        throw new IOException("connection ended inside the body");
      }
      String json = new String(body, StandardCharsets.UTF_8); // {"worker":1234}
      long pid = Long.parseLong(json.replaceAll("[^0-9]", ""));
      return new Answer(pid, h.contains("connection: close"));
    }

    void awaitResponses(long n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
      synchronized (progress) {
        while (ok.get() < n) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          assertThat(left).as("%d answers within %d s (got %d; failures %s)", n, WAIT_S, ok.get(), failures)
              .isPositive();
          progress.wait(left);
        }
      }
    }

    /** Waits until every client has had an answer (a worker still warming up answers later). */
    void awaitEveryClientAnswered() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
      synchronized (progress) {
        while (lastPid.size() < clients) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          assertThat(left).as("every client answered within %d s (%d of %d; failures %s)", WAIT_S, lastPid.size(),
              clients, failures).isPositive();
          progress.wait(left);
        }
      }
    }

    long ok() {
      return ok.get();
    }

    long clientsThatFailed() {
      return failures.stream().map(Failure::client).distinct().count();
    }

    List<Failure> failures() {
      return List.copyOf(failures);
    }

    /** How many clients' last answer came from each worker. */
    Map<Long, Integer> connectionsByPid() {
      Map<Long, Integer> m = new java.util.TreeMap<>();
      for (long pid : lastPid.values()) {
        m.merge(pid, 1, Integer::sum);
      }
      return m;
    }

    Set<Long> pidsSeenSince(long sequence) {
      Set<Long> s = new HashSet<>();
      for (long[] a : answers) {
        if (a[0] > sequence) {
          s.add(a[1]);
        }
      }
      return s;
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      done.await(30, TimeUnit.SECONDS);
    }
  }
}
