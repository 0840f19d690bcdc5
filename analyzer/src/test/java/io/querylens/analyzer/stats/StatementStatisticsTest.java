package io.querylens.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.querylens.analyzer.fingerprint.StatementInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class StatementStatisticsTest {
  private static final long MS = 1_000_000L;
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private static StatementStatistics newStatistics() {
    return new StatementStatistics(
        "0123456789abcdef",
        "select * from orders where id = ?",
        "postgresql",
        new StatementInfo("SELECT", List.of(), null, false));
  }

  @Test
  void countsTimesAndSpreadOfKnownInputsAreExact() {
    StatementStatistics statistics = newStatistics();
    // the textbook sample: mean 5, population standard deviation 2
    long[] millis = {2, 4, 4, 4, 5, 5, 7, 9};
    for (int i = 0; i < millis.length; i++) {
      statistics.record(millis[i] * MS, 1, null, T0 + i);
    }

    StatementSnapshot snapshot = statistics.snapshot();

    assertThat(snapshot.calls()).isEqualTo(8);
    assertThat(snapshot.errors()).isZero();
    assertThat(snapshot.rows()).isEqualTo(8);
    assertThat(snapshot.totalMs()).isEqualTo(40.0);
    assertThat(snapshot.minMs()).isEqualTo(2.0);
    assertThat(snapshot.maxMs()).isEqualTo(9.0);
    assertThat(snapshot.meanMs()).isEqualTo(5.0);
    assertThat(snapshot.stddevMs()).isEqualTo(2.0);
    assertThat(snapshot.p50Ms()).isCloseTo(4.0, within(4.0 * 0.05));
    assertThat(snapshot.p99Ms()).isCloseTo(9.0, within(9.0 * 0.05));
    assertThat(snapshot.firstSeen()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(snapshot.lastSeen()).isEqualTo(Instant.ofEpochMilli(T0 + 7));
    assertThat(snapshot.fingerprint()).isEqualTo("0123456789abcdef");
    assertThat(snapshot.statement()).isEqualTo("select * from orders where id = ?");
    assertThat(snapshot.dbSystem()).isEqualTo("postgresql");
    assertThat(snapshot.operation()).isEqualTo("SELECT");
  }

  @Test
  void figuresAreRoundedToMicroseconds() {
    StatementStatistics statistics = newStatistics();
    statistics.record(1_234_567, -1, null, T0);

    StatementSnapshot snapshot = statistics.snapshot();

    assertThat(snapshot.totalMs()).isEqualTo(1.235);
    assertThat(snapshot.minMs()).isEqualTo(1.235);
    assertThat(snapshot.p50Ms()).isEqualTo(1.235); // a single value: percentiles clamp to it
    assertThat(snapshot.stddevMs()).isZero();
  }

  @Test
  void identicalDurationsHaveZeroSpreadNotNaN() {
    StatementStatistics statistics = newStatistics();
    for (int i = 0; i < 100_000; i++) {
      statistics.record(3 * MS + 333, 0, null, T0);
    }

    StatementSnapshot snapshot = statistics.snapshot();

    assertThat(snapshot.stddevMs()).isZero();
    assertThat(snapshot.meanMs()).isEqualTo(3.0);
  }

  @Test
  void smallSpreadAroundALargeMeanSurvives() {
    // sumSq/n - mean^2 computed around zero would lose this to cancellation.
    StatementStatistics statistics = newStatistics();
    for (int i = 0; i < 1_000_000; i++) {
      statistics.record(10_000 * MS + (i % 2 == 0 ? -1_000 : 1_000), 0, null, T0); // 10 s ± 1 µs
    }

    assertThat(statistics.snapshot().stddevMs()).isEqualTo(0.001);
  }

  @Test
  void percentilesFollowTheDistribution() {
    StatementStatistics statistics = newStatistics();
    for (int micros = 1; micros <= 10_000; micros++) {
      statistics.record(micros * 1_000L, 0, null, T0);
    }

    StatementSnapshot snapshot = statistics.snapshot();

    assertThat(snapshot.p50Ms()).isCloseTo(5.0, within(0.25));
    assertThat(snapshot.p95Ms()).isCloseTo(9.5, within(0.475));
    assertThat(snapshot.p99Ms()).isCloseTo(9.9, within(0.495));
    assertThat(snapshot.stddevMs()).isCloseTo(2.887, within(0.001));
  }

  @Test
  void rowsIgnoreUnknownCountsAndAddLateOnes() {
    StatementStatistics statistics = newStatistics();
    statistics.record(MS, 5, null, T0);
    statistics.record(MS, -1, null, T0);
    statistics.addRows(7);
    statistics.addRows(-3);

    assertThat(statistics.snapshot().rows()).isEqualTo(12);
  }

  @Test
  void errorsAreCountedBySqlState() {
    StatementStatistics statistics = newStatistics();
    statistics.record(MS, -1, "40P01", T0);
    statistics.record(MS, -1, "40P01", T0);
    statistics.record(MS, -1, "23505", T0);
    statistics.record(MS, -1, "", T0);
    statistics.record(MS, 1, null, T0);

    StatementSnapshot snapshot = statistics.snapshot();

    assertThat(snapshot.calls()).isEqualTo(5);
    assertThat(snapshot.errors()).isEqualTo(4);
    assertThat(snapshot.errorsBySqlState())
        .containsExactly(entry("23505", 1L), entry("40P01", 2L), entry("unknown", 1L));
    assertThat(snapshot.totalMs()).isEqualTo(5.0); // failed executions take time too
  }

  @Test
  void distinctSqlStatesAreCapped() {
    StatementStatistics statistics = newStatistics();
    for (int i = 0; i < StatementStatistics.MAX_SQL_STATES + 10; i++) {
      statistics.record(MS, -1, String.format("S%04d", i), T0);
    }

    StatementSnapshot snapshot = statistics.snapshot();

    assertThat(snapshot.errorsBySqlState()).hasSize(StatementStatistics.MAX_SQL_STATES + 1);
    assertThat(snapshot.errorsBySqlState()).containsEntry("other", 10L);
    assertThat(snapshot.errors()).isEqualTo(StatementStatistics.MAX_SQL_STATES + 10);
  }

  @Test
  void firstAndLastSeenAreTheExtremesWhateverTheOrder() {
    StatementStatistics statistics = newStatistics();
    statistics.record(MS, 0, null, T0 + 50);
    statistics.record(MS, 0, null, T0 + 10);
    statistics.record(MS, 0, null, T0 + 90);
    statistics.record(MS, 0, null, T0 + 20);

    StatementSnapshot snapshot = statistics.snapshot();

    assertThat(snapshot.firstSeen()).isEqualTo(Instant.ofEpochMilli(T0 + 10));
    assertThat(snapshot.lastSeen()).isEqualTo(Instant.ofEpochMilli(T0 + 90));
  }

  @Test
  void enrichPublishesTheParsedShape() {
    StatementStatistics statistics = newStatistics();
    assertThat(statistics.tables()).isEmpty();

    statistics.enrich(new StatementInfo("SELECT", List.of("orders"), "FOR UPDATE", true));

    assertThat(statistics.operation()).isEqualTo("SELECT");
    assertThat(statistics.tables()).containsExactly("orders");
    assertThat(statistics.lockClause()).isEqualTo("FOR UPDATE");
    statistics.record(MS, 1, null, T0);
    assertThat(statistics.snapshot().tables()).containsExactly("orders");
    assertThat(statistics.snapshot().lockClause()).isEqualTo("FOR UPDATE");
  }

  @Test
  void emptyStatisticsSnapshotToZeros() {
    StatementSnapshot snapshot = newStatistics().snapshot();

    assertThat(snapshot.calls()).isZero();
    assertThat(snapshot.totalMs()).isZero();
    assertThat(snapshot.minMs()).isZero();
    assertThat(snapshot.maxMs()).isZero();
    assertThat(snapshot.stddevMs()).isZero();
    assertThat(snapshot.p99Ms()).isZero();
    assertThat(snapshot.firstSeen()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void negativeDurationsCountAsZero() {
    StatementStatistics statistics = newStatistics();
    statistics.record(-5, 0, null, T0);

    StatementSnapshot snapshot = statistics.snapshot();
    assertThat(snapshot.calls()).isEqualTo(1);
    assertThat(snapshot.minMs()).isZero();
    assertThat(snapshot.maxMs()).isZero();
  }

  @Test
  void concurrentRecordingLosesNothing() throws Exception {
    StatementStatistics statistics = newStatistics();
    int threads = 4;
    int perThread = 100_000;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (int i = 0; i < perThread; i++) {
                  // durations 1..1000 µs; an error every 1000th call
                  long nanos = (1 + (i + offset) % 1_000) * 1_000L;
                  statistics.record(nanos, 2, i % 1_000 == 0 ? "40001" : null, T0 + i);
                }
              });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }

    StatementSnapshot snapshot = statistics.snapshot();

    long calls = (long) threads * perThread;
    assertThat(snapshot.calls()).isEqualTo(calls);
    // each thread cycles through 1..1000 µs exactly 100 times: 100 * 500,500 µs
    assertThat(snapshot.totalMs()).isEqualTo(threads * 100 * 500_500 / 1_000.0);
    assertThat(snapshot.rows()).isEqualTo(2 * calls);
    assertThat(snapshot.errors()).isEqualTo(threads * perThread / 1_000);
    assertThat(snapshot.errorsBySqlState()).containsExactly(entry("40001", 400L));
    assertThat(snapshot.minMs()).isEqualTo(0.001);
    assertThat(snapshot.maxMs()).isEqualTo(1.0);
    assertThat(snapshot.meanMs()).isCloseTo(0.5005, within(0.001));
    assertThat(snapshot.lastSeen()).isEqualTo(Instant.ofEpochMilli(T0 + perThread - 1));
  }

  @Test
  void onlyTheFirstOfManyThreadsClaimsTheEnrichment() throws Exception {
    StatementStatistics statistics = newStatistics();
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    java.util.concurrent.atomic.AtomicInteger claims = new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> racers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread racer = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        if (statistics.claimEnrichment()) {
          claims.incrementAndGet();
        }
      });
      racer.start();
      racers.add(racer);
    }
    for (Thread racer : racers) {
      racer.join();
    }

    assertThat(claims).hasValue(1);
    assertThat(statistics.claimEnrichment()).isFalse();
  }

  @Test
  void theWorstSampleIsTheSlowestOfferedExecutionAndAbsentWhenNoneWas() {
    StatementStatistics statistics = newStatistics();
    statistics.record(3 * MS, 1, null, T0);
    assertThat(statistics.snapshot().worstSample()).isNull();

    statistics.offerSample(3 * MS, List.of("(int, 3 digits)"));
    statistics.offerSample(8 * MS, List.of("(int, 8 digits)"));
    statistics.offerSample(5 * MS, List.of("(int, 5 digits)"));
    statistics.offerSample(20 * MS, null);

    assertThat(statistics.snapshot().worstSample())
        .isEqualTo(new WorstSample(8.0, List.of("(int, 8 digits)")));
  }
}
