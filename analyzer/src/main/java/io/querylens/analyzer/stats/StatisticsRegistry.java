package io.querylens.analyzer.stats;

import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.fingerprint.StatementInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Holds the {@link StatementStatistics} of every fingerprint, with a bounded count.
 *
 * <p>Memory stays bounded whatever the workload: once {@code maxFingerprints} distinct fingerprints
 * have statistics, every new one shares a single overflow entry (fingerprint {@value
 * #OVERFLOW_FINGERPRINT}, statement {@value #OVERFLOW_STATEMENT}, operation {@code OTHER}), as
 * {@code pg_stat_statements} evicts rather than grows. An application that builds SQL with literals
 * inlined in a way the fingerprinter cannot normalize is the usual cause.
 *
 * <p>Entries are keyed by fingerprint alone: the same statement shape sent to two database systems
 * shares one entry, labelled with the first system seen.
 *
 * <p>Thread-safe. {@link #statisticsFor} is lock-free when the fingerprint is known; the first
 * sight of a fingerprint takes a bin lock of the underlying {@link ConcurrentHashMap}. All
 * parameters and return values are non-null unless documented otherwise.
 *
 * @since 0.1
 */
public final class StatisticsRegistry {
  /** The fingerprint of the entry that collects statements beyond the cap. */
  public static final String OVERFLOW_FINGERPRINT = "overflow";

  /** The statement text of the overflow entry. */
  public static final String OVERFLOW_STATEMENT = "<other statements>";

  /** The operation of the overflow entry. */
  public static final String OVERFLOW_OPERATION = "OTHER";

  /**
   * The database system of the overflow entry: OpenTelemetry's {@code db.system.name} for "some SQL
   * database", since overflowed statements may come from several.
   */
  public static final String OVERFLOW_DB_SYSTEM = "other_sql";

  /** The default cap on distinct fingerprints. */
  public static final int DEFAULT_MAX_FINGERPRINTS = 5_000;

  /** Bits in the overflow distinct-count bitmap: 2^16 bits, 8 KiB. */
  private static final int OVERFLOW_BITS = 1 << 16;

  private final int maxFingerprints;
  private final ConcurrentHashMap<String, StatementStatistics> byFingerprint;
  // Slots handed out, reserved before an insert so the map can never exceed maxFingerprints.
  private final AtomicInteger reservedSlots = new AtomicInteger();
  private final StatementStatistics overflow;
  // Linear-counting bitmap of the fingerprints folded into overflow: one bit per hash, set once.
  private final AtomicLongArray overflowSeen = new AtomicLongArray(OVERFLOW_BITS / 64);

  /** Creates a registry for at most {@value #DEFAULT_MAX_FINGERPRINTS} fingerprints. */
  public StatisticsRegistry() {
    this(DEFAULT_MAX_FINGERPRINTS);
  }

  /**
   * Creates a registry.
   *
   * @param maxFingerprints how many distinct fingerprints get their own entry; at least 1
   * @throws IllegalArgumentException if {@code maxFingerprints < 1}
   */
  public StatisticsRegistry(int maxFingerprints) {
    if (maxFingerprints < 1) {
      throw new IllegalArgumentException(
          "querylens - maxFingerprints must be at least 1 but was " + maxFingerprints);
    }
    this.maxFingerprints = maxFingerprints;
    this.byFingerprint = new ConcurrentHashMap<>(Math.min(maxFingerprints, 1024));
    this.overflow =
        new StatementStatistics(
            OVERFLOW_FINGERPRINT,
            OVERFLOW_STATEMENT,
            OVERFLOW_DB_SYSTEM,
            new StatementInfo(OVERFLOW_OPERATION, List.of(), null, false));
  }

  /**
   * Returns the statistics for this statement's fingerprint, creating them on first sight.
   *
   * <p>Once {@code maxFingerprints} distinct fingerprints have entries, each new fingerprint gets
   * the shared overflow entry instead (test with {@link #isOverflow}). New entries start with the
   * lexer's operation and lock clause and no tables; the caller is expected to {@linkplain
   * StatementStatistics#enrich enrich} them later. Lock-free and allocation-free when the
   * fingerprint is already known or already overflowed.
   *
   * @param sql the lexer's normalized statement
   * @param dbSystem the database system, as OpenTelemetry's {@code db.system.name}; used only when
   *     the entry is created
   * @return the entry to record into; never {@code null}
   */
  public StatementStatistics statisticsFor(NormalizedSql sql, String dbSystem) {
    String fingerprint = sql.fingerprint();
    StatementStatistics existing = byFingerprint.get(fingerprint);
    if (existing != null) {
      return existing;
    }
    return create(sql, fingerprint, dbSystem);
  }

  private StatementStatistics create(NormalizedSql sql, String fingerprint, String dbSystem) {
    for (int taken = reservedSlots.get(); ; taken = reservedSlots.get()) {
      if (taken >= maxFingerprints) {
        // Full. Look once more: the fingerprint may have taken the last slot meanwhile.
        StatementStatistics raced = byFingerprint.get(fingerprint);
        if (raced != null) {
          return raced;
        }
        markOverflowed(fingerprint);
        return overflow;
      }
      if (reservedSlots.compareAndSet(taken, taken + 1)) {
        break;
      }
    }
    StatementStatistics created =
        new StatementStatistics(
            fingerprint,
            sql.text(),
            Objects.requireNonNull(dbSystem, "dbSystem"),
            StatementInfo.lexerOnly(sql));
    StatementStatistics raced = byFingerprint.putIfAbsent(fingerprint, created);
    if (raced != null) {
      reservedSlots.decrementAndGet(); // another thread created it first; give the slot back
      return raced;
    }
    return created;
  }

  /**
   * Returns {@code true} if {@code statistics} is the shared overflow entry.
   *
   * @param statistics an entry returned by {@link #statisticsFor}
   */
  public boolean isOverflow(StatementStatistics statistics) {
    return statistics == overflow;
  }

  /** Returns how many distinct fingerprints have their own entry, the overflow entry excluded. */
  public int size() {
    return byFingerprint.size();
  }

  /** Returns the cap on distinct fingerprints this registry was created with. */
  public int maxFingerprints() {
    return maxFingerprints;
  }

  /**
   * Returns about how many distinct fingerprints were folded into the overflow entry.
   *
   * <p>An estimate, so that counting costs fixed memory however many there are: each fingerprint
   * sets one bit of a 65,536-bit map, and the count is derived from the bits still clear (linear
   * counting). It is exact but for hash collisions up to a few hundred, within about 1% up to about
   * 100,000, and stops growing near 700,000.
   */
  public long overflowedFingerprints() {
    int clear = 0;
    for (int i = 0; i < overflowSeen.length(); i++) {
      clear += Long.bitCount(~overflowSeen.get(i));
    }
    if (clear == OVERFLOW_BITS) {
      return 0;
    }
    if (clear == 0) {
      clear = 1; // saturated: report the largest estimate rather than infinity
    }
    return Math.round(-OVERFLOW_BITS * Math.log((double) clear / OVERFLOW_BITS));
  }

  /** Calls {@code action} with every entry, the overflow entry last; never blocks recording. */
  public void forEach(java.util.function.Consumer<StatementStatistics> action) {
    byFingerprint.values().forEach(action);
    action.accept(overflow);
  }

  /**
   * Returns a snapshot of every entry that has recorded at least one execution, the overflow entry
   * included when it has, sorted by total time, longest first (ties by fingerprint). Safe to call
   * while others record; never blocks them.
   */
  public List<StatementSnapshot> snapshot() {
    List<StatementSnapshot> snapshots = new ArrayList<>(byFingerprint.size() + 1);
    for (StatementStatistics statistics : byFingerprint.values()) {
      StatementSnapshot snapshot = statistics.snapshot();
      if (snapshot.calls() > 0) { // created, but its first execution is still being recorded
        snapshots.add(snapshot);
      }
    }
    StatementSnapshot overflowSnapshot = overflow.snapshot();
    if (overflowSnapshot.calls() > 0) {
      snapshots.add(overflowSnapshot);
    }
    snapshots.sort(
        Comparator.comparingDouble(StatementSnapshot::totalMs)
            .reversed()
            .thenComparing(StatementSnapshot::fingerprint));
    return snapshots;
  }

  private void markOverflowed(String fingerprint) {
    int bit = mix(fingerprint.hashCode()) & (OVERFLOW_BITS - 1);
    int word = bit >>> 6;
    long mask = 1L << (bit & 63);
    // Read before writing: a fingerprint seen before costs one read, no CAS and no cache-line
    // invalidation on the path every overflowed execution takes.
    long current = overflowSeen.get(word);
    while ((current & mask) == 0 && !overflowSeen.compareAndSet(word, current, current | mask)) {
      current = overflowSeen.get(word);
    }
  }

  /** Murmur3's finalizer: spreads String.hashCode, whose low bits are weak, over all 32 bits. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
