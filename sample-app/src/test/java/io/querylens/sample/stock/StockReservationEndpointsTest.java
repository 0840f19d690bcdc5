package io.querylens.sample.stock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StockReservationEndpointsTest {

  /** Not the demo's hot product, so that these numbers are this test's alone. */
  private static final long PRODUCT = 7;

  @Autowired TestRestTemplate http;
  @Autowired StockRepository stocks;

  @Test
  void bothReservationsTakeTheUnitsTheyReserve() {
    int before = quantity();

    assertThat(reserve("hold-lock", 2)).isEqualTo(new Reservation(PRODUCT, 2, true));
    assertThat(quantity()).isEqualTo(before - 2);
    assertThat(reserve("atomic", 2)).isEqualTo(new Reservation(PRODUCT, 2, true));
    assertThat(quantity()).isEqualTo(before - 4);
  }

  @Test
  void bothRefuseMoreUnitsThanAreInStockAndTakeNothing() {
    int before = quantity();
    int tooMany = before + 1;

    assertThat(reserve("hold-lock", tooMany)).isEqualTo(new Reservation(PRODUCT, tooMany, false));
    assertThat(reserve("atomic", tooMany)).isEqualTo(new Reservation(PRODUCT, tooMany, false));
    assertThat(quantity()).isEqualTo(before);
  }

  @Test
  void bothSayNotFoundForAProductWithoutStock() {
    assertThat(
            http.postForEntity("/stock/999999/reservations/hold-lock", null, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            http.postForEntity("/stock/999999/reservations/atomic", null, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private Reservation reserve(String variant, int units) {
    ResponseEntity<Reservation> response =
        http.postForEntity(
            "/stock/" + PRODUCT + "/reservations/" + variant + "?units=" + units,
            null,
            Reservation.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private int quantity() {
    return stocks.findById(PRODUCT).orElseThrow().getQuantity();
  }
}
