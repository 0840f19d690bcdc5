package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.capture.CapturedQueries;
import io.querylens.analyzer.capture.CapturedStatement;
import io.querylens.analyzer.report.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure message's shape, from hand-made captures: the documentation quotes it. */
class FailureMessageTest {
  private static final String ORDERS = "select o1_0.id,o1_0.customer_id from orders o1_0";
  private static final String CUSTOMER = "select c1_0.id,c1_0.name from customer c1_0 where c1_0.id=?";

  @Test
  void theDocumentedExampleReadsAsDocumented() {
    Finding nPlusOne = finding("N_PLUS_ONE", CUSTOMER, 5,
        new Finding.CallSite("io.example.OrderService", "list", "OrderService.java", 42),
        new Finding.ParentQuery(ORDERS, "f1", 5), "Fetch the customers with the orders: JOIN FETCH.");
    RecordedQueries recorded = new RecordedQueries("OrderServiceTest.listsOrders()", new CapturedQueries(
        CapturedQueries.SCHEMA_VERSION, List.of(statement(ORDERS, "SELECT", 1), statement(CUSTOMER, "SELECT", 5)),
        List.of(nPlusOne), 0));
    List<Breach> breaches = new ArrayList<>();
    new CountExpectation(QueryKind.SELECT, 1, true, "@ExpectQueries").evaluate(recorded, breaches);
    new CountExpectation(null, 3, false, "@ExpectMaxQueries").evaluate(recorded, breaches);
    FindingExpectation.none("@NoNPlusOne", io.querylens.analyzer.detect.FindingType.N_PLUS_ONE)
        .evaluate(recorded, breaches);

    assertThat(FailureMessage.of(breaches, recorded)).isEqualTo("""
        QueryLens: OrderServiceTest.listsOrders() broke 3 query expectations
          SELECT: expected 1 but was 6 (@ExpectQueries)
          total: expected at most 3 but was 6 (@ExpectMaxQueries)
          N+1 query at io.example.OrderService.list(OrderService.java:42) (@NoNPlusOne)
            5 executions of: select c1_0.id,c1_0.name from customer c1_0 where c1_0.id=?
            parent query: select o1_0.id,o1_0.customer_id from orders o1_0 (5 rows)
            fix: Fetch the customers with the orders: JOIN FETCH.
        Statements run by the test (6):
             1 × select o1_0.id,o1_0.customer_id from orders o1_0
             5 × select c1_0.id,c1_0.name from customer c1_0 where c1_0.id=?""");
  }

  @Test
  void aFindingWithoutACallSiteSaysSo() {
    Finding repeated = finding("REPEATED_QUERY", CUSTOMER, 1, null, null, "Cache it.");

    assertThat(FindingBreaches.of(repeated, "@NoRepeatedQueries")).isEqualTo(new Breach(
        "Repeated query at an unknown line (no application frame on the stack) (@NoRepeatedQueries)",
        List.of("1 execution of: " + CUSTOMER, "fix: Cache it.")));
  }

  @Test
  void eachFindingTypeHasItsTitle() {
    assertThat(List.of("N_PLUS_ONE", "REPEATED_QUERY", "UNBATCHED_WRITES", "SLOW_QUERY", "LOCK_WAIT", "DEADLOCK",
        "LOCK_TIMEOUT", "SOMETHING_NEW").stream().map(FindingBreaches::title))
        .containsExactly("N+1 query", "Repeated query", "Unbatched writes", "Slow query", "Lock wait", "Deadlock",
            "Lock timeout", "something new");
  }

  @Test
  void aLockWaitSaysHowLongItWaitedAndNamesItsBlocker() {
    Finding wait = new Finding("LOCK_WAIT", "WARNING", "t", "test", "update item set name=? where id=?", "f", 2, 1250,
        new Finding.CallSite("com.example.Jobs", "run", "Jobs.java", 7), List.of(), null, "Shorten the holder.",
        2, "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z", 912.4, null, null, null, null,
        new Finding.Blocker("worker-1", new Finding.CallSite("com.example.Batch", "hold", "Batch.java", 3),
            List.of(), List.of("select * from item for update"), true, "7", null),
        null, null, null);

    assertThat(FindingBreaches.of(wait, "@NoLockWaits").details()).containsExactly(
        "2 executions of: update item set name=? where id=?",
        "waited 1250 ms in all, the longest 912 ms",
        "blocked by: thread \"worker-1\" at com.example.Batch.hold(Batch.java:3), after: select * from item for update",
        "fix: Shorten the holder.");
  }

