package dev.eddy;

/**
 * A timer created by {@link Eddy#setTimeout} or {@link Eddy#setInterval}: Node's {@code Timeout}.
 *
 * <p>All methods must be called on the loop thread that created the timer (or an async body
 * holding that loop). They return the handle itself so calls chain as in Node:
 * {@code setTimeout(task, 100).unref()}.
 */
public final class Timeout {
  final Loop loop;
  /** Node's {@code _onTimeout}: null once cleared. */
  Runnable callback;
  /** Node's {@code _idleTimeout}: the list duration in ms; -1 once cleared. */
  long duration;
  /** The interval's period, or -1 for a one-shot timeout. */
  final long repeat;
  long start;
  boolean destroyed;
  boolean refed = true;
  TimerList list;
  Timeout prev;
  Timeout next;

  Timeout(Loop loop, Runnable callback, long duration, boolean repeat) {
    this.loop = loop;
    this.callback = callback;
    this.duration = duration;
    this.repeat = repeat ? duration : -1;
  }

  /** Keeps the loop alive while this timer is pending (the default). */
  public Timeout ref() {
    loop.checkThread("Timeout.ref()");
    if (!refed) {
      refed = true;
      if (!destroyed) {
        loop.refTimers++;
      }
    }
    return this;
  }

  /** Lets the loop end while this timer is pending; it still fires if the loop is alive then. */
  public Timeout unref() {
    loop.checkThread("Timeout.unref()");
    if (refed) {
      refed = false;
      if (!destroyed) {
        loop.refTimers--;
      }
    }
    return this;
  }

  /** Whether this timer keeps the loop alive. */
  public boolean hasRef() {
    return refed;
  }

  /**
   * Restarts the timer's countdown from now, keeping its callback and duration. A timeout that
   * already fired is armed again; a cleared timer stays cleared (Node's semantics).
   */
  public Timeout refresh() {
    loop.checkThread("Timeout.refresh()");
    loop.refreshTimer(this);
    return this;
  }

  /** Cancels the timer, like {@link Eddy#clearTimeout}. */
  public Timeout close() {
    loop.checkThread("Timeout.close()");
    loop.clearTimer(this);
    return this;
  }

  /** The duration in milliseconds after Node's clamping (at least 1). */
  public long delay() {
    return repeat >= 0 ? repeat : (duration >= 0 ? duration : 0);
  }

  /** Whether this is an interval. */
  public boolean isInterval() {
    return repeat >= 0;
  }

  @Override
  public String toString() {
    return (isInterval() ? "Interval(" : "Timeout(") + delay() + " ms"
        + (callback == null ? ", cleared" : destroyed ? ", fired" : "") + (refed ? "" : ", unref") + ")";
  }
}
