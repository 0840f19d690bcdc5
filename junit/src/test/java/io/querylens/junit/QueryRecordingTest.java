package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;

import example.cases.RecordingCases;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.opentest4j.AssertionFailedError;

/** The programmatic API, a {@link QueryRecording} parameter, used by example tests under the agent. */
class QueryRecordingTest {
  private static Examples api;

  @BeforeAll
  static void runExamples() {
    api = Examples.run(RecordingCases.Api.class);
  }

  @Test
  void snapshotsCountWhatRanSoFar() {
    api.assertPassed("snapshotsCountSoFar");
  }

  @Test
  void resetForgetsWhatRanBefore() {
    api.assertPassed("resetForgetsWhatRanBefore");
  }

  @Test
  void notCountedLeavesSetUpOut() {
    api.assertPassed("notCountedLeavesSetUpOut");
  }

  @Test
  void notCountedRethrowsWhatTheWorkThrew() {
    assertThat(api.failure("notCountedRethrowsAsIs"))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("set-up failed");
  }

  @Test
  void theFluentCheckFailsAsTheAnnotationsDo() {
    assertThat(api.failure("fluentCheck")).isInstanceOf(AssertionFailedError.class);
    assertThat(api.message("fluentCheck")).isEqualTo("""
        QueryLens: Api.fluentCheck() broke 1 query expectation
          SELECT: expected 1 but was 3 (check().selects(1))
        Statements run by the test (3):
             3 × select name from item where id = ?""");
  }

  @Test
  void theHeaderNamesTheTest() {
    api.assertPassed("headerNamesTheTest");
  }

  @Test
  void aTestsOwnFailureComesFirstWithQueryLensSuppressed() {
    Throwable failure = api.failure("ownFailureComesFirst");

    assertThat(failure).hasMessage("the test's own failure");
    assertThat(failure.getSuppressed()).singleElement().satisfies(suppressed -> assertThat(suppressed)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("""
            QueryLens: Api.ownFailureComesFirst() broke 1 query expectation
              SELECT: expected 0 but was 1 (@ExpectQueries)
            Statements run by the test (1):
                 1 × select name from item where id = ?"""));
  }

  @Test
  void aBeforeEachMethodCannotTakeARecording() {
    Examples examples = Examples.run(RecordingCases.InBeforeEach.class);

    assertThat(examples.failure("test"))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage("QueryRecording can only be a parameter of a test method, not of setUp(): the recording"
            + " starts right before the test method runs (set-up in @BeforeAll and @BeforeEach methods is never"
            + " counted)");
  }
}
