package io.querylens.analyzer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.querylens.analyzer.stats.StatementSnapshot;
import java.util.Collections;
import io.querylens.analyzer.stats.LatencyBucket;
import io.querylens.analyzer.stats.WorstSample;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The statistics of one fingerprint in a report: {@link StatementSnapshot}'s figures with the times
 * as ISO-8601 strings.
 *
 * @param fingerprint the 16-hex-digit fingerprint, or {@code overflow} for the entry that collects
 *     the statements beyond the fingerprint cap
 * @param statement the normalized statement, free of literals
 * @param operation the statement kind in upper case, such as {@code SELECT}
 * @param tables the tables touched, sorted; empty when unknown
 * @param dbSystem the database system, as OpenTelemetry's {@code db.system.name}
 * @param calls executions, failed ones included
 * @param errors failed executions
 * @param errorsBySqlState failed executions by SQLSTATE, sorted
 * @param rows rows updated or read
 * @param totalMs total time in the database, milliseconds
 * @param minMs the shortest execution, milliseconds
 * @param maxMs the longest execution, milliseconds
 * @param meanMs the mean execution time, milliseconds
 * @param stddevMs the population standard deviation of execution times, milliseconds
 * @param p50Ms the median execution time, milliseconds (histogram, within about 3%)
 * @param p95Ms the 95th percentile, milliseconds
 * @param p99Ms the 99th percentile, milliseconds
 * @param lockClause the row-locking clause such as {@code FOR UPDATE}, or {@code null} (then left
 *     out of the JSON)
 * @param firstSeen when the first execution ended, ISO-8601
 * @param lastSeen when the latest execution ended, ISO-8601
 * @param scopes the units of work (requests, transactions, scopes, thread windows) it ran in, counted
 *     as each ends; 0 when unknown
 * @param histogram its latency histogram: the non-empty buckets, ascending
 * @param worstSample its slowest execution with that execution's bind values, masked per {@code
 *     parameterMask}; {@code null} (left out of the JSON) unless {@code captureParameters=true}
 * @since 0.1
 */
@JsonPropertyOrder({
  "fingerprint",
  "statement",
  "operation",
  "tables",
  "dbSystem",
  "calls",
  "errors",
  "errorsBySqlState",
  "rows",
  "totalMs",
  "minMs",
  "maxMs",
  "meanMs",
  "stddevMs",
  "p50Ms",
  "p95Ms",
  "p99Ms",
  "lockClause",
  "firstSeen",
  "lastSeen",
  "scopes",
  "histogram",
  "worstSample"
})
public record QueryEntry(
    String fingerprint,
    String statement,
    String operation,
    List<String> tables,
    String dbSystem,
    long calls,
    long errors,
    Map<String, Long> errorsBySqlState,
    long rows,
    double totalMs,
    double minMs,
    double maxMs,
    double meanMs,
    double stddevMs,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    @JsonInclude(JsonInclude.Include.NON_NULL) String lockClause,
    String firstSeen,
    String lastSeen,
    long scopes,
    List<LatencyBucket> histogram,
    @JsonInclude(JsonInclude.Include.NON_NULL) WorstSample worstSample) {

  /** An entry without a worst sample, as bind values are not captured by default. */
  public QueryEntry(String fingerprint, String statement, String operation, List<String> tables, String dbSystem,
      long calls, long errors, Map<String, Long> errorsBySqlState, long rows, double totalMs, double minMs,
      double maxMs, double meanMs, double stddevMs, double p50Ms, double p95Ms, double p99Ms, String lockClause,
      String firstSeen, String lastSeen, long scopes, List<LatencyBucket> histogram) {
    this(fingerprint, statement, operation, tables, dbSystem, calls, errors, errorsBySqlState, rows, totalMs, minMs,
        maxMs, meanMs, stddevMs, p50Ms, p95Ms, p99Ms, lockClause, firstSeen, lastSeen, scopes, histogram, null);
  }

  /** Checks the required components and makes sorted, unmodifiable copies of the collections. */
  public QueryEntry {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(dbSystem, "dbSystem");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    tables = List.copyOf(tables);
    errorsBySqlState = Collections.unmodifiableMap(new TreeMap<>(errorsBySqlState));
    histogram = histogram == null ? List.of() : List.copyOf(histogram); // absent from version 1 reports
  }

  /** Executions per unit of work it ran in, or 0 when the units are unknown. */
  public double callsPerScope() {
    return scopes == 0 ? 0 : (double) calls / scopes;
  }

  /**
   * Converts a statistics snapshot into a report entry.
   *
   * @param snapshot the snapshot
   * @return the entry with the same figures
   */
  public static QueryEntry from(StatementSnapshot snapshot) {
    return new QueryEntry(
        snapshot.fingerprint(),
        snapshot.statement(),
        snapshot.operation(),
        snapshot.tables(),
        snapshot.dbSystem(),
        snapshot.calls(),
        snapshot.errors(),
        snapshot.errorsBySqlState(),
        snapshot.rows(),
        snapshot.totalMs(),
        snapshot.minMs(),
        snapshot.maxMs(),
        snapshot.meanMs(),
        snapshot.stddevMs(),
        snapshot.p50Ms(),
        snapshot.p95Ms(),
        snapshot.p99Ms(),
        snapshot.lockClause(),
        snapshot.firstSeen().toString(),
        snapshot.lastSeen().toString(),
        snapshot.scopes(),
        snapshot.histogram(),
        snapshot.worstSample());
  }
}
