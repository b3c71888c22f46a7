package dev.eddy.child;

import dev.eddy.Eddy;

/** The child of {@link ForkTest}: echoes each message back until told "bye". */
public final class ForkedEcho {
  private ForkedEcho() {}

  public static void main(String[] args) {
    Eddy.main(() -> {
      ChildIpc ipc = ChildIpc.connect();
      System.out.println("stdout goes to stderr in a forked child, not into the channel");
      ipc.send("ready " + String.join(",", args));
      ipc.on(ChildIpc.MESSAGE, m -> {
        if (m.equals("bye")) {
          ipc.disconnect();
        } else if (m.equals("bye later")) {
          // outside the message handler: a read of the channel is pending by then
          Eddy.setTimeout(ipc::disconnect, 50);
        } else {
          ipc.send("echo:" + m);
        }
      });
    });
  }
}
