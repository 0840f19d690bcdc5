package io.querylens.sample.orders;

import static io.querylens.sample.orders.OrderListingService.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.detect.FindingType;
import io.querylens.junit.ExpectQueries;
import io.querylens.junit.NoNPlusOne;
import io.querylens.junit.QueryLens;
import io.querylens.junit.QueryRecording;
import io.querylens.sample.SourceMarkers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The recent-orders listings' statements. The requests are served on Tomcat's threads; QueryLens
 * counts their statements for the test that sent them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@QueryLens
class RecentOrdersQueriesTest {

  @Autowired TestRestTemplate http;

  @Test
  @NoNPlusOne
  @ExpectQueries(select = 1)
  void theJoinFetchListingReadsOrdersAndCustomersInOneSelect() {
    assertThat(listing("join-fetch")).hasSize(PAGE_SIZE);
  }

  @Test
  void theLazyListingLoadsEachCustomerApartAtTheMarkedLine(QueryRecording recording) {
    assertThat(listing("lazy-customers")).hasSize(PAGE_SIZE);

    assertThat(recording.snapshot().findings(FindingType.N_PLUS_ONE))
        .singleElement()
        .satisfies(
            nPlusOne -> {
              assertThat(nPlusOne.callSite())
                  .isEqualTo(
                      SourceMarkers.callSite(
                          OrderListingService.class,
                          "recentOrdersLoadingCustomersOneByOne",
                          "n-plus-one"));
              assertThat(nPlusOne.count()).isEqualTo(PAGE_SIZE);
              assertThat(nPlusOne.statement()).contains("from shop_customer");
              assertThat(nPlusOne.parent().statement()).contains("from shop_order");
              assertThat(nPlusOne.parent().rows()).isEqualTo(PAGE_SIZE);
            });
  }

  private OrderSummary[] listing(String variant) {
    ResponseEntity<OrderSummary[]> response =
        http.getForEntity("/orders/recent/" + variant, OrderSummary[].class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }
}
