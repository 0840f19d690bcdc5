package io.querylens.analyzer.detect;

/**
 * The one place detectors are registered.
 *
 * @since 0.1
 */
public final class Detectors {
  private Detectors() {}

  /**
   * The scope detectors, in the order they run.
   *
   * @param nPlusOneThreshold executions from one call site that make an N+1 (at least 2)
   * @param unbatchedWriteThreshold single-row writes from one call site that make unbatched writes (at least 2)
   * @throws IllegalArgumentException if a threshold is below 2
   */
  public static Detector[] standard(int nPlusOneThreshold, int unbatchedWriteThreshold) {
    return standard(nPlusOneThreshold, unbatchedWriteThreshold, java.time.Duration.ofMillis(500));
  }

  /**
   * The scope detectors with a slow-query threshold.
   *
   * @param slowQueryThreshold executions at least this long are slow queries
   * @throws IllegalArgumentException if a count threshold is below 2 or the duration is not positive
   */
  public static Detector[] standard(int nPlusOneThreshold, int unbatchedWriteThreshold,
      java.time.Duration slowQueryThreshold) {
    if (slowQueryThreshold.isNegative() || slowQueryThreshold.isZero()) {
      throw new IllegalArgumentException("slowQueryThreshold must be positive but was " + slowQueryThreshold);
    }
    if (nPlusOneThreshold < 2 || unbatchedWriteThreshold < 2) {
      // One execution is never a pattern; the configuration rejects such values before they get here.
      throw new IllegalArgumentException("nPlusOneThreshold and unbatchedWriteThreshold must be at least 2 but were "
          + nPlusOneThreshold + " and " + unbatchedWriteThreshold);
    }
    return new Detector[] {
      new NPlusOneDetector(nPlusOneThreshold),
      new RepeatedQueryDetector(),
      new UnbatchedWritesDetector(unbatchedWriteThreshold),
      new LockErrorDetector(),
      new SlowQueryDetector(slowQueryThreshold.toNanos()),
    };
  }
}
