package io.querylens.analyzer.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.querylens.analyzer.callsite.app.FakeApplication;
import io.querylens.analyzer.callsite.app.Sql;
import io.querylens.analyzer.report.Finding;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Which statements the tracker judges together: one thread's window, transaction, request or
 * explicit scope at a time, and one call site per finding.
 */
class ScopeTrackerTest {
  private static final String OWNERS = "select * from owners where last_name like ?";
  private static final String PETS = "select * from pets where owner_id = ?";
  private static final String VISITS = "select * from visits where pet_id = ?";
  private static final String LOOP_SCOPE = "thread in FakeApplication.runEach";

  private final FakeApplication app = new FakeApplication();
  private final ScopeTracker tracker = app.tracker();

  private List<Finding> nPlusOnes() {
    return app.findings().stream().filter(f -> f.type().equals("N_PLUS_ONE")).toList();
  }

  // thread windows

  @Test
  void aLoopOnOneThreadIsAnNPlusOneInThatThreadsWindow() {
    int line = app.runEach(PETS, 1, 2, 3);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("N_PLUS_ONE");
      assertThat(finding.scope()).isEqualTo(LOOP_SCOPE);
      assertThat(finding.scopeKind()).isEqualTo("thread");
      assertThat(finding.count()).isEqualTo(3);
      assertThat(finding.callSite().lineNumber()).isEqualTo(line);
    });
  }

  @Test
  void aWindowIsNamedAfterTheOutermostApplicationMethod() {
    FakeApplication.handle(() -> app.runEach(PETS, 1, 2, 3));

    assertThat(app.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.scope()).isEqualTo("thread in FakeApplication.handle"));
  }

  @Test
  void statementsOnTwoThreadsAreNeverOnePattern() throws InterruptedException {
    app.runEach(PETS, 1, 2);
    Thread other = new Thread(() -> app.runEach(PETS, 3, 4));
    other.start();
    other.join();

    assertThat(app.findings()).isEmpty();

    app.runEach(PETS, 5);

    assertThat(nPlusOnes()).singleElement().satisfies(finding -> assertThat(finding.count()).isEqualTo(3));
  }

  @Test
  void anIdleGapEndsTheWindow() {
    app.runEach(PETS, 1, 2);
    app.pause(Duration.ofMillis(300));
    app.runEach(PETS, 3, 4);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void aPauseShorterThanTheIdleGapKeepsTheWindow() {
    app.runEach(PETS, 1, 2);
    app.pause(Duration.ofMillis(150));
    app.runEach(PETS, 3, 4);

    assertThat(nPlusOnes()).singleElement().satisfies(finding -> assertThat(finding.count()).isEqualTo(4));
  }

  @Test
  void aBusyWindowEndsAfterItsMaximumLength() {
    app.runEach(PETS, 1, 2);
    keepBusyFor(70); // 70 x 151 ms: past the 10 s maximum
    app.runEach(PETS, 3, 4);

    assertThat(nPlusOnes()).isEmpty();
  }

  @Test
  void aBusyWindowWithinItsMaximumLengthIsOneWindow() {
    app.runEach(PETS, 1, 2);
    keepBusyFor(60); // 60 x 151 ms: within the 10 s maximum
    app.runEach(PETS, 3, 4);

    assertThat(nPlusOnes()).singleElement().satisfies(finding -> assertThat(finding.count()).isEqualTo(4));
  }

  private void keepBusyFor(int statements) {
    for (int i = 0; i < statements; i++) {
      app.pause(Duration.ofMillis(150));
      app.runOnce("select 1", 0);
    }
  }

  @Test
  void statementsRunByThePoolAreIgnored() {
    app.runEach(Sql.of(PETS).runByThePool(), 1, 2, 3);

    assertThat(app.findings()).isEmpty();
  }

  // transactions

  @Test
  void aLoopInATransactionIsNamedAfterTheTransaction() {
    app.inTransaction(true);
    app.runEach(PETS, 1, 2, 3);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.scope()).isEqualTo("transaction in FakeApplication.runEach");
      assertThat(finding.scopeKind()).isEqualTo("transaction");
    });
  }

  @Test
  void twoTransactionsAreNeverOnePattern() {
    app.inTransaction(true);
    app.runEach(PETS, 1, 2);
    tracker.transactionEnded(1);
    app.runEach(PETS, 3, 4);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void aStatementWithAutoCommitOnEndsTheTransaction() {
    app.inTransaction(true);
    app.runEach(PETS, 1, 2);
    app.inTransaction(false);
    app.runEach(PETS, 3, 4);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void aTransactionEndsTheWindowBeforeIt() {
    app.runEach(PETS, 1, 2);
    app.inTransaction(true);
    app.runEach(PETS, 3, 4);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void turningAutoCommitOffEndsTheWindow() {
    app.runEach(PETS, 1, 2);
    tracker.transactionBegan(1);
    app.runEach(PETS, 3, 4);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void aTransactionInsideAnExplicitScopeBelongsToTheScope() {
    Object scope = tracker.open(ScopeKind.EXPLICIT, "checkout");
    app.inTransaction(true);
    app.runEach(PETS, 1, 2);
    tracker.transactionEnded(1);
    app.runEach(PETS, 3);
    tracker.close(scope);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.scope()).isEqualTo("checkout");
      assertThat(finding.scopeKind()).isEqualTo("explicit");
      assertThat(finding.count()).isEqualTo(3);
    });
  }

  // explicit scopes

  @Test
  void twoExplicitScopesOfTheSameNameAreNeverOnePattern() {
    for (int run = 0; run < 2; run++) {
      Object scope = tracker.open(ScopeKind.EXPLICIT, "nightly import");
      app.runEach(PETS, 1, 2);
      tracker.close(scope);
    }

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void thePatternInTwoExplicitScopesOfTheSameNameIsOneFindingThatOccurredTwice() {
    for (int run = 0; run < 2; run++) {
      Object scope = tracker.open(ScopeKind.EXPLICIT, "nightly import");
      app.runEach(PETS, 1, 2, 3);
      tracker.close(scope);
    }

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.scope()).isEqualTo("nightly import");
      assertThat(finding.count()).isEqualTo(6);
      assertThat(finding.occurrences()).isEqualTo(2);
    });
  }

  @Test
  void explicitScopesOfDifferentNamesAreSeparateFindings() {
    for (String name : List.of("import owners", "import vets")) {
      Object scope = tracker.open(ScopeKind.EXPLICIT, name);
      app.runEach(PETS, 1, 2, 3);
      tracker.close(scope);
    }

    assertThat(app.findings()).extracting(Finding::scope).containsExactlyInAnyOrder("import owners", "import vets");
  }

  @Test
  void aStatementBelongsToTheInnermostScope() {
    Object outer = tracker.open(ScopeKind.EXPLICIT, "outer");
    app.runEach(PETS, 1, 2);
    Object inner = tracker.open(ScopeKind.EXPLICIT, "inner");
    app.runEach(PETS, 3, 4);
    tracker.close(inner);

    assertThat(app.findings()).isEmpty();

    app.runEach(PETS, 5);
    tracker.close(outer);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.scope()).isEqualTo("outer");
      assertThat(finding.count()).isEqualTo(3);
    });
  }

  @Test
  void closingAScopeClosesTheScopesOpenedInsideIt() {
    Object outer = tracker.open(ScopeKind.EXPLICIT, "outer");
    tracker.open(ScopeKind.EXPLICIT, "inner");
    app.runEach(PETS, 1, 2, 3);

    tracker.close(outer);

    assertThat(tracker.openScopes()).isEmpty();
    assertThat(app.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.scope()).isEqualTo("inner"));
  }

  @Test
  void anExplicitScopeEndsTheWindowBeforeIt() {
    app.runEach(PETS, 1, 2);
    Object scope = tracker.open(ScopeKind.EXPLICIT, "report");
    app.runEach(PETS, 3, 4);
    tracker.close(scope);
    app.runEach(PETS, 5, 6);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void scopesNestedTooDeeplyAreNotOpened() {
    for (int i = 0; i < 64; i++) {
      assertThat(tracker.open(ScopeKind.EXPLICIT, "level " + i)).isNotNull();
    }

    assertThat(tracker.open(ScopeKind.EXPLICIT, "one too many")).isNull();
    assertThat(tracker.openScopes()).hasSize(64);
  }

  @Test
  void unknownTokensCloseNothing() {
    Object scope = tracker.open(ScopeKind.EXPLICIT, "report");

    tracker.close(null);
    tracker.close(new Object());

    assertThat(tracker.openScopes()).containsExactly("explicit: report");
    tracker.close(scope);
    assertThat(tracker.openScopes()).isEmpty();
  }

  // requests

  @Test
  void aRequestIsNamedWhenItIsServedAndANestedRequestContinuesIt() {
    Object request = tracker.enterRequest(null);
    app.runEach(PETS, 1);
    Object forward = tracker.enterRequest(null);
    app.runEach(PETS, 2);
    tracker.exitRequest(forward, "GET /owners/{ownerId}/edit");

    assertThat(ScopeTracker.ownsRequest(request)).isTrue();
    assertThat(ScopeTracker.ownsRequest(forward)).isFalse();
    assertThat(tracker.openScopes()).singleElement().asString().startsWith("request");

    app.runEach(PETS, 3);
    tracker.exitRequest(request, "GET /owners/{ownerId}");

    assertThat(tracker.openScopes()).isEmpty();
    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.scope()).isEqualTo("GET /owners/{ownerId}");
      assertThat(finding.scopeKind()).isEqualTo("request");
      assertThat(finding.count()).isEqualTo(3);
    });
  }

  @Test
  void aNestedRequestsExitDoesNotEndTheRequest() {
    Object request = tracker.enterRequest(null);
    Object forward = tracker.enterRequest(null);
    app.runEach(PETS, 1, 2, 3);
    tracker.exitRequest(forward, "GET /owners/{ownerId}/edit");
    app.runEach(PETS, 4);
    tracker.exitRequest(request, "GET /owners/{ownerId}");

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.scope()).isEqualTo("GET /owners/{ownerId}");
      assertThat(finding.count()).isEqualTo(4);
      assertThat(finding.occurrences()).isEqualTo(1);
    });
  }

  @Test
  void onlyTheOutermostExitNamesTheRequest() {
    Object request = tracker.enterRequest(null);
    Object forward = tracker.enterRequest(null);
    app.runEach(PETS, 1, 2, 3);
    tracker.exitRequest(forward, "GET /owners/{ownerId}/edit");
    tracker.exitRequest(request, null);

    assertThat(app.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.scope()).isEqualTo("request in FakeApplication.runEach"));
  }

  @Test
  void aRequestServedWithoutANameIsNamedAfterItsEntryPoint() {
    Object request = tracker.enterRequest(null);
    app.runEach(PETS, 1, 2, 3);
    tracker.exitRequest(request, null);

    assertThat(app.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.scope()).isEqualTo("request in FakeApplication.runEach"));
  }

  @Test
  void twoRequestsAreNeverOnePattern() {
    for (int run = 0; run < 2; run++) {
      Object request = tracker.enterRequest(null);
      app.runEach(PETS, 1, 2);
      tracker.exitRequest(request, "GET /owners/{ownerId}");
    }

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void aTransactionInsideARequestBelongsToTheRequest() {
    Object request = tracker.enterRequest(null);
    app.inTransaction(true);
    app.runEach(PETS, 1, 2);
    tracker.transactionEnded(1);
    app.runEach(PETS, 3);
    tracker.exitRequest(request, "POST /owners/{ownerId}/pets/new");

    assertThat(app.findings()).singleElement()
        .satisfies(finding -> assertThat(finding.scope()).isEqualTo("POST /owners/{ownerId}/pets/new"));
  }

  // call sites and their capture

  @Test
  void theFirstExecutionCountsAtTheSecondsCallSite() {
    app.runOnce(PETS, 1);
    int loop = app.runEach(PETS, 2, 3);

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.count()).isEqualTo(3);
      assertThat(finding.callSite().methodName()).isEqualTo("runEach");
      assertThat(finding.callSite().lineNumber()).isEqualTo(loop);
    });
  }

  @Test
  void theSameLoopAtTwoLinesIsTwoFindings() {
    int first = app.runEach(PETS, 1, 2, 3);
    int second = app.runEachFromAnotherLine(PETS, 4, 5, 6);

    assertThat(first).isNotEqualTo(second);
    assertThat(app.findings())
        .extracting(f -> f.callSite().lineNumber(), Finding::count, Finding::scope)
        .containsExactlyInAnyOrder(
            tuple(first, 3L, LOOP_SCOPE),
            tuple(second, 3L, LOOP_SCOPE));
  }

  @Test
  void aThousandExecutionsAreAllCounted() {
    int line = app.runEach(PETS, LongStream.rangeClosed(1, 1000).toArray());

    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.count()).isEqualTo(1000);
      assertThat(finding.totalMs()).isCloseTo(100.0, within(1e-9));
      assertThat(finding.callSite().lineNumber()).isEqualTo(line);
    });
  }

  @Test
  void pastSixteenCapturesOfAStatementOnlyEverySixteenthExecutionFindsItsCallSite() {
    // Executions 2-17 are captured, then 32, 48, ...: 21-31 take the latest call site captured, the
    // first loop's, and the second loop's own call site is found at execution 32.
    int first = app.runEach(PETS, LongStream.rangeClosed(1, 20).toArray());
    int second = app.runEachFromAnotherLine(PETS, LongStream.rangeClosed(21, 40).toArray());

    assertThat(app.findings())
        .extracting(f -> f.callSite().lineNumber(), Finding::count)
        .containsExactlyInAnyOrder(
            tuple(first, 31L), tuple(second, 9L));
  }

  @Test
  void pastTheScopesCaptureBudgetEveryRepeatedStatementStillGetsOneCaptureSoItsCallSiteIsKnown() {
    // Each statement run three times from one line is captured twice: 128 use up the scope's budget.
    for (int i = 0; i < 129; i++) {
      app.runEach("select * from pets_" + i + " where owner_id = ?", 1, 2, 3);
    }
    int line = app.runEach("select * from pets_last where owner_id = ?", 1, 2, 3);

    List<Finding> findings = app.findings();
    assertThat(findings).hasSize(130).allSatisfy(finding -> {
      assertThat(finding.scope()).isEqualTo(LOOP_SCOPE);
      assertThat(finding.callSite()).isNotNull();
    });
    assertThat(findings).filteredOn(finding -> finding.statement().contains("pets_last")).singleElement()
        .satisfies(finding -> {
          assertThat(finding.callSite().lineNumber()).isEqualTo(line);
          assertThat(finding.count()).isEqualTo(3);
        });
  }

  @Test
  void pastFiveHundredTwelveStatementsInAScopeNewOnesAreNotJudged() {
    for (int i = 0; i < 512; i++) {
      app.runOnce("select * from table_" + i + " where id = ?", i);
    }
    app.runEach(PETS, 1, 2, 3);

    assertThat(app.findings()).isEmpty();
  }

  // nested loops

  @Test
  void eachLoopsParentIsTheQueryBeforeItsFirstExecution() {
    app.runOnce(OWNERS, 1);
    for (long owner = 1; owner <= 3; owner++) {
      app.runEach(PETS, owner);
      for (long pet = 1; pet <= 2; pet++) {
        app.runEachFromAnotherLine(VISITS, owner * 10 + pet);
      }
    }

    assertThat(nPlusOnes())
        .extracting(Finding::statement, f -> f.parent().statement(), Finding::count)
        .containsExactlyInAnyOrder(
            tuple(PETS, OWNERS, 3L),
            tuple(VISITS, PETS, 6L));
  }

  @Test
  void anotherConnectionsAutoCommitWorkDoesNotSplitATransaction() {
    int line = 0;
    for (long id = 1; id <= 3; id++) {
      app.onConnection(1, true);
      line = app.runEach(PETS, id);
      app.onConnection(2, false);
      app.runEach("insert into audit (what) values (?)", id);
    }
    tracker.transactionEnded(1);

    int lookupLine = line;
    assertThat(app.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("N_PLUS_ONE");
      assertThat(finding.scopeKind()).isEqualTo("transaction");
      assertThat(finding.count()).isEqualTo(3);
      assertThat(finding.callSite().lineNumber()).isEqualTo(lookupLine);
    });
  }

  @Test
  void aTransactionOnASecondConnectionIsAScopeOfItsOwn() {
    app.onConnection(1, true);
    app.runEach(PETS, 1);
    for (long id = 2; id <= 4; id++) {
      app.onConnection(2, true);
      app.runEach(PETS, id);
      tracker.transactionEnded(2);
    }
    app.onConnection(1, true);
    app.runEach(PETS, 5);
    tracker.transactionEnded(1);

    assertThat(app.findings()).isEmpty();
  }

  @Test
  void committingOneConnectionLeavesTheOthersTransactionOpen() {
    app.onConnection(1, true);
    app.runEach(PETS, 1);
    app.onConnection(2, true);
    app.runEach(PETS, 9);
    tracker.transactionEnded(2);

    assertThat(tracker.openScopes()).singleElement().asString().startsWith("transaction");
  }

  @Test
  void aScopeClosedFromAnotherThreadIsClosedAndItsThreadMovesOn() throws InterruptedException {
    Object scope = tracker.open(ScopeKind.EXPLICIT, "handed-over");
    app.runEach(PETS, 1, 2, 3);
    Thread other = new Thread(() -> tracker.close(scope));
    other.start();
    other.join();

    assertThat(app.findings()).singleElement().satisfies(finding -> assertThat(finding.scope()).isEqualTo("handed-over"));
    app.runEach(PETS, 4);
    assertThat(tracker.openScopes()).noneMatch(name -> name.contains("handed-over"));
  }
}
