package dev.eddy;

/** A Node-style completion callback: {@code (err, value)}, exactly one of them set. */
@FunctionalInterface
public interface Callback<T> {
  /** Called on the loop thread with the error (null on success) or the value. */
  void call(Throwable err, T value);
}
