package io.querylens.sample.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerStatementEndpointsTest {

  @Autowired TestRestTemplate http;

  @Test
  void theUnindexedAndTheIndexedStatementsAreTheSame() {
    CustomerStatement unindexed = get("/reports/customers/10/statement/unindexed");
    CustomerStatement indexed = get("/reports/customers/10/statement/indexed");

    assertThat(unindexed).isEqualTo(indexed);
    assertThat(indexed.lines()).hasSize(80);
    assertThat(indexed.billedCents()).isPositive();
    // Customer 10 owns orders 9, 649, 1289 ...; the capture of every seventh order failed.
    assertThat(indexed.openCents())
        .isPositive()
        .isEqualTo(indexed.billedCents() - indexed.paidCents());
    assertThat(indexed.lines())
        .allSatisfy(line -> assertThat(line.paidCents()).isIn(0L, line.billedCents()));
  }

  @Test
  void bothSayNotFoundForACustomerWithoutOrders() {
    assertThat(
            http.getForEntity("/reports/customers/999999/statement/unindexed", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            http.getForEntity("/reports/customers/999999/statement/indexed", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private CustomerStatement get(String path) {
    ResponseEntity<CustomerStatement> response = http.getForEntity(path, CustomerStatement.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }
}
