package io.querylens.junit;

import io.querylens.analyzer.capture.CapturedQueries;
import io.querylens.analyzer.capture.CapturedStatement;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.report.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test ran up to some moment: its statements with their counts, and the findings (N+1
 * queries, lock waits...) raised in its units of work.
 *
 * <p>Counts are JDBC executions: an {@code executeBatch} counts once, whatever its size. Immutable
 * and thread-safe; {@link #toString()} lists the statements as a failure message does.
 *
 * @since 0.1
 */
public final class RecordedQueries {
  private final String testName;
  private final CapturedQueries captured;
  private final long[] counts = new long[QueryKind.values().length];
  private final long total;

  RecordedQueries(String testName, CapturedQueries captured) {
    this.testName = testName;
    this.captured = captured;
    long sum = 0;
    for (CapturedStatement statement : captured.statements()) {
      counts[QueryKind.of(statement.operation()).ordinal()] += statement.executions();
      sum += statement.executions();
    }
    this.total = sum;
  }

  /** How many statements of {@code kind} ran. */
  public long count(QueryKind kind) {
    return counts[kind.ordinal()];
  }

  /** How many SELECT statements ran, {@code WITH ... SELECT} included. */
  public long selects() {
    return count(QueryKind.SELECT);
  }

  /** How many INSERT statements ran. */
  public long inserts() {
    return count(QueryKind.INSERT);
  }

  /** How many UPDATE statements ran. */
  public long updates() {
    return count(QueryKind.UPDATE);
  }

  /** How many DELETE statements ran. */
  public long deletes() {
    return count(QueryKind.DELETE);
  }

  /** How many statements of any kind ran, DDL and {@code CALL} included. */
  public long total() {
    return total;
  }

  /** The distinct statements, normalized (literals replaced by {@code ?}), in the order they first ran. */
  public List<CapturedStatement> statements() {
    return captured.statements();
  }

  /** Every finding, most severe first. */
  public List<Finding> findings() {
    return captured.findings();
  }

  /** The findings of {@code type}, most severe first. */
  public List<Finding> findings(FindingType type) {
    List<Finding> matching = new ArrayList<>();
    for (Finding finding : captured.findings()) {
      if (finding.type().equals(type.name())) {
        matching.add(finding);
      }
    }
    return List.copyOf(matching);
  }

  /**
   * HTTP requests served in this JVM while the test ran that may have been sent by it but are not
   * counted: several tests were running and the request named none of them in the {@code
   * QueryLens-Test} header ({@link QueryRecording#headerName()}).
   */
  public long unattributedRequests() {
    return captured.unattributedRequests();
  }

  /**
   * Checks these statements; each check throws an {@code AssertionFailedError} worded as the
   * annotations' failures are, e.g. {@code recording.snapshot().check().selects(1).noNPlusOne()}.
   */
  public QueryAssertions check() {
    return new QueryAssertions(this);
  }

  /** The test's name as failure messages give it, e.g. {@code OrderServiceTest.listsOrders()}. */
  String testName() {
    return testName;
  }

  /** {@code Statements run by the test (6):} and one line per statement. */
  @Override
  public String toString() {
    return FailureMessage.statements(this);
  }
}
