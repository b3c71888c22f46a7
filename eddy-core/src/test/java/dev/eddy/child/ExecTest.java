package dev.eddy.child;

import static dev.eddy.Eddy.async;
import static dev.eddy.Eddy.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecTest {
  record Result(Throwable err, Object stdout, Object stderr) {}

  static Result exec(String command, ExecOptions o) throws Exception {
    Result[] r = new Result[1];
    ChildProcessTest.run(l -> ChildProcesses.exec(command, o, (e, out, err) -> r[0] = new Result(e, out, err)));
    return r[0];
  }

  static Result execFile(String file, List<String> args, ExecOptions o) throws Exception {
    Result[] r = new Result[1];
    ChildProcessTest.run(l -> ChildProcesses.execFile(file, args, o, (e, out, err) -> r[0] = new Result(e, out, err)));
    return r[0];
  }

  @Test
  void execRunsAShellPipeline() throws Exception {
    Result r = exec("echo hello world | tr a-z A-Z; echo note >&2", null);
    assertThat(r).isEqualTo(new Result(null, "HELLO WORLD\n", "note\n"));
  }

  @Test
  void aFailedCommandGivesNodesError() throws Exception {
    Result r = exec("echo hi >&2; exit 3", null);
    ExecException e = (ExecException) r.err();
    // node 20: "Command failed: echo hi >&2; exit 3\nhi\n", code 3, killed false, signal null
    assertThat(e).hasMessage("Command failed: echo hi >&2; exit 3\nhi\n");
    assertThat(e.code()).isEqualTo(3);
    assertThat(e.killed()).isFalse();
    assertThat(e.signal()).isNull();
    assertThat(e.cmd()).isEqualTo("echo hi >&2; exit 3");
    assertThat(r.stderr()).isEqualTo("hi\n");
  }

  @Test
  void execFileDoesNotInterpretTheArguments() throws Exception {
    Result r = execFile("/bin/echo", List.of("$HOME", "`id`"), null);
    assertThat(r).isEqualTo(new Result(null, "$HOME `id`\n", ""));
  }

  @Test
  void bufferEncodingGivesBuffers() throws Exception {
    Result r = execFile("/bin/echo", List.of("hi"), ExecOptions.defaults().encoding("buffer"));
    assertThat(((Buffer) r.stdout()).toByteArray()).isEqualTo("hi\n".getBytes());
    assertThat(((Buffer) r.stderr()).length()).isZero();
  }

  @Test
  void exceedingMaxBufferKillsTheChild() throws Exception {
    Result r = exec("yes", ExecOptions.defaults().maxBuffer(100));
    MaxBufferException e = (MaxBufferException) r.err();
    assertThat(e).hasMessage("stdout maxBuffer length exceeded");
    assertThat(e.code()).isEqualTo("ERR_CHILD_PROCESS_STDIO_MAXBUFFER");
    assertThat(e.name()).isEqualTo("RangeError");
    assertThat(e.cmd()).isEqualTo("yes");
    assertThat((String) r.stdout()).hasSize(100).startsWith("y\ny\n");
  }

  @Test
  void timeoutKillsWithTheKillSignal() throws Exception {
    Result r = execFile("/bin/sleep", List.of("30"), ExecOptions.defaults().timeout(100));
    ExecException e = (ExecException) r.err();
    // node 20: "Command failed: sleep 30\n", code null, killed true, signal SIGTERM
    assertThat(e).hasMessage("Command failed: /bin/sleep 30\n");
    assertThat(e.code()).isNull();
    assertThat(e.killed()).isTrue();
    assertThat(e.signal()).isEqualTo("SIGTERM");
  }

  @Test
  void aMissingFileReachesTheCallbackAsSpawnError() throws Exception {
    Result r = execFile("eddy-no-such-cmd", List.of("x"), null);
    SpawnException e = (SpawnException) r.err();
    assertThat(e).hasMessage("spawn eddy-no-such-cmd ENOENT");
    assertThat(e.code()).isEqualTo("ENOENT");
    assertThat(e.errno()).isEqualTo(-2);
    assertThat(e.cmd()).isEqualTo("eddy-no-such-cmd x");
    assertThat(r.stdout()).isEqualTo("");
  }

  @Test
  void promiseForms() throws Exception {
    Object[] seen = new Object[2];
    ChildProcessTest.run(l -> async(() -> {
      seen[0] = await(ChildProcesses.execFile("/bin/echo", List.of("ok"), null));
      try {
        await(ChildProcesses.exec("exit 7", ExecOptions.defaults()));
      } catch (ExecException e) {
        seen[1] = e.code();
      }
    }));
    assertThat(seen).containsExactly(new Output("ok\n", ""), 7);
  }

  @Test
  void aMissingCommandThroughTheShellIsExit127() throws Exception {
    Result r = exec("eddy-no-such-cmd", null);
    ExecException e = (ExecException) r.err();
    // node 20 (dash): "Command failed: nope-cmd-x\n/bin/sh: 1: nope-cmd-x: not found\n", code 127
    assertThat(e).hasMessage("Command failed: eddy-no-such-cmd\n/bin/sh: 1: eddy-no-such-cmd: not found\n");
    assertThat(e.code()).isEqualTo(127);
  }
}
