package io.querylens.analyzer.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.callsite.app.FakeApplication;
import io.querylens.analyzer.callsite.app.Sql;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.scope.ScopeKind;
import io.querylens.analyzer.scope.ScopeTracker;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CaptureTest {
  private static final String ORDERS = "select * from orders";
  private static final String CUSTOMER = "select * from customers where id = ?";
  private static final String LINE = "insert into order_lines (order_id, product) values (?, ?)";

  private final FakeApplication app = new FakeApplication();
  private final ScopeTracker tracker = app.tracker();
  private final Captures captures = tracker.captures();

  @Test
  void aTestCapturesItsOwnStatementsInTheOrderTheyFirstRanAndNothingBeforeOrAfter() {
    app.runOnce("select * from setup", 0);
    Capture capture = captures.start("t1", "OrderTest.lists()");
    Object test = tracker.openCapturing(ScopeKind.TEST, "OrderTest.lists()", capture);
    app.runOnce(ORDERS, 0);
    app.runEach(CUSTOMER, 1, 2);
    tracker.close(test);
    captures.end(capture);
    app.runOnce("select * from teardown", 0);

    assertThat(capture.snapshot().statements())
        .extracting(CapturedStatement::statement, CapturedStatement::operation, CapturedStatement::executions)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("select * from orders", "SELECT", 1L),
            org.assertj.core.groups.Tuple.tuple("select * from customers where id = ?", "SELECT", 2L));
  }

  @Test
  void anNPlusOneInTheTestIsTheTestsFindingAndStillTheReportsOne() {
    Capture capture = captures.start("t1", "OrderTest.lists()");
    Object test = tracker.openCapturing(ScopeKind.TEST, "OrderTest.lists()", capture);
    app.runOnce(ORDERS, 0);
    int line = app.runEach(CUSTOMER, 1, 2, 3);

    List<Finding> whileOpen = capture.snapshot().findings();
    tracker.close(test);

    assertThat(whileOpen).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("N_PLUS_ONE");
      assertThat(finding.callSite().lineNumber()).isEqualTo(line);
      assertThat(finding.parent().statement()).isEqualTo("select * from orders");
    });
    assertThat(capture.snapshot().findings()).singleElement()
        .satisfies(finding -> assertThat(finding.count()).isEqualTo(3));
    assertThat(app.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.scope()).isEqualTo("OrderTest.lists()"));
  }

  @Test
  void aScopeOpenedInsideTheTestCountsForItButANotCountedOneDoesNot() {
    Capture capture = captures.start("t1", "t");
    Object test = tracker.openCapturing(ScopeKind.TEST, "t", capture);
    Object inner = tracker.open(ScopeKind.EXPLICIT, "inner");
    app.runOnce(ORDERS, 0);
    tracker.close(inner);
    Object fixture = tracker.openCapturing(ScopeKind.EXPLICIT, "t (not counted)", null);
    app.runEach(LINE, 1, 2, 3);
    tracker.close(fixture);
    tracker.close(test);

    assertThat(capture.snapshot().statements()).extracting(CapturedStatement::statement)
        .containsExactly("select * from orders");
  }

  @Test
  void aRequestServedOnAnotherThreadCountsForTheOnlyRunningTest() throws InterruptedException {
    Capture capture = captures.start("t1", "t");
    Object test = tracker.openCapturing(ScopeKind.TEST, "t", capture);
    serveRequest(null, () -> {
      app.runOnce(ORDERS, 0);
      app.runEach(CUSTOMER, 1, 2, 3);
    });
    tracker.close(test);

    CapturedQueries captured = capture.snapshot();
    assertThat(captured.statements()).extracting(CapturedStatement::executions).containsExactly(1L, 3L);
    assertThat(captured.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("N_PLUS_ONE");
      assertThat(finding.scopeKind()).isEqualTo("request");
    });
  }

  @Test
  void withTwoTestsRunningARequestCountsOnlyForTheTestItsHeaderNames() throws InterruptedException {
    Capture first = captures.start("t1", "first");
    Capture second = captures.start("t2", "second");

    serveRequest(null, () -> app.runOnce(ORDERS, 0));
    serveRequest("t2", () -> app.runOnce(CUSTOMER, 7));

    assertThat(first.snapshot().statements()).isEmpty();
    assertThat(second.snapshot().statements()).extracting(CapturedStatement::statement)
        .containsExactly("select * from customers where id = ?");
    assertThat(first.snapshot().unattributedRequests()).isEqualTo(1);
    assertThat(second.snapshot().unattributedRequests()).isEqualTo(1);
  }

  @Test
  void aPausedTestStillMakesARequestWithoutHeaderAmbiguous() {
    Capture paused = captures.start("t1", "fixture-sending");
    Capture other = captures.start("t2", "other");
    paused.pause();

    assertThat(captures.forRequest(null)).isNull();
    assertThat(other.snapshot().unattributedRequests()).isEqualTo(1);
    assertThat(paused.snapshot().unattributedRequests()).isZero();
  }

  @Test
  void aPausedOrEndedTestGetsNoRequests() {
    Capture capture = captures.start("t1", "t");
    capture.pause();
    assertThat(captures.forRequest(null)).isNull();
    assertThat(captures.forRequest("t1")).isNull();
    capture.resume();
    assertThat(captures.forRequest(null)).isSameAs(capture);
    captures.end(capture);
    assertThat(captures.forRequest("t1")).isNull();
  }

  @Test
  void theThreadWorkingForATestIsKnownOnlyWhileItDoes() throws InterruptedException {
    Capture capture = captures.start("t1", "t");
    Object test = tracker.openCapturing(ScopeKind.TEST, "t", capture);
    assertThat(captures.onThread(Thread.currentThread())).isSameAs(capture);
    Object fixture = tracker.openCapturing(ScopeKind.EXPLICIT, "fixture", null);
    assertThat(captures.onThread(Thread.currentThread())).isNull();
    tracker.close(fixture);
    assertThat(captures.onThread(Thread.currentThread())).isSameAs(capture);
    tracker.close(test);
    assertThat(captures.onThread(Thread.currentThread())).isNull();
  }

  @Test
  void clearingForgetsStatementsAndFindingsSoFar() {
    Capture capture = captures.start("t1", "t");
    Object test = tracker.openCapturing(ScopeKind.TEST, "t", capture);
    app.runEach(CUSTOMER, 1, 2, 3);
    tracker.close(test);
    capture.clear();
    Object again = tracker.openCapturing(ScopeKind.TEST, "t", capture);
    app.runOnce(ORDERS, 0);
    tracker.close(again);

    assertThat(capture.snapshot().statements()).extracting(CapturedStatement::statement)
        .containsExactly("select * from orders");
    assertThat(capture.snapshot().findings()).isEmpty();
  }

  @Test
  void aBatchIsOneExecutionAndFailuresAreCounted() {
    Capture capture = captures.start("t1", "t");
    Object test = tracker.openCapturing(ScopeKind.TEST, "t", capture);
    app.runEach(Sql.of(LINE).inBatchesOf(50), 1);
    app.runEach(Sql.of("select * from missing").failingWith("42S02"), 1);
    tracker.close(test);

    assertThat(capture.snapshot().statements())
        .extracting(CapturedStatement::executions, CapturedStatement::batchedExecutions,
            CapturedStatement::failedExecutions)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 1L, 0L),
            org.assertj.core.groups.Tuple.tuple(1L, 0L, 1L));
  }

  @Test
  void distinctStatementsBeyondTheBoundAreCountedTogether() {
    Capture capture = captures.start("t1", "t");
    Object test = tracker.openCapturing(ScopeKind.TEST, "t", capture);
    for (int i = 0; i < Capture.MAX_STATEMENTS + 5; i++) {
      app.runOnce("select * from table_" + i, 0);
    }
    tracker.close(test);

    List<CapturedStatement> statements = capture.snapshot().statements();
    assertThat(statements).hasSize(Capture.MAX_STATEMENTS + 1);
    assertThat(statements.get(statements.size() - 1)).satisfies(overflow -> {
      assertThat(overflow.statement()).isEqualTo(Capture.OVERFLOW);
      assertThat(overflow.executions()).isEqualTo(5);
    });
  }

  @Test
  void waitsFromOutsideTheDetectorsAreReplacedByTheirLaterVersionAndSummedPerStatementAndLine() {
    Capture capture = captures.start("t1", "t");
    Object wait = new Object();
    capture.addFinding(wait, lockWait("f", 1, 300));
    capture.addFinding(wait, lockWait("f", 1, 900)); // the same wait, now ended
    capture.addFinding(new Object(), lockWait("f", 1, 400));
    capture.addFinding(new Object(), lockWait("g", 1, 250));

    assertThat(capture.snapshot().findings())
        .extracting(Finding::fingerprint, Finding::count, Finding::totalMs, Finding::durationMs)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("f", 2L, 1300.0, 900.0),
            org.assertj.core.groups.Tuple.tuple("g", 1L, 250.0, 250.0));
  }

  private static Finding lockWait(String fingerprint, long count, double waitedMs) {
    return new Finding("LOCK_WAIT", "WARNING", null, null, "update stock set n = ?", fingerprint, count, waitedMs,
        null, List.of(), null, "fix", 1, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", waitedMs, null, null, null,
        null, null, null, null, null);
  }

  /** Serves a request on a thread of its own, as a servlet container would, sent by the test {@code header} names. */
  private void serveRequest(String header, Runnable work) throws InterruptedException {
    AtomicInteger failures = new AtomicInteger();
    Thread server = new Thread(() -> {
      try {
        Object request = tracker.enterRequest(header);
        Object nested = tracker.enterRequest(header); // the servlet inside its filter chain
        tracker.exitRequest(nested, null);
        work.run();
        tracker.exitRequest(request, "GET /orders");
      } catch (RuntimeException e) {
        failures.incrementAndGet();
      }
    }, "http-nio-exec-1");
    server.start();
    server.join();
    assertThat(failures).hasValue(0);
  }
}
