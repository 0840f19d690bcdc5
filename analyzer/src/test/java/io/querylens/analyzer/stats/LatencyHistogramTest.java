package io.querylens.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void emptyHistogramReportsZero() {
    LatencyHistogram histogram = new LatencyHistogram();

    assertThat(histogram.count()).isZero();
    assertThat(histogram.valueAtPercentile(50)).isZero();
  }

  @Test
  void everyTrackableValueIsReportedWithinThreePercent() {
    for (long nanos = LatencyHistogram.LOWEST_TRACKABLE_NANOS;
        nanos < LatencyHistogram.HIGHEST_TRACKABLE_NANOS;
        nanos += Math.max(1, nanos / 97)) {
      int index = LatencyHistogram.bucketIndex(nanos);
      assertThat(index).isBetween(0, LatencyHistogram.BUCKET_COUNT - 1);
      assertThat(LatencyHistogram.lowerBound(index)).isLessThanOrEqualTo(nanos);
      double error = Math.abs(LatencyHistogram.midpoint(index) - nanos) / (double) nanos;
      assertThat(error).as("relative error at %d ns", nanos).isLessThanOrEqualTo(1.0 / 32);
    }
  }

  @Test
  void bucketsAreContiguousAndIncreasing() {
    for (int i = 1; i < LatencyHistogram.BUCKET_COUNT; i++) {
      long lower = LatencyHistogram.lowerBound(i);
      assertThat(lower).isGreaterThan(LatencyHistogram.lowerBound(i - 1));
      assertThat(LatencyHistogram.bucketIndex(lower)).isEqualTo(i);
      assertThat(LatencyHistogram.bucketIndex(lower - 1)).isEqualTo(i - 1);
    }
  }

  @Test
  void valuesOutsideTheRangeClampToTheEnds() {
    assertThat(LatencyHistogram.bucketIndex(-5)).isZero();
    assertThat(LatencyHistogram.bucketIndex(0)).isZero();
    assertThat(LatencyHistogram.bucketIndex(999)).isZero();
    assertThat(LatencyHistogram.bucketIndex(Long.MAX_VALUE))
        .isEqualTo(LatencyHistogram.BUCKET_COUNT - 1);
    assertThat(LatencyHistogram.bucketIndex(3_600_000_000_000L * 2)) // two hours
        .isEqualTo(LatencyHistogram.BUCKET_COUNT - 1);
    // one hour is still told apart
    assertThat(LatencyHistogram.bucketIndex(3_600_000_000_000L))
        .isLessThan(LatencyHistogram.BUCKET_COUNT - 1);
  }

  @Test
  void percentilesOfAKnownDistributionAreWithinFivePercent() {
    LatencyHistogram histogram = new LatencyHistogram();
    Random random = new Random(42);
    long[] values = new long[200_000];
    for (int i = 0; i < values.length; i++) {
      // log-uniform between 10 µs and 10 s: every bucket size is exercised
      values[i] = (long) Math.pow(10, 4 + random.nextDouble() * 6);
      histogram.record(values[i]);
    }
    Arrays.sort(values);

    assertThat(histogram.count()).isEqualTo(values.length);
    for (double p : new double[] {1, 10, 50, 90, 95, 99, 99.9, 100}) {
      long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
      assertThat((double) histogram.valueAtPercentile(p))
          .as("p%s", p)
          .isCloseTo(exact, within(exact * 0.05));
    }
  }

  @Test
  void percentilesOfAUniformDistribution() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (long micros = 1; micros <= 10_000; micros++) {
      histogram.record(micros * 1_000);
    }

    assertThat((double) histogram.valueAtPercentile(50)).isCloseTo(5_000_000, within(250_000.0));
    assertThat((double) histogram.valueAtPercentile(95)).isCloseTo(9_500_000, within(475_000.0));
    assertThat((double) histogram.valueAtPercentile(99)).isCloseTo(9_900_000, within(495_000.0));
  }

  @Test
  void percentileMustBeBetweenZeroAndHundred() {
    LatencyHistogram histogram = new LatencyHistogram();
    assertThatIllegalArgumentException().isThrownBy(() -> histogram.valueAtPercentile(-1));
    assertThatIllegalArgumentException().isThrownBy(() -> histogram.valueAtPercentile(100.5));
    assertThatIllegalArgumentException().isThrownBy(() -> histogram.valueAtPercentile(Double.NaN));
  }

  @Test
  void threadsMeetingAnUnseenPowerOfTwoTogetherLoseNoCount() throws Exception {
    // Each round starts on a fresh histogram, so every thread races to make the same rows.
    for (int round = 0; round < 200; round++) {
      LatencyHistogram histogram = new LatencyHistogram();
      CyclicBarrier start = new CyclicBarrier(4);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread = new Thread(() -> {
          try {
            start.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          for (long nanos = 1_000; nanos < 1_000_000_000L; nanos *= 3) {
            histogram.record(nanos);
          }
        });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
      long perThread = 0;
      for (long nanos = 1_000; nanos < 1_000_000_000L; nanos *= 3) {
        perThread++;
      }
      assertThat(histogram.count()).as("round %d", round).isEqualTo(4 * perThread);
    }
  }
}
