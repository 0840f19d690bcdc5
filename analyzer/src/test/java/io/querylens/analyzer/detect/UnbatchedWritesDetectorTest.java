package io.querylens.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.callsite.Framework;
import io.querylens.analyzer.callsite.app.FakeApplication;
import io.querylens.analyzer.callsite.app.Sql;
import io.querylens.analyzer.scope.ScopeKind;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * UNBATCHED_WRITES through a {@link io.querylens.analyzer.scope.ScopeTracker}, as the agent wires it
 * (threshold 10).
 */
class UnbatchedWritesDetectorTest {
  private static final String INSERT = "insert into visits (pet_id, description) values (?, ?)";

  private final FakeApplication app = new FakeApplication();

  private static long[] parameterSets(int count) {
    return LongStream.rangeClosed(1, count).toArray();
  }

  @Test
  void tenSingleInsertsFromOneLineAreUnbatchedWrites() {
    int line = app.runEach(INSERT, parameterSets(10));

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("UNBATCHED_WRITES");
      assertThat(finding.severity()).isEqualTo("WARNING");
      assertThat(finding.statement()).isEqualTo("insert into visits(pet_id, description) values (?+)");
      assertThat(finding.count()).isEqualTo(10);
      assertThat(finding.callSite().lineNumber()).isEqualTo(line);
      assertThat(finding.parent()).isNull();
      assertThat(finding.suggestion())
          .isEqualTo(Suggestions.forFinding(FindingType.UNBATCHED_WRITES, Framework.PLAIN_JDBC));
    });
  }

  @Test
  void nineSingleInsertsAreNot() {
    app.runEach(INSERT, parameterSets(9));

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void laterWritesAddToTheFinding() {
    app.runEach(INSERT, parameterSets(25));

    assertThat(app.findings()).singleElement().satisfies(finding -> assertThat(finding.count()).isEqualTo(25));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "update pets set name = ? where id = ?",
      "delete from visits where id = ?",
      "merge into pets p using (values (?, ?)) s (id, name) on p.id = s.id when matched then update set name = s.name"})
  void updatesDeletesAndMergesCountToo(String sql) {
    app.runEach(sql, parameterSets(10));

    assertThat(app.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.type()).isEqualTo("UNBATCHED_WRITES"));
  }

  @Test
  void writesSentWithExecuteBatchAreNot() {
    app.runEach(Sql.of(INSERT).inBatchesOf(50), parameterSets(10));

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void multiRowInsertsAreNot() {
    app.runEach("insert into visits (pet_id, description) values (?, ?), (?, ?)", parameterSets(10));

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void failingWritesAreNot() {
    app.runEach(Sql.of(INSERT).failingWith("23505"), parameterSets(10));

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void writesFromTwoLinesAreCountedApart() {
    app.runEach(INSERT, parameterSets(9));
    app.runEachFromAnotherLine(INSERT, parameterSets(9));

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void writesInTwoScopesAreCountedApart() {
    for (int run = 0; run < 2; run++) {
      Object scope = app.tracker().open(ScopeKind.EXPLICIT, "import");
      app.runEach(INSERT, parameterSets(9));
      app.tracker().close(scope);
    }

    assertThat(app.findings()).isEmpty();
  }
}
