/**
 * Per-fingerprint statement statistics, kept the way {@code pg_stat_statements} keeps them.
 *
 * <p>{@link io.querylens.analyzer.stats.StatisticsRegistry} maps each fingerprint to its {@link
 * io.querylens.analyzer.stats.StatementStatistics}, with a bounded count and one overflow entry;
 * {@link io.querylens.analyzer.stats.StatementStatistics#record} is the per-statement hot path and
 * takes no lock; {@link io.querylens.analyzer.stats.StatementSnapshot} is what reports read.
 *
 * <p>All parameters and return values in this package are non-null unless documented otherwise.
 *
 * @since 0.1
 */
package io.querylens.analyzer.stats;
