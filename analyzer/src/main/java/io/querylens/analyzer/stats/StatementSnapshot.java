package io.querylens.analyzer.stats;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The statistics of one fingerprint at one moment, with exactly the figures a report shows.
 *
 * <p>Immutable and therefore thread-safe. Durations are in milliseconds, rounded to 3 decimals
 * (microseconds). Taken while others record, the figures are each exact at the moment they were
 * read, but may disagree by the executions in flight (for instance {@code meanMs} against {@code
 * totalMs / calls}).
 *
 * @param fingerprint the 16-hex-digit fingerprint, or {@link
 *     StatisticsRegistry#OVERFLOW_FINGERPRINT} for the overflow entry
 * @param statement the normalized statement text, free of literals
 * @param operation the statement kind in upper case, such as {@code SELECT}
 * @param tables the tables touched, sorted; empty when unknown; unmodifiable
 * @param dbSystem the database system, as OpenTelemetry's {@code db.system.name} (for example
 *     {@code postgresql}, {@code h2})
 * @param calls how many executions finished, failed ones included
 * @param errors how many executions failed
 * @param errorsBySqlState failed executions by SQLSTATE, sorted by SQLSTATE; unmodifiable
 * @param rows rows updated or read, summed over the executions that reported a count
 * @param totalMs time spent in the database, summed over all executions
 * @param minMs the shortest execution
 * @param maxMs the longest execution
 * @param meanMs {@code totalMs / calls}
 * @param stddevMs the population standard deviation of execution times; never negative
 * @param p50Ms the median execution time, from a histogram (within about 3%)
 * @param p95Ms the 95th percentile execution time, from a histogram
 * @param p99Ms the 99th percentile execution time, from a histogram
 * @param lockClause the row-locking clause, such as {@code FOR UPDATE}, or {@code null} if none
 * @param firstSeen when the first execution ended ({@link Instant#EPOCH} if none has)
 * @param lastSeen when the latest execution ended ({@link Instant#EPOCH} if none has)
 * @param scopes the units of work it ran in, counted as each ends
 * @param histogram its latency histogram
 * @param worstSample its slowest execution with its masked bind values, or {@code null} unless
 *     {@code captureParameters=true} and a value was bound
 * @since 0.1
 */
public record StatementSnapshot(
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
    String lockClause,
    Instant firstSeen,
    Instant lastSeen,
    long scopes,
    List<LatencyBucket> histogram,
    WorstSample worstSample) {

  /** Checks the non-null components and makes defensive, sorted, unmodifiable copies. */
  public StatementSnapshot {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(dbSystem, "dbSystem");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    tables = List.copyOf(tables);
    errorsBySqlState = Collections.unmodifiableMap(new TreeMap<>(errorsBySqlState));
    histogram = List.copyOf(histogram);
  }
}
