package dev.eddy;

import java.util.List;

/** JavaScript's {@code AggregateError}: the rejection of {@link Promise#any} when every input rejected. */
public final class AggregateException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Throwable> errors;

  public AggregateException(List<Throwable> errors) {
    super("All promises were rejected");
    this.errors = List.copyOf(errors);
    for (Throwable e : this.errors) {
      addSuppressed(e);
    }
  }

  /** The rejection reasons, in the order of the input promises. */
  public List<Throwable> errors() {
    return errors;
  }
}
