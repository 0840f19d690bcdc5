package io.querylens.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.querylens.analyzer.callsite.CapturedStack.StackLine;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.scope.ScopeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** querylens_findings_total, lock errors and waits, pool waits and statements per unit of work. */
class FindingMetricsTest {
  private static final String FINDINGS = "querylens_findings_total";
  private static final StackLine LIST_OWNERS = new StackLine("com.acme.OwnerService", "listOwners", "OwnerService.java", 42);

  private MetricsFixture fixture = new MetricsFixture(50);

  @AfterEach
  void nothingFailedInsideTheMetrics() {
    assertThat(fixture.failures.all()).isEmpty();
  }

  @Test
  void findingIsCountedByTypeRouteAndSimpleCallSite() {
    fixture.metrics.onFinding(FindingType.N_PLUS_ONE, "GET /owners", LIST_OWNERS, 12);
    fixture.metrics.onFinding(FindingType.N_PLUS_ONE, "GET /owners", LIST_OWNERS, 30);

    assertThat(fixture.scrape().value(FINDINGS,
        "call_site", "OwnerService.listOwners:42", "route", "GET /owners", "type", "N_PLUS_ONE"))
        .as("one per finding, however many executions").isEqualTo(2);
  }

  @Test
  void findingWithoutCallSiteHasCallSiteNone() {
    fixture.metrics.onFinding(FindingType.REPEATED_QUERY, "GET /owners", null, 3);

    assertThat(fixture.scrape().value(FINDINGS, "call_site", "none", "route", "GET /owners", "type", "REPEATED_QUERY"))
        .isEqualTo(1);
  }

  @Test
  void findingWithoutScopeHasRouteNone() {
    fixture.metrics.onFinding(FindingType.SLOW_QUERY, null, LIST_OWNERS, 1);

    assertThat(fixture.scrape().value(FINDINGS,
        "call_site", "OwnerService.listOwners:42", "route", "none", "type", "SLOW_QUERY")).isEqualTo(1);
  }

  @Test
  void callSiteOfAClassInTheDefaultPackageIsItsName() {
    assertThat(QueryLensMetrics.siteLabel(new StackLine("Main", "run", null, 7))).isEqualTo("Main.run:7");
  }

  @Test
  void deadlockCountsEachFailedExecutionAsALockErrorAndOneFinding() {
    fixture.metrics.onFinding(FindingType.DEADLOCK, "POST /orders", LIST_OWNERS, 2);

    PrometheusScrape scrape = fixture.scrape();

    assertThat(scrape.value("querylens_lock_errors_total", "kind", "deadlock")).isEqualTo(2);
    assertThat(scrape.value(FINDINGS,
        "call_site", "OwnerService.listOwners:42", "route", "POST /orders", "type", "DEADLOCK")).isEqualTo(1);
  }

  @Test
  void lockTimeoutAndSerializationFailureAreLockErrorsOfTheirKind() {
    fixture.metrics.onFinding(FindingType.LOCK_TIMEOUT, "POST /orders", null, 1);
    fixture.metrics.onFinding(FindingType.SERIALIZATION_FAILURE, "POST /orders", null, 3);
    fixture.metrics.onFinding(FindingType.N_PLUS_ONE, "POST /orders", null, 5);

    PrometheusScrape scrape = fixture.scrape();

    assertThat(scrape.value("querylens_lock_errors_total", "kind", "lock_timeout")).isEqualTo(1);
    assertThat(scrape.value("querylens_lock_errors_total", "kind", "serialization_failure")).isEqualTo(3);
    assertThat(scrape.labelValues("querylens_lock_errors_total", "kind"))
        .containsExactlyInAnyOrder("lock_timeout", "serialization_failure");
  }

  @Test
  void unitOfWorkStatementsAreObservedByRouteAndScopeKind() {
    fixture.metrics.scopeClosed(ScopeKind.REQUEST, "GET /owners", 7);

    PrometheusScrape scrape = fixture.scrape();

    String bucket = "querylens_queries_per_scope_bucket";
    assertThat(scrape.value(bucket, "route", "GET /owners", "scope_kind", "request", "le", "5.0")).isEqualTo(0);
    assertThat(scrape.value(bucket, "route", "GET /owners", "scope_kind", "request", "le", "10.0")).isEqualTo(1);
    assertThat(scrape.value("querylens_queries_per_scope_sum", "route", "GET /owners", "scope_kind", "request"))
        .isEqualTo(7);
    assertThat(scrape.labelValues(bucket, "le")).containsExactlyInAnyOrder(
        "1.0", "2.0", "5.0", "10.0", "20.0", "50.0", "100.0", "200.0", "500.0", "1000.0", "+Inf");
  }

  @Test
  void everyScopeKindHasItsLabel() {
    for (ScopeKind kind : ScopeKind.values()) {
      fixture.metrics.scopeClosed(kind, "work", 1);
    }

    assertThat(fixture.scrape().labelValues("querylens_queries_per_scope_count", "scope_kind"))
        .containsExactlyInAnyOrder("request", "explicit", "test", "transaction", "thread");
  }

