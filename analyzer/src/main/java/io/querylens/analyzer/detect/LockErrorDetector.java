package io.querylens.analyzer.detect;

import io.querylens.analyzer.event.StatementEvent;

/**
 * DEADLOCK, LOCK_TIMEOUT and SERIALIZATION_FAILURE: a statement failed because of another
 * transaction's locks, as its SQLSTATE and vendor code say ({@link LockErrors}). Every such failure
 * counts, from its first occurrence in a scope.
 */
final class LockErrorDetector implements Detector {

  @Override
  public void inspect(Execution execution) {
    StatementEvent event = execution.event();
    if (!event.failed()) {
      return;
    }
    FindingType type = LockErrors.classify(event.dbSystem(), event.sqlState(), event.vendorCode());
    if (type == null) {
      return;
    }
    if (execution.hasFinding(type)) {
      execution.addToFinding(type);
    } else {
      execution.raise(type, 1, event.durationNanos());
    }
  }
}
