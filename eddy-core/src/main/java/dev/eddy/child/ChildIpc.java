package dev.eddy.child;

import dev.eddy.Eddy;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import dev.eddy.Loop;
import dev.eddy.child.internal.IpcCodec;
import dev.eddy.child.internal.Pipes;
import dev.eddy.stream.Readable;
import dev.eddy.stream.Stream;
import dev.eddy.stream.Writable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The child's end of a {@link ChildProcesses#fork} channel, Node's {@code process.send} / {@code
 * process.on('message')} / {@code process.disconnect}. The channel is the child's stdin and
 * stdout, one message per line (see {@link ChildProcesses#fork} for the limits), so {@link
 * #connect()} points {@code System.out} at stderr: a stray {@code println} cannot corrupt it.
 *
 * <p>Used on the loop thread of the child's main loop. While connected the channel keeps that
 * loop alive, as Node's ref'd IPC channel does; {@link #disconnect()} lets it end.
 */
public final class ChildIpc extends EventEmitter {
  /** {@code 'message'}: a message the parent sent with {@link ChildProcess#send}. */
  public static final Event<String> MESSAGE = Event.of("message");
  /** {@code 'disconnect'}: the parent disconnected (or ended), or {@link #disconnect()} was called. */
  public static final Event<Void> DISCONNECT = Event.of("disconnect");

  private static ChildIpc instance; // guarded by ChildIpc.class

  private final Readable in;
  private final Writable out;
  private boolean connected = true;

  private ChildIpc() {
    // The real stdout, opened before System.out is redirected, is the channel to the parent.
    out = Pipes.writable(new FileOutputStream(FileDescriptor.out));
    in = Pipes.readable(System.in, null);
    IpcCodec.readMessages(in, m -> emit(MESSAGE, m));
    in.on(Stream.END, x -> closed());
  }

  /**
   * The channel of this JVM, opened on the first call (later calls return the same one; it belongs
   * to the loop of the first call). Call on a loop thread of a JVM started by {@code fork}.
   *
   * @throws IllegalStateException if called outside a loop
   */
  public static synchronized ChildIpc connect() {
    if (Loop.current() == null) {
      throw new IllegalStateException("ChildIpc.connect() called outside an Eddy loop");
    }
    if (instance == null) {
      System.out.flush();
      System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
      instance = new ChildIpc();
    }
    return instance;
  }

  /**
   * Sends a message to the parent, which receives it as {@link ChildProcess#MESSAGE}; loop thread.
   *
   * @return false if the write buffer is full, true otherwise
   * @throws dev.eddy.NodeException ERR_IPC_CHANNEL_CLOSED ({@code Channel closed}) after a disconnect
   */
  public boolean send(String message) {
    Objects.requireNonNull(message, "message");
    if (!connected) {
      throw new dev.eddy.NodeException("Error", "ERR_IPC_CHANNEL_CLOSED", "Channel closed");
    }
    return out.write(IpcCodec.encode(message));
  }

  /** Closes the channel (the parent sees 'disconnect'); loop thread. */
  public void disconnect() {
    if (connected) {
      out.end();
      in.destroy();
      connected = false;
      Eddy.nextTick(() -> emit(DISCONNECT, null));
    }
  }

  /** Whether the channel is open. */
  public boolean connected() {
    return connected;
  }

  private void closed() {
    if (connected) {
      connected = false;
      out.end();
      emit(DISCONNECT, null);
    }
  }
}
