package dev.eddy.child;

import dev.eddy.Buffer;
import dev.eddy.Eddy;
import dev.eddy.Encoding;
import dev.eddy.Promise;
import dev.eddy.Timeout;
import dev.eddy.stream.Readable;
import dev.eddy.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Node's {@code child_process} on {@link ProcessBuilder}: {@link #spawn}, {@link #exec} and
 * {@link #execFile}, callback and promise forms. Call on a loop thread; callbacks and events come
 * on that loop.
 *
 * <p>Without {@code shell} the program is started directly with its arguments: they reach it
 * exactly as given, never re-parsed by a shell, so input placed in an argument cannot inject a
 * command ({@code $HOME}, {@code ;}, quotes stay literal). {@link #exec} always uses {@code
 * /bin/sh -c}, as Node's does.
 */
public final class ChildProcesses {
  private ChildProcesses() {}

  /**
   * Starts {@code command} with {@code args}, as Node's {@code spawn}. A program that cannot start
   * does not throw: the child emits {@code 'error'} (a {@link SpawnException}, ENOENT for a
   * missing program) on the next tick, then {@code 'close'} with code -2.
   *
   * @param command the program (looked up on PATH), or the shell command line with {@code shell}
   * @param args its arguments (appended after spaces to the command line with {@code shell})
   * @param options the options, or null for {@link SpawnOptions#defaults()}
   * @return the child
   * @throws IllegalStateException if called outside a loop
   * @throws NullPointerException if {@code command} or {@code args} is null
   */
  public static ChildProcess spawn(String command, List<String> args, SpawnOptions options) {
    Objects.requireNonNull(command, "command");
    List<String> a = List.copyOf(args);
    SpawnOptions o = options == null ? SpawnOptions.defaults() : options;
    List<String> argv = new ArrayList<>();
    if (o.shell) {
      argv.add("/bin/sh");
      argv.add("-c");
      argv.add(a.isEmpty() ? command : command + " " + String.join(" ", a));
    } else {
      argv.add(command);
      argv.addAll(a);
    }
    return new ChildProcess(argv, o);
  }

  /** {@link #spawn(String, List, SpawnOptions)} with the default options. */
  public static ChildProcess spawn(String command, List<String> args) {
    return spawn(command, args, null);
  }

  /** {@link #spawn(String, List, SpawnOptions)} without arguments and with the default options. */
  public static ChildProcess spawn(String command) {
    return spawn(command, List.of(), null);
  }

  /**
   * Starts a child JVM running {@code mainClass} with this JVM's class path, connected by a
   * message channel: {@link ChildProcess#send} / {@link ChildProcess#MESSAGE} here, {@link
   * ChildIpc} in the child (its main must run a loop and call {@link ChildIpc#connect()}).
   *
   * <p>Limits, unlike Node's: messages are strings (send JSON text for structure; no handles),
   * carried one per line over the child's stdin and stdout, so the child's {@code System.out} is
   * redirected to stderr before its main runs and the child's {@code stdin()}/{@code stdout()} are null here; the
   * child's stderr is inherited unless the options say otherwise.
   *
   * @param mainClass the binary name of the child's main class
   * @param args its arguments
   * @param options cwd, env and execArgv (stdio and shell are ignored), or null
   * @return the child
   * @throws IllegalStateException if called outside a loop
   */
  public static ChildProcess fork(String mainClass, List<String> args, SpawnOptions options) {
    Objects.requireNonNull(mainClass, "mainClass");
    SpawnOptions o = SpawnOptions.defaults();
    if (options != null) {
      o.cwd = options.cwd;
      o.env = options.env;
    }
    o.stdio("pipe", "pipe", "inherit");
    List<String> argv = new ArrayList<>();
    if (options != null) {
      argv.addAll(options.execArgv);
    }
    argv.add("-cp");
    argv.add(System.getProperty("java.class.path"));
    argv.add(dev.eddy.child.internal.ForkMain.class.getName());
    argv.add(mainClass);
    argv.addAll(args);
    String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ChildProcess child = spawn(javaBin, argv, o);
    child.attachIpc();
    return child;
  }

  /**
   * Runs {@code command} through {@code /bin/sh -c} and calls back once with everything it
   * printed, as Node's {@code exec}: {@code err} is null if it exited with 0, otherwise an {@link
   * ExecException} ({@code Command failed: <command>\n<stderr>}), a {@link MaxBufferException} or
   * a {@link SpawnException}.
   *
   * @return the child, already running
   * @throws IllegalStateException if called outside a loop
   */
  public static ChildProcess exec(String command, ExecOptions options, ExecCallback callback) {
    ExecOptions o = options == null ? ExecOptions.defaults() : options;
    return run(command, List.of(), o, true, callback);
  }

  /** {@link #exec(String, ExecOptions, ExecCallback)} as a promise of the output. */
  public static Promise<Output> exec(String command, ExecOptions options) {
    var r = Promise.<Output>withResolvers();
    exec(command, options, (err, out, errOut) -> settle(r, err, out, errOut));
    return r.promise();
  }

  /**
   * Runs {@code file} with {@code args}, without a shell unless the options ask, and calls back
   * once as {@link #exec(String, ExecOptions, ExecCallback)} does; {@code err.cmd} is the file and
   * arguments joined by spaces.
   *
   * @return the child, already running
   * @throws IllegalStateException if called outside a loop
   */
  public static ChildProcess execFile(String file, List<String> args, ExecOptions options,
      ExecCallback callback) {
    ExecOptions o = options == null ? ExecOptions.defaults() : options;
    return run(file, List.copyOf(args), o, o.shell, callback);
  }

  /** {@link #execFile(String, List, ExecOptions, ExecCallback)} as a promise of the output. */
  public static Promise<Output> execFile(String file, List<String> args, ExecOptions options) {
    var r = Promise.<Output>withResolvers();
    execFile(file, args, options, (err, out, errOut) -> settle(r, err, out, errOut));
    return r.promise();
  }

  private static void settle(Promise.Resolvers<Output> r, Throwable err, Object out, Object errOut) {
    if (err != null) {
      r.reject().accept(err);
    } else {
      r.resolve().accept(new Output(out, errOut));
    }
  }

  /** Node's execFile: collect, enforce maxBuffer and timeout, call back once on 'close'. */
  private static ChildProcess run(String file, List<String> args, ExecOptions o, boolean shell,
      ExecCallback callback) {
    Objects.requireNonNull(callback, "callback");
    SpawnOptions so = SpawnOptions.defaults().shell(shell);
    if (o.cwd != null) {
      so.cwd(o.cwd);
    }
    if (o.env != null) {
      so.env(o.env);
    }
    ChildProcess child = spawn(file, args, so);
    new Collector(child, args.isEmpty() ? file : file + " " + String.join(" ", args), o, callback).start();
    return child;
  }

  private static final class Collector {
    final ChildProcess child;
    final String cmd;
    final ExecOptions o;
    final ExecCallback callback;
    final List<Buffer> out = new ArrayList<>();
    final List<Buffer> err = new ArrayList<>();
    long outLen;
    long errLen;
    Throwable ex;
    boolean killed;
    boolean exited;
    Timeout timer;

    Collector(ChildProcess child, String cmd, ExecOptions o, ExecCallback callback) {
      this.child = child;
      this.cmd = cmd;
      this.o = o;
      this.callback = callback;
    }

    void start() {
      if (o.timeout > 0) {
        timer = Eddy.setTimeout(() -> {
          timer = null;
          kill();
        }, o.timeout);
      }
      collect(child.stdout(), out, true);
      collect(child.stderr(), err, false);
      child.addListener(ChildProcess.CLOSE, e -> exitHandler(e.code(), e.signal()));
      child.addListener(ChildProcess.ERROR, e -> {
        ex = e;
        child.stdout().destroy();
        child.stderr().destroy();
        exitHandler(null, null);
      });
    }

    private void collect(Readable r, List<Buffer> sink, boolean isOut) {
      r.on(Stream.DATA, chunk -> {
        Buffer b = (Buffer) chunk;
        long len = (isOut ? outLen : errLen) + b.length();
        if (isOut) {
          outLen = len;
        } else {
          errLen = len;
        }
        if (len > o.maxBuffer) {
          // Node keeps exactly maxBuffer bytes, then kills the child
          int keep = (int) Math.max(0, o.maxBuffer - (len - b.length()));
          sink.add(Buffer.from(java.util.Arrays.copyOf(b.toByteArray(), keep)));
          ex = new MaxBufferException(isOut ? "stdout" : "stderr", cmd);
          kill();
        } else {
          sink.add(b);
        }
      });
    }

    private void kill() {
      child.stdout().destroy();
      child.stderr().destroy();
      killed = true;
      try {
        child.kill(o.killSignal);
      } catch (RuntimeException e) {
        ex = e;
        exitHandler(null, null);
      }
    }

    private Object decode(List<Buffer> chunks) {
      Buffer all = Buffer.concat(chunks);
      return o.encoding.equals("buffer") ? all : all.toString(Encoding.of(o.encoding));
    }

    private void exitHandler(Integer code, String signal) {
      if (exited) {
        return;
      }
      exited = true;
      if (timer != null) {
        Eddy.clearTimeout(timer);
        timer = null;
      }
      Object stdout = decode(out);
      Object stderr = decode(err);
      if (ex == null && code != null && code == 0 && signal == null) {
        callback.done(null, stdout, stderr);
        return;
      }
      if (ex == null) {
        ex = new ExecException(code, child.killed() || killed, signal, cmd,
            stderr instanceof Buffer b ? b.toString() : (String) stderr);
      } else if (ex instanceof SpawnException se) {
        se.cmd(cmd);
      }
      callback.done(ex, stdout, stderr);
    }
  }
}
