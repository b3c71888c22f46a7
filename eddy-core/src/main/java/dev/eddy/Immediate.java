package dev.eddy;

/**
 * A callback queued by {@link Eddy#setImmediate}: Node's {@code Immediate}. It runs in the check
 * phase of the next loop iteration. Methods must be called on the loop thread that created it.
 */
public final class Immediate {
  final Loop loop;
  Runnable callback;
  boolean destroyed;
  boolean refed = true;
  Immediate prev;
  Immediate next;

  Immediate(Loop loop, Runnable callback) {
    this.loop = loop;
    this.callback = callback;
  }

  /** Keeps the loop alive until this immediate runs (the default). */
  public Immediate ref() {
    loop.checkThread("Immediate.ref()");
    if (!refed && !destroyed) {
      refed = true;
      loop.refImmediates++;
    }
    return this;
  }

  /** Lets the loop end before this immediate runs; it neither keeps the loop alive nor stops poll from blocking. */
  public Immediate unref() {
    loop.checkThread("Immediate.unref()");
    if (refed && !destroyed) {
      refed = false;
      loop.refImmediates--;
    }
    return this;
  }

  /** Whether this immediate keeps the loop alive. */
  public boolean hasRef() {
    return refed;
  }

  @Override
  public String toString() {
    return "Immediate(" + (destroyed ? "done" : "queued") + (refed ? "" : ", unref") + ")";
  }
}
