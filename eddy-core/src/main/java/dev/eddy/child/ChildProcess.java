package dev.eddy.child;

import dev.eddy.Eddy;
import dev.eddy.Event;
import dev.eddy.EventEmitter;
import dev.eddy.Loop;
import dev.eddy.NodeException;
import dev.eddy.child.internal.Pipes;
import dev.eddy.child.internal.Signals;
import dev.eddy.stream.Readable;
import dev.eddy.stream.Stream;
import dev.eddy.stream.Writable;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running (or failed) child process, Node's {@code ChildProcess}: created by {@link
 * ChildProcesses#spawn}, it emits {@link #SPAWN} once started, {@link #EXIT} when the process
 * ends, {@link #CLOSE} after the exit <em>and</em> after its piped stdout and stderr have closed,
 * and {@link EventEmitter#ERROR} when it could not start (then {@code 'close'} with code -2
 * follows, and no {@code 'exit'}, as in Node).
 *
 * <p>Used on the thread of the loop that spawned it. The loop stays alive while the process runs
 * (a ref'd handle): the exit is observed off the loop through {@link Process#onExit()} and handed
 * over with {@link Loop#execute}.
 */
public class ChildProcess extends EventEmitter {
  /**
   * How a child ended, the payload of {@code 'exit'} and {@code 'close'}: Node's {@code (code,
   * signal)}. Exactly one is non-null, except {@code code -2} on the {@code 'close'} of a child
   * that could not start.
   *
   * @param code the exit code, or null if a signal ended the child
   * @param signal the signal name ({@code "SIGTERM"}, ...) or null
   */
  public record Exit(Integer code, String signal) {}

  /** {@code 'spawn'}: the process started (next tick after spawn). */
  public static final Event<Void> SPAWN = Event.of("spawn");
  /** {@code 'exit'}: the process ended; its stdio may still hold data. */
  public static final Event<Exit> EXIT = Event.of("exit");
  /** {@code 'close'}: the process ended and its stdout and stderr have closed. */
  public static final Event<Exit> CLOSE = Event.of("close");

  /** {@code 'message'}: a message the forked child sent with {@link ChildIpc#send}. */
  public static final Event<String> MESSAGE = Event.of("message");
  /** {@code 'disconnect'}: the fork channel closed (either side disconnected, or the child ended). */
  public static final Event<Void> DISCONNECT = Event.of("disconnect");

  // The errno inside the JDK's text: "error=2, No such file..." (older launch paths) or "Exec
  // failed, error: 2 (No such file...)" (JDK 25's jspawnhelper); no API exposes it.
  private static final Pattern ERRNO = Pattern.compile("error(?:=|: )(\\d+)");

  private final Loop loop;
  private final String spawnfile;
  private final List<String> spawnargs;
  private final Process process;
  private final Writable stdin;
  private final Readable stdout;
  private final Readable stderr;
  private AutoCloseable alive;
  private int closesNeeded = 1;
  private int closesGot;
  private Integer exitCode;
  private String signalCode;
  private boolean killed;
  private boolean exited;
  private boolean ipc;
  private boolean connected;

  ChildProcess(List<String> argv, SpawnOptions o) {
    this.loop = Loop.current();
    if (loop == null) {
      throw new IllegalStateException("spawn() called outside an Eddy loop");
    }
    this.spawnfile = argv.get(0);
    this.spawnargs = List.copyOf(argv);
    ProcessBuilder pb = new ProcessBuilder(argv);
    if (o.cwd != null) {
      pb.directory(o.cwd.toFile());
    }
    if (o.env != null) {
      pb.environment().clear();
      pb.environment().putAll(o.env);
    }
    pb.redirectInput(mode(o.stdio.get(0), true));
    pb.redirectOutput(mode(o.stdio.get(1), false));
    pb.redirectError(mode(o.stdio.get(2), false));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      // Node reports run-time spawn failures as an 'error' event, never as a throw from spawn.
      SpawnException err = spawnError(e, spawnfile, argv.subList(1, argv.size()));
      this.process = null;
      this.stdin = o.stdio.get(0).equals("pipe") ? Pipes.writable(java.io.OutputStream.nullOutputStream()) : null;
      this.stdout = o.stdio.get(1).equals("pipe") ? counted(Pipes.empty()) : null;
      this.stderr = o.stdio.get(2).equals("pipe") ? counted(Pipes.empty()) : null;
      Eddy.nextTick(() -> onExit(err.errno(), null, err));
      return;
    }
    this.process = p;
    this.stdin = o.stdio.get(0).equals("pipe") ? Pipes.writable(p.getOutputStream()) : null;
    this.stdout = o.stdio.get(1).equals("pipe") ? counted(Pipes.readable(p.getInputStream(), p)) : null;
    this.stderr = o.stdio.get(2).equals("pipe") ? counted(Pipes.readable(p.getErrorStream(), p)) : null;
    this.alive = loop.keepAlive();
    Eddy.nextTick(() -> emit(SPAWN, null));
    p.onExit().thenAccept(done -> {
      try {
        loop.execute(() -> {
          int value = done.exitValue();
          String signal = Signals.fromExitValue(value);
          onExit(signal == null ? value : null, signal, null);
        });
      } catch (java.util.concurrent.RejectedExecutionException ended) {
        // an unref'd child outlived its loop: nobody is left to tell
      }
    });
  }

  private static ProcessBuilder.Redirect mode(String mode, boolean input) {
    return switch (mode) {
      case "inherit" -> ProcessBuilder.Redirect.INHERIT;
      case "ignore" -> input ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.DISCARD;
      default -> ProcessBuilder.Redirect.PIPE;
    };
  }

  static SpawnException spawnError(IOException e, String file, List<String> args) {
    Matcher m = ERRNO.matcher(String.valueOf(e.getMessage()));
    int errno = m.find() ? Integer.parseInt(m.group(1)) : -1;
    SpawnException err = switch (errno) {
      case 13 -> new SpawnException("EACCES", -13, file, args);
      case 20 -> new SpawnException("ENOTDIR", -20, file, args);
      case 2 -> new SpawnException("ENOENT", -2, file, args);
      default -> new SpawnException("UNKNOWN", -4094, file, args);
    };
    err.initCause(e); // the JDK's text, kept for diagnosis
    return err;
  }

  private Readable counted(Readable r) {
    closesNeeded++;
    r.on(Stream.CLOSE, x -> maybeClose());
    return r;
  }

  /** Node's {@code _handle.onexit}: a negative code is a spawn failure reported as 'error'. */
  private void onExit(Integer code, String signal, SpawnException error) {
    exited = true;
    exitCode = code;
    signalCode = signal;
    unref();
    if (stdin != null) {
      stdin.destroy();
    }
    if (error != null) {
      emit(ERROR, error);
    } else {
      emit(EXIT, new Exit(code, signal));
    }
    Eddy.nextTick(this::flushStdio);
    maybeClose();
  }

  /** Node's flushStdio: output nobody consumes is drained so that 'close' can come. */
  private void flushStdio() {
    for (Readable r : new Readable[] {stdout, stderr}) {
      if (r != null && r.readable() && r.readableFlowing() == null
          && r.listenerCount(Stream.DATA) == 0 && r.listenerCount(Stream.READABLE) == 0) {
        r.resume();
      }
    }
  }

  private void maybeClose() {
    if (++closesGot == closesNeeded) {
      emit(CLOSE, new Exit(exitCode, signalCode));
    }
  }

  /** Makes stdin/stdout the fork channel (see {@link ChildProcesses#fork}). */
  void attachIpc() {
    if (process == null) {
      return; // the 'error' event reports it; there is no channel to open
    }
    ipc = true;
    connected = true;
    dev.eddy.child.internal.IpcCodec.readMessages(stdout, m -> emit(MESSAGE, m));
    stdout.on(Stream.END, x -> channelClosed());
  }

  private void channelClosed() {
    if (connected) {
      connected = false;
      // the channel closes both ways, as Node's: the child's pending read of its end ends too, so
      // that read no longer keeps the child's loop alive
      stdin.end();
      emit(DISCONNECT, null);
    }
  }

  /**
   * Sends a message to a forked child, which receives it as {@link ChildIpc#MESSAGE}. Loop
   * thread. Any string is allowed (newlines are escaped on the wire).
   *
   * @return false if the write buffer is full (Node's backpressure signal), true otherwise
   * @throws IllegalStateException if this child was not forked
   * @throws NodeException ERR_IPC_CHANNEL_CLOSED ({@code Channel closed}) after a disconnect (Node
   *     emits it as 'error' instead; a throw cannot go unnoticed)
   */
  public boolean send(String message) {
    java.util.Objects.requireNonNull(message, "message");
    if (!ipc) {
      throw new IllegalStateException("not a forked child: no IPC channel");
    }
    if (!connected) {
      throw new NodeException("Error", "ERR_IPC_CHANNEL_CLOSED", "Channel closed");
    }
    return stdin.write(dev.eddy.child.internal.IpcCodec.encode(message));
  }

  /** Closes the fork channel: the child sees {@link ChildIpc#DISCONNECT}; loop thread. */
  public void disconnect() {
    if (ipc && connected) {
      stdin.end();
      connected = false;
      Eddy.nextTick(() -> emit(DISCONNECT, null));
    }
  }

  /** Whether a forked child's channel is open (Node's {@code subprocess.connected}). */
  public boolean connected() {
    return connected;
  }

  /**
   * Lets the loop end while the child still runs (Node's {@code subprocess.unref()}). As in Node,
   * piped stdio still holds the loop while a read is pending: spawn with {@code stdio("ignore")}
   * or {@code "inherit"} for a detached-style child. Loop thread.
   *
   * @return this child
   */
  public ChildProcess unref() {
    if (alive != null) {
      try {
        alive.close();
      } catch (Exception ignored) {
        // keep-alive handles do not fail
      }
      alive = null;
    }
    return this;
  }

  /** Undoes {@link #unref()} while the child runs (Node's {@code subprocess.ref()}); loop thread. */
  public ChildProcess ref() {
    if (alive == null && process != null && !exited) {
      alive = loop.keepAlive();
    }
    return this;
  }

  /** The child's process id, or null if it could not start. Any thread. */
  public Long pid() {
    return process == null ? null : process.pid();
  }

  /** The piped stdin (ending it is the child's EOF), or null if not piped or forked. Loop thread. */
  public Writable stdin() {
    return ipc ? null : stdin;
  }

  /** The piped stdout (bytes as Buffers), or null if not piped or forked. Loop thread. */
  public Readable stdout() {
    return ipc ? null : stdout;
  }

  /** The piped stderr (bytes as Buffers), or null if not piped. Loop thread. */
  public Readable stderr() {
    return stderr;
  }

  /** The exit code once {@code 'exit'} was emitted, null before or when a signal ended it. */
  public Integer exitCode() {
    return exitCode;
  }

  /** The signal that ended the child once {@code 'exit'} was emitted, otherwise null. */
  public String signalCode() {
    return signalCode;
  }

  /** Whether {@link #kill} delivered a signal (Node's {@code subprocess.killed}). */
  public boolean killed() {
    return killed;
  }

  /** Node's {@code spawnfile}: the program run ({@code /bin/sh} with {@code shell}). */
  public String spawnfile() {
    return spawnfile;
  }

  /** Node's {@code spawnargs}: the full command line, program first. */
  public List<String> spawnargs() {
    return spawnargs;
  }

  /** {@code kill("SIGTERM")}. */
  public boolean kill() {
    return kill("SIGTERM");
  }

  /**
   * Sends a signal, on the loop thread. {@code "SIGTERM"} is {@link ProcessHandle#destroy()} and {@code
   * "SIGKILL"} {@link ProcessHandle#destroyForcibly()}: the JDK can send no other signal. Output
   * the child wrote before it died is still delivered.
   *
   * @param signal the signal name
   * @return true if the signal was sent, false if the child had already exited or never started
   * @throws NodeException a TypeError ERR_UNKNOWN_SIGNAL ({@code Unknown signal: FOO}) for a name
   *     Node does not know
   * @throws UnsupportedOperationException for a signal Node knows but the JDK cannot send
   */
  public boolean kill(String signal) {
    if (!Signals.known(signal)) {
      throw new NodeException("TypeError", "ERR_UNKNOWN_SIGNAL", "Unknown signal: " + signal);
    }
    if (!signal.equals("SIGTERM") && !signal.equals("SIGKILL")) {
      throw new UnsupportedOperationException("the JDK can send only SIGTERM and SIGKILL, not " + signal);
    }
    if (process == null || exited || !process.isAlive()) {
      return false;
    }
    // Through the ProcessHandle: Process.destroy() would also close our ends of the pipes, losing
    // output the child wrote before the signal, which Node still delivers.
    if (signal.equals("SIGKILL")) {
      process.toHandle().destroyForcibly();
    } else {
      process.toHandle().destroy();
    }
    killed = true;
    return true;
  }

  @Override
  public String toString() {
    return "ChildProcess[pid=" + pid() + ", " + String.join(" ", spawnargs) + "]";
  }
}
