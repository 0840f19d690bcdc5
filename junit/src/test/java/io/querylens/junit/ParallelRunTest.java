package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;

import example.cases.ParallelCases;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests that run at the same time each count exactly their own statements. */
class ParallelRunTest {

  @Test
  void eachConcurrentTestSeesExactlyItsOwnStatements() {
    Examples examples = Examples.run(ParallelCases.class, Map.of(
        "junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.mode.default", "concurrent",
        "junit.jupiter.execution.parallel.config.strategy", "fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(ParallelCases.TESTS)));

    assertThat(examples.outcomes()).hasSize(ParallelCases.TESTS);
    for (String test : examples.outcomes().keySet()) {
      examples.assertPassed(test);
    }
  }
}
