package io.querylens.agent.library;

import io.querylens.agent.record.WeakIdentityMap;

/**
 * The statements already announced to the recorder, by identity and weakly.
 *
 * <p>P6Spy says nothing when a statement is created or prepared, only when it is used; the first use
 * announces it (its SQL and connection), as the advice on {@code prepareStatement} and {@code
 * createStatement} would. An entry goes when the statement is closed, or when the application lets it
 * go without closing it. Thread-safe; lookups allocate nothing.
 */
final class KnownStatements {
  private final WeakIdentityMap<Boolean> known = new WeakIdentityMap<>();
  private final ThreadLocal<WeakIdentityMap.Probe> probes = ThreadLocal.withInitial(WeakIdentityMap.Probe::new);

  /** Adds {@code statement}; true when it was not known before. */
  boolean add(Object statement) {
    return known.get(statement, probes.get()) == null && known.putIfAbsent(statement, Boolean.TRUE) == null;
  }

  /** Forgets {@code statement}: it was closed. */
  void remove(Object statement) {
    known.remove(statement, probes.get());
  }

  /** Statements known now; for tests. */
  int size() {
    return known.size();
  }
}
