package io.querylens.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.querylens.analyzer.callsite.app.FakeApplication;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.scope.ScopeKind;
import io.querylens.analyzer.scope.ScopeTracker;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** How findings reach reports: while their scope is open, once it closes, and within bounds. */
class FindingRegistryTest {
  private static final String PETS = "select * from pets where owner_id = ?";

  private final FakeApplication app = new FakeApplication();
  private final ScopeTracker tracker = app.tracker();

  private void nPlusOneIn(FakeApplication application, String scopeName) {
    Object scope = application.tracker().open(ScopeKind.EXPLICIT, scopeName);
    application.runEach(PETS, 1, 2, 3);
    application.tracker().close(scope);
  }

  @Test
  void anOpenScopesFindingIsReportedOnceBeforeAndOnceAfterItCloses() {
    Object scope = tracker.open(ScopeKind.EXPLICIT, "nightly import");
    app.runEach(PETS, 1, 2, 3);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.scope()).isEqualTo("nightly import");
      assertThat(finding.count()).isEqualTo(3);
      assertThat(finding.occurrences()).isEqualTo(1);
    });

    app.runEach(PETS, 4);
    tracker.close(scope);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.count()).isEqualTo(4);
      assertThat(finding.occurrences()).isEqualTo(1);
    });
    assertThat(app.findings()).hasSize(1);
  }

  @Test
  void aQuietWindowIsReadByReportsAndClosedByItsOwnThreadAtItsNextStatement() {
    app.runEach(PETS, 1, 2, 3);
    app.pause(Duration.ofSeconds(1));

    assertThat(app.findings()).singleElement().satisfies(finding -> assertThat(finding.count()).isEqualTo(3));
    assertThat(tracker.openScopes()).hasSize(1);

    app.runEach(PETS, 4, 5);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.count()).isEqualTo(3);
      assertThat(finding.occurrences()).isEqualTo(1);
    });
  }

  @Test
  void aScopeWhoseThreadEndedWithoutClosingItIsMergedOnceByTheNextReport() throws InterruptedException {
    Thread leaky = new Thread(() -> {
      tracker.open(ScopeKind.EXPLICIT, "leaked");
      app.runEach(PETS, 1, 2, 3);
    });
    leaky.start();
    leaky.join();

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.scope()).isEqualTo("leaked");
      assertThat(finding.count()).isEqualTo(3);
    });
    assertThat(app.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.occurrences()).isEqualTo(1));
  }

  @Test
  void reportsTakenWhileAScopeRaisesFindingsLoseNothing() throws Exception {
    Object scope = tracker.open(ScopeKind.EXPLICIT, "busy");
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread reporter = new Thread(() -> {
      while (!done.get()) {
        app.findings();
      }
    });
    reporter.start();
    long[] ids = new long[5_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i + 1;
    }
    app.runEach(PETS, ids);
    tracker.close(scope);
    done.set(true);
    reporter.join();

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.count()).isEqualTo(5_000);
      assertThat(finding.occurrences()).isEqualTo(1);
    });
  }

  @Test
  void aWindowIsNotExpiredWithinTheIdleGap() {
    app.runEach(PETS, 1, 2, 3);

    assertThat(app.findings()).hasSize(1);
    assertThat(tracker.openScopes()).hasSize(1);

    app.runEach(PETS, 4);

    assertThat(app.findings()).singleElement().satisfies(finding -> assertThat(finding.count()).isEqualTo(4));
  }

  @Test
  void aQuietTransactionIsNotExpired() {
    app.inTransaction(true);
    app.runEach(PETS, 1, 2, 3);

    assertThat(app.findings()).hasSize(1);
    assertThat(tracker.openScopes()).singleElement().asString().startsWith("transaction");
  }

  @Test
  void findingsBeyondMaxFindingsAreDroppedAndCounted() {
    FakeApplication small = new FakeApplication(2);
    for (String name : List.of("a", "b", "c")) {
      nPlusOneIn(small, name);
    }

    assertThat(small.findings()).extracting(Finding::scope).containsExactly("a", "b");
    assertThat(small.registry().droppedFindings()).isEqualTo(1);
  }

  @Test
  void aKnownFindingStillGrowsPastMaxFindings() {
    FakeApplication small = new FakeApplication(1);
    nPlusOneIn(small, "a");
    nPlusOneIn(small, "b");
    nPlusOneIn(small, "a");

    assertThat(small.findings()).extracting(Finding::scope, Finding::count, Finding::occurrences)
        .containsExactly(tuple("a", 6L, 2L));
    assertThat(small.registry().droppedFindings()).isEqualTo(1);
  }

  @Test
  void droppedFindingsCountsEveryScopesFindingThatFoundNoRoom() {
    FakeApplication small = new FakeApplication(1);
    nPlusOneIn(small, "a");
    nPlusOneIn(small, "b");
    nPlusOneIn(small, "b");

    assertThat(small.registry().droppedFindings()).isEqualTo(2);
  }

  @Test
  void errorsComeFirstThenTheLargestCounts() {
    app.runEach("select * from owners where id = ?", 7, 7, 7, 7, 7);
    app.runEach("insert into visits (pet_id, description) values (?, ?)", LongStream.rangeClosed(1, 12).toArray());
    app.runEach(PETS, 1, 2, 3);

    assertThat(app.findings()).extracting(Finding::type, Finding::count).containsExactly(
        tuple("N_PLUS_ONE", 3L), tuple("UNBATCHED_WRITES", 12L), tuple("REPEATED_QUERY", 5L));
  }

  @Test
  void noFindingHoldsALiteralTheApplicationUsed() {
    app.runEachPlain("select * from owners where last_name = 'Franklin'");
    app.runEachPlain(
        "select * from pets where owner_id = 987654321 and secret = 'hunter2-a'",
        "select * from pets where owner_id = 987654322 and secret = 'hunter2-b'",
        "select * from pets where owner_id = 987654323 and secret = 'hunter2-c'");
    app.runEachPlain(IntStream.range(0, 3).mapToObj(i -> "select * from vets where token = 'tok-555666777'")
        .toArray(String[]::new));
    app.runEachPlain(IntStream.range(0, 10)
        .mapToObj(i -> "insert into visits (pet_id, description) values (98765440, 'hunter2-visit-" + i + "')")
        .toArray(String[]::new));

    List<Finding> findings = app.findings();

    assertThat(findings).extracting(Finding::type)
        .containsExactlyInAnyOrder("N_PLUS_ONE", "REPEATED_QUERY", "UNBATCHED_WRITES");
    assertThat(findings).filteredOn(f -> f.type().equals("N_PLUS_ONE")).singleElement()
        .satisfies(finding -> assertThat(finding.parent().statement())
            .isEqualTo("select * from owners where last_name = ?"));
    assertThat(findings.toString()).doesNotContain("Franklin", "98765432", "98765440", "hunter2", "tok-", "555666777");
  }
}
