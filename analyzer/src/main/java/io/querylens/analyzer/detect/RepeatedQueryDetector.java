package io.querylens.analyzer.detect;

/**
 * REPEATED_QUERY: a query that reads a table, run again with the same parameters in the same scope
 * with no write in between, so its answer cannot have changed because of this unit of work.
 * Sequence fetches repeat by design and are left alone.
 */
final class RepeatedQueryDetector implements Detector {

  @Override
  public void inspect(Execution execution) {
    if (!execution.shape().readsTable() || execution.batched() || !execution.repeatsParameters()) {
      return;
    }
    if (execution.hasFinding(FindingType.REPEATED_QUERY)) {
      execution.addToFinding(FindingType.REPEATED_QUERY);
    } else {
      // The first run with these parameters is part of the waste's cause; count it, at this run's cost.
      long nanos = execution.event().durationNanos();
      execution.raise(FindingType.REPEATED_QUERY, 2, 2 * nanos);
    }
  }
}
