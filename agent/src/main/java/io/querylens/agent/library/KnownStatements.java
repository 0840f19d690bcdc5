package io.querylens.agent.library;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements already announced to the recorder, by identity and weakly.
 *
 * <p>P6Spy says nothing when a statement is created or prepared, only when it is used; the first use
 * announces it (its SQL and connection), as the advice on {@code prepareStatement} and {@code
 * createStatement} would. An entry goes when the statement is closed, or when the application lets it
 * go without closing it. Thread-safe; lookups allocate nothing.
 */
final class KnownStatements {
  private final ConcurrentHashMap<Object, Boolean> known = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  private final ThreadLocal<Probe> probes = ThreadLocal.withInitial(Probe::new);

  /** Adds {@code statement}; true when it was not known before. */
  boolean add(Object statement) {
    Probe probe = probes.get();
    probe.set(statement);
    try {
      if (known.containsKey(probe)) {
        return false;
      }
    } finally {
      probe.clear();
    }
    expungeCollected();
    return known.putIfAbsent(new WeakKey(statement, collected), Boolean.TRUE) == null;
  }

  /** Forgets {@code statement}: it was closed. */
  void remove(Object statement) {
    Probe probe = probes.get();
    probe.set(statement);
    try {
      known.remove(probe);
    } finally {
      probe.clear();
    }
  }

  /** Statements known now; for tests. */
  int size() {
    expungeCollected();
    return known.size();
  }

  private void expungeCollected() {
    Reference<?> ref;
    while ((ref = collected.poll()) != null) {
      known.remove(ref);
    }
  }

  /** A reusable lookup key; confined to one thread. */
  private static final class Probe {
    private Object target;
    private int hash;

    void set(Object key) {
      target = key;
      hash = System.identityHashCode(key);
    }

    void clear() {
      target = null;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      // ConcurrentHashMap compares the looked-up key with the stored one: probe.equals(storedKey).
      return other instanceof WeakKey && ((WeakKey) other).get() == target;
    }
  }

  private static final class WeakKey extends WeakReference<Object> {
    private final int hash;

    WeakKey(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (other == this) {
        return true;
      }
      if (other instanceof Probe) {
        return other.equals(this);
      }
      Object referent = get();
      return referent != null && other instanceof WeakKey && ((WeakKey) other).get() == referent;
    }
  }
}
