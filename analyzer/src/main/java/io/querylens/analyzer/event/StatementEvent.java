package io.querylens.analyzer.event;

import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.fingerprint.StatementShape;
import io.querylens.analyzer.stats.StatementStatistics;

/**
 * One execution of one statement: what the agent saw between the outermost {@code execute*} call's
 * entry and exit.
 *
 * <p>{@link #sql()} is the raw SQL and may hold literal values: it never leaves the process; reports
 * and metrics use {@link #normalized()}. Built on the application's thread; {@link #rowsRead()} may
 * grow afterwards, on the same thread, as the application reads the result set.
 */
public final class StatementEvent {
  private final String sql;
  private final NormalizedSql normalized;
  private final StatementStatistics statistics;
  private final long connectionId;
  private final String dbSystem;
  private final long threadId;
  private final long startNanos;
  private final long endNanos;
  private final long updateCount;
  private final int batchSize;
  private final String sqlState;
  private final int vendorCode;
  private final boolean poolInternal;
  private final StatementShape shape;
  private final long parameterHash;
  private final boolean multiValueParameter;
  private final boolean inTransaction;

  // written by the application's thread that ran the statement; read after it finishes
  private long rowsRead;

  // set by the recorder before listeners see the event, with captureParameters=true only
  private java.util.List<String> parameters;

  // set by the recorder before listeners see the event, on a deadlock whose sessions the database named
  private java.util.List<io.querylens.analyzer.report.Finding.Blocker> deadlockParticipants;

  /** Creates an event; see the accessors for each argument's meaning. */
  public StatementEvent(
      String sql,
      NormalizedSql normalized,
      StatementStatistics statistics,
      long connectionId,
      String dbSystem,
      long threadId,
      long startNanos,
      long endNanos,
      long updateCount,
      int batchSize,
      String sqlState,
      int vendorCode,
      boolean poolInternal,
      StatementShape shape,
      long parameterHash,
      boolean multiValueParameter,
      boolean inTransaction) {
    this.sql = sql;
    this.normalized = normalized;
    this.statistics = statistics;
    this.connectionId = connectionId;
    this.dbSystem = dbSystem;
    this.threadId = threadId;
    this.startNanos = startNanos;
    this.endNanos = endNanos;
    this.updateCount = updateCount;
    this.batchSize = batchSize;
    this.sqlState = sqlState;
    this.vendorCode = vendorCode;
    this.poolInternal = poolInternal;
    this.shape = shape;
    this.parameterHash = parameterHash;
    this.multiValueParameter = multiValueParameter;
    this.inTransaction = inTransaction;
  }

  /** The raw SQL as the application passed it; may hold literals, so it must not leave the process. */
  public String sql() {
    return sql;
  }

  /** The literal-free normalized statement and its fingerprint. */
  public NormalizedSql normalized() {
    return normalized;
  }

  /** The statistics of this statement's fingerprint; null for pool-internal statements. */
  public StatementStatistics statistics() {
    return statistics;
  }

  /** Identity of the connection the statement ran on, unique within this JVM; 0 when unknown. */
  public long connectionId() {
    return connectionId;
  }

  /** The database system, as OpenTelemetry names it ({@code postgresql}, {@code mariadb}, {@code h2}...). */
  public String dbSystem() {
    return dbSystem;
  }

  /** {@link Thread#getId()} of the thread that ran it. */
  public long threadId() {
    return threadId;
  }

  /** {@link System#nanoTime()} at the start of the outermost execute call. */
  public long startNanos() {
    return startNanos;
  }

  /** {@link System#nanoTime()} at its end. */
  public long endNanos() {
    return endNanos;
  }

  /** How long it ran, in nanoseconds. */
  public long durationNanos() {
    return endNanos - startNanos;
  }

  /** The update count (summed over a batch), or -1 when the statement returned rows or failed. */
  public long updateCount() {
    return updateCount;
  }

  /** Rows the application has read from its result set so far. */
  public long rowsRead() {
    return rowsRead;
  }

  /** Adds rows read from the result set. */
  public void addRowsRead(long rows) {
    rowsRead += rows;
  }

  /** The number of statements in the batch, or 0 when this was not {@code executeBatch}. */
  public int batchSize() {
    return batchSize;
  }

  /** The SQLSTATE of the failure, {@code "unknown"} for a failure without one, or null on success. */
  public String sqlState() {
    return sqlState;
  }

  /** The vendor error code of the failure, 0 when none. */
  public int vendorCode() {
    return vendorCode;
  }

  /** True when it failed. */
  public boolean failed() {
    return sqlState != null;
  }

  /** True when a connection pool ran it for itself (validation, init SQL). */
  public boolean poolInternal() {
    return poolInternal;
  }

  /** The sessions of the deadlock this statement lost, where the database named them; else null. */
  public java.util.List<io.querylens.analyzer.report.Finding.Blocker> deadlockParticipants() {
    return deadlockParticipants;
  }

  /** Attaches the sessions of the deadlock this statement lost. */
  public void deadlockParticipants(java.util.List<io.querylens.analyzer.report.Finding.Blocker> participants) {
    this.deadlockParticipants = participants;
  }

  /**
   * The bind values of this execution, already masked as {@code parameterMask} says (never the
   * values themselves), in parameter order; {@code null} unless the user turned {@code
   * captureParameters} on, for plain statements, whose values are literals and never shown, and for
   * batches.
   *
   * @since 0.1
   */
  public java.util.List<String> parameters() {
    return parameters;
  }

  /** Attaches the masked bind values of this execution; see {@link #parameters()}. */
  public void parameters(java.util.List<String> masked) {
    this.parameters = masked;
  }

  /** The statement's form (reads or writes, batched fetch, paging), read from its raw SQL. */
  public StatementShape shape() {
    return shape;
  }

  /**
   * A hash of the bound parameter values (of the literal values for a plain statement), to tell
   * executions with the same parameters from those with different ones; the values themselves are
   * never kept. 0 when none were bound.
   */
  public long parameterHash() {
    return parameterHash;
  }

  /** Whether a bound parameter held many values (an array), as batch fetches with {@code = any(?)} bind. */
  public boolean multiValueParameter() {
    return multiValueParameter;
  }

  /** Whether it ran on a connection with auto-commit off, inside a transaction the application manages. */
  public boolean inTransaction() {
    return inTransaction;
  }
}
