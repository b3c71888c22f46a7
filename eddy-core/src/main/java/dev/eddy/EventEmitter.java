package dev.eddy;

import dev.eddy.internal.Warnings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * Node's {@code EventEmitter} (Node 20, {@code lib/events.js}): listeners registered per named
 * {@link Event} and called synchronously, in registration order, by {@link #emit(Event, Object)}.
 *
 * <p>The behaviour follows Node's, including its corner cases:
 *
 * <ul>
 *   <li>{@link #NEW_LISTENER} is emitted before a listener is added, and only if something listens
 *       to it; {@link #REMOVE_LISTENER} is emitted after a listener is removed.
 *   <li>{@link #emit} calls the listeners registered when it starts: listeners added or removed by
 *       a listener take effect from the next emit.
 *   <li>A {@link #once once}-listener is removed just before it is called, so it runs at most once
 *       even if it emits the same event again, or throws.
 *   <li>{@link #off off} removes the most recently added registration of the listener, and removes
 *       a once-listener when given the listener that was passed to {@code once}.
 *   <li>An exception thrown by a listener propagates out of {@code emit} at once; the remaining
 *       listeners of that emit are not called.
 *   <li>Emitting {@link #ERROR} when nothing listens to it throws the payload.
 *   <li>When more than {@link #getMaxListeners()} listeners are registered for one event, a {@code
 *       MaxListenersExceededWarning} process warning is emitted with Node's text.
 * </ul>
 *
 * <p>Listeners are compared by identity, as Node compares functions: to remove a listener, pass the
 * same instance that was added (a lambda or method reference expression evaluated twice may give
 * two different instances).
 *
 * <p>Not thread-safe, like Node's: create and use an emitter on one thread, normally the loop
 * thread that owns it. Listeners run on the thread that calls {@code emit}. Only the static {@link
 * #defaultMaxListeners()} and {@link #setDefaultMaxListeners(int)} may be called from any thread.
 *
 * <p>Subclasses may override the public methods; as in Node, the emitter's own operations go
 * through them ({@link #once} calls {@link #on}, a once-listener calls {@link #removeListener},
 * adding a listener calls {@link #emit} for {@link #NEW_LISTENER}, and so on).
 */
public class EventEmitter {

  /**
   * The {@code 'error'} event. Emitting it when it has no listener throws the payload (see {@link
   * #emit(Event, Object)}).
   */
  public static final Event<Throwable> ERROR = Event.of("error");

  /**
   * The {@code 'newListener'} event, emitted before a listener is added to any event, only when
   * something listens to it.
   */
  public static final Event<ListenerChange> NEW_LISTENER = Event.of("newListener");

  /**
   * The {@code 'removeListener'} event, emitted after a listener is removed from any event, only
   * when something listens to it.
   */
  public static final Event<ListenerChange> REMOVE_LISTENER = Event.of("removeListener");

  /**
   * The payload of {@link #NEW_LISTENER} and {@link #REMOVE_LISTENER}: Node's {@code (eventName,
   * listener)} pair.
   *
   * <p>For {@code newListener}, {@code listener} is always the listener the caller passed, also for
   * {@link #once}. For {@code removeListener} it is, as in Node: the removed listener, unwrapped as
   * by {@link #listeners}, when it was the event's only registration; otherwise the argument given
   * to {@link #removeListener}, which is the internal once-wrapper (as returned by {@link
   * #rawListeners}) when a once-listener fires or is removed by {@link
   * #removeAllListeners(Event)}.
   *
   * @param event the name of the event the listener was added to or removed from
   * @param listener the listener, see above
   */
  public record ListenerChange(String event, Object listener) {}

  private static final String ERROR_NAME = ERROR.name();
  private static final String NEW_LISTENER_NAME = NEW_LISTENER.name();
  private static final String REMOVE_LISTENER_NAME = REMOVE_LISTENER.name();

  /** Node's {@code EventEmitter.defaultMaxListeners}; volatile as emitters on any loop read it. */
  private static volatile int defaultMaxListeners = 10;

  /**
   * Per event name: the listener itself when the event has one (the common case, so emit is one
   * lookup and one call), or a {@link Many} when it has several. Insertion-ordered because Node's
   * eventNames() and removeAllListeners() follow the property order of its {@code _events} object.
   */
  private java.util.Map<String, Object> events = NO_EVENTS;

  /** Shared by every emitter without listeners: most stream objects never get one for most events. */
  private static final java.util.Map<String, Object> NO_EVENTS = java.util.Collections.emptyMap();

  private java.util.Map<String, Object> writableEvents() {
    java.util.Map<String, Object> m = events;
    if (m == NO_EVENTS) {
      events = m = new LinkedHashMap<>();
    }
    return m;
  }

  /** Negative while unset, so that the emitter follows later changes of the default, as Node. */
  private int maxListeners = -1;

  /** Creates an emitter with no listeners that follows {@link #defaultMaxListeners()}. */
  public EventEmitter() {}

  /**
   * The listeners of an event with two or more. The array is never changed once published: adding
   * or removing a listener installs a new one, so that emit can iterate the array it read without
   * copying it and still not see changes made by the listeners it calls.
   */
  private static final class Many {
    Object[] listeners;

    /** Node keeps this flag on the listener array, so it is lost when the event drops to one. */
    boolean warned;

    Many(Object[] listeners) {
      this.listeners = listeners;
    }
  }

  /** Node's {@code onceWrapper}: what {@link #once} registers in place of the listener. */
  private static final class OnceWrapper implements Consumer<Object> {
    final EventEmitter target;
    final Event<?> event;
    final Consumer<Object> listener;

    /**
     * An emit that read the listeners before this one fired (for instance an outer emit when a
     * listener emitted the same event again) must not call it a second time.
     */
    boolean fired;

    OnceWrapper(EventEmitter target, Event<?> event, Consumer<Object> listener) {
      this.target = target;
      this.event = event;
      this.listener = listener;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void accept(Object payload) {
      if (!fired) {
        target.removeListener((Event<Object>) event, this);
        fired = true;
        listener.accept(payload);
      }
    }

    @Override
    public String toString() {
      return "onceWrapper(" + listener + ")";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Adding

  /**
   * Adds {@code listener} at the end of the listeners of {@code event}, after emitting {@link
   * #NEW_LISTENER} if something listens to it. The same listener may be added several times and is
   * then called once per registration. Same as {@link #on}. Call on the emitter's thread.
   *
   * @param event the event
   * @param listener the listener, called with each payload on the emitting thread
   * @param <T> the payload type
   * @return this emitter, for chaining
   * @throws NullPointerException if {@code event} or {@code listener} is null
   * @throws RuntimeException whatever a {@code newListener} listener throws; the listener is then
   *     not added
   */
  public <T> EventEmitter addListener(Event<T> event, Consumer<? super T> listener) {
    return add(event, listener, false);
  }

  /**
   * Adds {@code listener} at the end of the listeners of {@code event}; same as {@link
   * #addListener}. Call on the emitter's thread.
   *
   * @param event the event
   * @param listener the listener, called with each payload on the emitting thread
   * @param <T> the payload type
   * @return this emitter, for chaining
   * @throws NullPointerException if {@code event} or {@code listener} is null
   * @throws RuntimeException whatever a {@code newListener} listener throws; the listener is then
   *     not added
   */
  public <T> EventEmitter on(Event<T> event, Consumer<? super T> listener) {
    return add(event, listener, false);
  }

  /**
   * Adds {@code listener} at the start of the listeners of {@code event}, after emitting {@link
   * #NEW_LISTENER} if something listens to it. Call on the emitter's thread.
   *
   * @param event the event
   * @param listener the listener, called with each payload on the emitting thread
   * @param <T> the payload type
   * @return this emitter, for chaining
   * @throws NullPointerException if {@code event} or {@code listener} is null
   * @throws RuntimeException whatever a {@code newListener} listener throws; the listener is then
   *     not added
   */
  public <T> EventEmitter prependListener(Event<T> event, Consumer<? super T> listener) {
    return add(event, listener, true);
  }

  /**
   * Adds a listener at the end of the listeners of {@code event} that is removed the next time the
   * event is emitted, just before {@code listener} is called. {@link #NEW_LISTENER} is emitted with
   * {@code listener} itself; {@link #rawListeners} shows the wrapper that is registered, {@link
   * #listeners} shows {@code listener}, and {@link #off} accepts either. Call on the emitter's
   * thread.
   *
   * @param event the event
   * @param listener the listener, called at most once on the emitting thread
   * @param <T> the payload type
   * @return this emitter, for chaining
   * @throws NullPointerException if {@code event} or {@code listener} is null
   * @throws RuntimeException whatever a {@code newListener} listener throws; the listener is then
   *     not added
   */
  public <T> EventEmitter once(Event<T> event, Consumer<? super T> listener) {
    return on(event, onceWrap(event, listener));
  }

  /**
   * Node's {@code events.once(emitter, name)}: a promise of the next {@code event}'s payload,
   * rejected if 'error' is emitted first (unless {@code event} is 'error' itself). Both listeners
   * are removed when either fires. The promise does not keep the loop alive. Call on the
   * emitter's loop thread.
   *
   * @param emitter the emitter
   * @param event the event to wait for
   * @param <T> the payload type
   * @return the promise
   */
  public static <T> Promise<T> once(EventEmitter emitter, Event<T> event) {
    java.util.Objects.requireNonNull(emitter, "emitter");
    java.util.Objects.requireNonNull(event, "event");
    return Promise.create((resolve, reject) -> {
      if (event == ERROR) {
        emitter.once(event, resolve);
        return;
      }
      Object[] listeners = new Object[2];
      Consumer<T> onEvent = v -> {
        @SuppressWarnings("unchecked")
        Consumer<Throwable> e = (Consumer<Throwable>) listeners[1];
        emitter.removeListener(ERROR, e);
        resolve.accept(v);
      };
      Consumer<Throwable> onError = err -> {
        @SuppressWarnings("unchecked")
        Consumer<T> l = (Consumer<T>) listeners[0];
        emitter.removeListener(event, l);
        reject.accept(err);
      };
      listeners[0] = onEvent;
      listeners[1] = onError;
      emitter.once(event, onEvent);
      emitter.once(ERROR, onError);
    });
  }

  /**
   * Like {@link #once}, but adds the listener at the start of the listeners of {@code event}. Call
   * on the emitter's thread.
   *
   * @param event the event
   * @param listener the listener, called at most once on the emitting thread
   * @param <T> the payload type
   * @return this emitter, for chaining
   * @throws NullPointerException if {@code event} or {@code listener} is null
   * @throws RuntimeException whatever a {@code newListener} listener throws; the listener is then
   *     not added
   */
  public <T> EventEmitter prependOnceListener(Event<T> event, Consumer<? super T> listener) {
    return prependListener(event, onceWrap(event, listener));
  }

  @SuppressWarnings("unchecked")
  private OnceWrapper onceWrap(Event<?> event, Consumer<?> listener) {
    nameOf(event);
    checkListener(listener);
    return new OnceWrapper(this, event, (Consumer<Object>) listener);
  }

  private EventEmitter add(Event<?> event, Object listener, boolean prepend) {
    String type = nameOf(event);
    checkListener(listener);
    if (events.containsKey(NEW_LISTENER_NAME)) {
      emit(NEW_LISTENER, new ListenerChange(type, unwrap(listener)));
    }
    // Read after the newListener emit: its listeners may have changed this event's listeners.
    Object existing = events.get(type);
    if (existing == null) {
      writableEvents().put(type, listener);
      return this;
    }
    Many many;
    if (existing instanceof Many m) {
      Object[] old = m.listeners;
      Object[] grown = new Object[old.length + 1];
      System.arraycopy(old, 0, grown, prepend ? 1 : 0, old.length);
      grown[prepend ? 0 : old.length] = listener;
      m.listeners = grown;
      many = m;
    } else {
      many =
          new Many(prepend ? new Object[] {listener, existing} : new Object[] {existing, listener});
      // Replacing the value of a present key keeps its place in the iteration order, as in Node.
      writableEvents().put(type, many);
    }
    int max = getMaxListeners();
    int count = many.listeners.length;
    if (max > 0 && count > max && !many.warned) {
      many.warned = true;
      Warnings.emit(
          "MaxListenersExceededWarning",
          "Possible EventEmitter memory leak detected. "
              + count
              + " "
              + type
              + " listeners added to ["
              + inspectedClassName()
              + "]. MaxListeners is "
              + max
              + ". Use emitter.setMaxListeners() to increase limit");
    }
    return this;
  }

  /**
   * Node's {@code inspect(emitter, {depth: -1})} shows the constructor's name; for an anonymous
   * class it shows the nearest named one up the prototype chain.
   */
  private String inspectedClassName() {
    Class<?> c = getClass();
    while (c.getSimpleName().isEmpty()) {
      c = c.getSuperclass();
    }
    return c.getSimpleName();
  }

  // ---------------------------------------------------------------------------------------------
  // Removing

  /**
   * Removes the most recently added registration of {@code listener} for {@code event} (a
   * once-listener matches both its wrapper and the listener passed to {@link #once}), then emits
   * {@link #REMOVE_LISTENER} if something listens to it. Does nothing if the listener is not
   * registered. A removal during an emit does not stop the listener from being called by that emit.
   * Same as {@link #off}. Call on the emitter's thread.
   *
   * @param event the event
   * @param listener the listener to remove, compared by identity
   * @param <T> the payload type
   * @return this emitter, for chaining
   * @throws NullPointerException if {@code event} or {@code listener} is null
   * @throws RuntimeException whatever a {@code removeListener} listener throws; the listener has
   *     then been removed already
   */
  public <T> EventEmitter removeListener(Event<T> event, Consumer<? super T> listener) {
    String type = nameOf(event);
    checkListener(listener);
    Object list = events.get(type);
    if (list == null) {
      return this;
    }
    if (list instanceof Many many) {
      Object[] old = many.listeners;
      int position = -1;
      for (int i = old.length - 1; i >= 0; i--) {
        if (matches(old[i], listener)) {
          position = i;
          break;
        }
      }
      if (position < 0) {
        return this;
      }
      if (old.length == 2) {
        // Node stores a lone listener bare, which also forgets that the event was warned about.
        writableEvents().put(type, old[1 - position]);
      } else {
        Object[] shrunk = new Object[old.length - 1];
        System.arraycopy(old, 0, shrunk, 0, position);
        System.arraycopy(old, position + 1, shrunk, position, old.length - position - 1);
        many.listeners = shrunk;
      }
      if (events.containsKey(REMOVE_LISTENER_NAME)) {
        // Node reports the argument here, not the unwrapped listener (see ListenerChange).
        emit(REMOVE_LISTENER, new ListenerChange(type, listener));
      }
    } else if (matches(list, listener)) {
      writableEvents().remove(type);
      if (events.containsKey(REMOVE_LISTENER_NAME)) {
        emit(REMOVE_LISTENER, new ListenerChange(type, unwrap(list)));
      }
    }
    return this;
  }

  /**
   * Removes the most recently added registration of {@code listener} for {@code event}; same as
   * {@link #removeListener}. Call on the emitter's thread.
   *
   * @param event the event
   * @param listener the listener to remove, compared by identity
   * @param <T> the payload type
   * @return this emitter, for chaining
   * @throws NullPointerException if {@code event} or {@code listener} is null
   * @throws RuntimeException whatever a {@code removeListener} listener throws
   */
  public <T> EventEmitter off(Event<T> event, Consumer<? super T> listener) {
    return removeListener(event, listener);
  }

  /**
   * Removes all listeners of all events. If something listens to {@link #REMOVE_LISTENER}, the
   * listeners are removed one by one through {@link #removeAllListeners(Event)}, event by event in
   * {@link #eventNames()} order, and the {@code removeListener} listeners themselves last, so that
   * they hear about every other removal; listeners they add meanwhile are dropped too, as in Node.
   * Call on the emitter's thread.
   *
   * @return this emitter, for chaining
   * @throws RuntimeException whatever a {@code removeListener} listener throws; the removal then
   *     stops where it was
   */
  public EventEmitter removeAllListeners() {
    if (!events.containsKey(REMOVE_LISTENER_NAME)) {
      writableEvents().clear();
      return this;
    }
    for (String name : eventNames()) {
      if (!name.equals(REMOVE_LISTENER_NAME)) {
        removeAllListeners(Event.of(name));
      }
    }
    removeAllListeners(REMOVE_LISTENER);
    writableEvents().clear();
    return this;
  }

  /**
   * Removes all listeners of {@code event}. If something listens to {@link #REMOVE_LISTENER}, they
   * are removed one by one through {@link #removeListener}, last added first, each followed by its
   * {@code removeListener} event (whose payload carries the registered once-wrapper rather than the
   * original listener for once-listeners removed while others remain, as in Node). Call on the
   * emitter's thread.
   *
   * @param event the event
   * @return this emitter, for chaining
   * @throws NullPointerException if {@code event} is null
   * @throws RuntimeException whatever a {@code removeListener} listener throws; the removal then
   *     stops where it was
   */
  @SuppressWarnings("unchecked")
  public EventEmitter removeAllListeners(Event<?> event) {
    String type = nameOf(event);
    if (!events.containsKey(REMOVE_LISTENER_NAME)) {
      writableEvents().remove(type);
      return this;
    }
    Event<Object> key = (Event<Object>) event;
    Object listeners = events.get(type);
    if (listeners instanceof Many many) {
      Object[] snapshot = many.listeners;
      for (int i = snapshot.length - 1; i >= 0; i--) {
        removeListener(key, (Consumer<Object>) snapshot[i]);
      }
    } else if (listeners != null) {
      removeListener(key, (Consumer<Object>) listeners);
    }
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Emitting

  /**
   * Calls each listener of {@code event} with {@code payload}, synchronously on this thread, in
   * registration order. The listeners are those registered when the call starts: listeners added or
   * removed meanwhile (by the listeners themselves) do not change this call. Call on the emitter's
   * thread.
   *
   * <p>If {@code event} is named {@code "error"} and has no listener, nothing is called and the
   * payload is thrown: a {@link Throwable} payload is thrown as it is, also when it is a checked
   * exception (which this method does not declare); a null payload becomes an {@code
   * IllegalStateException("Unhandled error. (null)")}, as Node's {@code ERR_UNHANDLED_ERROR}.
   *
   * @param event the event
   * @param payload the value passed to every listener; may be null
   * @param <T> the payload type
   * @return true if the event had listeners, false otherwise
   * @throws NullPointerException if {@code event} is null
   * @throws RuntimeException whatever a listener throws, at once: later listeners are not called
   * @throws Error whatever a listener throws, likewise
   */
  @SuppressWarnings("unchecked")
  public <T> boolean emit(Event<T> event, T payload) {
    String type = nameOf(event);
    Object handler = events.get(type);
    if (handler == null) {
      if (type.equals(ERROR_NAME)) {
        throw unhandledError(payload);
      }
      return false;
    }
    if (handler instanceof Many many) {
      // The array is never written once published, so iterating it is Node's arrayClone for free.
      Object[] listeners = many.listeners;
      for (Object listener : listeners) {
        ((Consumer<Object>) listener).accept(payload);
      }
    } else {
      ((Consumer<Object>) handler).accept(payload);
    }
    return true;
  }

  private static RuntimeException unhandledError(Object er) {
    if (er instanceof Throwable t) {
      throw EventEmitter.<RuntimeException>sneakyThrow(t);
    }
    return new IllegalStateException("Unhandled error. (" + inspect(er) + ")");
  }

  /** Lets a checked Throwable out unchanged, as Node throws whatever was emitted. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  /**
   * Node formats the payload with {@code util.inspect}; only reachable when an {@code "error"} key
   * is declared with a non-Throwable payload type, so strings are quoted and the rest use toString.
   */
  private static String inspect(Object value) {
    if (!(value instanceof String s)) {
      return String.valueOf(value);
    }
    // util.inspect picks the first quote the string does not contain, escaping only as a last
    // resort.
    String escaped = s.replace("\\", "\\\\").replace("\n", "\\n");
    if (s.indexOf('\'') < 0) {
      return "'" + escaped + "'";
    }
    if (s.indexOf('"') < 0) {
      return '"' + escaped + '"';
    }
    if (s.indexOf('`') < 0 && !s.contains("${")) {
      return '`' + escaped + '`';
    }
    return "'" + escaped.replace("'", "\\'") + "'";
  }

  // ---------------------------------------------------------------------------------------------
  // Inspecting

  /**
   * Returns the number of listeners registered for {@code event} (once-listeners included, a
   * listener added twice counted twice). Call on the emitter's thread.
   *
   * @param event the event
   * @return the number of registrations, 0 if none
   * @throws NullPointerException if {@code event} is null
   */
  public int listenerCount(Event<?> event) {
    Object list = events.get(nameOf(event));
    if (list == null) {
      return 0;
    }
    return list instanceof Many many ? many.listeners.length : 1;
  }

  /**
   * Returns the number of registrations of {@code listener} for {@code event}, counting a
   * once-listener by the listener passed to {@link #once} or by its wrapper (Node 20's {@code
   * listenerCount(eventName, listener)}). A null {@code listener} counts all listeners, as in Node.
   * Call on the emitter's thread.
   *
   * @param event the event
   * @param listener the listener to count, compared by identity, or null for all
   * @param <T> the payload type
   * @return the number of matching registrations
   * @throws NullPointerException if {@code event} is null
   */
  public <T> int listenerCount(Event<T> event, Consumer<? super T> listener) {
    if (listener == null) {
      return listenerCount(event);
    }
    Object list = events.get(nameOf(event));
    if (list == null) {
      return 0;
    }
    if (!(list instanceof Many many)) {
      return matches(list, listener) ? 1 : 0;
    }
    int matching = 0;
    for (Object registered : many.listeners) {
      if (matches(registered, listener)) {
        matching++;
      }
    }
    return matching;
  }

  /**
   * Returns a copy of the listeners of {@code event} in call order, with once-listeners shown as
   * the listener passed to {@link #once} (Node's {@code listeners()}). Call on the emitter's
   * thread.
   *
   * @param event the event
   * @param <T> the payload type
   * @return an unmodifiable list, empty if none; later changes to the emitter do not affect it
   * @throws NullPointerException if {@code event} is null
   */
  public <T> List<Consumer<? super T>> listeners(Event<T> event) {
    return copy(event, true);
  }

  /**
   * Returns a copy of the listeners of {@code event} in call order as registered, with
   * once-listeners shown as their wrappers (Node's {@code rawListeners()}). Calling a wrapper
   * removes it from this emitter, then calls the listener, at most once. Call on the emitter's
   * thread.
   *
   * @param event the event
   * @param <T> the payload type
   * @return an unmodifiable list, empty if none; later changes to the emitter do not affect it
   * @throws NullPointerException if {@code event} is null
   */
  public <T> List<Consumer<? super T>> rawListeners(Event<T> event) {
    return copy(event, false);
  }

  @SuppressWarnings("unchecked")
  private <T> List<Consumer<? super T>> copy(Event<T> event, boolean unwrap) {
    Object list = events.get(nameOf(event));
    if (list == null) {
      return List.of();
    }
    Object[] registered = list instanceof Many many ? many.listeners : new Object[] {list};
    List<Consumer<? super T>> result = new ArrayList<>(registered.length);
    for (Object listener : registered) {
      result.add((Consumer<? super T>) (unwrap ? unwrap(listener) : listener));
    }
    return List.copyOf(result);
  }

  /**
   * Returns the names of the events that have listeners, in Node's order: names that are array
   * indices ({@code "0"} to {@code "4294967294"}, without leading zeros) first, in numeric order,
   * because Node keeps listeners in a plain object whose keys enumerate that way; then the others
   * in the order their events first got a listener since they last had none. Call on the emitter's
   * thread.
   *
   * @return an unmodifiable list, empty if no event has listeners
   */
  public List<String> eventNames() {
    ArrayList<String> names = new ArrayList<>(events.keySet());
    // List.sort is stable, so the non-index names keep their insertion order.
    names.sort(PROPERTY_ORDER);
    return List.copyOf(names);
  }

  private static final Comparator<String> PROPERTY_ORDER =
      (a, b) -> {
        long x = arrayIndex(a);
        long y = arrayIndex(b);
        if (x < 0 || y < 0) {
          return x < 0 ? (y < 0 ? 0 : 1) : -1;
        }
        return Long.compare(x, y);
      };

  /** The array index a property key denotes in JavaScript, or -1 if it is an ordinary key. */
  private static long arrayIndex(String key) {
    int n = key.length();
    if (n == 0 || n > 10 || (n > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 4294967294L ? value : -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Limits

  /**
   * Sets how many listeners one event may have before a {@code MaxListenersExceededWarning} is
   * emitted; 0 means no limit. Takes effect from the next listener added. Call on the emitter's
   * thread.
   *
   * @param n the limit, 0 or more
   * @return this emitter, for chaining
   * @throws IllegalArgumentException if {@code n} is negative, with Node's {@code ERR_OUT_OF_RANGE}
   *     message ({@code The value of "setMaxListeners" is out of range. It must be >= 0. Received
   *     -1})
   */
  public EventEmitter setMaxListeners(int n) {
    checkNonNegative(n, "setMaxListeners");
    maxListeners = n;
    return this;
  }

  /**
   * Returns the limit set by {@link #setMaxListeners}, or else the current {@link
   * #defaultMaxListeners()}. Call on the emitter's thread.
   *
   * @return the limit; 0 means no limit
   */
  public int getMaxListeners() {
    return maxListeners < 0 ? defaultMaxListeners : maxListeners;
  }

  /**
   * Returns Node's {@code EventEmitter.defaultMaxListeners}: the limit of emitters that did not
   * call {@link #setMaxListeners}. Any thread may call this.
   *
   * @return the default limit, 10 unless changed; 0 means no limit
   */
  public static int defaultMaxListeners() {
    return defaultMaxListeners;
  }

  /**
   * Sets the limit of all emitters, existing and new, that did not call {@link #setMaxListeners},
   * from the next listener they add. The setting is global to the JVM, like Node's to the process.
   * Any thread may call this.
   *
   * @param n the limit, 0 or more; 0 means no limit
   * @throws IllegalArgumentException if {@code n} is negative, with Node's {@code ERR_OUT_OF_RANGE}
   *     message ({@code The value of "defaultMaxListeners" is out of range. It must be >= 0.
   *     Received -1})
   */
  public static void setDefaultMaxListeners(int n) {
    checkNonNegative(n, "defaultMaxListeners");
    defaultMaxListeners = n;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static void checkNonNegative(int n, String name) {
    if (n < 0) {
      throw new IllegalArgumentException(
          "The value of \"" + name + "\" is out of range. It must be >= 0. Received " + n);
    }
  }

  private static String nameOf(Event<?> event) {
    if (event == null) {
      throw new NullPointerException("The \"event\" argument must be of type Event. Received null");
    }
    return event.name();
  }

  private static void checkListener(Object listener) {
    if (listener == null) {
      throw new NullPointerException(
          "The \"listener\" argument must be of type function. Received null");
    }
  }

  private static boolean matches(Object registered, Object listener) {
    return registered == listener
        || (registered instanceof OnceWrapper w && w.listener == listener);
  }

  private static Object unwrap(Object listener) {
    return listener instanceof OnceWrapper w ? w.listener : listener;
  }
}
