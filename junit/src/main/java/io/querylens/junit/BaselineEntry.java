package io.querylens.junit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.querylens.analyzer.capture.CapturedStatement;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One test's line in the baseline file: how many statements it ran, in all and per normalized
 * statement.
 *
 * @param total executions of every statement
 * @param statements executions per normalized statement, sorted, so that the file diffs well
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"total", "statements"})
record BaselineEntry(long total, SortedMap<String, Long> statements) {
  BaselineEntry {
    statements = statements == null ? new TreeMap<>() : new TreeMap<>(statements);
  }

  /** The entry for what a test ran. */
  static BaselineEntry of(RecordedQueries recorded) {
    SortedMap<String, Long> statements = new TreeMap<>();
    for (CapturedStatement statement : recorded.statements()) {
      // two fingerprints may normalize to the same text; the file knows only the text
      statements.merge(statement.statement(), statement.executions(), Long::sum);
    }
    return new BaselineEntry(recorded.total(), statements);
  }

  /** Executions of {@code statement}, 0 when it did not run. */
  long executions(String statement) {
    return statements.getOrDefault(statement, 0L);
  }
}
