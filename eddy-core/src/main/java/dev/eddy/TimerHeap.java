package dev.eddy;

import java.util.Arrays;

/** Binary min-heap of timer lists by {@code (expiry, id)}, as Node's timer priority queue. */
final class TimerHeap {
  private TimerList[] heap = new TimerList[16];
  private int size;

  int size() {
    return size;
  }

  TimerList peek() {
    return size == 0 ? null : heap[0];
  }

  private static boolean less(TimerList a, TimerList b) {
    return a.expiry < b.expiry || (a.expiry == b.expiry && a.id < b.id);
  }

  void insert(TimerList l) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = l;
    l.heapIndex = size;
    size++;
    up(size - 1);
  }

  /** Restores the order after the top list's expiry or id grew. */
  void topChanged() {
    down(0);
  }

  TimerList shift() {
    TimerList top = heap[0];
    removeAt(0);
    return top;
  }

  void remove(TimerList l) {
    if (l.heapIndex >= 0) {
      removeAt(l.heapIndex);
    }
  }

  private void removeAt(int i) {
    TimerList removed = heap[i];
    size--;
    if (i != size) {
      heap[i] = heap[size];
      heap[i].heapIndex = i;
      heap[size] = null;
      if (!up(i)) {
        down(i);
      }
    } else {
      heap[size] = null;
    }
    removed.heapIndex = -1;
  }

  private boolean up(int i) {
    TimerList x = heap[i];
    int start = i;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      TimerList p = heap[parent];
      if (!less(x, p)) {
        break;
      }
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = x;
    x.heapIndex = i;
    return i != start;
  }

  private void down(int i) {
    TimerList x = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      TimerList c = heap[child];
      int right = child + 1;
      if (right < size && less(heap[right], c)) {
        child = right;
        c = heap[child];
      }
      if (!less(c, x)) {
        break;
      }
      heap[i] = c;
      c.heapIndex = i;
      i = child;
    }
    heap[i] = x;
    x.heapIndex = i;
  }
}
