package io.querylens.analyzer.detect;

/**
 * The kinds of finding the scope detectors raise, with their severity.
 *
 * @since 0.1
 */
public enum FindingType {
  /** The same query once per row of a parent query: one round trip per row instead of one in all. */
  N_PLUS_ONE("ERROR"),
  /** The same query with the same parameters more than once in a unit of work: reuse or cache it. */
  REPEATED_QUERY("WARNING"),
  /** Many single-row writes of one statement, each its own round trip: batch them. */
  UNBATCHED_WRITES("WARNING"),
  /** The database broke a deadlock by failing this statement: its transaction was rolled back. */
  DEADLOCK("ERROR"),
  /** The statement gave up waiting for a lock another transaction held. */
  LOCK_TIMEOUT("WARNING"),
  /** Under REPEATABLE READ or SERIALIZABLE, a concurrent transaction's change made this one fail. */
  SERIALIZATION_FAILURE("WARNING"),
  /** An execution took at least the slow-query threshold. */
  SLOW_QUERY("WARNING"),
  /** The application waited at least the threshold for a connection from its pool. */
  POOL_WAIT("WARNING"),
  /** A statement waited at least the threshold for a lock another session held. */
  LOCK_WAIT("WARNING");

  private final String severity;

  FindingType(String severity) {
    this.severity = severity;
  }

  /** {@code ERROR}, {@code WARNING} or {@code INFO}. */
  public String severity() {
    return severity;
  }
}
