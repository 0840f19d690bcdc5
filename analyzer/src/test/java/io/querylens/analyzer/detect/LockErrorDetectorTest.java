package io.querylens.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.callsite.app.FakeApplication;
import io.querylens.analyzer.callsite.app.Sql;
import org.junit.jupiter.api.Test;

/** Lock errors through a {@link io.querylens.analyzer.scope.ScopeTracker}, as the agent wires it (H2 codes). */
class LockErrorDetectorTest {
  private static final Sql TIMED_OUT = Sql.of("update owners set name = ? where id = ?").failingWith("50200");
  private static final Sql DEADLOCKED = Sql.of("update owners set name = ? where id = ?").failingWith("40001");

  private final FakeApplication app = new FakeApplication();

  @Test
  void theFirstLockTimeoutIsAFindingAtItsLine() {
    int line = app.runEach(TIMED_OUT, 7);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("LOCK_TIMEOUT");
      assertThat(finding.severity()).isEqualTo("WARNING");
      assertThat(finding.count()).isEqualTo(1);
      assertThat(finding.callSite().lineNumber()).isEqualTo(line);
      assertThat(finding.suggestion()).contains("lock timeout");
    });
  }

  @Test
  void retriesThatTimeOutAgainAddUpWithoutLookingLikeRepeatsOrUnbatchedWrites() {
    int line = app.runEach(TIMED_OUT, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("LOCK_TIMEOUT");
      assertThat(finding.count()).isEqualTo(12);
      assertThat(finding.callSite().lineNumber()).isEqualTo(line);
    });
  }

  @Test
  void aDeadlockIsAnError() {
    app.runEach(DEADLOCKED, 1);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("DEADLOCK");
      assertThat(finding.severity()).isEqualTo("ERROR");
    });
  }

  @Test
  void otherFailuresAreNoLockErrors() {
    app.runEach(Sql.of("insert into owners (id) values (?)").failingWith("23505"), 1, 1);

    assertThat(app.findings()).isEmpty();
  }
}
