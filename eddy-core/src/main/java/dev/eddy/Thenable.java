package dev.eddy;

import java.util.function.Consumer;

/**
 * Something with a {@code then(onFulfilled, onRejected)} method that is not an Eddy {@link
 * Promise}: resolving a promise with one adopts its outcome as JavaScript adopts thenables (its
 * {@code then} is called in a microtask job; only the first callback counts; a throw rejects).
 */
@FunctionalInterface
public interface Thenable<T> {
  /** Registers the callbacks; called on the loop thread. */
  void then(Consumer<? super T> onFulfilled, Consumer<? super Throwable> onRejected);
}
