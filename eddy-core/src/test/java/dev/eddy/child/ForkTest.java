package dev.eddy.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForkTest {
  @Test
  void aForkedJvmExchangesMessagesAndDisconnects() throws Exception {
    var log = ChildProcessTest.run(l -> {
      ChildProcess child = ChildProcesses.fork(ForkedEcho.class.getName(), List.of("a", "b"), null);
      l.add("stdin " + child.stdin() + " stdout " + child.stdout());
      child.on(ChildProcess.MESSAGE, m -> {
        l.add(m);
        if (m.startsWith("ready")) {
          child.send("two\nlines \\ and a backslash");
        } else {
          child.send("bye");
        }
      });
      child.on(ChildProcess.DISCONNECT, x -> {
        l.add("disconnect " + child.connected());
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.eddy.NodeException.class, () -> child.send("late"));
        assertThat(e.code()).isEqualTo("ERR_IPC_CHANNEL_CLOSED");
      });
      child.on(ChildProcess.EXIT, e -> l.add("exit " + e));
      child.on(ChildProcess.CLOSE, e -> l.add("close " + e));
    });
    assertThat(log.subList(0, 3)).containsExactly("stdin null stdout null", "ready a,b",
        "echo:two\nlines \\ and a backslash");
    // the channel's EOF and the process exit travel different ways: either may come first
    assertThat(log.subList(3, 5)).containsExactlyInAnyOrder("disconnect false", "exit Exit[code=0, signal=null]");
    assertThat(log).hasSize(6).last().isEqualTo("close Exit[code=0, signal=null]");
  }

  @Test
  void aChildThatDisconnectsWhileAReadIsPendingStillExits() throws Exception {
    var log = ChildProcessTest.run(l -> {
      ChildProcess child = ChildProcesses.fork(ForkedEcho.class.getName(), List.of(), null);
      child.on(ChildProcess.MESSAGE, m -> child.send("bye later"));
      child.on(ChildProcess.DISCONNECT, x -> l.add("disconnect"));
      child.on(ChildProcess.EXIT, e -> l.add("exit " + e));
    });
    assertThat(log).containsExactlyInAnyOrder("disconnect", "exit Exit[code=0, signal=null]");
  }
}
