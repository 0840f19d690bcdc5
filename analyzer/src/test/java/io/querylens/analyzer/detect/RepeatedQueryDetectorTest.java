package io.querylens.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.querylens.analyzer.callsite.Framework;
import io.querylens.analyzer.callsite.app.FakeApplication;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.scope.ScopeKind;
import org.junit.jupiter.api.Test;

/** REPEATED_QUERY through a {@link io.querylens.analyzer.scope.ScopeTracker}, as the agent wires it. */
class RepeatedQueryDetectorTest {
  private static final String OWNER = "select * from owners where id = ?";
  private static final String RENAME = "update owners set name = ? where id = ?";

  private final FakeApplication app = new FakeApplication();

  @Test
  void fiveRunsWithTheSameParametersAreOneRepeatedQueryOfFive() {
    int line = app.runEach(OWNER, 7, 7, 7, 7, 7);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("REPEATED_QUERY");
      assertThat(finding.severity()).isEqualTo("WARNING");
      assertThat(finding.statement()).isEqualTo(OWNER);
      assertThat(finding.count()).isEqualTo(5);
      assertThat(finding.totalMs()).isCloseTo(0.5, within(1e-9));
      assertThat(finding.callSite().lineNumber()).isEqualTo(line);
      assertThat(finding.parent()).isNull();
      assertThat(finding.suggestion())
          .isEqualTo(Suggestions.forFinding(FindingType.REPEATED_QUERY, Framework.PLAIN_JDBC));
    });
  }

  @Test
  void twoRunsWithTheSameParametersAreARepeatedQueryOfTwo() {
    app.runEach(OWNER, 7, 7);

    assertThat(app.findings()).extracting(Finding::type, Finding::count)
        .containsExactly(tuple("REPEATED_QUERY", 2L));
  }

  @Test
  void onlyRunsThatRepeatParametersAreCounted() {
    app.runEach(OWNER, 7, 8, 7);

    assertThat(app.findings()).filteredOn(f -> f.type().equals("REPEATED_QUERY")).singleElement()
        .satisfies(finding -> assertThat(finding.count()).isEqualTo(2));
  }

  @Test
  void aRepeatFromAnotherLineIsCountedThere() {
    app.runOnce(OWNER, 7);
    int line = app.runEachFromAnotherLine(OWNER, 7);

    assertThat(app.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.callSite().lineNumber()).isEqualTo(line));
  }

  @Test
  void aWriteBetweenTwoIdenticalReadsMeansTheAnswerMayHaveChanged() {
    app.runEach(OWNER, 7);
    app.runOnce(RENAME, 1);
    app.runEach(OWNER, 7);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void identicalReadsAfterTheWriteRepeatAgain() {
    app.runEach(OWNER, 7);
    app.runOnce(RENAME, 1);
    app.runEach(OWNER, 7, 7);

    assertThat(app.findings()).singleElement().satisfies(finding -> assertThat(finding.count()).isEqualTo(2));
  }

  @Test
  void aCommonTableExpressionThatDeletesIsAWriteInBetween() {
    app.runEach(OWNER, 7);
    app.runOnce("with gone as (delete from owners where id = ? returning id) select count(*) from gone", 1);
    app.runEach(OWNER, 7);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void drawingASequenceValueAgainIsNotARepeatedQuery() {
    app.runEach("select nextval('owner_seq')", 0, 0, 0, 0, 0);
    app.runEach("select next value for owner_seq", 0, 0, 0);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void aQueryThatReadsNoTableIsNotARepeatedQuery() {
    app.runEach("select current_timestamp", 0, 0, 0);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void repeatedBatchedFetchesAreNotARepeatedQuery() {
    app.runEach("select * from owners where id in (?, ?)", 7, 7, 7);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void theSameReadInTwoScopesIsNotARepeatedQuery() {
    for (int run = 0; run < 2; run++) {
      Object scope = app.tracker().open(ScopeKind.EXPLICIT, "show owner");
      app.runEach(OWNER, 7);
      app.tracker().close(scope);
    }

    assertThat(app.findings()).isEmpty();
  }
}
