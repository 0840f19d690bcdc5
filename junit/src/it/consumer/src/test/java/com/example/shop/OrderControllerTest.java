package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.junit.ExpectQueries;
import io.querylens.junit.QueryLens;
import io.querylens.junit.QueryRecording;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@QueryLens
class OrderControllerTest {
  @Autowired TestRestTemplate rest;
  @Autowired CustomerRepository customers;
  @Autowired PurchaseOrderRepository orders;

  @BeforeEach
  void stock() {
    TestData.stock(customers, orders);
  }

  // The query runs on the server's request thread, not the test's: it counts because the request
  // was sent while this test was the only one running.
  @Test
  @ExpectQueries(select = 1)
  void listsOrdersInOneQuery() {
    ResponseEntity<OrderSummary[]> response = rest.getForEntity("/orders", OrderSummary[].class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).hasSize(TestData.ORDERS);
  }

  // The same, with the request naming the test, as tests running in parallel need. These tests run one at a
  // time, so the request would count without the header too: this shows the header is accepted.
  @Test
  @ExpectQueries(select = 1)
  void listsOrdersInOneQueryForTheTestTheRequestNames(QueryRecording recording) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(recording.headerName(), recording.headerValue());

    ResponseEntity<OrderSummary[]> response =
        rest.exchange("/orders", HttpMethod.GET, new HttpEntity<>(headers), OrderSummary[].class);

    assertThat(response.getBody()).hasSize(TestData.ORDERS);
  }
}
