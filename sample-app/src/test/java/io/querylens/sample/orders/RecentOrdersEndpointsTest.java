package io.querylens.sample.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecentOrdersEndpointsTest {

  @Autowired TestRestTemplate http;

  @Test
  void theLazyAndTheJoinFetchListingsShowTheSameLatestOrders() {
    List<OrderSummary> lazy = get("/orders/recent/lazy-customers");
    List<OrderSummary> joined = get("/orders/recent/join-fetch");

    assertThat(lazy).hasSize(OrderListingService.PAGE_SIZE).isEqualTo(joined);
    assertThat(lazy)
        .isSortedAccordingTo(Comparator.comparing(OrderSummary::placedAt).reversed())
        .allSatisfy(order -> assertThat(order.customerName()).startsWith("Customer "));
    // Consecutive orders belong to different customers: the lazy listing loads each one apart.
    assertThat(lazy.stream().map(OrderSummary::customerName).distinct()).hasSize(lazy.size());
  }

  private List<OrderSummary> get(String path) {
    ResponseEntity<List<OrderSummary>> response =
        http.exchange(path, HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }
}
