package io.querylens.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class StatisticsRegistryTest {
  private static final long MS = 1_000_000L;
  private static final long T0 = 1_767_225_600_000L;

  private static NormalizedSql sql(int column) {
    return Fingerprinter.normalize("select c" + column + " from t where id = " + column);
  }

  @Test
  void theSameFingerprintAlwaysGetsTheSameStatistics() {
    StatisticsRegistry registry = new StatisticsRegistry(10);
    NormalizedSql first = Fingerprinter.normalize("select * from orders where id = 1");
    NormalizedSql second = Fingerprinter.normalize("SELECT *  FROM orders WHERE id = 2");
    assertThat(first.fingerprint()).isEqualTo(second.fingerprint());

    StatementStatistics statistics = registry.statisticsFor(first, "postgresql");

    assertThat(registry.statisticsFor(second, "h2")).isSameAs(statistics);
    assertThat(statistics.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(statistics.statement()).isEqualTo(first.text());
    assertThat(statistics.operation()).isEqualTo("SELECT");
    assertThat(statistics.dbSystem()).isEqualTo("postgresql"); // the first one seen
    assertThat(registry.isOverflow(statistics)).isFalse();
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void newFingerprintsBeyondTheCapShareTheOverflowEntry() {
    StatisticsRegistry registry = new StatisticsRegistry(3);
    List<StatementStatistics> own = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      own.add(registry.statisticsFor(sql(i), "h2"));
    }

    StatementStatistics fourth = registry.statisticsFor(sql(3), "h2");
    StatementStatistics fifth = registry.statisticsFor(sql(4), "h2");

    assertThat(own).noneMatch(registry::isOverflow);
    assertThat(registry.isOverflow(fourth)).isTrue();
    assertThat(fifth).isSameAs(fourth);
    assertThat(fourth.fingerprint()).isEqualTo(StatisticsRegistry.OVERFLOW_FINGERPRINT);
    assertThat(fourth.statement()).isEqualTo("<other statements>");
    assertThat(fourth.operation()).isEqualTo("OTHER");
    assertThat(registry.size()).isEqualTo(3);
    // known fingerprints keep their own entries
    assertThat(registry.statisticsFor(sql(1), "h2")).isSameAs(own.get(1));
  }

  @Test
  void overflowedFingerprintsCountsDistinctOnes() {
    StatisticsRegistry registry = new StatisticsRegistry(1);
    registry.statisticsFor(sql(0), "h2");
    assertThat(registry.overflowedFingerprints()).isZero();

    for (int repeat = 0; repeat < 5; repeat++) {
      for (int i = 1; i <= 40; i++) {
        registry.statisticsFor(sql(i), "h2");
      }
    }

    assertThat(registry.overflowedFingerprints()).isEqualTo(40);
  }

  @Test
  void overflowedFingerprintsIsAGoodEstimateForManyMore() {
    StatisticsRegistry registry = new StatisticsRegistry(1);
    for (int i = 0; i <= 20_000; i++) {
      registry.statisticsFor(sql(i), "h2");
    }

    assertThat((double) registry.overflowedFingerprints()).isBetween(19_800.0, 20_200.0);
  }

  @Test
  void snapshotIsSortedByTotalTimeAndIncludesOverflowOnlyWhenUsed() {
    StatisticsRegistry registry = new StatisticsRegistry(2);
    registry.statisticsFor(sql(0), "h2").record(5 * MS, 1, null, T0);
    registry.statisticsFor(sql(1), "h2").record(9 * MS, 1, null, T0);
    StatementStatistics overflow = registry.statisticsFor(sql(2), "h2");

    assertThat(registry.snapshot())
        .extracting(StatementSnapshot::totalMs)
        .containsExactly(9.0, 5.0);

    overflow.record(7 * MS, 1, null, T0);
    List<StatementSnapshot> snapshot = registry.snapshot();

    assertThat(snapshot).extracting(StatementSnapshot::totalMs).containsExactly(9.0, 7.0, 5.0);
    assertThat(snapshot.get(1).fingerprint()).isEqualTo("overflow");
    assertThat(snapshot.get(1).dbSystem()).isEqualTo("other_sql");
  }

  @Test
  void entriesWithoutCallsAreLeftOutOfTheSnapshot() {
    StatisticsRegistry registry = new StatisticsRegistry(10);
    registry.statisticsFor(sql(0), "h2");

    assertThat(registry.snapshot()).isEmpty();
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void theCapHoldsUnderConcurrentFirstSights() throws Exception {
    StatisticsRegistry registry = new StatisticsRegistry(50);
    List<NormalizedSql> statements = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      statements.add(sql(i));
    }
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (NormalizedSql statement : statements) {
                  registry.statisticsFor(statement, "h2").record(MS, 0, null, T0);
                }
              });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(registry.size()).isEqualTo(50);
    long calls = registry.snapshot().stream().mapToLong(StatementSnapshot::calls).sum();
    assertThat(calls).isEqualTo(threads * 200L);
  }

  @Test
  void rejectsACapBelowOne() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new StatisticsRegistry(0))
        .withMessage("querylens - maxFingerprints must be at least 1 but was 0");
  }
}
