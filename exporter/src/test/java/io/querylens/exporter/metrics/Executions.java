package io.querylens.exporter.metrics;

import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.fingerprint.StatementShape;
import io.querylens.analyzer.stats.StatementStatistics;
import io.querylens.analyzer.stats.StatisticsRegistry;

/**
 * Runs statements into the metrics the way the agent's recorder does: the statistics record the
 * execution first (the StatisticsListener), then the metrics see the event.
 */
final class Executions {
  static final String DB_SYSTEM = "postgresql";

  private final StatisticsRegistry statistics;
  private final QueryLensMetrics metrics;

  Executions(StatisticsRegistry statistics, QueryLensMetrics metrics) {
    this.statistics = statistics;
    this.metrics = metrics;
  }

  /** One successful execution of {@code sql} that took {@code millis}. */
  StatementEvent succeeded(String sql, double millis) {
    return run(sql, millis, null);
  }

  /** One execution of {@code sql} that took {@code millis} and failed with {@code sqlState}. */
  StatementEvent failed(String sql, double millis, String sqlState) {
    return run(sql, millis, sqlState);
  }

  private StatementEvent run(String sql, double millis, String sqlState) {
    StatementEvent event = event(statistics, sql, Math.round(millis * 1_000_000), sqlState);
    event.statistics().record(event.durationNanos(), event.updateCount(), sqlState, System.currentTimeMillis());
    metrics.onStatement(event);
    return event;
  }

  /** An event as the recorder builds it, for {@code sql} run on PostgreSQL. */
  static StatementEvent event(StatisticsRegistry statistics, String sql, long durationNanos, String sqlState) {
    NormalizedSql normalized = Fingerprinter.normalize(sql);
    StatementStatistics statement = statistics.statisticsFor(normalized, DB_SYSTEM);
    long end = System.nanoTime();
    return new StatementEvent(sql, normalized, statement, 1L, DB_SYSTEM, 1L, end - durationNanos, end,
        -1, 0, sqlState, 0, false, StatementShape.of(sql, normalized), sql.hashCode(), false, false);
  }
}
