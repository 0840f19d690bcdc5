package io.querylens.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.fingerprint.StatementShape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A finding's example bind values (captureParameters=true): those of its slowest execution. */
class FindingExampleParametersTest {
  private static final String SQL = "select * from pets where owner_id = ?";
  private static final NormalizedSql NORMALIZED = Fingerprinter.normalize(SQL);

  @Test
  void theSlowestExecutionOfferedGivesTheExample() {
    FindingAccumulator finding = slowQuery();

    finding.example(event(5, List.of("(int, 1 digit)")));
    finding.example(event(9, List.of("(int, 9 digits)")));
    finding.example(event(2, List.of("(int, 2 digits)")));

    assertThat(finding.figures().exampleParameters()).containsExactly("(int, 9 digits)");
    assertThat(finding.figures().exampleNanos()).isEqualTo(9_000_000L);
  }

  @Test
  void executionsWithoutValuesLeaveNoExample() {
    FindingAccumulator finding = slowQuery();

    finding.example(event(9, null));

    assertThat(finding.figures().exampleParameters()).isNull();
  }

  private static FindingAccumulator slowQuery() {
    return new FindingAccumulator(FindingType.SLOW_QUERY, NORMALIZED, null, "fix it", null, null, 1, 1, 1, 0, 1);
  }

  private static StatementEvent event(long millis, List<String> parameters) {
    StatementEvent event = new StatementEvent(SQL, NORMALIZED, null, 1, "h2", 1, 0, millis * 1_000_000L, -1, 0,
        null, 0, false, StatementShape.of(SQL, NORMALIZED), 1, false, false);
    event.parameters(parameters);
    return event;
  }
}
