package io.querylens.analyzer.detect;

import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.stats.StatementStatistics;

/**
 * One finding in one scope: one type, statement and call site, and the executions it covers so far.
 *
 * <p>Written only by the scope's thread, without locks: this is on the path of every execution
 * that extends a finding. A report taken while the scope is still open reads the figures racily and
 * may lag by an execution or two; the figures merged when the scope closes are exact, since the
 * closing thread is the writer (or, for an idle window, the writer has gone quiet).
 *
 * @since 0.1
 */
public final class FindingAccumulator {
  private final FindingType type;
  private final NormalizedSql statement;
  private final CapturedStack stack;
  private final String suggestion;
  private final StatementStatistics statistics;
  private final String pool;

  // written by the scope's thread only; read racily by reports of open scopes (see above)
  private java.util.List<io.querylens.analyzer.report.Finding.Blocker> participants;
  private StatementEvent parent;
  private long count;
  private long nanos;
  private long coveredUntilNanos;
  private long firstSeenNanos;
  private long lastSeenNanos;
  private long longestNanos;
  // the masked bind values of the slowest execution offered (captureParameters=true only), and its time
  private java.util.List<String> exampleParameters;
  private long exampleNanos;

  /**
   * Opens a finding covering {@code count} executions that took {@code nanos}, the first ending at
   * {@code firstEndNanos} and the latest at {@code endNanos} ({@link System#nanoTime()} readings).
   *
   * @param stack the call site's stack, or {@code null} when it could not be captured
   * @param parent the execution whose rows fed the loop, or {@code null}
   * @param statistics the statement's statistics, for its median in reports, or {@code null}
   * @param longestNanos the longest of the executions covered so far
   */
  public FindingAccumulator(FindingType type, NormalizedSql statement, CapturedStack stack, String suggestion,
      StatementEvent parent, StatementStatistics statistics, long count, long nanos, long longestNanos,
      long firstEndNanos, long endNanos) {
    this(type, statement, null, stack, suggestion, parent, statistics, count, nanos, longestNanos, firstEndNanos,
        endNanos);
  }

  /**
   * Opens a finding about a pool wait ({@code statement} null) or a statement ({@code pool} null).
   */
  public FindingAccumulator(FindingType type, NormalizedSql statement, String pool, CapturedStack stack,
      String suggestion, StatementEvent parent, StatementStatistics statistics, long count, long nanos,
      long longestNanos, long firstEndNanos, long endNanos) {
    this.pool = pool;
    this.type = type;
    this.statement = statement;
    this.stack = stack;
    this.suggestion = suggestion;
    this.parent = parent;
    this.statistics = statistics;
    this.longestNanos = longestNanos;
    this.count = count;
    this.nanos = nanos;
    this.coveredUntilNanos = endNanos;
    this.firstSeenNanos = firstEndNanos;
    this.lastSeenNanos = endNanos;
  }

  /** Adds one execution; time it shares with executions already counted is not counted again. */
  public void add(long startNanos, long endNanos) {
    count++;
    longestNanos = Math.max(longestNanos, endNanos - startNanos);
    long from = Math.max(startNanos, coveredUntilNanos);
    if (endNanos > from) {
      nanos += endNanos - from;
    }
    coveredUntilNanos = Math.max(coveredUntilNanos, endNanos);
    lastSeenNanos = Math.max(lastSeenNanos, endNanos);
  }

  /**
   * Keeps {@code event}'s masked bind values as this finding's example if it is the slowest execution
   * offered so far. Does nothing for events without values, that is always unless the user turned
   * {@code captureParameters} on.
   */
  public void example(StatementEvent event) {
    java.util.List<String> parameters = event.parameters();
    if (parameters != null && (exampleParameters == null || event.durationNanos() > exampleNanos)) {
      exampleParameters = parameters;
      exampleNanos = event.durationNanos();
    }
  }

  /** Keeps the sessions of the latest deadlock, where the database named them. */
  public void participants(java.util.List<io.querylens.analyzer.report.Finding.Blocker> latest) {
    if (latest != null) {
      participants = latest;
    }
  }

  /** The executions covered so far. */
  long count() {
    return count;
  }

  /** The finding's type. */
  public FindingType type() {
    return type;
  }

  /** The figures as they stand, for aggregation; see the class comment on when they are exact. */
  Figures figures() {
    long parentRows = parent == null ? 0 : parent.rowsRead();
    Double p50Ms = type == FindingType.SLOW_QUERY && statistics != null ? statistics.snapshot().p50Ms() : null;
    return new Figures(count, nanos, longestNanos, p50Ms, participants, EpochClock.toEpochMillis(firstSeenNanos),
        EpochClock.toEpochMillis(lastSeenNanos), parent == null ? null : parent.normalized(),
        parentRows, exampleParameters, exampleNanos);
  }

  /** The statement concerned, or null for a pool wait. */
  NormalizedSql statement() {
    return statement;
  }

  /** The pool concerned, or null. */
  String pool() {
    return pool;
  }

  CapturedStack stack() {
    return stack;
  }

  String suggestion() {
    return suggestion;
  }

  /** Figures of one accumulator at one moment. */
  record Figures(long count, long nanos, long longestNanos, Double p50Ms,
      java.util.List<io.querylens.analyzer.report.Finding.Blocker> participants, long firstSeenMillis, long lastSeenMillis, NormalizedSql parent,
      long parentRows, java.util.List<String> exampleParameters, long exampleNanos) {}
}
