package io.querylens.junit;

import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.report.Finding;
import java.util.List;
import java.util.Set;

/**
 * A test raises no finding of some types (N+1 queries, lock waits...): each such finding is one
 * breach, told by {@link FindingBreaches}.
 *
 * @param types the finding types that break it
 * @param source what declared it, e.g. {@code @NoNPlusOne}
 */
record FindingExpectation(Set<FindingType> types, String source) implements Expectation {
  FindingExpectation {
    types = Set.copyOf(types);
  }

  /** An expectation that {@code types} never occur. */
  static FindingExpectation none(String source, FindingType... types) {
    return new FindingExpectation(Set.of(types), source);
  }

  @Override
  public void evaluate(RecordedQueries recorded, List<Breach> breaches) {
    for (Finding finding : recorded.findings()) {
      if (matches(finding.type())) {
        breaches.add(FindingBreaches.of(finding, source));
      }
    }
  }

  private boolean matches(String type) {
    for (FindingType wanted : types) {
      if (wanted.name().equals(type)) {
        return true;
      }
    }
    return false;
  }
}
