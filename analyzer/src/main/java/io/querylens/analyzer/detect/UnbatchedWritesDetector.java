package io.querylens.analyzer.detect;

/**
 * UNBATCHED_WRITES: many single-row writes of one statement from one call site in a scope, each a
 * round trip of its own, where one batch would do.
 */
final class UnbatchedWritesDetector implements Detector {
  private final int threshold;

  UnbatchedWritesDetector(int threshold) {
    this.threshold = threshold;
  }

  @Override
  public void inspect(Execution execution) {
    // A write that changed many rows at once is set-based already; only row-at-a-time writes count.
    if (!execution.shape().write() || execution.batched() || execution.event().failed()
        || execution.event().updateCount() > 1) {
      return;
    }
    if (execution.hasFinding(FindingType.UNBATCHED_WRITES)) {
      execution.addToFinding(FindingType.UNBATCHED_WRITES);
    } else if (execution.singleExecutionsAtSite() >= threshold) {
      execution.raise(FindingType.UNBATCHED_WRITES, execution.singleExecutionsAtSite(), execution.singleNanosAtSite());
    }
  }
}
