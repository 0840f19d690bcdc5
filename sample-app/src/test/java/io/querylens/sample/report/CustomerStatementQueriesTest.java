package io.querylens.sample.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.detect.FindingType;
import io.querylens.junit.ExpectMaxQueryTime;
import io.querylens.junit.ExpectQueries;
import io.querylens.junit.QueryLens;
import io.querylens.junit.QueryRecording;
import io.querylens.sample.SourceMarkers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A customer statement is one query: scanning every payment, or a few steps down an index. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@QueryLens
class CustomerStatementQueriesTest {

  private static final long CUSTOMER = 10;

  @Autowired TestRestTemplate http;

  /**
   * The query takes a few milliseconds; the limit leaves a loaded machine room, and is still half
   * of what the unindexed one takes on a fast one.
   */
  @Test
  @ExpectQueries(select = 1)
  @ExpectMaxQueryTime(1000)
  void theIndexedStatementIsOneQuickSelect() {
    assertThat(statement("indexed").lines()).hasSize(80);
  }

  /** One request suffices: its query takes 2 s or more, against the agent's 500 ms threshold. */
  @Test
  void theUnindexedStatementRunsASlowQueryAtTheMarkedLine(QueryRecording recording) {
    assertThat(statement("unindexed").lines()).hasSize(80);

    assertThat(recording.snapshot().findings(FindingType.SLOW_QUERY))
        .singleElement()
        .satisfies(
            slow -> {
              assertThat(slow.callSite())
                  .isEqualTo(
                      SourceMarkers.callSite(
                          CustomerStatementService.class,
                          "statementScanningPayments",
                          "slow-query"));
              assertThat(slow.statement()).contains("upper(");
            });
  }

  private CustomerStatement statement(String variant) {
    ResponseEntity<CustomerStatement> response =
        http.getForEntity(
            "/reports/customers/" + CUSTOMER + "/statement/" + variant, CustomerStatement.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }
}
