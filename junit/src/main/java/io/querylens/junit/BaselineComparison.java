package io.querylens.junit;

import io.querylens.analyzer.capture.CapturedStatement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares what a test ran with its baseline entry: more statements in all, or more executions of
 * one (a statement new since the baseline included), break it; fewer are only worth a note.
 */
final class BaselineComparison {
  /** How to accept an increase; the last line of the breach. */
  static final String HOW_TO_ACCEPT =
      "If the increase is intended, record the baseline again: mvn test -Dquerylens.baseline.record=true";

  private BaselineComparison() {}

  /**
   * The breach when {@code now} ran more than {@code baseline}, or null.
   *
   * <pre>
   * Baseline exceeded: total 6 (baseline 4) in /repo/querylens-baseline.json
   *   +3  select c1_0.id from customer c1_0 where c1_0.id=? (baseline 2, now 5)
   *   If the increase is intended, record the baseline again: mvn test -Dquerylens.baseline.record=true
   * </pre>
   */
  static Breach exceeded(BaselineEntry baseline, RecordedQueries now, Path file) {
    BaselineEntry current = BaselineEntry.of(now);
    List<String> details = new ArrayList<>();
    for (String statement : inOrderRun(now)) {
      long before = baseline.executions(statement);
      long after = current.executions(statement);
      if (after > before) {
        details.add("+" + (after - before) + "  " + statement + " (baseline " + before + ", now " + after + ")");
      }
    }
    if (details.isEmpty() && current.total() <= baseline.total()) {
      return null;
    }
    details.add(HOW_TO_ACCEPT);
    return new Breach("Baseline exceeded: total " + current.total() + " (baseline " + baseline.total() + ") in "
        + file, details);
  }

  /**
   * The note when {@code now} ran fewer statements than {@code baseline} and none more often, or
   * null: {@code QueryLens baseline: OrderServiceTest.listsOrders() ran fewer statements than its
   * baseline (6 → 4); record again with -Dquerylens.baseline.record=true to tighten it}.
   */
  static String shrank(BaselineEntry baseline, RecordedQueries now) {
    if (now.total() >= baseline.total()) {
      return null;
    }
    return "QueryLens baseline: " + now.testName() + " ran fewer statements than its baseline (" + baseline.total()
        + " → " + now.total() + "); record again with -Dquerylens.baseline.record=true to tighten it";
  }

  private static Set<String> inOrderRun(RecordedQueries now) {
    Set<String> statements = new LinkedHashSet<>();
    for (CapturedStatement statement : now.statements()) {
      statements.add(statement.statement());
    }
    return statements;
  }
}
