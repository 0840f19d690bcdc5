package io.querylens.junit;

import io.querylens.analyzer.detect.FindingType;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent checks of {@link RecordedQueries}, for tests that look at part of their work or at several
 * moments of it; each check the statements break throws at once an {@link AssertionFailedError}
 * worded as the annotations' failures are, with the check as source:
 *
 * <pre>{@code
 * recording.snapshot().check().selects(1).maxTotal(3).noNPlusOne();
 * // QueryLens: OrderServiceTest.listsOrders() broke 1 query expectation
 * //   SELECT: expected 1 but was 6 (check().selects(1))
 * //   ...
 * }</pre>
 *
 * <p>Obtained from {@link RecordedQueries#check()}. Immutable.
 *
 * @since 0.1
 */
public final class QueryAssertions {
  private final RecordedQueries recorded;

  QueryAssertions(RecordedQueries recorded) {
    this.recorded = recorded;
  }

  /** Exactly {@code expected} SELECT statements ran. */
  public QueryAssertions selects(long expected) {
    return count(QueryKind.SELECT, expected, "selects");
  }

  /** Exactly {@code expected} INSERT statements ran. */
  public QueryAssertions inserts(long expected) {
    return count(QueryKind.INSERT, expected, "inserts");
  }

  /** Exactly {@code expected} UPDATE statements ran. */
  public QueryAssertions updates(long expected) {
    return count(QueryKind.UPDATE, expected, "updates");
  }

  /** Exactly {@code expected} DELETE statements ran. */
  public QueryAssertions deletes(long expected) {
    return count(QueryKind.DELETE, expected, "deletes");
  }

  /** Exactly {@code expected} statements of any kind ran. */
  public QueryAssertions total(long expected) {
    return count(null, expected, "total");
  }

  /** At most {@code max} SELECT statements ran. */
  public QueryAssertions maxSelects(long max) {
    return atMost(QueryKind.SELECT, max, "maxSelects");
  }

  /** At most {@code max} INSERT statements ran. */
  public QueryAssertions maxInserts(long max) {
    return atMost(QueryKind.INSERT, max, "maxInserts");
  }

  /** At most {@code max} UPDATE statements ran. */
  public QueryAssertions maxUpdates(long max) {
    return atMost(QueryKind.UPDATE, max, "maxUpdates");
  }

  /** At most {@code max} DELETE statements ran. */
  public QueryAssertions maxDeletes(long max) {
    return atMost(QueryKind.DELETE, max, "maxDeletes");
  }

  /** At most {@code max} statements of any kind ran. */
  public QueryAssertions maxTotal(long max) {
    return atMost(null, max, "maxTotal");
  }

  /** No N+1 query ran; see {@link NoNPlusOne}. */
  public QueryAssertions noNPlusOne() {
    return verify(FindingExpectation.none("check().noNPlusOne()", FindingType.N_PLUS_ONE));
  }

  /** No query ran twice with the same parameters; see {@link NoRepeatedQueries}. */
  public QueryAssertions noRepeatedQueries() {
    return verify(FindingExpectation.none("check().noRepeatedQueries()", FindingType.REPEATED_QUERY));
  }

  /** No write ran row by row where a batch would do; see {@link ExpectBatching}. */
  public QueryAssertions noUnbatchedWrites() {
    return verify(FindingExpectation.none("check().noUnbatchedWrites()", FindingType.UNBATCHED_WRITES));
  }

  /** No statement waited for a lock, timed out on one or died in a deadlock; see {@link NoLockWaits}. */
  public QueryAssertions noLockWaits() {
    return verify(FindingExpectation.none("check().noLockWaits()",
        FindingType.LOCK_WAIT, FindingType.LOCK_TIMEOUT, FindingType.DEADLOCK));
  }

  /**
   * No single execution took longer than {@code millis} milliseconds; see {@link ExpectMaxQueryTime}.
   *
   * @throws IllegalArgumentException if {@code millis} is not positive
   */
  public QueryAssertions maxQueryTime(long millis) {
    if (millis <= 0) {
      throw new IllegalArgumentException("maxQueryTime must be positive but was " + millis);
    }
    return verify(new QueryTimeExpectation(millis, "check().maxQueryTime(" + millis + ")"));
  }

  private QueryAssertions count(QueryKind kind, long expected, String check) {
    return verify(new CountExpectation(kind, nonNegative(expected, check), true, source(check, expected)));
  }

  private QueryAssertions atMost(QueryKind kind, long max, String check) {
    return verify(new CountExpectation(kind, nonNegative(max, check), false, source(check, max)));
  }

  private QueryAssertions verify(Expectation expectation) {
    List<Breach> breaches = new ArrayList<>();
    expectation.evaluate(recorded, breaches);
    if (!breaches.isEmpty()) {
      throw new AssertionFailedError(FailureMessage.of(breaches, recorded));
    }
    return this;
  }

  private static String source(String check, long value) {
    return "check()." + check + "(" + value + ")";
  }

  private static long nonNegative(long value, String check) {
    if (value < 0) {
      throw new IllegalArgumentException(check + " must not be negative but was " + value);
    }
    return value;
  }
}
