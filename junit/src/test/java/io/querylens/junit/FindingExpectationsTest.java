package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;

import example.cases.FindingCases;
import example.cases.NPlusOneCases;
import io.querylens.analyzer.callsite.Framework;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.detect.Suggestions;
import org.junit.jupiter.api.Test;

/** The finding annotations, on real H2 statements and Hibernate under the agent. */
class FindingExpectationsTest {

  @Test
  void aLazyManyToOneReadInALoopFailsNoNPlusOneAtTheLoopsLine() {
    Examples examples = Examples.run(NPlusOneCases.class);

    assertThat(examples.message("lazyCustomersInALoop")).isEqualTo(Examples.expectedNPlusOneMessage());
  }

  @Test
  void theJoinFetchTwinPasses() {
    Examples.run(NPlusOneCases.class).assertPassed("joinFetch");
  }

  @Test
  void theSameQueryWithTheSameParametersFailsNoRepeatedQueries() {
    Examples examples = Examples.run(FindingCases.Repeated.class);

    examples.assertPassed("differentParameters");
    assertThat(examples.message("sameQueryTwice")).isEqualTo("""
        QueryLens: Repeated.sameQueryTwice() broke 1 query expectation
          Repeated query at example.cases.FindingCases$Repeated.sameQueryTwice(FindingCases.java:%d) (@NoRepeatedQueries)
            2 executions of: select name from item where id = ?
            fix: %s
        Statements run by the test (2):
             2 × select name from item where id = ?"""
        .formatted(FindingCases.Repeated.repeatLine, Suggestions.forFinding(FindingType.REPEATED_QUERY, Framework.PLAIN_JDBC)));
  }

  @Test
  void oneInsertPerRowFailsExpectBatchingAndOneBatchPasses() {
    Examples examples = Examples.run(FindingCases.Batching.class);

    examples.assertPassed("oneBatch");
    assertThat(examples.message("oneInsertPerRow")).isEqualTo("""
        QueryLens: Batching.oneInsertPerRow() broke 1 query expectation
          Unbatched writes at example.cases.FindingCases$Batching.oneInsertPerRow(FindingCases.java:%d) (@ExpectBatching)
            12 executions of: insert into item(id, name) values (?+)
            fix: %s
        Statements run by the test (12):
            12 × insert into item(id, name) values (?+)"""
        .formatted(FindingCases.Batching.insertLine, Suggestions.forFinding(FindingType.UNBATCHED_WRITES, Framework.PLAIN_JDBC)));
  }

  @Test
  void anExecutionOverTheLimitFailsExpectMaxQueryTime() {
    Examples examples = Examples.run(FindingCases.QueryTime.class);

    examples.assertPassed("withinTheLimit");
    assertThat(examples.message("overTheLimit")).matches("""
        QueryLens: QueryTime.overTheLimit\\(\\) broke 1 query expectation
          Slow query at an unknown line \\(below the agent's slowQueryThreshold, so no stack was taken\\): \\d+ ms \\(limit 50 ms\\) \\(@ExpectMaxQueryTime\\)
            1 execution of: call sleep_ms\\(\\?\\+\\)
        Statements run by the test \\(1\\):
             1 × call sleep_ms\\(\\?\\+\\)""");
    assertThat(examples.message("overTheAgentsThreshold")).matches("""
        QueryLens: QueryTime.overTheAgentsThreshold\\(\\) broke 1 query expectation
          Slow query at example.cases.FindingCases\\$QueryTime.overTheAgentsThreshold\\(FindingCases.java:%d\\): \\d+ ms \\(limit 100 ms\\) \\(@ExpectMaxQueryTime\\)
            1 execution of: call sleep_ms\\(\\?\\+\\)
            median of all its runs: \\d+\\.\\d ms
            fix: .+
        Statements run by the test \\(1\\):
             1 × call sleep_ms\\(\\?\\+\\)""".formatted(FindingCases.QueryTime.sleepLine));
  }

  @Test
  void aLockTimeoutFailsNoLockWaits() {
    Examples examples = Examples.run(FindingCases.Locks.class);

    examples.assertPassed("noContention");
    assertThat(FindingCases.Locks.error).as("H2's lock timeout").isEqualTo("HYT00 50200");
    assertThat(examples.message("lockTimeout")).isEqualTo("""
        QueryLens: Locks.lockTimeout() broke 1 query expectation
          Lock timeout at example.cases.FindingCases$Locks.lockTimeout(FindingCases.java:%d) (@NoLockWaits)
            1 execution of: update item set name = ? where id = ?
            fix: %s
        Statements run by the test (3):
             1 × select name from item where id = ? for update
             1 × set lock_timeout ?
             1 × update item set name = ? where id = ? (1 failed)"""
        .formatted(FindingCases.Locks.updateLine, Suggestions.forFinding(FindingType.LOCK_TIMEOUT, Framework.PLAIN_JDBC)));
  }
}
