package io.querylens.exporter.report;

import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.StatementInfo;
import io.querylens.analyzer.report.AgentInfo;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import io.querylens.analyzer.report.ReportAssembler;
import io.querylens.analyzer.report.ReportContext;
import io.querylens.analyzer.report.RuntimeInfo;
import io.querylens.analyzer.report.Summary;
import io.querylens.analyzer.report.TransactionCounts;
import io.querylens.analyzer.stats.StatementStatistics;
import io.querylens.analyzer.stats.StatisticsRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reports for the exporter tests. */
final class SampleReports {
  static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
  private static final long MS = 1_000_000L;

  private SampleReports() {}

  /** A report assembled the way the agent assembles it, through the statistics registry. */
  static Report assembled() {
    StatisticsRegistry registry = new StatisticsRegistry(2);
    long t = STARTED.toEpochMilli();
    StatementStatistics select =
        registry.statisticsFor(
            Fingerprinter.normalize("select * from accounts where id = 7 for update"),
            "postgresql");
    select.enrich(new StatementInfo("SELECT", List.of("accounts"), "FOR UPDATE", true));
    select.record(3 * MS, 1, null, t + 100);
    select.record(5 * MS, 1, "40P01", t + 200);
    registry
        .statisticsFor(
            Fingerprinter.normalize("insert into audit (who, what) values ('me', 'x')"),
            "postgresql")
        .record(2 * MS, 1, null, t + 300);
    registry
        .statisticsFor(Fingerprinter.normalize("delete from carts where id = 9"), "postgresql")
        .record(1 * MS, 0, null, t + 400); // beyond the cap: overflow
    return ReportAssembler.assemble(
        registry,
        new ReportContext(
            "0.1.0-SNAPSHOT",
            STARTED,
            STARTED.plusSeconds(90),
            4,
            2,
            1,
            0,
            0,
            List.of(new Finding("N_PLUS_ONE", "ERROR", "GET /owners/{ownerId}", "request", "select ?", "0123456789abcdef", 3, 1.25, new Finding.CallSite("com.example.OwnerController", "show", "OwnerController.java", 31), List.of("com.example.OwnerController.show(OwnerController.java:31)"), new Finding.ParentQuery("select ? from owners where id = ?", "fedcba9876543210", 3), "Fetch the pets with the owner.", 1, "2026-11-24T10:00:00Z", "2026-11-24T10:00:01Z"))));
  }

  /** A report built by hand, with chosen figures. */
  static Report of(Summary summary, List<QueryEntry> queries) {
    return new Report(
        Report.SCHEMA_VERSION,
        STARTED.plusSeconds(60).toString(),
        new AgentInfo("0.1.0-SNAPSHOT"),
        new RuntimeInfo(
            "17.0.15", "Debian", null, "Linux 6.1 amd64", 42, null, STARTED.toString(), 60_000),
        summary,
        queries,
        List.of());
  }

  static Summary summary(long statements, long fingerprints, double totalMs, long errors) {
    return new Summary(
        statements, fingerprints, totalMs, errors, 0, 0, 0, new TransactionCounts(0, 0), 0, 0, 0);
  }

  static QueryEntry query(
      String statement, long calls, double totalMs, double meanMs, double p95Ms) {
    return new QueryEntry(
        "0123456789abcdef",
        statement,
        "SELECT",
        List.of(),
        "h2",
        calls,
        0,
        Map.of(),
        calls,
        totalMs,
        meanMs,
        p95Ms,
        meanMs,
        0,
        meanMs,
        p95Ms,
        p95Ms,
        null,
        STARTED.toString(),
        STARTED.toString());
  }
}
