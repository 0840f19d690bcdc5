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
   */
  public static Detector[] standard(int nPlusOneThreshold, int unbatchedWriteThreshold) {
    return new Detector[] {
      new NPlusOneDetector(nPlusOneThreshold),
      new RepeatedQueryDetector(),
      new UnbatchedWritesDetector(unbatchedWriteThreshold),
    };
  }
}
