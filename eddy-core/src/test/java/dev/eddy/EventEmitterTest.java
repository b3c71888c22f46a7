package dev.eddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.eddy.EventEmitter.ListenerChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link EventEmitter} against Node 20. Where a test says "Node 20 prints", the expected
 * value was obtained by running the same sequence with {@code node -e} on Node v20.
 */
class EventEmitterTest {
  private static final Event<String> FOO = Event.of("foo");
  private static final Event<String> BAR = Event.of("bar");
  private static final Event<String> X = Event.of("x");
  private static final Event<String> Y = Event.of("y");

  private final EventEmitter e = new EventEmitter();
  private final List<String> log = new ArrayList<>();

  private Consumer<String> logs(String label) {
    return payload -> log.add(label);
  }

  /** Names a listener in a removeListener/newListener log: f, g, ... or wrap(f) for a wrapper. */
  private static String describe(Object listener, Object... named) {
    for (int i = 0; i < named.length; i += 2) {
      if (listener == named[i + 1]) {
        return (String) named[i];
      }
    }
    return "wrap";
  }

  @Nested
  class EventKeys {
    @Test
    void keysAreEqualByName() {
      Event<String> a = Event.of("data");
      Event<Integer> b = Event.of("data");
      assertThat(a.name()).isEqualTo("data");
      assertThat(a.toString()).isEqualTo("data");
      assertThat((Object) a).isEqualTo(b).hasSameHashCodeAs(b);
      assertThat(a).isNotEqualTo(Event.of("other")).isNotEqualTo("data");
    }

    @Test
    void twoKeysWithOneNameReachTheSameListeners() {
      e.on(Event.<String>of("data"), logs("l"));
      assertThat(e.emit(Event.of("data"), "p")).isTrue();
      assertThat(log).containsExactly("l");
    }

