package io.querylens.junit;

import io.querylens.analyzer.capture.CapturedStatement;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * No single execution takes longer than a limit: one breach per statement whose slowest execution
 * did.
 *
 * <p>Judged on every statement's longest execution, not only on {@code SLOW_QUERY} findings, which
 * the agent raises from its own {@code slowQueryThreshold}; such a finding, where there is one, gives
 * the line of code.
 *
 * @param limitMillis the longest an execution may take
 * @param source what declared it, e.g. {@code @ExpectMaxQueryTime}
 */
record QueryTimeExpectation(long limitMillis, String source) implements Expectation {
  /** Where the line of an execution below the agent's threshold is. */
  static final String NO_STACK = "an unknown line (below the agent's slowQueryThreshold, so no stack was taken)";

  @Override
  public void evaluate(RecordedQueries recorded, List<Breach> breaches) {
    for (CapturedStatement statement : recorded.statements()) {
      if (statement.maxMs() > limitMillis) {
        breaches.add(breach(statement, slowQuery(recorded, statement)));
      }
    }
  }

  private Breach breach(CapturedStatement statement, Finding finding) {
    String where = finding == null ? NO_STACK : FindingBreaches.where(finding.callSite());
    String headline = "Slow query at " + where + ": " + millis(statement.maxMs()) + " (limit " + limitMillis
        + " ms) (" + source + ")";
    List<String> details = new ArrayList<>();
    details.add(FindingBreaches.executions(statement.executions(), statement.statement()));
    if (finding != null && finding.p50Ms() != null) {
      details.add("median of all its runs: " + String.format(Locale.ROOT, "%.1f ms", finding.p50Ms()));
    }
    if (finding != null) {
      details.add("fix: " + finding.suggestion());
    }
    return new Breach(headline, details);
  }

  private String millis(double ms) {
    long rounded = Math.round(ms);
    // 100.4 ms over a 100 ms limit must not read "100 ms (limit 100 ms)"
    return rounded > limitMillis ? rounded + " ms" : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  private static Finding slowQuery(RecordedQueries recorded, CapturedStatement statement) {
    Finding slowest = null;
    for (Finding finding : recorded.findings(FindingType.SLOW_QUERY)) {
      if (Objects.equals(finding.fingerprint(), statement.fingerprint())
          && (slowest == null || duration(finding) > duration(slowest))) {
        slowest = finding;
      }
    }
    return slowest;
  }

  private static double duration(Finding finding) {
    return finding.durationMs() == null ? 0 : finding.durationMs();
  }
}