  @Test
  void aSlowStatementNamesTheLineWhenTheAgentTookIt() {
    Finding slow = new Finding("SLOW_QUERY", "WARNING", "t", "test", "call sleep_ms(?)", "fp", 1, 812,
        new Finding.CallSite("com.example.Reports", "build", "Reports.java", 12), List.of(), null, "Look at its plan.",
        1, "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z", 812.0, 812.0, null, null, null, null, null, null, null);
    RecordedQueries recorded = recorded(
        List.of(new CapturedStatement("call sleep_ms(?)", "fp", "CALL", 2, 0, 0, 900, 812.3),
            new CapturedStatement("select 1", "fq", "SELECT", 1, 0, 0, 120.4, 120.4)),
        List.of(slow));
    List<Breach> breaches = new ArrayList<>();

    new QueryTimeExpectation(100, "@ExpectMaxQueryTime").evaluate(recorded, breaches);

    assertThat(breaches).containsExactly(
        new Breach("Slow query at com.example.Reports.build(Reports.java:12): 812 ms (limit 100 ms) (@ExpectMaxQueryTime)",
            List.of("2 executions of: call sleep_ms(?)", "median of all its runs: 812.0 ms", "fix: Look at its plan.")),
        new Breach("Slow query at " + QueryTimeExpectation.NO_STACK + ": 120 ms (limit 100 ms) (@ExpectMaxQueryTime)",
            List.of("1 execution of: select 1")));
  }

  @Test
  void aDurationThatRoundsToTheLimitKeepsItsDecimal() {
    RecordedQueries recorded = recorded(List.of(new CapturedStatement("select 1", "f", "SELECT", 1, 0, 0, 100.4, 100.4)),
        List.of());
    List<Breach> breaches = new ArrayList<>();

    new QueryTimeExpectation(100, "@ExpectMaxQueryTime").evaluate(recorded, breaches);

    assertThat(breaches.get(0).headline()).contains(": 100.4 ms (limit 100 ms)");
  }

  @Test
  void statementsAreListedWithAlignedCountsBatchesAndFailures() {
    RecordedQueries recorded = recorded(List.of(
        new CapturedStatement("insert into t(id) values (?+)", "a", "INSERT", 12345, 12345, 0, 1, 1),
        new CapturedStatement("update t set x=? where id=?", "b", "UPDATE", 3, 0, 1, 1, 1)), List.of());

    assertThat(FailureMessage.statements(recorded)).isEqualTo("""
        Statements run by the test (12348):
          12345 × insert into t(id) values (?+) (12345 batched)
              3 × update t set x=? where id=? (1 failed)""");
    assertThat(recorded).hasToString(FailureMessage.statements(recorded));
  }

  @Test
  void requestsThatCouldNotBeAttributedAreSaid() {
    RecordedQueries recorded = new RecordedQueries("Test.test()", new CapturedQueries(CapturedQueries.SCHEMA_VERSION,
        List.of(statement("select 1", "SELECT", 1)), List.of(), 2));

    assertThat(recorded.unattributedRequests()).isEqualTo(2);
    assertThat(FailureMessage.statements(recorded)).isEqualTo("""
        Statements run by the test (1):
             1 × select 1
        Not counted: 2 HTTP requests served in this JVM while other tests ran too, without a QueryLens-Test \
        header to tell whose they were; send that header with the value of QueryRecording.headerValue() to count \
        them.""");
  }

  @Test
  void noStatementsAtAllIsSaid() {
    assertThat(FailureMessage.statements(recorded(List.of(), List.of()))).isEqualTo("Statements run by the test: none");
  }

  @Test
  void aLongListIsCut() {
    List<CapturedStatement> statements = new ArrayList<>();
    for (int i = 0; i < FailureMessage.MAX_LISTED_STATEMENTS + 3; i++) {
      statements.add(statement("select " + i, "SELECT", 1));
    }

    String listing = FailureMessage.statements(recorded(statements, List.of()));

    assertThat(listing.lines()).hasSize(FailureMessage.MAX_LISTED_STATEMENTS + 2);
    assertThat(listing).endsWith("\n  ... and 3 more statements");
  }

  @Test
  void countsFollowTheOperation() {
    RecordedQueries recorded = recorded(List.of(
        statement("select 1", "SELECT", 2), statement("insert", "INSERT", 3), statement("update", "UPDATE", 4),
        statement("delete", "DELETE", 5), statement("merge", "MERGE", 6), statement("call", "CALL", 7)), List.of());

    assertThat(recorded.selects()).isEqualTo(2);
    assertThat(recorded.inserts()).isEqualTo(3);
    assertThat(recorded.updates()).isEqualTo(4);
    assertThat(recorded.deletes()).isEqualTo(5);
    assertThat(recorded.count(QueryKind.OTHER)).isEqualTo(13);
    assertThat(recorded.total()).isEqualTo(27);
  }

  private static RecordedQueries recorded(List<CapturedStatement> statements, List<Finding> findings) {
    return new RecordedQueries("Test.test()",
        new CapturedQueries(CapturedQueries.SCHEMA_VERSION, statements, findings, 0));
  }

  private static CapturedStatement statement(String sql, String operation, long executions) {
    return new CapturedStatement(sql, "fp-" + sql, operation, executions, 0, 0, executions, 1);
  }

  private static Finding finding(String type, String statement, long count, Finding.CallSite callSite,
      Finding.ParentQuery parent, String suggestion) {
    return new Finding(type, "ERROR", "t", "test", statement, "fp", count, 10, callSite, List.of(), parent, suggestion,
        1, "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
  }
}
