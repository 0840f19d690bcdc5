package io.querylens.agent.record;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from JDBC objects, compared by identity and held weakly, to what the agent knows
 * about them.
 *
 * <p>Never a strong map of JDBC objects: an entry disappears when the application lets its
 * statement or connection go, even if it never closes it. Lookups take a caller-owned
 * {@link Probe} so the hot path allocates nothing. Thread-safe.
 *
 * <p>Internal: public for library mode's statement bookkeeping.
 */
public final class WeakIdentityMap<V> {
  private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  /** Returns the value for {@code key}, using {@code probe} (owned by the calling thread). */
  public V get(Object key, Probe probe) {
    probe.set(key);
    try {
      return map.get(probe);
    } finally {
      probe.clear();
    }
  }

  /** Calls {@code visitor} with each value whose key is still alive; safe while others update. */
  void forEachValue(java.util.function.Consumer<V> visitor) {
    for (Map.Entry<Object, V> entry : map.entrySet()) {
      Object key = entry.getKey();
      if (key instanceof WeakKey && ((WeakKey) key).get() != null) {
        visitor.accept(entry.getValue());
      }
    }
  }

  /** Maps {@code key} to {@code value}. */
  public void put(Object key, V value) {
    expungeCollected();
    map.put(new WeakKey(key, collected), value);
  }

  /** Maps {@code key} to {@code value} unless it is mapped; returns its value before, or null. */
  public V putIfAbsent(Object key, V value) {
    expungeCollected();
    return map.putIfAbsent(new WeakKey(key, collected), value);
  }

  /** Removes {@code key}, using {@code probe} (owned by the calling thread); returns its value, or null. */
  public V remove(Object key, Probe probe) {
    probe.set(key);
    try {
      return map.remove(probe);
    } finally {
      probe.clear();
    }
  }

  /** Entries whose key is still alive, or collected but not yet purged. */
  public int size() {
    expungeCollected();
    return map.size();
  }

  private void expungeCollected() {
    Reference<?> ref;
    while ((ref = collected.poll()) != null) {
      map.remove(ref);
    }
  }

  /** A reusable lookup key; confined to one thread. */
  public static final class Probe {
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
      // ConcurrentHashMap calls probe.equals(storedKey).
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
