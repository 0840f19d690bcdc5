package io.querylens.analyzer.detect;

import io.querylens.analyzer.fingerprint.StatementShape;

/**
 * N_PLUS_ONE: one query per row of a parent query. Raised when the same SELECT runs from the same
 * call site at least the threshold number of times in a scope with at least two distinct parameter
 * sets. Batched fetches and paging are how a loop should fetch, so they never count; identical
 * parameters are a {@link RepeatedQueryDetector repeated query} instead.
 */
final class NPlusOneDetector implements Detector {
  private final int threshold;

  NPlusOneDetector(int threshold) {
    this.threshold = threshold;
  }

  @Override
  public void inspect(Execution execution) {
    StatementShape shape = execution.shape();
    if (!shape.select() || shape.paging() || shape.sequenceFetch() || execution.batched()) {
      return;
    }
    if (execution.hasFinding(FindingType.N_PLUS_ONE)) {
      execution.addToFinding(FindingType.N_PLUS_ONE);
    } else if (execution.singleExecutionsAtSite() >= threshold && execution.distinctParametersAtSite()) {
      execution.raise(FindingType.N_PLUS_ONE, execution.singleExecutionsAtSite(), execution.singleNanosAtSite());
    }
  }
}
