package io.querylens.sample.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.querylens.junit.ExpectQueries;
import io.querylens.junit.NoNPlusOne;
import io.querylens.sample.SourceMarkers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * What a developer reads when the lazy listing breaks {@code @NoNPlusOne}: runs {@link
 * LazyListingTestCase}, which fails on purpose, through the EngineTestKit.
 *
 * <p>This class is not a QueryLens test itself, so while the test case runs inside it, the test
 * case is the only one recording, and the requests it sends count for it.
 */
class RecentOrdersFailureMessageTest {

  @Test
  void theLazyListingFailsNamingTheMarkedLineTheParentQueryAndTheFix() {
    String message = failureOf(LazyListingTestCase.class);

    int line =
        SourceMarkers.callSite(
                OrderListingService.class, "recentOrdersLoadingCustomersOneByOne", "n-plus-one")
            .lineNumber();
    assertThat(message.lines())
        .startsWith(
            "QueryLens: LazyListingTestCase.listsRecentOrders() broke 2 query expectations",
            "  SELECT: expected 1 but was 21 (@ExpectQueries)",
            "  N+1 query at io.querylens.sample.orders.OrderListingService"
                + ".recentOrdersLoadingCustomersOneByOne(OrderListingService.java:"
                + line
                + ") (@NoNPlusOne)")
        .anySatisfy(
            executions ->
                assertThat(executions)
                    .startsWith("    20 executions of: select ")
                    .contains(" from shop_customer "))
        .anySatisfy(
            parent ->
                assertThat(parent)
                    .startsWith("    parent query: select ")
                    .contains(" from shop_order ")
                    .endsWith(" (20 rows)"))
        .contains(
            "    fix: Fetch the association with the parent query: JOIN FETCH in the JPQL, or an"
                + " @EntityGraph; or let Hibernate load it in batches with @BatchSize on the"
                + " association or hibernate.default_batch_fetch_size.",
            "Statements run by the test (21):");
  }

  private static String failureOf(Class<?> testCase) {
    Event failed =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(testCase))
            .configurationParameter(OnlyThroughTheTestKit.PARAMETER, "true")
            .execute()
            .testEvents()
            .assertStatistics(stats -> stats.started(1).failed(1))
            .failed()
            .list()
            .get(0);
    return failed
        .getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .orElseThrow()
        .getMessage();
  }

  /** The listing with an N+1, under the annotations of the docs' first example; fails. */
  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @Tag("example")
  @ExtendWith(OnlyThroughTheTestKit.class)
  static class LazyListingTestCase {

    @Autowired TestRestTemplate http;

    @Test
    @ExpectQueries(select = 1)
    @NoNPlusOne
    void listsRecentOrders() {
      http.getForObject("/orders/recent/lazy-customers", OrderSummary[].class);
    }
  }

  /**
   * Runs a test case only inside {@link #failureOf}: surefire leaves it out by its tag, and this
   * keeps an IDE from running it as a test of its own.
   */
  static final class OnlyThroughTheTestKit implements ExecutionCondition {
    static final String PARAMETER = "querylens.sample.failingTestCases";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(PARAMETER).map(Boolean::parseBoolean).orElse(false)
          ? ConditionEvaluationResult.enabled("run through the EngineTestKit")
          : ConditionEvaluationResult.disabled(
              "fails on purpose; RecentOrdersFailureMessageTest runs it and checks its message");
    }
  }
}
