package dev.eddy;

/**
 * Node's {@code TimersList}: the timers of one duration in insertion order, ordered against the
 * other lists by {@code (expiry, id)} in the loop's {@link TimerHeap}.
 */
final class TimerList {
  final long duration;
  long expiry;
  long id;
  int heapIndex = -1;
  Timeout head;
  Timeout tail;

  TimerList(long duration, long expiry, long id) {
    this.duration = duration;
    this.expiry = expiry;
    this.id = id;
  }

  boolean isEmpty() {
    return head == null;
  }

  void append(Timeout t) {
    t.list = this;
    t.prev = tail;
    t.next = null;
    if (tail == null) {
      head = t;
    } else {
      tail.next = t;
    }
    tail = t;
  }

  static void remove(Timeout t) {
    TimerList l = t.list;
    if (l == null) {
      return;
    }
    if (t.prev == null) {
      l.head = t.next;
    } else {
      t.prev.next = t.next;
    }
    if (t.next == null) {
      l.tail = t.prev;
    } else {
      t.next.prev = t.prev;
    }
    t.prev = null;
    t.next = null;
    t.list = null;
  }
}