    @Test
    void nullNameIsRejected() {
      assertThatThrownBy(() -> Event.of(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("The \"name\" argument must be of type string. Received null");
    }
  }

  @Nested
  class AddingAndEmitting {
    @Test
    void emitPassesThePayloadAndReportsWhetherThereWereListeners() {
      List<String> seen = new ArrayList<>();
      assertThat(e.emit(FOO, "a")).isFalse();
      e.on(FOO, seen::add);
      assertThat(e.emit(FOO, "b")).isTrue();
      assertThat(e.emit(FOO, null)).isTrue();
      assertThat(e.emit(BAR, "c")).isFalse();
      assertThat(seen).containsExactly("b", null);
    }

    @Test
    void listenersRunInRegistrationOrderAndOncePerRegistration() {
      Consumer<String> f = logs("f");
      e.on(FOO, f).addListener(FOO, logs("g")).on(FOO, f);
      e.prependListener(FOO, logs("first"));
      e.emit(FOO, "p");
      assertThat(log).containsExactly("first", "f", "g", "f");
      assertThat(e.listenerCount(FOO)).isEqualTo(4);
    }

    @Test
    void addersAndRemoversReturnThisForChaining() {
      Consumer<String> f = logs("f");
      assertThat(e.on(FOO, f)).isSameAs(e);
      assertThat(e.addListener(FOO, f)).isSameAs(e);
      assertThat(e.once(FOO, f)).isSameAs(e);
      assertThat(e.prependListener(FOO, f)).isSameAs(e);
      assertThat(e.prependOnceListener(FOO, f)).isSameAs(e);
      assertThat(e.off(FOO, f)).isSameAs(e);
      assertThat(e.removeListener(FOO, f)).isSameAs(e);
      assertThat(e.removeAllListeners(FOO)).isSameAs(e);
      assertThat(e.removeAllListeners()).isSameAs(e);
      assertThat(e.setMaxListeners(3)).isSameAs(e);
    }

    @Test
    void listenerExceptionPropagatesAndSkipsLaterListeners() {
      // Node 20 prints: caught t (the second listener is not called)
      RuntimeException boom = new RuntimeException("t");
      e.on(
          X,
          p -> {
            throw boom;
          });
      e.on(X, logs("second"));
      assertThat(catchThrowable(() -> e.emit(X, "p"))).isSameAs(boom);
      assertThat(log).isEmpty();
    }

    @Test
    void listenersAddedDuringEmitAreNotCalledByThatEmit() {
      // Node 20 prints: 1,2,|,1,2,new
      e.on(
          X,
          p -> {
            log.add("1");
            e.on(X, logs("new"));
          });
      e.on(X, logs("2"));
      e.emit(X, "p");
      log.add("|");
      e.emit(X, "p");
      assertThat(log).containsExactly("1", "2", "|", "1", "2", "new");
    }

    @Test
    void listenerAddedDuringEmitOfALoneListenerIsNotCalled() {
      e.on(
          X,
          p -> {
            log.add("1");
            e.on(X, logs("new"));
          });
      e.emit(X, "p");
      assertThat(log).containsExactly("1");
      assertThat(e.listenerCount(X)).isEqualTo(2);
    }

    @Test
    void listenersRemovedDuringEmitAreStillCalledByThatEmit() {
      // Node 20 prints: 1,2,|,1
      Consumer<String> two = logs("2");
      e.on(
          X,
          p -> {
            log.add("1");
            e.off(X, two);
          });
      e.on(X, two);
      e.emit(X, "p");
      log.add("|");
      e.emit(X, "p");
      assertThat(log).containsExactly("1", "2", "|", "1");
    }
  }

  @Nested
  class Once {
    @Test
    void onceListenerRunsOnceAndIsRemovedBeforeItIsCalled() {
      // Node 20 prints: once: count during call 0
      List<Integer> counts = new ArrayList<>();
      e.once(X, p -> counts.add(e.listenerCount(X)));
      assertThat(e.emit(X, "p")).isTrue();
      assertThat(e.emit(X, "p")).isFalse();
      assertThat(counts).containsExactly(0);
    }

    @Test
    void onceListenerEmittingItsOwnEventRunsOnce() {
      // Node 20 prints: recursive once 1
      int[] calls = {0};
      e.once(
          X,
          p -> {
            calls[0]++;
            e.emit(X, p);
          });
      e.emit(X, "p");
      assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void onceListenerThatThrowsIsRemovedAnyway() {
      // Node 20 prints: once throw count 0
      e.once(
          X,
          p -> {
            throw new IllegalStateException("t");
          });
      assertThatThrownBy(() -> e.emit(X, "p")).hasMessage("t");
      assertThat(e.listenerCount(X)).isZero();
    }

    @Test
    void onceFiredByANestedEmitIsSkippedByTheOuterEmit() {
      // Node 20 prints: A0,A1,B1
      int[] depth = {0};
      e.on(
          X,
          p -> {
            log.add("A" + depth[0]);
            if (depth[0] == 0) {
              depth[0]++;
              e.emit(X, p);
              depth[0]--;
            }
          });
      e.once(X, p -> log.add("B" + depth[0]));
      e.emit(X, "p");
      assertThat(log).containsExactly("A0", "A1", "B1");
    }

    @Test
    void prependOnceListenerRunsFirstThenGoes() {
      e.on(X, logs("on"));
      e.prependOnceListener(X, logs("once"));
      e.emit(X, "p");
      e.emit(X, "p");
      assertThat(log).containsExactly("once", "on", "on");
    }

    @Test
    void listenersUnwrapsOnceButRawListenersDoesNot() {
      Consumer<String> f = logs("f");
      Consumer<String> g = logs("g");
      e.once(X, f).on(X, g);
      assertThat(e.listeners(X)).containsExactly(f, g);
      List<Consumer<? super String>> raw = e.rawListeners(X);
      assertThat(raw).hasSize(2);
      assertThat(raw.get(0)).isNotSameAs(f);
      assertThat(raw.get(1)).isSameAs(g);
    }

    @Test
    void callingTheRawWrapperRemovesItAndCallsTheListenerOnce() {
      // Node 20 prints: rawcall f1 0
      List<String> seen = new ArrayList<>();
      e.once(X, seen::add);
      Consumer<? super String> wrapper = e.rawListeners(X).get(0);
      wrapper.accept("1");
      wrapper.accept("2");
      assertThat(seen).containsExactly("1");
      assertThat(e.listenerCount(X)).isZero();
    }
  }

  @Nested
  class Removing {
    @Test
    void offRemovesTheMostRecentRegistration() {
      Consumer<String> f = logs("f");
      Consumer<String> g = logs("g");
      e.on(X, f).on(X, g).on(X, f);
      e.off(X, f);
      assertThat(e.rawListeners(X)).containsExactly(f, g);
      e.removeListener(X, f);
      assertThat(e.rawListeners(X)).containsExactly(g);
    }

    @Test
    void offWithTheOriginalRemovesAOnceListener() {
      // Node 20 prints: onceoff raw [ 'wrap' ] [ 'f' ], then after 0 [], then rm x f
      Consumer<String> f = logs("f");
      e.once(X, f).on(X, f);
      e.off(X, f);
      assertThat(e.rawListeners(X)).hasSize(1).first().isNotSameAs(f);
      assertThat(e.listeners(X)).containsExactly(f);
      e.off(X, f);
      assertThat(e.listenerCount(X)).isZero();
      assertThat(e.eventNames()).isEmpty();

      List<String> removed = new ArrayList<>();
      e.on(
          EventEmitter.REMOVE_LISTENER,
          c -> removed.add(c.event() + " " + describe(c.listener(), "f", f)));
      e.once(X, f).off(X, f);
      e.emit(X, "p");
      assertThat(removed).containsExactly("x f");
      assertThat(log).isEmpty();
    }

    @Test
    void offWithTheRawWrapperRemovesAOnceListener() {
      // Node 20 prints: offraw rm x wrap,rm y f
      Consumer<String> f = logs("f");
      Consumer<String> g = logs("g");
      List<String> removed = new ArrayList<>();
      e.on(
          EventEmitter.REMOVE_LISTENER,
          c -> removed.add(c.event() + " " + describe(c.listener(), "f", f, "g", g)));
      e.once(X, f).on(X, g);
      e.off(X, e.rawListeners(X).get(0));
      e.once(Y, f);
      e.off(Y, e.rawListeners(Y).get(0));
      assertThat(removed).containsExactly("x wrap", "y f");
      assertThat(e.listeners(X)).containsExactly(g);
      assertThat(e.listenerCount(Y)).isZero();
    }

    @Test
    void removingAnUnknownListenerDoesNothing() {
      List<ListenerChange> removed = new ArrayList<>();
      e.on(EventEmitter.REMOVE_LISTENER, removed::add);
      Consumer<String> f = logs("f");
      e.on(X, f).on(X, logs("g"));
      e.off(X, logs("other")).off(Y, f);
      assertThat(e.listenerCount(X)).isEqualTo(2);
      assertThat(removed).isEmpty();
    }

    @Test
    void removeListenerIsEmittedAfterRemoval() {
      // Node 20 prints: rm foo count=0 (and nothing for the second, no-op, off)
      Consumer<String> f = logs("f");
      e.on(FOO, f);
      e.on(
          EventEmitter.REMOVE_LISTENER,
          c -> log.add("rm " + c.event() + " count=" + e.listenerCount(Event.of(c.event()))));
      e.off(FOO, f);
      e.off(FOO, f);
      assertThat(log).containsExactly("rm foo count=0");
    }

    @Test
    void firingOnceListenersReportsTheWrapperUnlessItWasTheOnlyListener() {
      // Node 20 prints: oncefire rm x wrap:true,f,rm x g,rm x f,f
      Consumer<String> f = logs("f");
      Consumer<String> g = p -> {};
      e.on(X, g).once(X, f);
      List<Object> wrapper = new ArrayList<>();
      e.on(
          EventEmitter.REMOVE_LISTENER,
          c -> {
            String who = describe(c.listener(), "f", f, "g", g);
            if (who.equals("wrap")) {
              wrapper.add(c.listener());
            }
            log.add("rm " + c.event() + " " + who);
          });
      List<Consumer<? super String>> raw = e.rawListeners(X);
      e.emit(X, "p");
      e.once(X, f).off(X, g);
      e.emit(X, "p");
      assertThat(log).containsExactly("rm x wrap", "f", "rm x g", "rm x f", "f");
      assertThat(wrapper).containsExactly(raw.get(1));
    }

    @Test
    void removeAllListenersOfOneEventGoesLastToFirst() {
      // Node 20 prints: removeAll(foo) foo:?bound onceWrapper,foo:a [ 'removeListener' ]
      Consumer<String> a = logs("a");
      Consumer<String> c = logs("c");
      e.on(FOO, a).once(FOO, c);
      e.on(
          EventEmitter.REMOVE_LISTENER,
          ch -> log.add(ch.event() + ":" + describe(ch.listener(), "a", a, "c", c)));
      e.removeAllListeners(FOO);
      assertThat(log).containsExactly("foo:wrap", "foo:a");
      assertThat(e.eventNames()).containsExactly("removeListener");
    }

    @Test
    void removeAllListenersReportsEveryRemovalAndRemovesRemoveListenerListenersLast() {
      // Node 20 prints:
      // removeAll foo:c,r2 foo,foo:a,r2 foo,bar:b,r2 bar,removeListener:? []
      Consumer<String> a = logs("a");
      Consumer<String> b = logs("b");
      Consumer<String> c = logs("c");
      e.on(FOO, a).on(BAR, b).on(FOO, c);
      Consumer<ListenerChange> r2 = ch -> log.add("r2 " + ch.event());
      e.on(
          EventEmitter.REMOVE_LISTENER,
          ch ->
              log.add(
                  ch.event() + ":" + describe(ch.listener(), "a", a, "b", b, "c", c, "r2", r2)));
      e.on(EventEmitter.REMOVE_LISTENER, r2);
      e.removeAllListeners();
      // r1 hears about r2's removal; nobody hears about r1's, as the event has no listener left.
      assertThat(log)
          .containsExactly(
              "foo:c", "r2 foo", "foo:a", "r2 foo", "bar:b", "r2 bar", "removeListener:r2");
      assertThat(e.eventNames()).isEmpty();
    }

    @Test
    void removeAllListenersDropsListenersAddedByRemoveListenerListeners() {
      // Node 20 prints: ra rm a []
      e.on(Event.<String>of("a"), logs("a"));
      e.on(
          EventEmitter.REMOVE_LISTENER,
          ch -> {
            log.add("rm " + ch.event());
            if (ch.event().equals("a")) {
              e.on(Event.<String>of("z"), logs("z"));
            }
          });
      e.removeAllListeners();
      assertThat(log).containsExactly("rm a");
      assertThat(e.eventNames()).isEmpty();
    }

    @Test
    void removeAllListenersWithoutRemoveListenerListenersJustClears() {
      e.on(FOO, logs("f")).on(FOO, logs("g")).on(BAR, logs("b"));
      e.removeAllListeners(FOO);
      assertThat(e.eventNames()).containsExactly("bar");
      e.removeAllListeners(Event.of("missing"));
      e.removeAllListeners();
      assertThat(e.eventNames()).isEmpty();
      assertThat(e.emit(BAR, "p")).isFalse();
    }
  }

  @Nested
  class NewListener {
    @Test
    void newListenerIsEmittedBeforeAddingWithTheOriginalListener() {
      // Node 20 prints: new foo f count=0,new foo f count=1
      Consumer<String> f = logs("f");
      e.on(
          EventEmitter.NEW_LISTENER,
          c ->
              log.add(
                  "new "
                      + c.event()
                      + " "
                      + describe(c.listener(), "f", f)
                      + " count="
                      + e.listenerCount(Event.of(c.event()))));
      e.once(FOO, f).on(FOO, f);
      assertThat(log).containsExactly("new foo f count=0", "new foo f count=1");
    }

    @Test
    void newListenerOnlyReachesListenersAlreadyThere() {
      // Node 20 prints: nl newListener,nl x,nl2 x
      e.on(EventEmitter.NEW_LISTENER, c -> log.add("nl " + c.event()));
      e.on(EventEmitter.NEW_LISTENER, c -> log.add("nl2 " + c.event()));
      e.prependListener(X, p -> {});
      assertThat(log).containsExactly("nl newListener", "nl x", "nl2 x");
    }

    @Test
    void listenerIsNotAddedWhenNewListenerThrows() {
      e.on(
          EventEmitter.NEW_LISTENER,
          c -> {
            throw new IllegalStateException("no");
          });
      assertThatThrownBy(() -> e.on(X, logs("f"))).hasMessage("no");
      assertThat(e.listenerCount(X)).isZero();
    }
  }

  @Nested
  class Inspecting {
    @Test
    void listenerCountWithAListenerCountsItsRegistrations() {
      // Node 20 prints: lc 3 2
      Consumer<String> f = logs("f");
      e.on(X, f).once(X, f).on(X, logs("g"));
      assertThat(e.listenerCount(X)).isEqualTo(3);
      assertThat(e.listenerCount(X, f)).isEqualTo(2);
      assertThat(e.listenerCount(X, null)).isEqualTo(3);
      assertThat(e.listenerCount(Y, f)).isZero();
      assertThat(e.listenerCount(Y)).isZero();
    }

    @Test
    void listenerListsAreUnmodifiableCopies() {
      Consumer<String> f = logs("f");
      e.on(X, f);
      List<Consumer<? super String>> before = e.listeners(X);
      List<Consumer<? super String>> raw = e.rawListeners(X);
      e.on(X, logs("g"));
      assertThat(before).containsExactly(f);
      assertThat(raw).containsExactly(f);
      assertThatThrownBy(() -> before.add(f)).isInstanceOf(UnsupportedOperationException.class);
      assertThat(e.listeners(Y)).isEmpty();
      assertThat(e.rawListeners(Y)).isEmpty();
    }

    @Test
    void eventNamesFollowJavaScriptPropertyOrder() {
      // Node 20 prints: names [ '1', '2', '4294967294', 'b', '01', 'a', '4294967295' ]
      // then, after off('b') and on('b'): [ '1', '2', '4294967294', '01', 'a', '4294967295', 'b' ]
      Consumer<String> f = logs("f");
      for (String name : List.of("b", "2", "01", "1", "a", "4294967295", "4294967294")) {
        e.on(Event.<String>of(name), f);
      }
      assertThat(e.eventNames())
          .containsExactly("1", "2", "4294967294", "b", "01", "a", "4294967295");
      e.off(Event.<String>of("b"), f);
      e.on(Event.<String>of("b"), f);
      assertThat(e.eventNames())
          .containsExactly("1", "2", "4294967294", "01", "a", "4294967295", "b");
    }

    @Test
    void eventNamesKeepTheirPlaceWhileTheEventHasListeners() {
      Consumer<String> f = logs("f");
      e.on(FOO, f).on(BAR, f).on(FOO, logs("g"));
      e.off(FOO, f);
      assertThat(e.eventNames()).containsExactly("foo", "bar");
    }
  }

  @Nested
  class Errors {
    @Test
    void unhandledRuntimeExceptionIsThrownAsIs() {
      IllegalArgumentException error = new IllegalArgumentException("bad");
      assertThat(catchThrowable(() -> e.emit(EventEmitter.ERROR, error))).isSameAs(error);
    }

    @Test
    void unhandledErrorIsThrownAsIs() {
      AssertionError error = new AssertionError("bad");
      assertThat(catchThrowable(() -> e.emit(EventEmitter.ERROR, error))).isSameAs(error);
    }

    @Test
    void unhandledCheckedExceptionIsThrownAsIs() {
      IOException error = new IOException("io");
      assertThat(catchThrowable(() -> e.emit(EventEmitter.ERROR, error))).isSameAs(error);
    }

    @Test
    void unhandledNullErrorIsNodesUnhandledError() {
      // Node 20 prints: ERR_UNHANDLED_ERROR Unhandled error. (null)
      assertThatThrownBy(() -> e.emit(EventEmitter.ERROR, null))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage("Unhandled error. (null)");
    }

    @Test
    void unhandledNonThrowablePayloadIsInspected() {
      // Node 20 prints: ERR_UNHANDLED_ERROR Unhandled error. ('str'); util.inspect("it's") is
      // "it's"
      assertThatThrownBy(() -> e.emit(Event.of("error"), "str"))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage("Unhandled error. ('str')");
      assertThatThrownBy(() -> e.emit(Event.of("error"), "it's"))
          .hasMessage("Unhandled error. (\"it's\")");
      assertThatThrownBy(() -> e.emit(Event.of("error"), 42)).hasMessage("Unhandled error. (42)");
    }

    @Test
    void handledErrorIsDeliveredNotThrown() {
      // Node 20 prints: got boom, true
      List<Throwable> seen = new ArrayList<>();
      e.on(EventEmitter.ERROR, seen::add);
      RuntimeException boom = new RuntimeException("boom");
      assertThat(e.emit(EventEmitter.ERROR, boom)).isTrue();
      assertThat(seen).containsExactly(boom);
    }

    @Test
    void errorIsThrownAgainOnceTheErrorListenerIsGone() {
      RuntimeException boom = new RuntimeException("boom");
      e.once(EventEmitter.ERROR, t -> {});
      assertThat(e.emit(EventEmitter.ERROR, boom)).isTrue();
      assertThat(catchThrowable(() -> e.emit(EventEmitter.ERROR, boom))).isSameAs(boom);
    }

    @Test
    void nullArgumentsAreRejectedWithNodesMessages() {
      // Node 20 prints: ERR_INVALID_ARG_TYPE The "listener" argument must be of type function.
      // Received null
      String listener = "The \"listener\" argument must be of type function. Received null";
      String event = "The \"event\" argument must be of type Event. Received null";
      Consumer<String> f = logs("f");
      assertThatThrownBy(() -> e.on(X, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage(listener);
      assertThatThrownBy(() -> e.addListener(X, null)).hasMessage(listener);
      assertThatThrownBy(() -> e.once(X, null)).hasMessage(listener);
      assertThatThrownBy(() -> e.prependListener(X, null)).hasMessage(listener);
      assertThatThrownBy(() -> e.prependOnceListener(X, null)).hasMessage(listener);
      assertThatThrownBy(() -> e.off(X, null)).hasMessage(listener);
      assertThatThrownBy(() -> e.removeListener(X, null)).hasMessage(listener);
      assertThatThrownBy(() -> e.on(null, f))
          .isInstanceOf(NullPointerException.class)
          .hasMessage(event);
      assertThatThrownBy(() -> e.once(null, f)).hasMessage(event);
      assertThatThrownBy(() -> e.off(null, f)).hasMessage(event);
      assertThatThrownBy(() -> e.emit(null, "p")).hasMessage(event);
      assertThatThrownBy(() -> e.listenerCount(null)).hasMessage(event);
      assertThatThrownBy(() -> e.listeners(null)).hasMessage(event);
      assertThatThrownBy(() -> e.rawListeners(null)).hasMessage(event);
      assertThatThrownBy(() -> e.removeAllListeners(null)).hasMessage(event);
      assertThat(e.eventNames()).isEmpty();
    }
  }

  @Nested
  class MaxListeners {
    @Test
    void limitDefaultsToTenAndFollowsTheDefault() {
      // Node 20 prints: max 3 (after EventEmitter.defaultMaxListeners = 3), and 10 by default
      assertThat(EventEmitter.defaultMaxListeners()).isEqualTo(10);
      assertThat(e.getMaxListeners()).isEqualTo(10);
      try {
        EventEmitter.setDefaultMaxListeners(3);
        assertThat(e.getMaxListeners()).isEqualTo(3);
        e.setMaxListeners(5);
        assertThat(e.getMaxListeners()).isEqualTo(5);
      } finally {
        EventEmitter.setDefaultMaxListeners(10);
      }
      assertThat(e.getMaxListeners()).isEqualTo(5);
    }

    @Test
    void negativeLimitsAreRejectedWithNodesMessages() {
      // Node 20 prints: ERR_OUT_OF_RANGE The value of "setMaxListeners" is out of range. It must be
      // >= 0. Received -1
      // and the same with "defaultMaxListeners"
      assertThatThrownBy(() -> e.setMaxListeners(-1))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "The value of \"setMaxListeners\" is out of range. It must be >= 0. Received -1");
      assertThatThrownBy(() -> EventEmitter.setDefaultMaxListeners(-1))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "The value of \"defaultMaxListeners\" is out of range. It must be >= 0. Received -1");
      assertThat(e.getMaxListeners()).isEqualTo(10);
      assertThat(EventEmitter.defaultMaxListeners()).isEqualTo(10);
    }

    private static String warning(int count, String event, String emitter, int max) {
      return "(eddy:"
          + ProcessHandle.current().pid()
          + ") MaxListenersExceededWarning: "
          + "Possible EventEmitter memory leak detected. "
          + count
          + " "
          + event
          + " listeners added to ["
          + emitter
          + "]. MaxListeners is "
          + max
          + ". Use emitter.setMaxListeners() to increase limit";
    }

    /**
     * Runs {@code action} off any loop, where Warnings prints to System.err, and returns the lines.
     */
    private static List<String> warningsOf(Runnable action) {
      PrintStream original = System.err;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        action.run();
      } finally {
        System.setErr(original);
      }
      String text = captured.toString(StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    private static void addListeners(EventEmitter emitter, Event<String> event, int n) {
      for (int i = 0; i < n; i++) {
        emitter.on(event, p -> {});
      }
    }

    @Test
    void eleventhListenerWarnsOnceWithNodesText() {
      // Node 20 prints: (node:PID) MaxListenersExceededWarning: Possible EventEmitter memory leak
      // detected. 11 foo listeners added to [EventEmitter]. MaxListeners is 10. Use
      // emitter.setMaxListeners() to increase limit
      assertThat(warningsOf(() -> addListeners(e, FOO, 10))).isEmpty();
      assertThat(warningsOf(() -> addListeners(e, FOO, 1)))
          .containsExactly(warning(11, "foo", "EventEmitter", 10));
      assertThat(warningsOf(() -> addListeners(e, FOO, 5))).isEmpty();
      assertThat(warningsOf(() -> e.once(FOO, p -> {}))).isEmpty();
      assertThat(warningsOf(() -> addListeners(e, BAR, 11)))
          .containsExactly(warning(11, "bar", "EventEmitter", 10));
    }

    static class MyEmitter extends EventEmitter {}

    @Test
    void warningNamesTheEmitterClassLikeNodesInspect() {
      // Node 20 prints [MyEmitter] for class MyEmitter extends EventEmitter, and [EventEmitter]
      // for an anonymous subclass.
      assertThat(warningsOf(() -> addListeners(new MyEmitter(), BAR, 11)))
          .containsExactly(warning(11, "bar", "MyEmitter", 10));
      EventEmitter anonymous = new EventEmitter() {};
      anonymous.setMaxListeners(1);
      assertThat(warningsOf(() -> addListeners(anonymous, X, 2)))
          .containsExactly(warning(2, "x", "EventEmitter", 1));
    }

    @Test
    void warningComesBackOnlyAfterTheEventDropsToOneListener() {
      // Node 20 warns at 3 q, not again after off+on (the listener array is kept), then again
      // after dropping to one listener (Node then stores it bare, losing the warned flag).
      e.setMaxListeners(2);
      List<Consumer<String>> fs = List.of(p -> {}, p -> {}, p -> {});
      String expected = warning(3, "q", "EventEmitter", 2);
      Event<String> q = Event.of("q");
      assertThat(warningsOf(() -> fs.forEach(f -> e.on(q, f)))).containsExactly(expected);
      assertThat(warningsOf(() -> e.off(q, fs.get(2)).on(q, fs.get(2)))).isEmpty();
      assertThat(
              warningsOf(
                  () -> e.off(q, fs.get(2)).off(q, fs.get(1)).on(q, fs.get(1)).on(q, fs.get(2))))
          .containsExactly(expected);
      e.removeAllListeners(q);
      assertThat(warningsOf(() -> fs.forEach(f -> e.on(q, f)))).containsExactly(expected);
    }

    @Test
    void zeroMeansNoLimitAndARaisedLimitStillWarnsLater() {
      // Node 20 prints nothing for 5 r listeners with max 0, then "6 r ... MaxListeners is 3"
      Event<String> r = Event.of("r");
      e.setMaxListeners(0);
      assertThat(warningsOf(() -> addListeners(e, r, 5))).isEmpty();
      e.setMaxListeners(3);
      assertThat(warningsOf(() -> addListeners(e, r, 1)))
          .containsExactly(warning(6, "r", "EventEmitter", 3));
    }

    @Test
    void prependAndOnceCountTowardsTheLimit() {
      e.setMaxListeners(1);
      e.on(X, p -> {});
      assertThat(warningsOf(() -> e.prependOnceListener(X, p -> {})))
          .containsExactly(warning(2, "x", "EventEmitter", 1));
    }
  }

  @Nested
  class Performance {
    private long allocatedBytes() {
      return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
          .getCurrentThreadAllocatedBytes();
    }

    private long allocationOfEmits(Event<String> event, int emits) {
      String payload = "p";
      long before = allocatedBytes();
      for (int i = 0; i < emits; i++) {
        e.emit(event, payload);
      }
      return allocatedBytes() - before;
    }

    @Test
    void emitDoesNotAllocateOrCopy() {
      int[] calls = {0};
      Consumer<String> count = p -> calls[0]++;
      e.on(X, count);
      e.on(Y, count).on(Y, count).on(Y, count);
      allocationOfEmits(X, 1_000);
      allocationOfEmits(Y, 1_000);
      long baseline = allocatedBytes();
      baseline = allocatedBytes() - baseline;
      // 100k emits allocating even 16 bytes each would be 1.6 MB; allow only measurement noise.
      assertThat(allocationOfEmits(X, 100_000)).isLessThan(baseline + 1_024);
      assertThat(allocationOfEmits(Y, 100_000)).isLessThan(baseline + 1_024);
      assertThat(calls[0]).isEqualTo(1_000 + 3_000 + 100_000 + 300_000);
    }
  }
}
