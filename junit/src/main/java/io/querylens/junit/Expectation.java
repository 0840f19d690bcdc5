package io.querylens.junit;

import java.util.List;

/**
 * One thing a test expects of the statements it ran, from an annotation or from {@link
 * QueryAssertions}; each knows its source, which every breach it reports names.
 */
interface Expectation {
  /** Adds to {@code breaches} one entry per way {@code recorded} breaks this expectation. */
  void evaluate(RecordedQueries recorded, List<Breach> breaches);
}
