package dev.eddy;

/**
 * A typed event key for {@link EventEmitter}: an event name plus the type of the payload that
 * listeners of that event receive.
 *
 * <p>Node keys events by string, so two keys are equal exactly when their names are equal, and an
 * emitter does not tell {@code Event.of("data")} created in one place from {@code Event.of("data")}
 * created in another. The type parameter is only checked by the compiler, never at run time:
 * callers must make every key with a given name carry the same payload type, otherwise a listener
 * may receive a payload of a type it does not expect and fail with a {@link ClassCastException}.
 *
 * <p>Instances are immutable and may be shared between threads, for instance as constants.
 *
 * @param <T> the payload type of the event
 */
public final class Event<T> {
  private final String name;

  private Event(String name) {
    this.name = name;
  }

  /**
   * Returns a key for the event with the given name. Any thread may call this.
   *
   * @param name the event name, as Node's string event names ({@code ""} is allowed)
   * @param <T> the payload type; all keys with this name must use the same type
   * @return a key equal to every other key with the same name
   * @throws NullPointerException if {@code name} is null
   */
  public static <T> Event<T> of(String name) {
    if (name == null) {
      throw new NullPointerException("The \"name\" argument must be of type string. Received null");
    }
    return new Event<>(name);
  }

  /**
   * Returns the event name, as Node's string event name. Any thread may call this.
   *
   * @return the name, never null
   */
  public String name() {
    return name;
  }

  /**
   * Two keys are equal when their names are equal, whatever their payload types, because Node keys
   * events by string. Any thread may call this.
   *
   * @param o the object to compare with
   * @return whether {@code o} is an {@code Event} with the same name
   */
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Event<?> other && name.equals(other.name));
  }

  /**
   * Returns the hash code of the name, consistent with {@link #equals(Object)}. Any thread may call
   * this.
   *
   * @return {@code name().hashCode()}
   */
  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /**
   * Returns the event name. Any thread may call this.
   *
   * @return {@link #name()}
   */
  @Override
  public String toString() {
    return name;
  }
}
