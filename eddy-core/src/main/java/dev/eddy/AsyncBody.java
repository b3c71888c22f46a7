package dev.eddy;

/** The body of {@link Eddy#async}: blocking-style code that may {@link Eddy#await} promises. */
@FunctionalInterface
public interface AsyncBody<T> {
  /** Runs holding the loop; its result fulfills, and its exception rejects, the async promise. */
  T call() throws Exception;
}
