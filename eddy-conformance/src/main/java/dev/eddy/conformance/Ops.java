package dev.eddy.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.Loop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the scenario languages of both kits share: an op is an object with exactly one main key. */
final class Ops {
  private Ops() {}

  /** The op's main key. @throws IllegalArgumentException if it has none or several */
  static String kind(JsonNode op, List<String> mainKeys) {
    String found = null;
    Iterator<String> names = op.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (mainKeys.contains(k)) {
        if (found != null) {
          throw new IllegalArgumentException("op with two main keys: " + op);
        }
        found = k;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("not an op: " + op);
    }
    return found;
  }

  /**
   * Runs {@code main} as the program of a fresh loop on its own thread and returns what it logged
   * into {@code out} followed by {@code exit:CODE}, or {@code exit:timeout} for a scenario still
   * running after {@code timeoutMs} (its loop is terminated). {@code out} is locked while read.
   */
  static List<String> runOnLoop(Runnable main, List<String> out, long timeoutMs) {
    Loop loop = Loop.create();
    CompletableFuture<Integer> done = loop.start(main);
    String exit;
    try {
      exit = Integer.toString(done.get(timeoutMs, TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      loop.terminate();
      try {
        done.get(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // a scenario stuck in a callback: report it and move on
      }
      exit = "timeout";
    } catch (Exception e) {
      exit = "error:" + e;
    }
    synchronized (out) {
      List<String> result = new ArrayList<>(out);
      result.add("exit:" + exit);
      return result;
    }
  }
}
