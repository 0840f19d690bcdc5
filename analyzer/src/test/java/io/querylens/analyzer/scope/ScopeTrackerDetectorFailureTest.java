package io.querylens.analyzer.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querylens.analyzer.callsite.FramePolicy;
import io.querylens.analyzer.callsite.StackCapture;
import io.querylens.analyzer.detect.Detector;
import io.querylens.analyzer.detect.FindingRegistry;
import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.fingerprint.StatementShape;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A detector that throws (issue 10): the detectors after it still judge the execution, and the tracker throws the
 * failure only once the scope has counted it, for its caller to count.
 */
class ScopeTrackerDetectorFailureTest {
  private static final String SQL = "select * from pets where owner_id = ?";

  private final AtomicInteger inspected = new AtomicInteger();
  private final Detector broken = execution -> {
    throw new IllegalStateException("broken detector");
  };
  private final Detector counting = execution -> inspected.incrementAndGet();
  private long now = System.nanoTime();

  @Test
  void theDetectorsAfterABrokenOneStillJudgeEveryExecutionAndTheFailureIsThrownAfterThem() {
    ScopeTracker tracker = new ScopeTracker(ScopeSettings.defaults(Duration.ofSeconds(1), Duration.ofSeconds(10)),
        new StackCapture(FramePolicy.defaults()), new Detector[] {broken, counting}, new FindingRegistry(10));

    tracker.onStatement(next(1)); // the first execution of a fast statement is held, judged with the second
    for (long parameters = 2; parameters <= 3; parameters++) {
      long p = parameters;
      assertThatThrownBy(() -> tracker.onStatement(next(p)))
          .isInstanceOf(IllegalStateException.class).hasMessage("broken detector");
    }

    assertThat(inspected).as("executions the detector after the broken one judged").hasValue(2);
  }

  private StatementEvent next(long parameters) {
    NormalizedSql normalized = Fingerprinter.normalize(SQL);
    long start = now;
    now += 1_000_000;
    return new StatementEvent(SQL, normalized, null, 1, "h2", Thread.currentThread().getId(), start, start + 100_000,
        -1, 0, null, 0, false, StatementShape.of(SQL, normalized), parameters, false, false);
  }
}