  @Test
  void lockWaitIsTimedUnderTheWaitingStatementsSummaryAndCountedAsAFindingWithoutRoute() {
    fixture.metrics.onLockWait(Fingerprinter.normalize("UPDATE orders SET status = 'paid' WHERE id = 7"),
        LIST_OWNERS, 300_000_000L);

    PrometheusScrape scrape = fixture.scrape();

    String bucket = "querylens_lock_wait_seconds_bucket";
    assertThat(scrape.value(bucket, "db_query_summary", "UPDATE orders", "le", "0.25")).isEqualTo(0);
    assertThat(scrape.value(bucket, "db_query_summary", "UPDATE orders", "le", "0.5")).isEqualTo(1);
    assertThat(scrape.value("querylens_lock_wait_seconds_sum", "db_query_summary", "UPDATE orders"))
        .isCloseTo(0.3, within(1e-9));
    assertThat(scrape.labelValues(bucket, "le")).containsExactlyInAnyOrder(
        "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "30.0", "+Inf");
    assertThat(scrape.value(FINDINGS,
        "call_site", "OwnerService.listOwners:42", "route", "none", "type", "LOCK_WAIT")).isEqualTo(1);
  }

  @Test
  void poolCheckoutIsTimedByPool() {
    fixture.metrics.onPoolCheckout("HikariPool-1", 3_000_000L);

    PrometheusScrape scrape = fixture.scrape();

    String bucket = "querylens_pool_wait_seconds_bucket";
    assertThat(scrape.value(bucket, "pool", "HikariPool-1", "le", "0.001")).isEqualTo(0);
    assertThat(scrape.value(bucket, "pool", "HikariPool-1", "le", "0.005")).isEqualTo(1);
    assertThat(scrape.value("querylens_pool_wait_seconds_count", "pool", "HikariPool-1")).isEqualTo(1);
    assertThat(scrape.value("querylens_pool_wait_seconds_sum", "pool", "HikariPool-1")).isCloseTo(0.003, within(1e-9));
  }

  @Test
  void routesAndCallSitesBeyondTheLabelLimitAreOther() {
    fixture = new MetricsFixture(2);
    for (int i = 0; i < 5; i++) {
      fixture.metrics.onFinding(FindingType.N_PLUS_ONE, "GET /route" + i,
          new StackLine("com.acme.Service" + i, "load", null, i), 2);
      fixture.metrics.scopeClosed(ScopeKind.REQUEST, "GET /route" + i, 3);
    }

    PrometheusScrape scrape = fixture.scrape();

    assertThat(scrape.labelValues(FINDINGS, "route")).containsExactlyInAnyOrder("GET /route0", "GET /route1", "other");
    assertThat(scrape.labelValues(FINDINGS, "call_site"))
        .containsExactlyInAnyOrder("Service0.load:0", "Service1.load:1", "other");
    assertThat(scrape.sum(FINDINGS)).isEqualTo(5);
    assertThat(scrape.value("querylens_queries_per_scope_count", "route", "other", "scope_kind", "request"))
        .isEqualTo(3);
  }

  @Test
  void poolsBeyondTheLabelLimitAreOther() {
    fixture = new MetricsFixture(1);
    fixture.metrics.onPoolCheckout("HikariPool-1", 1_000_000L);
    fixture.metrics.onPoolCheckout("HikariPool-2", 1_000_000L);

    assertThat(fixture.scrape().labelValues("querylens_pool_wait_seconds_count", "pool"))
        .containsExactlyInAnyOrder("HikariPool-1", "other");
  }

  @Test
  void demotedRouteSeriesEndWhileOtherKeepsItsCount() {
    fixture = new MetricsFixture(1);
    fixture.metrics.scopeClosed(ScopeKind.REQUEST, "GET /rare", 1);
    fixture.metrics.onFinding(FindingType.N_PLUS_ONE, "GET /rare", null, 2);
    for (int i = 0; i < 5; i++) {
      fixture.metrics.scopeClosed(ScopeKind.REQUEST, "GET /busy", 4);
    }

    fixture.metrics.rerank();

    PrometheusScrape scrape = fixture.scrape();
    assertThat(scrape.text()).doesNotContain("GET /rare");
    assertThat(scrape.value("querylens_queries_per_scope_count", "route", "other", "scope_kind", "request"))
        .isEqualTo(5);

    fixture.metrics.scopeClosed(ScopeKind.REQUEST, "GET /busy", 4);
    fixture.metrics.scopeClosed(ScopeKind.REQUEST, "GET /rare", 1);
    PrometheusScrape later = fixture.scrape();
    assertThat(later.value("querylens_queries_per_scope_count", "route", "GET /busy", "scope_kind", "request"))
        .isEqualTo(1);
    assertThat(later.value("querylens_queries_per_scope_count", "route", "other", "scope_kind", "request"))
        .isEqualTo(6);
  }

  @Test
  void demotedPoolSeriesEnds() {
    fixture = new MetricsFixture(1);
    fixture.metrics.onPoolCheckout("rarely-used", 1_000_000L);
    for (int i = 0; i < 5; i++) {
      fixture.metrics.onPoolCheckout("HikariPool-1", 1_000_000L);
    }

    fixture.metrics.rerank();
    fixture.metrics.onPoolCheckout("HikariPool-1", 1_000_000L);

    assertThat(fixture.scrape().labelValues("querylens_pool_wait_seconds_count", "pool"))
        .containsExactlyInAnyOrder("HikariPool-1", "other");
  }

  @Test
  void poolsAreRankedByCheckoutsAsDocumented() {
    fixture = new MetricsFixture(1);
    for (int i = 0; i < 3; i++) {
      fixture.metrics.onPoolCheckout("HikariPool-1", 1_000_000L);
    }
    fixture.metrics.onPoolCheckout("HikariPool-2", 100_000_000L); // one checkout: does not outweigh 3 twice

    fixture.metrics.rerank();

    assertThat(fixture.scrape().labelValues("querylens_pool_wait_seconds_count", "pool"))
        .containsExactlyInAnyOrder("HikariPool-1", "other");
  }
}
