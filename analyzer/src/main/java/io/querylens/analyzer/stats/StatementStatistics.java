package io.querylens.analyzer.stats;

import io.querylens.analyzer.fingerprint.StatementInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running statistics of one fingerprint, kept the way {@code pg_stat_statements} keeps them:
 * calls, errors by SQLSTATE, rows, total/min/max/mean/stddev time, percentiles, first and last
 * seen.
 *
 * <p>Thread-safe. {@link #record} is the per-statement hot path of the product: it takes no lock
 * and allocates nothing once warm (only the first error with a new SQLSTATE, and the first
 * contention on an adder, allocate). Readers ({@link #snapshot()}) never block writers. Instances
 * are created by {@link StatisticsRegistry}.
 *
 * <p>All parameters and return values are non-null unless documented otherwise.
 *
 * @since 0.1
 */
public final class StatementStatistics {
  /** The SQLSTATE key for failures whose driver reported no SQLSTATE (an empty string). */
  public static final String UNKNOWN_SQL_STATE = "unknown";

  /** The SQLSTATE key that collects failures once {@value #MAX_SQL_STATES} SQLSTATEs are known. */
  public static final String OTHER_SQL_STATES = "other";

  /**
   * How many distinct SQLSTATEs are told apart per fingerprint. Real applications see a handful;
   * the cap only keeps a driver that puts free text in its SQLSTATE from growing the map forever.
   */
  public static final int MAX_SQL_STATES = 32;

  private static final VarHandle MIN_NANOS;
  private static final VarHandle MAX_NANOS;
  private static final VarHandle FIRST_SEEN;
  private static final VarHandle LAST_SEEN;
  private static final VarHandle SHIFT_MS;
  private static final VarHandle ENRICHMENT_CLAIMED;
  private static final VarHandle WORST_SAMPLE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MIN_NANOS = lookup.findVarHandle(StatementStatistics.class, "minNanos", long.class);
      MAX_NANOS = lookup.findVarHandle(StatementStatistics.class, "maxNanos", long.class);
      FIRST_SEEN = lookup.findVarHandle(StatementStatistics.class, "firstSeenMillis", long.class);
      LAST_SEEN = lookup.findVarHandle(StatementStatistics.class, "lastSeenMillis", long.class);
      SHIFT_MS = lookup.findVarHandle(StatementStatistics.class, "shiftMs", double.class);
      ENRICHMENT_CLAIMED =
          lookup.findVarHandle(StatementStatistics.class, "enrichmentClaimed", boolean.class);
      WORST_SAMPLE = lookup.findVarHandle(StatementStatistics.class, "worstSample", Sample.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String fingerprint;
  private final String statement;
  private final String dbSystem;

  // Written by enrich() on the enricher thread, read anywhere; one reference so that operation,
  // tables and lock clause are always seen together.
  private volatile StatementInfo shape;

  // set once, by CAS through its VarHandle, by whoever asks for this statement's enrichment first
  private volatile boolean enrichmentClaimed;

  // what an exporter keeps per statement (its meters), so the hot path finds it without a lookup
  private volatile Object exporterState;

  private final LongAdder errors = new LongAdder();
  private final LongAdder rows = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final LongAdder scopes = new LongAdder();
  private final LatencyHistogram histogram = new LatencyHistogram();
  private final ConcurrentHashMap<String, LongAdder> errorsBySqlState = new ConcurrentHashMap<>();

  // The next five are updated only by CAS through their VarHandles, read as volatiles.
  private volatile long minNanos = Long.MAX_VALUE;
  private volatile long maxNanos = Long.MIN_VALUE;
  private volatile long firstSeenMillis = Long.MAX_VALUE;
  private volatile long lastSeenMillis = Long.MIN_VALUE;
  // The first duration ever recorded, set once from NaN. Squares are summed around it rather than
  // around zero, so that the variance of executions that all take about the same time is not
  // lost to cancellation in sumSq/n - mean^2 (the "shifted data" algorithm).
  private volatile double shiftMs = Double.NaN;
  private final DoubleAdder sumOfShiftedSquaresMs = new DoubleAdder();

  // The slowest execution whose bind values were captured; only ever set with captureParameters=true.
  // Replaced by compare-and-set through its VarHandle, read as a volatile.
  private volatile Sample worstSample;

  /**
   * Creates empty statistics.
   *
   * @param fingerprint the fingerprint
   * @param statement the normalized statement text
   * @param dbSystem the database system name
   * @param shape the statement's kind, tables and lock clause as known so far
   */
  StatementStatistics(String fingerprint, String statement, String dbSystem, StatementInfo shape) {
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    this.statement = Objects.requireNonNull(statement, "statement");
    this.dbSystem = Objects.requireNonNull(dbSystem, "dbSystem");
    this.shape = Objects.requireNonNull(shape, "shape");
  }

  /** Returns the fingerprint, 16 hex digits, or {@link StatisticsRegistry#OVERFLOW_FINGERPRINT}. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Returns the normalized statement text, free of literals. */
  public String statement() {
    return statement;
  }

  /**
   * Returns the database system, as OpenTelemetry's {@code db.system.name}, of the first execution
   * seen with this fingerprint.
   */
  public String dbSystem() {
    return dbSystem;
  }

  /**
   * Returns the statement kind in upper case, such as {@code SELECT}: the lexer's, or what {@link
   * #enrich} last published.
   */
  public String operation() {
    return shape.operation();
  }

  /** Returns the tables touched, sorted; empty until {@link #enrich} is called or when unknown. */
  public List<String> tables() {
    return shape.tables();
  }

  /** Returns the row-locking clause such as {@code FOR UPDATE}, or {@code null} if none. */
  public String lockClause() {
    return shape.lockClause();
  }

  /**
   * Claims the one enrichment this statement gets: true for the first caller only, so the parser
   * runs once per fingerprint however many threads meet it at once. Thread-safe.
   */
  public boolean claimEnrichment() {
    return !enrichmentClaimed && ENRICHMENT_CLAIMED.compareAndSet(this, false, true);
  }

  /**
   * Replaces the operation, tables and lock clause with what the enricher learned. Safe to call
   * from any thread; readers see the three together.
   *
   * @param info the enricher's description of this statement
   */
  public void enrich(StatementInfo info) {
    shape = Objects.requireNonNull(info, "info");
  }

  /**
   * Records one finished execution. Lock-free; allocation-free except for the first failure with a
   * new SQLSTATE.
   *
   * <p>Failed executions count as calls and their time counts too: a failing statement still took
   * that time in the database.
   *
   * @param durationNanos how long the execution took; negative values count as 0
   * @param rows the update count or the rows read so far; negative means unknown and adds nothing
   * @param sqlState the SQLSTATE of the failure, {@code ""} if the driver gave none, or {@code
   *     null} if the execution succeeded
   * @param epochMillis the wall-clock time the execution ended, for first and last seen
   */
  public void record(long durationNanos, long rows, String sqlState, long epochMillis) {
    long nanos = Math.max(0L, durationNanos);
    totalNanos.add(nanos);
    histogram.record(nanos);
    updateMin(nanos);
    updateMax(nanos);
    updateSeen(epochMillis);

    double ms = nanos / 1e6;
    double shift = shiftMs;
    if (Double.isNaN(shift)) { // the first record: whoever wins the CAS sets it for everyone
      SHIFT_MS.compareAndSet(this, Double.NaN, ms);
      shift = shiftMs;
    }
    double delta = ms - shift;
    sumOfShiftedSquaresMs.add(delta * delta);

    if (rows > 0) {
      this.rows.add(rows);
    }
    if (sqlState != null) {
      errors.increment();
      errorCounter(sqlState).increment();
    }
  }

  /**
   * Adds rows learned after the execution ended, such as rows read from a {@code ResultSet}.
   *
   * @param rows the number of rows; zero or negative adds nothing
   */
  public void addRows(long rows) {
    if (rows > 0) {
      this.rows.add(rows);
    }
  }

  /**
   * Offers an execution's masked bind values as this statement's worst sample: kept if it is the
   * slowest offered so far. Called only when values are captured; lock-free, and allocation-free
   * unless the execution is the new slowest.
   *
   * @param durationNanos how long the execution took
   * @param parameters its bind values, already masked; {@code null} offers nothing
   * @since 0.1
   */
  public void offerSample(long durationNanos, List<String> parameters) {
    if (parameters == null) {
      return;
    }
    Sample current = worstSample;
    while (current == null || durationNanos > current.nanos) {
      if (WORST_SAMPLE.compareAndSet(this, current, new Sample(durationNanos, parameters))) {
        return;
      }
      current = worstSample;
    }
  }

  /** Returns the time all executions took so far, in nanoseconds. */
  public long totalNanos() {
    return totalNanos.sum();
  }

  /**
   * Returns what an exporter attached to this statement with {@link #exporterState(Object)}, or
   * {@code null}. One exporter per registry: the metrics keep this statement's meters here.
   */
  public Object exporterState() {
    return exporterState;
  }

  /** Attaches {@code state} for {@link #exporterState()}; any thread, last write wins. */
  public void exporterState(Object state) {
    exporterState = state;
  }

  /**
   * Returns the current figures. Never blocks recording threads; see {@link StatementSnapshot} for
   * what consistency to expect while they record.
   */
  public StatementSnapshot snapshot() {
    // Every record lands in exactly one bucket, so the histogram counts the calls: one atomic
    // operation fewer per statement.
    long n = histogram.count();
    long total = totalNanos.sum();
    StatementInfo info = shape;
    Map<String, Long> byState = new HashMap<>();
    errorsBySqlState.forEach((state, count) -> byState.put(state, count.sum()));
    long max = n == 0 ? 0 : Math.max(0L, maxNanos); // still MIN_VALUE if the only record is in flight
    long min = n == 0 ? 0 : Math.min(minNanos, max); // likewise MAX_VALUE
    double totalMs = total / 1e6;
    return new StatementSnapshot(
        fingerprint,
        statement,
        info.operation(),
        info.tables(),
        dbSystem,
        n,
        errors.sum(),
        byState,
        rows.sum(),
        round(totalMs),
        round(min / 1e6),
        round(max / 1e6),
        n == 0 ? 0 : round(totalMs / n),
        n == 0 ? 0 : round(stddevMs(n, totalMs)),
        n == 0 ? 0 : round(percentileMs(50, min, max)),
        n == 0 ? 0 : round(percentileMs(95, min, max)),
        n == 0 ? 0 : round(percentileMs(99, min, max)),
        info.lockClause(),
        n == 0 || firstSeenMillis == Long.MAX_VALUE ? Instant.EPOCH : Instant.ofEpochMilli(firstSeenMillis),
        n == 0 || lastSeenMillis == Long.MIN_VALUE ? Instant.EPOCH : Instant.ofEpochMilli(lastSeenMillis),
        scopes.sum(),
        histogram.buckets(),
        worstSample());
  }

  private WorstSample worstSample() {
    Sample sample = worstSample;
    return sample == null ? null : new WorstSample(round(sample.nanos / 1e6), sample.parameters);
  }

  /** A worst sample as recorded: the masked values are the recorder's, copied only for reports. */
  private record Sample(long nanos, List<String> parameters) {}

  /** Counts one unit of work (request, transaction, ...) this statement ran in; when it ends. */
  public void countScope() {
    scopes.increment();
  }

  /**
   * Population standard deviation from the shifted sums: with K the shift, S1 = sum(x - K) = total
   * - n*K and S2 = sum((x - K)^2), the variance is S2/n - (S1/n)^2.
   */
  private double stddevMs(long n, double totalMs) {
    double shift = shiftMs;
    if (n < 2 || Double.isNaN(shift)) {
      return 0.0;
    }
    double meanShifted = (totalMs - n * shift) / n;
    double variance = sumOfShiftedSquaresMs.sum() / n - meanShifted * meanShifted;
    // Rounding, and records read half-way, can push an all-equal sample slightly below zero.
    return variance > 0.0 ? Math.sqrt(variance) : 0.0;
  }

  /** Reads a percentile from the histogram, kept within the exact min and max. */
  private double percentileMs(double percentile, long min, long max) {
    long nanos = histogram.valueAtPercentile(percentile);
    return Math.min(max, Math.max(min, nanos)) / 1e6;
  }

  private LongAdder errorCounter(String sqlState) {
    String key = sqlState.isEmpty() ? UNKNOWN_SQL_STATE : sqlState;
    LongAdder counter = errorsBySqlState.get(key); // lock-free for the SQLSTATEs already seen
    if (counter != null) {
      return counter;
    }
    // Approximate cap: concurrent first sights may overshoot it by a few, which is harmless.
    if (errorsBySqlState.size() >= MAX_SQL_STATES) {
      key = OTHER_SQL_STATES;
    }
    return errorsBySqlState.computeIfAbsent(key, k -> new LongAdder());
  }

  private void updateMin(long nanos) {
    long current = minNanos;
    while (nanos < current && !MIN_NANOS.compareAndSet(this, current, nanos)) {
      current = minNanos;
    }
  }

  private void updateMax(long nanos) {
    long current = maxNanos;
    while (nanos > current && !MAX_NANOS.compareAndSet(this, current, nanos)) {
      current = maxNanos;
    }
  }

  private void updateSeen(long epochMillis) {
    // Compare before CAS: in the steady state (same millisecond, or an older one) nothing is
    // written, so threads recording the same fingerprint do not fight over the cache line.
    long first = firstSeenMillis;
    while (epochMillis < first && !FIRST_SEEN.compareAndSet(this, first, epochMillis)) {
      first = firstSeenMillis;
    }
    long last = lastSeenMillis;
    while (epochMillis > last && !LAST_SEEN.compareAndSet(this, last, epochMillis)) {
      last = lastSeenMillis;
    }
  }

  private static double round(double ms) {
    return Math.round(ms * 1000.0) / 1000.0;
  }
}
