package io.querylens.analyzer.stats;

import java.util.List;

/**
 * One non-empty bucket of a statement's latency histogram, as reports carry it: executions that
 * took at least {@code fromMs} and less than {@code toMs}. Buckets of two reports line up exactly,
 * so reports from several instances merge by adding counts.
 *
 * @param fromMs the bucket's lower bound, milliseconds (0 for the first bucket)
 * @param toMs the bucket's upper bound, exclusive, milliseconds
 * @param count executions in the bucket
 * @since 0.1
 */
public record LatencyBucket(double fromMs, double toMs, long count) {

  /**
   * The duration at or below which {@code percentile} percent of the counted executions fall: the
   * midpoint of the bucket holding that rank, as {@link LatencyHistogram#valueAtPercentile} reads it.
   *
   * @param buckets ascending, non-overlapping buckets
   * @param percentile in [0, 100]
   * @return milliseconds; 0 when the buckets count nothing
   */
  public static double percentileMs(List<LatencyBucket> buckets, double percentile) {
    long total = 0;
    for (LatencyBucket bucket : buckets) {
      total += bucket.count();
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1L, (long) Math.ceil(percentile / 100.0 * total));
    long seen = 0;
    for (LatencyBucket bucket : buckets) {
      seen += bucket.count();
      if (seen >= rank) {
        return (bucket.fromMs() + bucket.toMs()) / 2;
      }
    }
    LatencyBucket last = buckets.get(buckets.size() - 1);
    return (last.fromMs() + last.toMs()) / 2;
  }
}
