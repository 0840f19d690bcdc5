package io.querylens.analyzer.report;

import io.querylens.analyzer.stats.StatementSnapshot;
import io.querylens.analyzer.stats.StatisticsRegistry;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Report} from the statement statistics and the agent's counters.
 *
 * <p>Stateless and thread-safe. Snapshots the registry once, so the summary and the entries agree
 * with each other even while the application keeps recording.
 *
 * @since 0.1
 */
public final class ReportAssembler {
  private ReportAssembler() {}

  /**
   * Assembles a report.
   *
   * <p>The summary's statement, time, error and row totals are sums over the query entries, the
   * overflow entry included; {@code fingerprints} counts the entries other than overflow. Runtime
   * facts are read from the running JVM ({@link RuntimeInfo#current}).
   *
   * @param applicationStatements the statistics of the application's statements (pool housekeeping
   *     kept apart)
   * @param context the agent's version, times and counters, and the findings
   * @return the report; never {@code null}
   */
  public static Report assemble(StatisticsRegistry applicationStatements, ReportContext context) {
    List<StatementSnapshot> snapshots = applicationStatements.snapshot();
    List<QueryEntry> queries = new ArrayList<>(snapshots.size());
    long calls = 0;
    long fingerprints = 0;
    double totalMs = 0;
    long errors = 0;
    long rows = 0;
    for (StatementSnapshot snapshot : snapshots) {
      queries.add(QueryEntry.from(snapshot));
      calls += snapshot.calls();
      totalMs += snapshot.totalMs();
      errors += snapshot.errors();
      rows += snapshot.rows();
      if (!StatisticsRegistry.OVERFLOW_FINGERPRINT.equals(snapshot.fingerprint())) {
        fingerprints++;
      }
    }
    Summary summary =
        new Summary(
            calls,
            fingerprints,
            Math.round(totalMs * 1000.0) / 1000.0, // the entries are rounded; so is their sum
            errors,
            rows,
            context.poolInternalStatements(),
            applicationStatements.overflowedFingerprints(),
            new TransactionCounts(context.commits(), context.rollbacks()),
            context.droppedEvents(),
            context.agentErrors(),
            context.findings().size());
    return new Report(
        Report.SCHEMA_VERSION,
        context.generatedAt().truncatedTo(ChronoUnit.MILLIS).toString(),
        new AgentInfo(context.agentVersion()),
        RuntimeInfo.current(context.startedAt()),
        summary,
        queries,
        context.findings());
  }
}
