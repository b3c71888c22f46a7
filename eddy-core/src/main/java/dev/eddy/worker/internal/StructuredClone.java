package dev.eddy.worker.internal;

import dev.eddy.Buffer;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Node's structured clone for {@code postMessage}, reduced to Java's types; the rules are
 * documented on {@link dev.eddy.worker.Worker}. One instance per message: it memoizes what it
 * copied by identity, so shared references and cycles inside collections survive the copy as in
 * Node. Runs on the sending thread, so a refused message throws in the sender at once.
 */
public final class StructuredClone {
  // Exact classes only: a subclass of BigInteger (or anything not final) could be mutable.
  private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class,
      Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class,
      BigInteger.class, BigDecimal.class, UUID.class, java.time.Instant.class,
      java.time.Duration.class, java.time.Period.class, java.time.LocalDate.class,
      java.time.LocalTime.class, java.time.LocalDateTime.class, java.time.OffsetDateTime.class,
      java.time.ZonedDateTime.class);

  private final IdentityHashMap<Object, Object> memo = new IdentityHashMap<>();

  private StructuredClone() {}

  /**
   * A copy of {@code message} for another thread; the buffers of {@code transfer} are handed
   * over as views of the same memory instead of being copied.
   *
   * @throws IllegalArgumentException (DataCloneError) naming the first value that cannot be
   *     cloned and where it sits in the message, or when {@code transfer} lists a buffer twice
   * @throws NullPointerException if {@code transfer} or one of its elements is null
   */
  public static Object copy(Object message, List<Buffer> transfer) {
    StructuredClone c = new StructuredClone();
    for (int i = 0; i < transfer.size(); i++) {
      Buffer b = Objects.requireNonNull(transfer.get(i), "transferList[" + i + "]");
      // A view of the same memory: nothing is copied, which is the point of transferring.
      if (c.memo.put(b, b.transfer()) != null) {
        throw new IllegalArgumentException("DataCloneError: the Buffer at transferList[" + i
            + "] is a duplicate of an earlier one");
      }
    }
    try {
      return c.clone(message);
    } catch (Refused r) {
      throw new IllegalArgumentException("DataCloneError: message" + r.path() + r.getMessage(), r.getCause());
    }
  }

  /**
   * A refusal on its way up: each level adds its step to the path, so messages that clone fine
   * never build path strings. No stack trace: it becomes an IllegalArgumentException at the top.
   */
  private static final class Refused extends RuntimeException {
    private final java.util.ArrayDeque<String> steps = new java.util.ArrayDeque<>();

    Refused(String message, Throwable cause) {
      super(message, cause, false, false);
    }

    Refused at(String step) {
      steps.addFirst(step);
      return this;
    }

    String path() {
      return String.join("", steps);
    }
  }

  private Object clone(Object v) {
    if (v == null || IMMUTABLE.contains(v.getClass()) || v instanceof Enum<?>) {
      return v;
    }
    Object done = memo.get(v);
    if (done != null) {
      return done;
    }
    Object copy;
    if (v instanceof Buffer b) {
      copy = Buffer.from(b);
    } else if (v.getClass().isArray()) {
      copy = cloneArray(v);
    } else if (v instanceof List<?> list) {
      ArrayList<Object> out = new ArrayList<>(list.size());
      memo.put(v, out);
      int i = 0;
      for (Object e : list) {
        try {
          out.add(clone(e));
        } catch (Refused r) {
          throw r.at("[" + i + "]");
        }
        i++;
      }
      return out;
    } else if (v instanceof Set<?> set) {
      LinkedHashSet<Object> out = new LinkedHashSet<>();
      memo.put(v, out);
      for (Object e : set) {
        try {
          out.add(clone(e));
        } catch (Refused r) {
          throw r.at("{" + e + "}");
        }
      }
      return out;
    } else if (v instanceof Map<?, ?> map) {
      LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
      memo.put(v, out);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object key;
        try {
          key = clone(e.getKey());
        } catch (Refused r) {
          throw r.at(".key(" + e.getKey() + ")");
        }
        try {
          out.put(key, clone(e.getValue()));
        } catch (Refused r) {
          throw r.at(".get(" + e.getKey() + ")");
        }
      }
      return out;
    } else if (v instanceof Record r) {
      copy = deeplyImmutable(r) ? r : rebuild(r);
    } else {
      throw new Refused(" is a " + v.getClass().getName() + ", which cannot be cloned; a message "
          + "may hold null, strings, boxed primitives, BigInteger/BigDecimal, java.time values, "
          + "UUIDs, enums, records, List, Set, Map, arrays and Buffers", null);
    }
    memo.put(v, copy);
    return copy;
  }

  private Object cloneArray(Object array) {
    Class<?> type = array.getClass().getComponentType();
    if (type.isPrimitive()) {
      // Typed arrays (Node's Uint8Array, Float64Array...) are copied; their elements are values.
      int n = Array.getLength(array);
      Object out = Array.newInstance(type, n);
      System.arraycopy(array, 0, out, 0, n);
      return out;
    }
    Object[] in = (Object[]) array;
    Object[] out = (Object[]) Array.newInstance(type, in.length);
    memo.put(array, out);
    for (int i = 0; i < in.length; i++) {
      Object e;
      try {
        e = clone(in[i]);
      } catch (Refused r) {
        throw r.at("[" + i + "]");
      }
      try {
        out[i] = e;
      } catch (ArrayStoreException ex) {
        throw new Refused(" is a " + in[i].getClass().getName() + ", whose copy (a "
            + e.getClass().getName() + ") does not fit an array of " + type.getName(), ex).at("[" + i + "]");
      }
    }
    return out;
  }

  /** True if the record holds only immutable values all the way down, so it can be shared. */
  private static boolean deeplyImmutable(Record r) {
    for (RecordComponent rc : r.getClass().getRecordComponents()) {
      Object v = component(r, rc);
      if (v == null || IMMUTABLE.contains(v.getClass()) || v instanceof Enum<?>) {
        continue;
      }
      if (!(v instanceof Record inner) || !deeplyImmutable(inner)) {
        return false;
      }
    }
    return true;
  }

  /** A record holding mutable values: a new one from copies of its components. */
  private Object rebuild(Record r) {
    RecordComponent[] rcs = r.getClass().getRecordComponents();
    Class<?>[] types = new Class<?>[rcs.length];
    Object[] args = new Object[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      types[i] = rcs[i].getType();
      try {
        args[i] = clone(component(r, rcs[i]));
      } catch (Refused refused) {
        throw refused.at("." + rcs[i].getName());
      }
    }
    try {
      Constructor<?> ctor = r.getClass().getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new Refused(" is a record of " + r.getClass().getName() + " holding mutable values, "
          + "and it could not be rebuilt from their copies through its canonical constructor ("
          + e + ")", e);
    }
  }

  private static Object component(Record r, RecordComponent rc) {
    try {
      var accessor = rc.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new Refused(" is a " + r.getClass().getName() + " whose component " + rc.getName()
          + " could not be read (" + e + ")", e);
    }
  }

}
