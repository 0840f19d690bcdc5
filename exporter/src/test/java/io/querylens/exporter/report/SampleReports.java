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

  /** An N+1 with every optional field: scope, call site, stack and parent query. */
  static final Finding N_PLUS_ONE =
      new Finding(
          "N_PLUS_ONE",
          "ERROR",
          "GET /owners/{ownerId}",
          "request",
          "select p1_0.id, p1_0.name, p1_0.owner_id from pets p1_0 where p1_0.owner_id = ?",
          "0123456789abcdef",
          120,
          48.25,
          new Finding.CallSite("com.example.OwnerController", "show", "OwnerController.java", 31),
          List.of(
              "com.example.OwnerController.show(OwnerController.java:31)",
              "com.example.web.Dispatch.handle(Dispatch.java:12)"),
          new Finding.ParentQuery(
              "select o1_0.id, o1_0.name from owners o1_0 where o1_0.last_name like ?",
              "fedcba9876543210",
              3),
          "Load the pets with their owners in one query: JOIN FETCH or @EntityGraph.",
          40,
          "2026-01-01T00:00:01.500Z",
          "2026-01-01T00:01:20Z");

  /** A repeated query from a class without debug information: no file name, no line, no parent. */
  static final Finding REPEATED_QUERY =
      new Finding(
          "REPEATED_QUERY",
          "WARNING",
          "transaction in Billing.close",
          "transaction",
          "select * from tariffs where code = ?",
          "00000000000000ff",
          6,
          0.75,
          new Finding.CallSite("com.example.Billing", "close", null, -1),
          List.of("com.example.Billing.close(Unknown Source)"),
          null,
          "Reuse the first result, or cache it.",
          2,
          "2026-01-01T00:00:02Z",
          "2026-01-01T00:00:03Z");

  /** Unbatched writes outside any scope and without an application frame: no scope, no stack. */
  static final Finding UNBATCHED_WRITES =
      new Finding(
          "UNBATCHED_WRITES",
          "WARNING",
          null,
          null,
          "insert into audit (who, what) values (?+)",
          "1111111111111111",
          400,
          610.2,
          null,
          List.of(),
          null,
          "Send the rows in batches: addBatch and executeBatch (JdbcTemplate.batchUpdate).",
          1,
          "2026-01-01T00:00:04Z",
          "2026-01-01T00:00:09.125Z");

  /** One finding of each shape, in no particular order. */
  static final List<Finding> FINDINGS = List.of(REPEATED_QUERY, UNBATCHED_WRITES, N_PLUS_ONE);

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
            FINDINGS));
  }

  /** A report built by hand, with chosen figures and no findings. */
  static Report of(Summary summary, List<QueryEntry> queries) {
    return of(summary, queries, List.of());
  }

  /** A report built by hand, with chosen figures and findings. */
  static Report of(Summary summary, List<QueryEntry> queries, List<Finding> findings) {
    return new Report(
        Report.SCHEMA_VERSION,
        STARTED.plusSeconds(60).toString(),
        new AgentInfo("0.1.0-SNAPSHOT"),
        new RuntimeInfo(
            "17.0.15", "Debian", null, "Linux 6.1 amd64", 42, null, STARTED.toString(), 60_000),
        summary,
        queries,
        findings);
  }

  static Summary summary(long statements, long fingerprints, double totalMs, long errors) {
    return summary(statements, fingerprints, totalMs, errors, 0);
  }

  static Summary summary(
      long statements, long fingerprints, double totalMs, long errors, long findings) {
    return new Summary(
        statements,
        fingerprints,
        totalMs,
        errors,
        0,
        0,
        0,
        new TransactionCounts(0, 0),
        0,
        0,
        findings);
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
        STARTED.toString(),
        calls,
        List.of(new io.querylens.analyzer.stats.LatencyBucket(meanMs * 0.9, meanMs * 1.1, calls)));
  }
}
