package dev.eddy.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Multi-producer single-consumer FIFO (Vyukov's intrusive-free linked queue). Producers never
 * block or retry, each producer's items come out in the order it offered them, and the consumer
 * allocates nothing. Used for the hand-off of work from other threads to a loop.
 */
public final class MpscQueue<E> {
  private static final class Node<E> {
    E value;
    volatile Node<E> next;

    Node(E value) {
      this.value = value;
    }
  }

  private final AtomicReference<Node<E>> tail;
  private Node<E> head; // consumer only: the stub before the first item

  public MpscQueue() {
    Node<E> stub = new Node<>(null);
    head = stub;
    tail = new AtomicReference<>(stub);
  }

  /** Adds an item; safe from any thread. */
  public void offer(E value) {
    Node<E> node = new Node<>(value);
    Node<E> prev = tail.getAndSet(node);
    prev.next = node;
  }

  /** Takes the oldest item, or null if none is visible yet; consumer thread only. */
  public E poll() {
    Node<E> next = head.next;
    if (next == null) {
      return null;
    }
    E value = next.value;
    next.value = null;
    head = next;
    return value;
  }

  /**
   * Whether the queue looks empty. An item whose producer is between its two steps may be
   * missed; such a producer wakes the consumer after its offer completes.
   */
  public boolean isEmpty() {
    return head.next == null && head == tail.get();
  }

  /**
   * Takes, in order, the items offered before this call started and hands each to {@code sink};
   * items offered meanwhile wait for the next batch (libuv likewise runs only the completions
   * present when its poll returned). Consumer thread only. Returns how many were taken.
   */
  public int pollBatch(java.util.function.Consumer<? super E> sink) {
    Node<E> end = tail.get();
    int n = 0;
    while (head != end) {
      Node<E> next = head.next;
      if (next == null) {
        break; // a producer is between its two steps: its item goes to the next batch
      }
      E value = next.value;
      next.value = null;
      head = next;
      n++;
      sink.accept(value);
    }
    return n;
  }
}
