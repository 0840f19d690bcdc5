package io.querylens.analyzer.stats;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed-size, log-bucketed histogram of durations in nanoseconds, from which percentiles are
 * read.
 *
 * <p>Buckets follow HdrHistogram's layout: each power of two from 2<sup>10</sup> ns (about 1 µs) to
 * 2<sup>42</sup> ns (about 73 minutes) is split into {@value #SUB_BUCKETS} equal sub-buckets, so a
 * bucket is at most 1/16 of its lower bound wide and a reported percentile, the midpoint of its
 * bucket, is within about 3% of a value in that bucket. Shorter durations count in the first bucket
 * and longer ones in the last.
 *
 * <p>The {@value #BUCKET_COUNT} counters are kept in one row of {@value #SUB_BUCKETS} per power of
 * two, each made on the first duration that falls in it: a statement's durations mostly span a few
 * powers of two, so a histogram takes about 160 bytes plus 160 per power of two it has seen instead
 * of 4 KiB up front, and a fingerprint cap of thousands of statements stays a few MiB.
 *
 * <p>Thread-safe and lock-free: {@link #record} is one atomic increment, with no allocation once
 * its row exists.
 * Readers see each counter atomically but not all counters at one instant; a percentile read while
 * others record may be off by the records in flight.
 *
 * @since 0.1
 */
public final class LatencyHistogram {
  /** Sub-buckets per power of two, as a power of two: 2^4 = 16 gives a bucket width of 1/16. */
  private static final int SUB_BUCKET_BITS = 4;

  /** How many equal parts each power of two is split into. */
  public static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

  /** The exponent of the first power of two: durations below 2^10 ns (1.024 µs) share bucket 0. */
  private static final int MIN_EXPONENT = 10;

  /** One past the exponent of the last power of two: 2^42 ns is about 73 minutes. */
  private static final int MAX_EXPONENT = 42;

  /** How many counters a histogram holds. */
  public static final int BUCKET_COUNT = (MAX_EXPONENT - MIN_EXPONENT) * SUB_BUCKETS;

  /** The smallest duration, in nanoseconds, told apart from shorter ones. */
  public static final long LOWEST_TRACKABLE_NANOS = 1L << MIN_EXPONENT;

  /** The largest duration, in nanoseconds, told apart from longer ones. */
  public static final long HIGHEST_TRACKABLE_NANOS = (1L << MAX_EXPONENT) - 1;

  private static final int ROWS = MAX_EXPONENT - MIN_EXPONENT;

  // row r holds buckets r * SUB_BUCKETS .. (r + 1) * SUB_BUCKETS - 1; null until one is counted
  private final AtomicReferenceArray<AtomicLongArray> rows = new AtomicReferenceArray<>(ROWS);

  /** Creates an empty histogram. */
  public LatencyHistogram() {}

  /**
   * Counts one duration. Lock-free; allocates only the first time a power of two is seen.
   *
   * @param nanos the duration in nanoseconds; values outside the trackable range, including
   *     negative ones, count in the first or last bucket
   */
  public void record(long nanos) {
    int index = bucketIndex(nanos);
    int row = index >>> SUB_BUCKET_BITS;
    AtomicLongArray counts = rows.getAcquire(row);
    if (counts == null) {
      AtomicLongArray made = new AtomicLongArray(SUB_BUCKETS);
      AtomicLongArray raced = rows.compareAndExchange(row, null, made);
      counts = raced == null ? made : raced;
    }
    counts.getAndIncrement(index & (SUB_BUCKETS - 1));
  }

  /** The count in bucket {@code index} now. */
  private long countAt(int index) {
    AtomicLongArray counts = rows.getAcquire(index >>> SUB_BUCKET_BITS);
    return counts == null ? 0 : counts.get(index & (SUB_BUCKETS - 1));
  }

  /** Returns the number of recorded durations, summed over all buckets at the time of the call. */
  public long count() {
    long total = 0;
    for (int i = 0; i < BUCKET_COUNT; i++) {
      total += countAt(i);
    }
    return total;
  }

  /**
   * Returns the duration at or below which {@code percentile} percent of the recorded durations
   * fall, as the midpoint of the bucket holding it (nearest-rank definition).
   *
   * @param percentile in [0, 100]; 0 gives the smallest recorded bucket, 100 the largest
   * @return the duration in nanoseconds, or 0 if nothing was recorded
   * @throws IllegalArgumentException if {@code percentile} is outside [0, 100] or NaN
   */
  public long valueAtPercentile(double percentile) {
    if (!(percentile >= 0.0 && percentile <= 100.0)) {
      throw new IllegalArgumentException("percentile must be in [0, 100] but was " + percentile);
    }
    // Copy first so the rank and the walk agree even while others keep recording.
    long[] snapshot = new long[BUCKET_COUNT];
    long total = 0;
    for (int i = 0; i < BUCKET_COUNT; i++) {
      snapshot[i] = countAt(i);
      total += snapshot[i];
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1L, (long) Math.ceil(percentile / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKET_COUNT; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return midpoint(i);
      }
    }
    return midpoint(BUCKET_COUNT - 1); // unreachable: seen reaches total >= rank
  }

  /** Returns the non-empty buckets, ascending, with their bounds in milliseconds. */
  public java.util.List<LatencyBucket> buckets() {
    java.util.List<LatencyBucket> buckets = new java.util.ArrayList<>();
    for (int i = 0; i < BUCKET_COUNT; i++) {
      long count = countAt(i);
      if (count > 0) {
        long from = i == 0 ? 0 : lowerBound(i);
        long to = i == BUCKET_COUNT - 1 ? HIGHEST_TRACKABLE_NANOS + 1 : lowerBound(i + 1);
        buckets.add(new LatencyBucket(from / 1e6, to / 1e6, count));
      }
    }
    return buckets;
  }

  /** Returns the bucket a duration counts in. Package-private for tests. */
  static int bucketIndex(long nanos) {
    if (nanos < LOWEST_TRACKABLE_NANOS) {
      return 0;
    }
    if (nanos > HIGHEST_TRACKABLE_NANOS) {
      return BUCKET_COUNT - 1;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(nanos); // floor(log2(nanos)), in [10, 41]
    int subBucket = (int) (nanos >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
    return (exponent - MIN_EXPONENT) * SUB_BUCKETS + subBucket;
  }

  /** Returns the smallest duration, in nanoseconds, that counts in bucket {@code index}. */
  static long lowerBound(int index) {
    int exponent = MIN_EXPONENT + index / SUB_BUCKETS;
    long subBucket = index % SUB_BUCKETS;
    return (SUB_BUCKETS + subBucket) << (exponent - SUB_BUCKET_BITS);
  }

  /** Returns the middle of bucket {@code index}, in nanoseconds. */
  static long midpoint(int index) {
    int exponent = MIN_EXPONENT + index / SUB_BUCKETS;
    long width = 1L << (exponent - SUB_BUCKET_BITS);
    return lowerBound(index) + width / 2;
  }
}
