package io.querylens.agent.record;

import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.fingerprint.StatementShape;
import io.querylens.analyzer.fingerprint.StatementEnricher;
import io.querylens.analyzer.stats.StatementStatistics;
import io.querylens.analyzer.stats.StatisticsRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps raw SQL strings to their fingerprint and statistics; the hit path is one map lookup.
 *
 * <p>Bounded: when {@code capacity} raw strings are cached the cache starts over, so an
 * application that inlines literals (one new string per call) costs a lexer pass per call but never
 * unbounded memory. Thread-safe.
 */
public final class FingerprintCache {
  private final ConcurrentHashMap<String, Fingerprinted> bySql = new ConcurrentHashMap<>();
  private final int capacity;
  private final StatisticsRegistry registry;
  private final StatementEnricher enricher;
  private final FingerprintCapNotice capNotice;

  public FingerprintCache(int capacity, StatisticsRegistry registry, StatementEnricher enricher) {
    this.capacity = capacity;
    this.registry = registry;
    this.enricher = enricher;
    this.capNotice = new FingerprintCapNotice(registry.maxFingerprints());
  }

  Fingerprinted lookup(String sql, String dbSystem) {
    Fingerprinted hit = bySql.get(sql);
    return hit != null ? hit : miss(sql, dbSystem);
  }

  private Fingerprinted miss(String sql, String dbSystem) {
    NormalizedSql normalized = Fingerprinter.normalize(sql, dbSystem);
    StatementStatistics statistics = registry.statisticsFor(normalized, dbSystem);
    if (registry.isOverflow(statistics)) {
      capNotice.overflowed();
    } else if (statistics.claimEnrichment()) {
      // JSqlParser is slow and can hang on pathological SQL: never on the application's thread.
      enricher.enrichLater(sql, normalized, statistics::enrich);
    }
    Fingerprinted entry = new Fingerprinted(normalized, statistics, StatementShape.of(sql, normalized));
    if (bySql.size() >= capacity) {
      bySql.clear();
    }
    bySql.put(sql, entry);
    return entry;
  }

  int size() {
    return bySql.size();
  }

  /** A fingerprint and the statistics it feeds. */
  static final class Fingerprinted {
    final NormalizedSql normalized;
    final StatementStatistics statistics;
    final StatementShape shape;

    Fingerprinted(NormalizedSql normalized, StatementStatistics statistics, StatementShape shape) {
      this.normalized = normalized;
      this.statistics = statistics;
      this.shape = shape;
    }
  }
}
