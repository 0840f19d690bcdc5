package io.querylens.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.querylens.analyzer.callsite.Framework;
import io.querylens.analyzer.callsite.app.FakeApplication;
import io.querylens.analyzer.callsite.app.Sql;
import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.report.Finding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** N_PLUS_ONE through a {@link io.querylens.analyzer.scope.ScopeTracker}, as the agent wires it (threshold 3). */
class NPlusOneDetectorTest {
  private static final String OWNERS = "select * from owners where last_name like ?";
  private static final String PETS = "select * from pets where owner_id = ?";

  private final FakeApplication app = new FakeApplication();

  private List<String> findingTypes() {
    return app.findings().stream().map(Finding::type).toList();
  }

  @Test
  void aQueryRunThreeTimesFromOneLineWithDistinctParametersIsAnNPlusOne() {
    app.runOnce(OWNERS, 7);
    app.lastEvent().addRowsRead(3);
    int line = app.runEach(PETS, 1, 2, 3);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("N_PLUS_ONE");
      assertThat(finding.severity()).isEqualTo("ERROR");
      assertThat(finding.scope()).isEqualTo("thread in FakeApplication.runEach");
      assertThat(finding.scopeKind()).isEqualTo("thread");
      assertThat(finding.statement()).isEqualTo(PETS);
      assertThat(finding.fingerprint()).isEqualTo(Fingerprinter.normalize(PETS).fingerprint());
      assertThat(finding.count()).isEqualTo(3);
      assertThat(finding.totalMs()).isCloseTo(0.3, within(1e-9));
      assertThat(finding.callSite())
          .isEqualTo(new Finding.CallSite(FakeApplication.class.getName(), "runEach", "FakeApplication.java", line));
      assertThat(finding.stack()).first().isEqualTo(finding.callSite().toString());
      assertThat(finding.parent())
          .isEqualTo(new Finding.ParentQuery(OWNERS, Fingerprinter.normalize(OWNERS).fingerprint(), 3));
      assertThat(finding.suggestion()).isEqualTo(Suggestions.forFinding(FindingType.N_PLUS_ONE, Framework.PLAIN_JDBC));
      assertThat(finding.occurrences()).isEqualTo(1);
      assertThat(Instant.parse(finding.firstSeen())).isBefore(Instant.parse(finding.lastSeen()));
    });
  }

  @Test
  void twoExecutionsAreNotAnNPlusOne() {
    app.runEach(PETS, 1, 2);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void laterExecutionsAddToTheFinding() {
    app.runEach(PETS, 1, 2, 3, 4, 5);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.count()).isEqualTo(5);
      assertThat(finding.totalMs()).isCloseTo(0.5, within(1e-9));
    });
  }

  @Test
  void aLoopWithoutAQueryBeforeItHasNoParent() {
    app.runEach(PETS, 1, 2, 3);

    assertThat(app.findings()).singleElement().satisfies(finding -> assertThat(finding.parent()).isNull());
  }

  @Test
  void aQueryThatReadsNoTableIsNoParent() {
    app.runOnce(OWNERS, 7);
    app.runOnce("select nextval('owner_seq')", 0);
    app.runEach(PETS, 1, 2, 3);

    assertThat(app.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.parent().statement()).isEqualTo(OWNERS));
  }

  @Test
  void identicalParametersAreARepeatedQueryAndNotAnNPlusOne() {
    app.runEach(PETS, 1, 1, 1);

    assertThat(findingTypes()).containsExactly("REPEATED_QUERY");
  }

  @Test
  void aLoopThatRepeatsSomeParametersIsStillAnNPlusOne() {
    app.runEach(PETS, 1, 1, 2);

    assertThat(findingTypes()).containsExactly("N_PLUS_ONE", "REPEATED_QUERY");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select * from pets where owner_id in (?, ?, ?)",
      "select * from pets where owner_id in (1, 2, 3)"})
  void aLoopOfBatchedFetchesIsNotAnNPlusOne(String sql) {
    app.runEach(sql, 1, 2, 3);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void aLoopBindingAnArrayIsNotAnNPlusOne() {
    app.runEach(Sql.of("select * from pets where owner_id = any (?)").withArrayParameter(), 1, 2, 3);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void aLoopOfExecuteBatchIsNotAnNPlusOne() {
    app.runEach(Sql.of(PETS).inBatchesOf(50), 1, 2, 3);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void batchedExecutionsDoNotCountTowardsTheThreshold() {
    // One fingerprint: the IN list collapses, whatever its length.
    app.runEach("select * from pets where owner_id in (?, ?)", 1, 2, 3);
    app.runEach("select * from pets where owner_id in (?)", 4, 5);

    assertThat(app.findings()).isEmpty();

    app.runEach("select * from pets where owner_id in (?)", 6);

    assertThat(app.findings()).singleElement().satisfies(finding -> assertThat(finding.count()).isEqualTo(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select * from pets order by id limit ? offset ?",
      "select * from pets where id > ? order by id limit ?",
      "select * from pets where id > ? order by id fetch first ? rows only"})
  void readingPageAfterPageIsNotAnNPlusOne(String sql) {
    app.runEach(sql, 1, 2, 3);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void aTopNQueryPerKeyIsAnNPlusOne() {
    app.runEach("select * from pets where owner_id = ? fetch first ? rows only", 1, 2, 3);

    assertThat(findingTypes()).containsExactly("N_PLUS_ONE");
  }

  @Test
  void drawingSequenceValuesIsNotAnNPlusOne() {
    app.runEach("select nextval('owner_seq')", 1, 2, 3);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void writesAreNotAnNPlusOne() {
    app.runEach("update pets set name = ? where id = ?", 1, 2, 3);

    assertThat(app.findings()).isEmpty();
  }
}
