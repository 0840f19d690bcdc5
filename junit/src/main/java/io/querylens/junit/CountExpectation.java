package io.querylens.junit;

import java.util.List;

/**
 * How many statements of one kind, or of all kinds, a test runs: exactly, or at most.
 *
 * @param kind the kind counted, or {@code null} for every statement
 * @param limit the expected count, or the upper bound
 * @param exact whether {@code limit} is exact rather than an upper bound
 * @param source what declared it, e.g. {@code @ExpectQueries}
 */
record CountExpectation(QueryKind kind, long limit, boolean exact, String source) implements Expectation {

  @Override
  public void evaluate(RecordedQueries recorded, List<Breach> breaches) {
    long actual = kind == null ? recorded.total() : recorded.count(kind);
    if (exact ? actual != limit : actual > limit) {
      String label = kind == null ? "total" : kind.name();
      String expected = exact ? "expected " + limit : "expected at most " + limit;
      breaches.add(Breach.of(label + ": " + expected + " but was " + actual + " (" + source + ")"));
    }
  }
}
