package io.querylens.junit;

import io.querylens.analyzer.capture.CapturedStatement;
import io.querylens.analyzer.capture.Captures;
import java.util.List;

/**
 * Writes the message of a failed test: which expectations it broke, each with what to do about it,
 * then every statement it ran, so that the developer need not rerun it to see.
 *
 * <pre>
 * QueryLens: OrderServiceTest.listsOrders() broke 2 query expectations
 *   SELECT: expected 1 but was 6 (@ExpectQueries)
 *   N+1 query at io.example.OrderService.list(OrderService.java:42) (@NoNPlusOne)
 *     5 executions of: select c1_0.id,c1_0.name from customer c1_0 where c1_0.id=?
 *     parent query: select o1_0.id,o1_0.customer_id from orders o1_0 (5 rows)
 *     fix: ...
 * Statements run by the test (6):
 *      1 × select o1_0.id,o1_0.customer_id from orders o1_0
 *      5 × select c1_0.id,c1_0.name from customer c1_0 where c1_0.id=?
 * </pre>
 *
 * <p>The shape is API: tests and documentation quote it.
 */
final class FailureMessage {
  /** Statements listed at most; a test that runs more is summarized. */
  static final int MAX_LISTED_STATEMENTS = 100;

  private static final int MIN_COUNT_WIDTH = 4;

  private FailureMessage() {}

  /** The message for the test that ran {@code recorded} and broke {@code breaches} (at least one). */
  static String of(List<Breach> breaches, RecordedQueries recorded) {
    StringBuilder sb = new StringBuilder("QueryLens: ").append(recorded.testName()).append(" broke ")
        .append(breaches.size()).append(breaches.size() == 1 ? " query expectation" : " query expectations");
    for (Breach breach : breaches) {
      sb.append("\n  ").append(breach.headline());
      for (String detail : breach.details()) {
        sb.append("\n    ").append(detail);
      }
    }
    return sb.append('\n').append(statements(recorded)).toString();
  }

  /**
   * {@code Statements run by the test (6):} and one line per statement, in the order they first ran;
   * then, if any, how many HTTP requests could not be attributed to the test.
   */
  static String statements(RecordedQueries recorded) {
    return listing(recorded) + unattributed(recorded.unattributedRequests());
  }

  private static String listing(RecordedQueries recorded) {
    List<CapturedStatement> statements = recorded.statements();
    if (statements.isEmpty()) {
      return "Statements run by the test: none";
    }
    long widest = 0;
    for (CapturedStatement statement : statements) {
      widest = Math.max(widest, statement.executions());
    }
    int width = Math.max(MIN_COUNT_WIDTH, Long.toString(widest).length());
    StringBuilder sb = new StringBuilder("Statements run by the test (").append(recorded.total()).append("):");
    int listed = Math.min(statements.size(), MAX_LISTED_STATEMENTS);
    for (int i = 0; i < listed; i++) {
      CapturedStatement statement = statements.get(i);
      sb.append("\n  ").append(pad(statement.executions(), width)).append(" × ").append(statement.statement());
      if (statement.batchedExecutions() > 0) {
        sb.append(" (").append(statement.batchedExecutions()).append(" batched)");
      }
      if (statement.failedExecutions() > 0) {
        sb.append(" (").append(statement.failedExecutions()).append(" failed)");
      }
    }
    if (statements.size() > listed) {
      sb.append("\n  ... and ").append(statements.size() - listed).append(" more statements");
    }
    return sb.toString();
  }

  // Statements of such requests are in no test's count: a test that misses some must say why.
  private static String unattributed(long requests) {
    if (requests == 0) {
      return "";
    }
    return "\nNot counted: " + requests + (requests == 1 ? " HTTP request" : " HTTP requests")
        + " served in this JVM while other tests ran too, without a " + Captures.HEADER
        + " header to tell whose they were; send that header with the value of QueryRecording.headerValue()"
        + " to count them.";
  }

  private static String pad(long count, int width) {
    String digits = Long.toString(count);
    return " ".repeat(width - digits.length()) + digits;
  }
}
