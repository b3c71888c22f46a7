package dev.eddy.child;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.EventEmitter;
import dev.eddy.Loop;
import dev.eddy.NodeException;
import dev.eddy.child.ChildProcess.Exit;
import dev.eddy.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  /** Runs the program on a fresh loop and returns its log once the loop has ended by itself. */
  static List<Object> run(Consumer<List<Object>> program) throws Exception {
    List<Object> log = new ArrayList<>();
    int code = Loop.create().start(() -> program.accept(log)).get(20, SECONDS);
    assertThat(code).as("loop exit code, log %s", log).isZero();
    return log;
  }

  static void collect(ChildProcess child, List<Object> log) {
    StringBuilder out = new StringBuilder();
    child.stdout().on(Stream.DATA, c -> out.append(c));
    child.on(ChildProcess.EXIT, e -> log.add("exit " + e));
    child.on(ChildProcess.CLOSE, e -> log.add("close " + e + " stdout=" + out));
  }

  @Test
  void echoWritesToStdoutAndCloseFollowsExit() throws Exception {
    var log = run(l -> {
      ChildProcess child = ChildProcesses.spawn("/bin/echo", List.of("hello", "world"));
      assertThat(child.pid()).isPositive();
      child.on(ChildProcess.SPAWN, x -> l.add("spawn"));
      collect(child, l);
    });
    assertThat(log).containsExactly("spawn", "exit Exit[code=0, signal=null]",
        "close Exit[code=0, signal=null] stdout=hello world\n");
  }

  @Test
  void stdinIsPipedToCatAndReadBack() throws Exception {
    var log = run(l -> {
      ChildProcess child = ChildProcesses.spawn("/bin/cat", List.of());
      collect(child, l);
      child.stdin().write("abc");
      child.stdin().write(Buffer.from("déf"));
      child.stdin().end();
    });
    assertThat(log).last().isEqualTo("close Exit[code=0, signal=null] stdout=abcdéf");
  }

  @Test
  void exitCodeOfAShell() throws Exception {
    var log = run(l -> collect(ChildProcesses.spawn("/bin/sh", List.of("-c", "exit 3")), l));
    assertThat(log).containsExactly("exit Exit[code=3, signal=null]", "close Exit[code=3, signal=null] stdout=");
  }

  @Test
  void killGivesNullCodeAndTheSignalThenClose() throws Exception {
    List<Object> seen = new ArrayList<>();
    var log = run(l -> {
      ChildProcess child = ChildProcesses.spawn("/bin/sleep", List.of("30"));
      collect(child, l);
      child.on(ChildProcess.SPAWN, x -> seen.add(child.kill()));
      child.on(ChildProcess.CLOSE, e -> {
        seen.add(child.killed());
        seen.add(child.signalCode());
        seen.add(child.kill()); // already exited: nothing sent
      });
    });
    assertThat(log).containsExactly("exit Exit[code=null, signal=SIGTERM]",
        "close Exit[code=null, signal=SIGTERM] stdout=");
    assertThat(seen).containsExactly(true, true, "SIGTERM", false);
  }

  @Test
  void sigkillIsReportedAsSigkill() throws Exception {
    var log = run(l -> {
      ChildProcess child = ChildProcesses.spawn("/bin/sleep", List.of("30"));
      collect(child, l);
      child.kill("SIGKILL");
    });
    assertThat(log).first().isEqualTo("exit Exit[code=null, signal=SIGKILL]");
  }

  @Test
  void unknownSignalIsNodesTypeError() throws Exception {
    run(l -> {
      ChildProcess child = ChildProcesses.spawn("/bin/echo", List.of());
      NodeException e = assertThrows(NodeException.class, () -> child.kill("FOO"));
      assertThat(e.name()).isEqualTo("TypeError");
      assertThat(e.code()).isEqualTo("ERR_UNKNOWN_SIGNAL");
      assertThat(e).hasMessage("Unknown signal: FOO");
    });
  }

  @Test
  void aMissingProgramEmitsEnoentOnTheNextTickThenCloseMinus2() throws Exception {
    var log = run(l -> {
      ChildProcess child = ChildProcesses.spawn("eddy-no-such-cmd", List.of("a", "b"));
      l.add("pid " + child.pid());
      child.on(ChildProcess.EXIT, e -> l.add("exit"));
      child.on(EventEmitter.ERROR, e -> {
        SpawnException s = (SpawnException) e;
        l.add(s.getMessage() + "|" + s.code() + "|" + s.errno() + "|" + s.syscall() + "|" + s.path()
            + "|" + s.spawnargs() + "|" + s.name());
      });
      child.on(ChildProcess.CLOSE, e -> l.add("close " + e));
      Eddy.nextTick(() -> l.add("tick"));
    });
    // verified with node 20: error, then the tick, then close(-2, null); no 'exit'
    assertThat(log).containsExactly("pid null",
        "spawn eddy-no-such-cmd ENOENT|ENOENT|-2|spawn eddy-no-such-cmd|eddy-no-such-cmd|[a, b]|Error",
        "tick", "close Exit[code=-2, signal=null]");
  }

  @Test
  void envAndCwd(@TempDir Path dir) throws Exception {
    Path real = dir.toRealPath();
    var log = run(l -> {
      Map<String, String> env = new HashMap<>();
      env.put("FOO", "bar baz");
      ChildProcess child = ChildProcesses.spawn("/bin/sh", List.of("-c", "echo \"$FOO\"; echo \"${HOME:-unset}\"; pwd"),
          SpawnOptions.defaults().env(env).cwd(real));
      collect(child, l);
    });
    assertThat(log).last().isEqualTo("close Exit[code=0, signal=null] stdout=bar baz\nunset\n" + real + "\n");
  }

  @Test
  void shellOptionRunsShSminusC() throws Exception {
    List<Object> argv = new ArrayList<>();
    var log = run(l -> {
      ChildProcess child = ChildProcesses.spawn("echo a;", List.of("echo", "b"), SpawnOptions.defaults().shell(true));
      argv.addAll(child.spawnargs());
      collect(child, l);
    });
    assertThat(argv).containsExactly("/bin/sh", "-c", "echo a; echo b");
    assertThat(log).last().isEqualTo("close Exit[code=0, signal=null] stdout=a\nb\n");
  }

  @Test
  void withoutShellASemicolonIsJustAnArgument() throws Exception {
    var log = run(l -> collect(ChildProcesses.spawn("/bin/echo", List.of("a;", "echo", "$HOME")), l));
    assertThat(log).last().isEqualTo("close Exit[code=0, signal=null] stdout=a; echo $HOME\n");
  }

  @Test
  void ignoredAndUnreadStdioStillClose() throws Exception {
    var log = run(l -> {
      ChildProcess ignored = ChildProcesses.spawn("/bin/echo", List.of("x"), SpawnOptions.defaults().stdio("ignore"));
      l.add("stdout " + ignored.stdout() + " stdin " + ignored.stdin());
      ignored.on(ChildProcess.CLOSE, e -> l.add("ignored " + e));
      // nobody reads this one: Node drains it after exit so that 'close' comes
      ChildProcess unread = ChildProcesses.spawn("/bin/echo", List.of("y"));
      unread.on(ChildProcess.CLOSE, e -> l.add("unread " + e));
    });
    assertThat(log).containsExactlyInAnyOrder("stdout null stdin null",
        "ignored Exit[code=0, signal=null]", "unread Exit[code=0, signal=null]");
  }

  @Test
  void noFileDescriptorLeaks() throws Exception {
    run(l -> collect(ChildProcesses.spawn("/bin/echo", List.of("warm-up")), l)); // lazy JDK fds
    long before = openFds();
    for (int i = 0; i < 10; i++) {
      run(l -> {
        ChildProcess cat = ChildProcesses.spawn("/bin/cat", List.of());
        collect(cat, l);
        cat.stdin().end();
        ChildProcesses.spawn("/bin/sleep", List.of("30")).kill();
        ChildProcesses.spawn("eddy-no-such-cmd", List.of()).on(EventEmitter.ERROR, e -> { });
        ChildProcesses.exec("echo out; echo err >&2", null, (err, out, errOut) -> { });
      });
    }
    // 40 children with 3 pipes each: a leak would show as dozens of descriptors
    assertThat(openFds()).isLessThanOrEqualTo(before + 2);
  }

  static long openFds() throws Exception {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  @Test
  void anUnrefdChildDoesNotHoldTheLoop() throws Exception {
    ProcessHandle[] child = new ProcessHandle[1];
    var log = run(l -> {
      ChildProcess c = ChildProcesses.spawn("/bin/sleep", List.of("30"), SpawnOptions.defaults().stdio("ignore"));
      child[0] = ProcessHandle.of(c.pid()).orElseThrow();
      c.on(ChildProcess.EXIT, e -> l.add("exit"));
      c.unref();
    });
    try {
      assertThat(log).isEmpty(); // the loop ended without waiting for the child
      assertThat(child[0].isAlive()).isTrue();
    } finally {
      child[0].destroyForcibly();
    }
  }

  @Test
  void outputWrittenBeforeAKillIsStillDelivered() throws Exception {
    var log = run(l -> {
      ChildProcess child = ChildProcesses.spawn("/bin/sh", List.of("-c", "echo before; exec sleep 30"));
      collect(child, l);
      child.stdout().once(Stream.DATA, c -> child.kill());
    });
    assertThat(log).containsExactly("exit Exit[code=null, signal=SIGTERM]",
        "close Exit[code=null, signal=SIGTERM] stdout=before\n");
  }

  static String spawnError(String file, SpawnOptions o) throws Exception {
    String[] seen = new String[1];
    run(l -> ChildProcesses.spawn(file, List.of("x"), o).on(EventEmitter.ERROR, e -> {
      SpawnException s = (SpawnException) e;
      seen[0] = s.getMessage() + "|" + s.code() + "|" + s.errno() + "|" + s.syscall() + "|" + s.path()
          + "|" + s.spawnargs();
    }));
    return seen[0];
  }

  @Test
  void aMissingCwdIsEnoentOfTheProgram() throws Exception {
    // node 20: spawn /bin/echo ENOENT, errno -2, syscall "spawn /bin/echo", path /bin/echo
    assertThat(spawnError("/bin/echo", SpawnOptions.defaults().cwd("/eddy/no/such/dir")))
        .isEqualTo("spawn /bin/echo ENOENT|ENOENT|-2|spawn /bin/echo|/bin/echo|[x]");
  }

  @Test
  void aFileThatIsNotExecutableIsEacces(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("data.txt"), "not a program");
    String f = file.toString();
    // node 20: spawn <file> EACCES, errno -13
    assertThat(spawnError(f, null)).isEqualTo("spawn " + f + " EACCES|EACCES|-13|spawn " + f + "|" + f + "|[x]");
  }
}
