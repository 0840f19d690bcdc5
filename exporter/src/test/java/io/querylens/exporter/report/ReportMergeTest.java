package io.querylens.exporter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import io.querylens.analyzer.stats.LatencyBucket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportMergeTest {

  private static QueryEntry entry(long calls, double meanMs, double stddevMs, double minMs, double maxMs, long scopes,
      List<LatencyBucket> histogram, String firstSeen, String lastSeen) {
    return new QueryEntry("0123456789abcdef", "select * from orders where id = ?", "SELECT", List.of("orders"), "h2",
        calls, 1, Map.of("40001", 1L), calls, calls * meanMs, minMs, maxMs, meanMs, stddevMs, meanMs, maxMs, maxMs,
        null, firstSeen, lastSeen, scopes, histogram);
  }

  @Test
  void statementsAddUpAndTheirSpreadAndPercentilesAreRecomputed() {
    // 2 executions of 1 ms and 2 of 3 ms: mean 2, population deviation 1
    QueryEntry a = entry(2, 1.0, 0.0, 1.0, 1.0, 1, List.of(new LatencyBucket(0.96, 1.02, 2)),
        "2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z");
    QueryEntry b = entry(2, 3.0, 0.0, 3.0, 3.0, 2, List.of(new LatencyBucket(2.9, 3.1, 1), new LatencyBucket(0.96, 1.02, 1)),
        "2026-01-01T00:00:00Z", "2026-01-01T00:00:03Z");

    QueryEntry merged = ReportMerge.mergeQueries(List.of(a, b));

    assertThat(merged.calls()).isEqualTo(4);
    assertThat(merged.errors()).isEqualTo(2);
    assertThat(merged.errorsBySqlState()).containsEntry("40001", 2L);
    assertThat(merged.totalMs()).isEqualTo(8.0);
    assertThat(merged.meanMs()).isEqualTo(2.0);
    assertThat(merged.stddevMs()).isCloseTo(1.0, within(1e-9));
    assertThat(merged.minMs()).isEqualTo(1.0);
    assertThat(merged.maxMs()).isEqualTo(3.0);
    assertThat(merged.scopes()).isEqualTo(3);
    assertThat(merged.histogram()).containsExactly(new LatencyBucket(0.96, 1.02, 3), new LatencyBucket(2.9, 3.1, 1));
    assertThat(merged.p50Ms()).isCloseTo(0.99, within(1e-9)); // the midpoint of the bucket holding rank 2 of 4
    assertThat(merged.p95Ms()).isCloseTo(3.0, within(1e-9));
    assertThat(merged.firstSeen()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(merged.lastSeen()).isEqualTo("2026-01-01T00:00:03Z");
  }

  @Test
  void withoutHistogramsTheLargestPercentileIsKept() {
    QueryEntry a = entry(2, 1.0, 0.0, 1.0, 1.0, 0, null, "2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z");
    QueryEntry b = entry(2, 3.0, 0.0, 3.0, 7.0, 0, null, "2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z");

    QueryEntry merged = ReportMerge.mergeQueries(List.of(a, b));

    assertThat(merged.histogram()).isEmpty();
    assertThat(merged.p95Ms()).isEqualTo(7.0);
  }

  @Test
  void findingsMergeOnTheirIdentityAndKeepTheLatestStory() {
    Finding early = SampleReports.N_PLUS_ONE;
    Finding later = new Finding(early.type(), early.severity(), early.scope(), early.scopeKind(), early.statement(),
        early.fingerprint(), 7, 2.5, early.callSite(), early.stack(), new Finding.ParentQuery("select id from owners",
            "ffffffffffffffff", 9), early.suggestion(), 2, "2030-01-01T00:00:00Z", "2030-01-01T00:00:05Z");
    Report one = SampleReports.of(SampleReports.summary(1, 1, 1, 0), List.of(), List.of(early, SampleReports.REPEATED_QUERY));
    Report two = SampleReports.of(SampleReports.summary(1, 1, 1, 0), List.of(), List.of(later));

    Report merged = ReportMerge.merge(List.of(one, two), "test");

    assertThat(merged.findings()).hasSize(2);
    Finding nPlusOne = merged.findings().stream().filter(f -> f.type().equals("N_PLUS_ONE")).findFirst().orElseThrow();
    assertThat(nPlusOne.count()).isEqualTo(early.count() + 7);
    assertThat(nPlusOne.occurrences()).isEqualTo(early.occurrences() + 2);
    assertThat(nPlusOne.lastSeen()).isEqualTo("2030-01-01T00:00:05Z");
    assertThat(nPlusOne.parent().rows()).isEqualTo(9);
    assertThat(merged.summary().findings()).isEqualTo(2);
    assertThat(merged.schemaVersion()).isEqualTo(Report.SCHEMA_VERSION);
  }
}
