package io.querylens.analyzer.detect;

import io.querylens.analyzer.event.StatementEvent;

/**
 * SLOW_QUERY: an execution that took at least the threshold. The finding keeps the longest
 * execution and, when reported, the statement's median over all its executions, which says whether
 * this was the statement's normal cost or an outlier (a lock, a cold cache, a bad plan for some
 * parameters). Failures are left to the lock-error detector.
 */
final class SlowQueryDetector implements Detector {
  private final long thresholdNanos;

  SlowQueryDetector(long thresholdNanos) {
    this.thresholdNanos = thresholdNanos;
  }

  @Override
  public void inspect(Execution execution) {
    StatementEvent event = execution.event();
    if (event.durationNanos() < thresholdNanos || event.failed()) {
      return;
    }
    if (execution.hasFinding(FindingType.SLOW_QUERY)) {
      execution.addToFinding(FindingType.SLOW_QUERY);
    } else {
      execution.raise(FindingType.SLOW_QUERY, 1, event.durationNanos());
    }
  }
}
