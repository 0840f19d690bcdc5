package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.cases.CountCases;
import example.cases.NPlusOneCases;
import io.querylens.analyzer.callsite.Framework;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.detect.Suggestions;
import org.junit.jupiter.api.Test;

/**
 * With {@code -Dquerylens.junit.mode=library}, no agent: P6Spy ({@code jdbc:p6spy:h2:...}, the
 * QueryLens module in {@code p6spy.config.modulelist}) feeds the same judgement.
 *
 * <p>Runs alone in surefire's {@code library-mode} execution, which sets those properties; the
 * default execution leaves it out.
 */
class LibraryModeTest {

  @Test
  void p6spyFeedsTheSameCountsAndFindingsWithoutAnAgent() {
    Examples counts = Examples.run(CountCases.ExactCounts.class);
    Examples nPlusOne = Examples.run(NPlusOneCases.class);

    assertThatThrownBy(() -> Class.forName(TestHooksBridge.CLASS_NAME, false, null))
        .as("no agent in this JVM")
        .isInstanceOf(ClassNotFoundException.class);
    counts.assertPassed("oneOfEachKind");
    assertThat(counts.message("selectBreach")).isEqualTo("""
        QueryLens: ExactCounts.selectBreach() broke 1 query expectation
          SELECT: expected 1 but was 3 (@ExpectQueries)
        Statements run by the test (3):
             3 × select name from item where id = ?""");
    nPlusOne.assertPassed("joinFetch");
    assertThat(nPlusOne.message("lazyCustomersInALoop")).isEqualTo("""
        QueryLens: NPlusOneCases.lazyCustomersInALoop() broke 2 query expectations
          SELECT: expected 1 but was 6 (@ExpectQueries)
          N+1 query at example.cases.NPlusOneCases.lazyCustomersInALoop(NPlusOneCases.java:%d) (@NoNPlusOne)
            5 executions of: select c1_0.id, c1_0.name from customer c1_0 where c1_0.id = ?
            parent query: select co1_0.id, co1_0.customer_id from orders co1_0 order by co1_0.id (5 rows)
            fix: %s
        Statements run by the test (6):
             1 × select co1_0.id, co1_0.customer_id from orders co1_0 order by co1_0.id
             5 × select c1_0.id, c1_0.name from customer c1_0 where c1_0.id = ?"""
        .formatted(NPlusOneCases.loopLine, Suggestions.forFinding(FindingType.N_PLUS_ONE, Framework.HIBERNATE)));
  }

  @Test
  void inAutoModeARecordingLibraryModeIsUsedInsteadOfAttachingTheAgent() throws Exception {
    Examples.run(CountCases.ExactCounts.class); // P6Spy has started the library mode by now
    java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();

    TestHooksBridge hooks = RecorderConnection.connect(Mode.AUTO, name -> null,
        new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));

    assertThat(hooks.isActive()).isTrue();
    assertThat(said.toString(java.nio.charset.StandardCharsets.UTF_8)).as("no attach line").isEmpty();
    assertThatThrownBy(() -> Class.forName(TestHooksBridge.CLASS_NAME, false, null))
        .as("still no agent in this JVM")
        .isInstanceOf(ClassNotFoundException.class);
  }
}
