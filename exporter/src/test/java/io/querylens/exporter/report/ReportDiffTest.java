package io.querylens.exporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportDiffTest {
  private static final Set<String> EVERYTHING = Set.of("N_PLUS_ONE", "REPEATED_QUERY", "UNBATCHED_WRITES",
      ReportDiff.CALLS_PER_SCOPE);

  private static Report report(List<QueryEntry> queries, Finding... findings) {
    return SampleReports.of(SampleReports.summary(1, 1, 1, 0), queries, List.of(findings));
  }

  private static QueryEntry audit(long calls, long scopes) {
    return new QueryEntry("aaaaaaaaaaaaaaaa", "insert into audit (page) values (?)", "INSERT", List.of("audit"), "h2",
        calls, 0, Map.of(), calls, calls, 1, 1, 1, 0, 1, 1, 1, null, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z",
        scopes, List.of());
  }

  private static Finding movedTo(Finding f, int line) {
    Finding.CallSite site = new Finding.CallSite(f.callSite().className(), f.callSite().methodName(),
        f.callSite().fileName(), line);
    return new Finding(f.type(), f.severity(), f.scope(), f.scopeKind(), f.statement(), f.fingerprint(), f.count(),
        f.totalMs(), site, f.stack(), f.parent(), f.suggestion(), f.occurrences(), f.firstSeen(), f.lastSeen());
  }

  @Test
  void aNewFindingFailsAndIsMarked() {
    ReportDiff diff = ReportDiff.of(report(List.of()), report(List.of(), SampleReports.N_PLUS_ONE), EVERYTHING);

    assertThat(diff.added()).containsExactly(SampleReports.N_PLUS_ONE);
    assertThat(diff.failed()).isTrue();
    assertThat(diff.render()).contains("New findings (1)", "  ! N_PLUS_ONE", "FAIL: 1 new finding");
  }

  @Test
  void aFindingOfATypeNotGatedIsReportedButPasses() {
    ReportDiff diff = ReportDiff.of(report(List.of()), report(List.of(), SampleReports.N_PLUS_ONE),
        Set.of("SLOW_QUERY"));

    assertThat(diff.added()).hasSize(1);
    assertThat(diff.failed()).isFalse();
    assertThat(diff.render()).contains("New findings (1)").endsWith("PASS: nothing new among SLOW_QUERY\n");
  }

  @Test
  void codeMovingWithinItsMethodIsTheSameFinding() {
    Finding moved = movedTo(SampleReports.N_PLUS_ONE, SampleReports.N_PLUS_ONE.callSite().lineNumber() + 12);
    ReportDiff diff = ReportDiff.of(report(List.of(), SampleReports.N_PLUS_ONE), report(List.of(), moved), EVERYTHING);

    assertThat(diff.added()).isEmpty();
    assertThat(diff.resolved()).isEmpty();
    assertThat(diff.persisting()).containsExactly(moved);
    assertThat(diff.failed()).isFalse();
  }

  @Test
  void aResolvedFindingPasses() {
    ReportDiff diff = ReportDiff.of(report(List.of(), SampleReports.REPEATED_QUERY), report(List.of()), EVERYTHING);

    assertThat(diff.resolved()).containsExactly(SampleReports.REPEATED_QUERY);
    assertThat(diff.failed()).isFalse();
    assertThat(diff.render()).contains("Resolved findings (1)").endsWith("PASS: nothing new among CALLS_PER_SCOPE,"
        + " N_PLUS_ONE, REPEATED_QUERY, UNBATCHED_WRITES\n");
  }

  @Test
  void moreCallsPerUnitOfWorkFailOnlyWhenGated() {
    Report base = report(List.of(audit(6, 2)));
    Report head = report(List.of(audit(12, 2)));

    ReportDiff gated = ReportDiff.of(base, head, EVERYTHING);
    ReportDiff notGated = ReportDiff.of(base, head, Set.of("N_PLUS_ONE"));

    assertThat(gated.grown()).singleElement().satisfies(g -> {
      assertThat(g.before()).isEqualTo(3.0);
      assertThat(g.after()).isEqualTo(6.0);
    });
    assertThat(gated.failed()).isTrue();
    assertThat(gated.render()).contains("    3.00 -> 6.00     insert into audit (page) values (?)")
        .contains("1 statement run more often per unit of work");
    assertThat(notGated.failed()).isFalse();
  }

  @Test
  void theSameCallsPerUnitOfWorkOnMoreUnitsIsNoGrowth() {
    ReportDiff diff = ReportDiff.of(report(List.of(audit(6, 2))), report(List.of(audit(30, 10))), EVERYTHING);

    assertThat(diff.grown()).isEmpty();
    assertThat(diff.failed()).isFalse();
  }
}
