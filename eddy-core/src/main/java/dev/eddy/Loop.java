package dev.eddy;

import dev.eddy.internal.JsNumbers;
import dev.eddy.internal.LongMap;
import dev.eddy.internal.MpscQueue;
import dev.eddy.internal.Warnings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One event loop: libuv's phases (timers, pending, idle/prepare, poll, check, close) on one
 * thread, with Node's nextTick and promise-microtask queues drained after every callback.
 *
 * <p>A loop runs on the thread that calls {@link #run(Runnable)} (or on a new thread with {@link
 * #start(Runnable)}); everything registered on it runs on that thread, so user code on one loop
 * never races with itself. The only methods callable from any thread are {@link #execute},
 * {@link #keepAlive}, {@link #terminate} and the read-only accessors. Everything else (timers,
 * immediates, ticks, promises) is used through {@link Eddy}'s static methods on the loop thread.
 *
 * <p>The run ends as a Node process does: when nothing keeps the loop alive (after {@code
 * beforeExit}), after {@link EddyProcess#exit(int)}, or after an uncaught exception that no
 * {@code uncaughtException} listener handles (exit code 1, stack trace on standard error). An
 * embedded loop never ends the JVM; {@link Eddy#main} does. Interrupting the loop's thread
 * stops it as {@link #terminate()} does.
 */
public final class Loop implements java.util.concurrent.Executor {
  /** The exit code {@link #run} returns after {@link #terminate()}. */
  public static final int TERMINATED = 130;

  /**
   * The loop of a thread Eddy did not start for it: a caller of {@link #run} or an async body's
   * virtual thread. The loop threads Eddy starts, and the one caller that runs a loop first, are
   * found without it (see {@link #current()}).
   */
  static final ThreadLocal<Loop> CURRENT = new ThreadLocal<>();

  /**
   * The loop run by the first caller of {@link #run} still running one (typically {@code main}),
   * so that its thread finds it with a field read; other callers use {@link #CURRENT}.
   */
  private static final AtomicReference<Loop> ON_CALLER = new AtomicReference<>();

  static {
    dev.eddy.internal.LoopIo.install(new LoopIoImpl());
  }
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();
  private static final Runnable NOOP = () -> {};
  static final long TIMEOUT_MAX = 2147483647L;

  private final VirtualClock clock;
  private final long baseNanos = System.nanoTime();
  private final EddyProcess process;

  volatile Thread thread;
  private volatile boolean terminateRequested;
  private volatile boolean sleeping;
  /** Iterations completed; written by the loop thread only, read by watchdogs. */
  private volatile long iterations;
  /** The thread running this loop's callbacks now: the loop thread, or an async body's virtual thread. */
  private volatile Thread running;
  private volatile boolean finished;
  /** Values of {@link dev.eddy.internal.LoopLocal}s, by their index; loop thread only. */
  Object[] locals = new Object[8];
  private final CompletableFuture<Integer> termination = new CompletableFuture<>();
  private volatile Selector selector;
  private final MpscQueue<Runnable> external = new MpscQueue<>();
  private boolean started;

  // nextTick and microtask queues, pending rejections (Node's task_queues.js / promises.js)
  // Runnables, and TickTask + argument pairs (two slots, no allocation per tick)
  private final ArrayDeque<Object> ticks = new ArrayDeque<>();
  private final ArrayDeque<Runnable> microtasks = new ArrayDeque<>();
  private final ArrayDeque<Promise<?>> pendingRejections = new ArrayDeque<>();
  private final ArrayDeque<Promise<?>> lateHandled = new ArrayDeque<>();

  // timers (Node's lib/internal/timers.js)
  private final LongMap<TimerList> timerLists = new LongMap<>();
  private final TimerHeap timerHeap = new TimerHeap();
  private long nextListId = 1;
  int refTimers;

  // immediates
  private Immediate immediateHead;
  private Immediate immediateTail;
  private Immediate outstandingHead;
  private boolean hasOutstanding;
  private int immediateCount;
  int refImmediates;

  // other handles and requests (blocking work in flight, keep-alive handles, sockets)
  private int refHandles;
  private final AtomicInteger externalRefs = new AtomicInteger();
  private final ArrayDeque<Runnable> pendingCallbacks = new ArrayDeque<>();
  private final ArrayDeque<Runnable> closingCallbacks = new ArrayDeque<>();
  private final java.util.ArrayList<Runnable> idleHooks = new java.util.ArrayList<>();

  private boolean exiting;
  private int exitCode;
  final java.util.Set<Coroutine<?>> suspended = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private Loop(VirtualClock clock) {
    this.clock = clock;
    this.process = new EddyProcess(this);
    if (clock != null) {
      clock.attach(this);
    }
  }

  /** A new loop on the system's monotonic clock. It does nothing until {@link #run} or {@link #start}. */
  public static Loop create() {
    return new Loop(null);
  }

  /**
   * A new loop whose timers follow the given virtual clock instead of real time: tests advance
   * the clock (or let it jump to the next timer) and never sleep.
   */
  public static Loop create(VirtualClock clock) {
    return new Loop(Objects.requireNonNull(clock, "clock"));
  }

  /** The loop the current thread runs or holds (an async body holds its loop), or null. */
  public static Loop current() {
    // Found per request (streams, ticks, loop-local caches): a ThreadLocal lookup costs a hash
    // probe and a weak-reference check, and once the thread carries other libraries' thread
    // locals the JIT was seen leaving it out of line (issue 8's profile), so a loop's own thread
    // finds its loop in a field.
    Thread t = Thread.currentThread();
    if (t instanceof LoopThread lt) {
      Loop l = lt.loop;
      if (l != null) return l;
    }
    Loop c = ON_CALLER.getPlain();
    if (c != null && c.thread == t) return c;
    return CURRENT.get();
  }

  static Loop require(String what) {
    Loop loop = current();
    if (loop == null) {
      throw new IllegalStateException(what + " called outside an Eddy loop: run the code inside "
          + "Loop.run(...), Eddy.run(...) or a callback of a loop");
    }
    return loop;
  }

  void checkThread(String what) {
    if (current() != this) {
      throw new IllegalStateException(what + " called from thread '" + Thread.currentThread().getName()
          + "', which does not run this loop; hand the work over with loop.execute(...)");
    }
  }

  /** This loop's process object: {@code uncaughtException}, {@code exit}, {@code exit(code)}... */
  public EddyProcess process() {
    return process;
  }

  /** The loop's clock in whole milliseconds (libuv's {@code uv_now}, updated on every call). */
  public long now() {
    return clock != null ? clock.millis() : (System.nanoTime() - baseNanos) / 1_000_000L;
  }

  /** Whether the loop has finished running. Safe from any thread. */
  public boolean isFinished() {
    return finished;
  }

  // ---------------------------------------------------------------------------------------------
  // Running
  // ---------------------------------------------------------------------------------------------

  /**
   * Runs {@code main} as the main module on the calling thread, then the loop until the process
   * would end, and returns the exit code (0, the code given to {@code exit}, 1 after a fatal
   * uncaught exception, {@link #TERMINATED} after {@link #terminate()}). A loop runs once.
   *
   * @throws IllegalStateException if the loop was already run or the thread runs another loop
   */
  public int run(Runnable main) {
    Objects.requireNonNull(main, "main");
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("this loop has already been run; create a new Loop");
      }
      started = true;
    }
    if (current() != null) {
      throw new IllegalStateException("thread '" + Thread.currentThread().getName()
          + "' already runs a loop; start the new loop on its own thread with loop.start(...)");
    }
    thread = Thread.currentThread();
    running = thread;
    if (thread instanceof LoopThread lt) {
      lt.loop = this;
    } else if (!ON_CALLER.compareAndSet(null, this)) {
      CURRENT.set(this);
    }
    int code = -1;
    try {
      code = runProcess(main);
      return code;
    } finally {
      finished = true;
      cancelSuspended();
      if (thread instanceof LoopThread lt) {
        lt.loop = null;
      } else if (!ON_CALLER.compareAndSet(this, null)) {
        CURRENT.remove();
      }
      closeSelector();
      runRejectedExternal();
      termination.complete(code);
    }
  }

  /**
   * Completes with the exit code when this loop has finished running (on the loop's thread, after
   * the {@code exit} listeners). Safe from any thread.
   */
  public CompletableFuture<Integer> termination() {
    return termination.copy();
  }

  /** Runs the loop on a new platform thread; the future completes with the exit code. */
  public CompletableFuture<Integer> start(Runnable main) {
    Objects.requireNonNull(main, "main");
    CompletableFuture<Integer> done = new CompletableFuture<>();
    Thread t = new LoopThread(() -> {
      try {
        done.complete(run(main));
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "eddy-loop-" + THREAD_IDS.incrementAndGet());
    t.start();
    return done;
  }

  private long cachedTimeMillis;
  /** Set where libuv updates uv_now (before the timers, after the poll); the next read refreshes. */
  private boolean cachedTimeStale = true;

  /**
   * The wall-clock time (milliseconds since the epoch) as this loop cached it: read once after
   * each of the moments libuv updates its cached {@code uv_now} (before each iteration's timers,
   * after each poll), on the first call after it, so that iterations that never ask cost no clock
   * read. Until the next such moment it does not move, and reading it costs a field read, where
   * {@code System.currentTimeMillis()} is an ordered clock read that also stalls the memory
   * accesses around it: for hot paths that need the time per request at millisecond precision
   * (the memory rate-limit store). Off by at most the duration of one iteration's callbacks.
   * Loop thread.
   */
  public long cachedTimeMillis() {
    if (cachedTimeStale) {
      cachedTimeMillis = System.currentTimeMillis();
      cachedTimeStale = false;
    }
    return cachedTimeMillis;
  }

  private int runProcess(Runnable main) {
    cachedTimeStale = true;
    try {
      try {
        main.run();
      } catch (ExitSignal s) {
        throw s;
      } catch (Throwable e) {
        reportUncaught(e);
      }
      safeDrain();
      do {
        uvRun();
        checkTerminate();
        try {
          process.emitBeforeExit(exitCode);
          drain();
        } catch (ExitSignal s) {
          throw s;
        } catch (Throwable e) {
          reportUncaught(e);
        }
      } while (alive());
      exiting = true;
      process.emitExit(exitCode);
      return exitCode;
    } catch (ExitSignal s) {
      return s.code;
    }
  }

  /** Ends the process as Node's {@code process.exit(code)}: exit listeners run, then nothing else. */
  void exit(int code) {
    if (!exiting) {
      exiting = true;
      exitCode = code;
      try {
        process.emitExit(code);
      } catch (ExitSignal s) {
        throw s;
      } catch (Throwable e) {
        printUncaught(e);
      }
    }
    throw new ExitSignal(code);
  }

  int exitCode() {
    return exitCode;
  }

  void exitCode(int code) {
    exitCode = code;
  }

  /**
   * Asks the loop to stop as soon as the running callback returns (from any thread): no more
   * callbacks run, no exit listeners, and {@link #run} returns {@link #TERMINATED}. For runaway
   * programs and shutdown of embedded loops; a program ends itself with {@code exit(code)}.
   */
  public void terminate() {
    terminateRequested = true;
    wake();
  }

  private void checkTerminate() {
    if (terminateRequested) {
      throw new ExitSignal(TERMINATED);
    }
  }

  /**
   * libuv 1.46's uv_run(UV_RUN_DEFAULT). Liveness is computed before the first timers phase and
   * then only at the end of each iteration, so an iteration runs even when those first timers
   * left nothing alive (an unref'd immediate then still runs).
   */
  private void uvRun() {
    if (loopStartNanos == 0) {
      loopStartNanos = System.nanoTime();
    }
    boolean alive = alive();
    if (!alive) {
      return;
    }
    timersPhase();
    while (alive) {
      checkTerminate();
      pendingPhase();
      idlePhase();
      pollPhase();
      checkPhase();
      closingPhase();
      timersPhase();
      iterations++;
      alive = alive();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // For watchdogs (any thread)
  // ---------------------------------------------------------------------------------------------

  /** The thread that runs (or ran) this loop, or null before it started. */
  public Thread thread() {
    return thread;
  }

  /**
   * The thread executing this loop's code right now: the loop thread, or the virtual thread of an
   * async body that holds the loop (when async bodies run on virtual threads). Any thread.
   */
  public Thread runningThread() {
    return running;
  }

  /** Loop iterations completed so far; a value that stops moving while not polling means a blocked loop. Any thread. */
  public long iterations() {
    return iterations;
  }

  // Node's loop idle time (uv_metrics_idle_time, always on there): the loop thread adds to it
  // around each blocking poll, two clock reads per iteration that blocks; readers on any thread
  private volatile long idleNanos;
  private volatile long loopStartNanos;

  /**
   * Node's {@code performance.eventLoopUtilization()}: the time this loop has spent waiting in
   * its poll phase ({@code idle}) and the rest of the time since its event loop started ({@code
   * active}), in milliseconds, with {@code utilization = active / (idle + active)}. All zero
   * before the event loop starts (the main callback runs before it, as a Node script does). The
   * difference of two readings ({@link EventLoopUtilization#since}) gives the utilization over
   * that interval, as Node's one-argument form does. Any thread.
   */
  public EventLoopUtilization eventLoopUtilization() {
    long start = loopStartNanos;
    if (start == 0) {
      return new EventLoopUtilization(0, 0, 0);
    }
    long idle = idleNanos;
    long active = Math.max(0, System.nanoTime() - start - idle);
    return EventLoopUtilization.of(idle / 1e6, active / 1e6);
  }

  /** Whether the loop is waiting for I/O or timers in its poll phase (idle). Any thread. */
  public boolean isPolling() {
    return sleeping;
  }

  void running(Thread t) {
    running = t;
  }

  boolean alive() {
    return refTimers > 0 || refImmediates > 0 || refHandles > 0
        || !pendingCallbacks.isEmpty() || !closingCallbacks.isEmpty() || externalRefs.get() > 0;
  }

  // ---------------------------------------------------------------------------------------------
  // The drain: nextTick queue, microtasks, rejections
  // ---------------------------------------------------------------------------------------------

  void nextTick(Runnable task) {
    ticks.addLast(task);
  }

  <A> void nextTick(dev.eddy.internal.TickTask<A> task, A arg) {
    ticks.addLast(task);
    ticks.addLast(Objects.requireNonNull(arg, "arg"));
  }

  boolean microtasksEmpty() {
    return microtasks.isEmpty() && !terminateRequested;
  }

  void queueMicrotask(Runnable task) {
    microtasks.addLast(task);
  }

  /** Node's processTicksAndRejections(); exceptions propagate to the phase that called it. */
  void drain() {
    ArrayDeque<Object> ticks = this.ticks;
    do {
      Object t;
      while ((t = ticks.pollFirst()) != null) {
        if (terminateRequested) {
          checkTerminate();
        }
        if (t instanceof Runnable r) {
          r.run();
        } else {
          runTickTask(t, ticks.pollFirst());
        }
      }
      runMicrotasks();
    } while (!ticks.isEmpty() || processRejections());
  }

  @SuppressWarnings("unchecked")
  private static void runTickTask(Object task, Object arg) {
    ((dev.eddy.internal.TickTask<Object>) task).run(arg);
  }

  private void runMicrotasks() {
    ArrayDeque<Runnable> q = microtasks;
    Runnable m;
    while ((m = q.pollFirst()) != null) {
      if (terminateRequested) {
        checkTerminate();
      }
      m.run();
    }
  }

  /** A drain whose exception is reported and after which the flow simply continues. */
  private void safeDrain() {
    try {
      drain();
    } catch (ExitSignal s) {
      throw s;
    } catch (Throwable e) {
      reportUncaught(e);
    }
  }

  void trackRejection(Promise<?> p) {
    pendingRejections.addLast(p);
  }

  void rejectionHandledLate(Promise<?> p) {
    lateHandled.addLast(p);
  }

  private boolean processRejections() {
    boolean any = !lateHandled.isEmpty();
    Promise<?> late;
    while ((late = lateHandled.pollFirst()) != null) {
      process.emitRejectionHandled(late);
    }
    int len = pendingRejections.size();
    if (len == 0) {
      return any;
    }
    while (len-- > 0) {
      Promise<?> p = pendingRejections.pollFirst();
      if (p.isHandled()) {
        continue;
      }
      p.markReported();
      Throwable reason = p.reason();
      if (!process.emitUnhandledRejection(reason, p)) {
        reportUncaught(reason);
      }
    }
    return true;
  }

  /** A queueMicrotask callback: its exception is an uncaught exception reported inline. */
  private final class UserMicrotask implements Runnable {
    private final Runnable task;

    UserMicrotask(Runnable task) {
      this.task = task;
    }

    @Override
    public void run() {
      try {
        task.run();
      } catch (ExitSignal s) {
        throw s;
      } catch (Throwable e) {
        reportUncaught(e);
      }
    }
  }

  void queueUserMicrotask(Runnable task) {
    microtasks.addLast(new UserMicrotask(task));
  }

  // ---------------------------------------------------------------------------------------------
  // Uncaught exceptions
  // ---------------------------------------------------------------------------------------------

  /**
   * Node's triggerUncaughtException: the {@code uncaughtException} listeners run and a hidden
   * no-op immediate is queued; with no listener the process ends with exit code 1.
   */
  void reportUncaught(Throwable e) {
    if (e instanceof ExitSignal s) {
      throw s;
    }
    if (process.listenerCount(EddyProcess.UNCAUGHT_EXCEPTION) == 0) {
      printUncaught(e);
      exit(1);
    }
    try {
      process.emit(EddyProcess.UNCAUGHT_EXCEPTION, e);
    } catch (ExitSignal s) {
      throw s;
    } catch (Throwable inListener) {
      // Node ends the process with code 7 when the handler itself throws.
      printUncaught(inListener);
      exit(7);
    }
    setImmediate(NOOP);
  }

  private static void printUncaught(Throwable e) {
    System.err.print("Uncaught ");
    e.printStackTrace(System.err);
    System.err.flush();
  }

  // ---------------------------------------------------------------------------------------------
  // Timers
  // ---------------------------------------------------------------------------------------------

  /**
   * Node's delay rules: truncation, below 1 becomes 1, above 2^31-1 becomes 1 with a warning.
   * NaN, which Node also turns into 1, is refused: in Java it can only come from a bug (0.0 / 0.0).
   */
  static long clampDelay(double after) {
    if (Double.isNaN(after)) {
      throw new IllegalArgumentException("The \"delay\" argument must be a number of milliseconds. Received NaN");
    }
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        Warnings.emit("TimeoutOverflowWarning", JsNumbers.toString(after)
            + " does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.");
      }
      return 1;
    }
    return (long) after;
  }

  Timeout setTimer(Runnable callback, double delay, boolean repeat) {
    Timeout t = new Timeout(this, callback, clampDelay(delay), repeat);
    refTimers++;
    insertTimer(t, now());
    return t;
  }

  private void insertTimer(Timeout t, long start) {
    t.start = start;
    long duration = t.duration;
    TimerList list = timerLists.get(duration);
    if (list == null) {
      list = new TimerList(duration, start + duration, nextListId++);
      timerLists.put(duration, list);
      timerHeap.insert(list);
    }
    TimerList.remove(t);
    list.append(t);
  }

  /** Node's clearTimeout / clearInterval. */
  void clearTimer(Timeout t) {
    if (t == null || t.callback == null) {
      return;
    }
    t.callback = null;
    unenroll(t);
  }

  private void unenroll(Timeout t) {
    if (t.destroyed) {
      return;
    }
    t.destroyed = true;
    TimerList.remove(t);
    TimerList list = timerLists.get(t.duration);
    if (list != null && list.isEmpty()) {
      timerHeap.remove(list);
      timerLists.remove(t.duration);
    }
    t.duration = -1;
    if (t.refed) {
      refTimers--;
    }
  }

  void refreshTimer(Timeout t) {
    if (t.duration < 0) {
      return; // cleared: Node's insertGuarded does nothing
    }
    insertTimer(t, now());
    if (t.destroyed) {
      t.destroyed = false;
      if (t.refed) {
        refTimers++;
      }
    }
  }

  private void timersPhase() {
    cachedTimeStale = true;
    TimerList first = timerHeap.peek();
    if (first == null) {
      return;
    }
    long t = now();
    if (first.expiry > t) {
      return;
    }
    while (true) {
      try {
        processTimers(t);
        break;
      } catch (ExitSignal s) {
        throw s;
      } catch (Throwable e) {
        reportUncaught(e); // then processTimers(t) again, as Node's RunTimers does
      }
    }
    safeDrain();
  }

  private void processTimers(long t) {
    boolean ranList = false;
    TimerList list;
    while ((list = timerHeap.peek()) != null && list.expiry <= t) {
      if (ranList) {
        drain();
      } else {
        ranList = true;
      }
      listOnTimeout(list, t);
    }
  }

  private void listOnTimeout(TimerList list, long t) {
    long duration = list.duration;
    boolean ranTimer = false;
    Timeout timer;
    while ((timer = list.head) != null) {
      if (t - timer.start < duration) {
        list.expiry = Math.max(timer.start + duration, t + 1);
        list.id = nextListId++;
        timerHeap.topChanged();
        return;
      }
      if (ranTimer) {
        drain();
      } else {
        ranTimer = true;
      }
      TimerList.remove(timer);
      Runnable cb = timer.callback;
      if (cb == null) {
        if (!timer.destroyed) {
          timer.destroyed = true;
          if (timer.refed) {
            refTimers--;
          }
        }
        continue;
      }
      long start = timer.repeat >= 0 ? now() : 0;
      try {
        if (terminateRequested) {
          checkTerminate();
        }
        cb.run();
      } finally {
        if (timer.repeat >= 0 && timer.duration >= 0) {
          timer.duration = timer.repeat;
          insertTimer(timer, start);
        } else if (timer.list == null && !timer.destroyed) {
          timer.destroyed = true;
          if (timer.refed) {
            refTimers--;
          }
        }
      }
    }
    if (timerLists.get(duration) == list) {
      timerLists.remove(duration);
      timerHeap.remove(list);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Immediates (check phase)
  // ---------------------------------------------------------------------------------------------

  Immediate setImmediate(Runnable callback) {
    Immediate im = new Immediate(this, callback);
    immediateCount++;
    refImmediates++;
    if (immediateTail == null) {
      immediateHead = im;
    } else {
      immediateTail.next = im;
      im.prev = immediateTail;
    }
    immediateTail = im;
    return im;
  }

  void clearImmediate(Immediate im) {
    if (im == null || im.destroyed) {
      return;
    }
    immediateCount--;
    im.destroyed = true;
    if (im.refed) {
      refImmediates--;
    }
    im.refed = false;
    im.callback = null;
    // Node unlinks it from whatever list holds it: the queue, or the batch being run.
    if (im.next != null) {
      im.next.prev = im.prev;
    }
    if (im.prev != null) {
      im.prev.next = im.next;
    }
    if (im == immediateHead) {
      immediateHead = im.next;
    }
    if (im == immediateTail) {
      immediateTail = im.prev;
    }
    im.next = null;
    im.prev = null;
  }

  private void checkPhase() {
    safeDrain();
    if (immediateCount == 0) {
      return;
    }
    do {
      try {
        processImmediate();
      } catch (ExitSignal s) {
        throw s;
      } catch (Throwable e) {
        reportUncaught(e);
        continue; // hasOutstanding is still set: Node calls processImmediate again
      }
      safeDrain();
    } while (hasOutstanding);
  }

  private void processImmediate() {
    boolean fromOutstanding = outstandingHead != null;
    Immediate immediate;
    if (fromOutstanding) {
      immediate = outstandingHead;
    } else {
      immediate = immediateHead;
      immediateHead = null;
      immediateTail = null;
      hasOutstanding = true;
    }
    Immediate prevImmediate = null;
    boolean ran = false;
    while (immediate != null) {
      if (ran) {
        drain();
      } else {
        ran = true;
      }
      if (immediate.destroyed) {
        outstandingHead = immediate = (prevImmediate == null ? null : prevImmediate.next);
        continue;
      }
      immediate.destroyed = true;
      immediateCount--;
      if (immediate.refed) {
        refImmediates--;
      }
      prevImmediate = immediate;
      Runnable cb = immediate.callback;
      try {
        if (terminateRequested) {
          checkTerminate();
        }
        cb.run();
      } finally {
        immediate.callback = null;
        outstandingHead = immediate = immediate.next;
      }
    }
    outstandingHead = null;
    hasOutstanding = false;
  }

  // ---------------------------------------------------------------------------------------------
  // Pending, idle, poll, close
  // ---------------------------------------------------------------------------------------------

  private void pendingPhase() {
    int n = pendingCallbacks.size();
    while (n-- > 0) {
      Runnable cb = pendingCallbacks.pollFirst();
      runCallback(cb);
    }
  }

  private void idlePhase() {
    for (int i = 0; i < idleHooks.size(); i++) {
      runCallback(idleHooks.get(i));
    }
  }

  private void closingPhase() {
    int n = closingCallbacks.size();
    while (n-- > 0) {
      runCallback(closingCallbacks.pollFirst());
    }
  }

  private final java.util.function.Consumer<Runnable> runCallback = this::runCallback;

  /** Node's MakeCallback: the callback, then a drain; a throw is reported and the drain abandoned. */
  private void runCallback(Runnable cb) {
    try {
      if (terminateRequested) {
        checkTerminate();
      }
      cb.run();
      drain();
    } catch (ExitSignal s) {
      throw s;
    } catch (Throwable e) {
      reportUncaught(e);
    }
  }

  /** Queues a callback for the next pending phase (I/O callbacks libuv defers); loop thread only. */
  void deferToPending(Runnable cb) {
    pendingCallbacks.addLast(cb);
  }

  /** Queues a callback for the close phase of this iteration; loop thread only. */
  void onClose(Runnable cb) {
    closingCallbacks.addLast(cb);
  }

  /** libuv's uv__backend_timeout: 0 unless something ref'd is active and nothing is queued. */
  private long pollTimeout() {
    if (terminateRequested || !alive() || refImmediates > 0 || !pendingCallbacks.isEmpty()
        || !closingCallbacks.isEmpty() || !external.isEmpty()) {
      return 0;
    }
    TimerList first = timerHeap.peek();
    if (first == null) {
      return -1;
    }
    return Math.max(0, first.expiry - now());
  }

  private void pollPhase() {
    long timeout = pollTimeout();
    if (timeout != 0) {
      if (clock != null) {
        if (timeout > 0 && clock.isAutoAdvancing() && refHandles == 0) {
          clock.advanceTo(timerHeap.peek().expiry);
        } else {
          block(-1);
        }
      } else {
        block(timeout);
      }
    } else if (selector != null) {
      selectNow();
    }
    cachedTimeStale = true; // as libuv updates its time after polling
    runReadyChannels();
    runExternal();
  }

  private void block(long timeoutMs) {
    sleeping = true;
    long blockedAt = System.nanoTime();
    try {
      if (!external.isEmpty() || terminateRequested) {
        return;
      }
      Selector s = selector;
      if (s != null) {
        try {
          if (timeoutMs < 0) {
            s.select(collectReady);
          } else if (timeoutMs == 0) {
            s.selectNow(collectReady);
          } else {
            s.select(collectReady, timeoutMs);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (timeoutMs < 0) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, timeoutMs * 1_000_000L);
      }
      if (Thread.interrupted()) {
        // An interrupt would make every later park return at once (a busy loop): it means stop.
        terminateRequested = true;
      }
    } finally {
      sleeping = false;
      idleNanos += System.nanoTime() - blockedAt; // single writer: this thread
    }
  }

  // Ready keys are collected during the select and dispatched after it, so that user callbacks
  // never run inside the selector's own locks; the array is reused (no allocation per iteration).
  private java.nio.channels.SelectionKey[] readyKeys = new java.nio.channels.SelectionKey[64];
  private int readyCount;
  private final java.util.function.Consumer<java.nio.channels.SelectionKey> collectReady = key -> {
    if (readyCount == readyKeys.length) {
      readyKeys = java.util.Arrays.copyOf(readyKeys, readyCount * 2);
    }
    readyKeys[readyCount++] = key;
  };

  private void runReadyChannels() {
    int n = readyCount;
    if (n == 0) {
      return;
    }
    java.nio.channels.SelectionKey[] keys = readyKeys;
    try {
      for (int i = 0; i < n; i++) {
        java.nio.channels.SelectionKey key = keys[i];
        keys[i] = null;
        if (!key.isValid()) {
          continue;
        }
        int ops = key.readyOps();
        dev.eddy.internal.IoHandler h = (dev.eddy.internal.IoHandler) key.attachment();
        try {
          if (terminateRequested) {
            checkTerminate();
          }
          h.onIo(ops);
          drain();
        } catch (ExitSignal s) {
          throw s;
        } catch (Throwable e) {
          reportUncaught(e);
        }
      }
    } finally {
      for (int i = 0; i < n; i++) {
        keys[i] = null;
      }
      readyCount = 0;
    }
  }

  private void selectNow() {
    try {
      selector.selectNow(collectReady);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void runExternal() {
    // Only what had arrived when the poll returned, as libuv: a completion that lands while these
    // callbacks run is seen by the next poll phase, after this iteration's check phase.
    external.pollBatch(runCallback);
  }

  private void wake() {
    if (sleeping) {
      Selector s = selector;
      if (s != null) {
        s.wakeup();
      } else {
        Thread t = thread;
        if (t != null) {
          LockSupport.unpark(t);
        }
      }
    }
  }

  /** The loop's NIO selector, opened on first use by the network layer; loop thread only. */
  Selector selector() {
    Selector s = selector;
    if (s == null) {
      try {
        s = Selector.open();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      selector = s;
    }
    return s;
  }

  private void closeSelector() {
    Selector s = selector;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing on the way out: nothing left to tell
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Hand-off from other threads
  // ---------------------------------------------------------------------------------------------

  /**
   * Runs {@code task} on this loop's thread in its poll phase, followed by a drain of the tick
   * and microtask queues, as an I/O callback. Safe from any thread; tasks from one thread run in
   * the order they were handed over. It does not keep the loop alive by itself: a loop with
   * nothing else to do ends (see {@link #keepAlive()}).
   *
   * @throws RejectedExecutionException if the loop has finished
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (finished) {
      throw new RejectedExecutionException("the loop has finished; a task handed to it would never run");
    }
    external.offer(task);
    wake();
  }

  /**
   * A handle that keeps this loop alive until it is closed, like a ref'd libuv handle. Safe from
   * any thread; closing it twice is a no-op. Use it while another thread will hand work over.
   */
  public AutoCloseable keepAlive() {
    externalRefs.incrementAndGet();
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        externalRefs.decrementAndGet();
        wake();
      }
    };
  }

  /** Counts a ref'd request in flight (blocking work); loop thread only. */
  void refRequest() {
    refHandles++;
  }

  void unrefRequest() {
    refHandles--;
  }

  /**
   * Runs {@code work} on {@code executor} and calls {@code done} on this loop in its poll phase
   * (libuv's uv_queue_work); the loop stays alive meanwhile. Loop thread only.
   */
  <T> void submitBlocking(java.util.concurrent.Callable<T> work, java.util.concurrent.Executor executor,
      Callback<T> done) {
    refHandles++;
    try {
      executor.execute(() -> {
        T value = null;
        Throwable error = null;
        try {
          value = work.call();
        } catch (Throwable e) {
          error = e;
        }
        T v = value;
        Throwable err = error;
        external.offer(() -> {
          refHandles--;
          done.call(err, v);
        });
        wake();
      });
    } catch (RuntimeException e) {
      refHandles--;
      throw e;
    }
  }

  private void runRejectedExternal() {
    // Tasks that raced with the end of the loop are dropped, as libuv drops async sends to a
    // closed loop; clearing them lets what they hold be collected.
    while (external.poll() != null) {
      // dropped
    }
  }

  private void cancelSuspended() {
    if (suspended.isEmpty()) {
      return;
    }
    for (Coroutine<?> c : suspended.toArray(new Coroutine<?>[0])) {
      c.cancel();
    }
    suspended.clear();
  }

  void wakeForClock() {
    wake();
  }

  @Override
  public String toString() {
    Thread t = thread;
    return "Loop(" + (t == null ? "not started" : t.getName()) + (finished ? ", finished" : "") + ")";
  }
}
