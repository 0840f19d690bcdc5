package io.querylens.analyzer.detect;

import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.fingerprint.StatementShape;

/**
 * One execution as a detector sees it: the event, and what its scope has counted for the same
 * statement (fingerprint) from the same call site.
 *
 * <p>A view the scope re-points at each execution: valid only during {@link Detector#inspect}.
 *
 * @since 0.1
 */
public interface Execution {
  /** The execution itself. */
  StatementEvent event();

  /** The statement's form. */
  StatementShape shape();

  /**
   * Whether this execution handled many keys or rows at once: {@code executeBatch}, an {@code IN}
   * list of several keys, an array parameter, or a multi-row {@code VALUES}.
   */
  boolean batched();

  /**
   * Whether an earlier execution of the same statement in this scope had the same parameters, with
   * no write in the scope since.
   */
  boolean repeatsParameters();

  /** Executions of this statement from this call site in this scope that were not batched, this one included. */
  long singleExecutionsAtSite();

  /** Their time in the database, in nanoseconds, overlaps counted once. */
  long singleNanosAtSite();

  /** Whether those single executions had at least two distinct parameter sets. */
  boolean distinctParametersAtSite();

  /** Whether a finding of {@code type} is already open for this statement and call site in this scope. */
  boolean hasFinding(FindingType type);

  /**
   * Opens a finding of {@code type} for this statement and call site in this scope, covering {@code
   * count} executions (this one included) that took {@code nanos}.
   */
  void raise(FindingType type, long count, long nanos);

  /** Adds this execution to the open finding of {@code type}. */
  void addToFinding(FindingType type);
}
