package io.querylens.sample.catalog;

import static org.assertj.core.api.Assertions.assertThat;

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
class PriceListEndpointsTest {

  @Autowired TestRestTemplate http;

  @Test
  void theUncachedAndTheCachedPriceListsAreTheSame() {
    List<PricedProduct> uncached = get("/catalog/price-list/uncached?country=DE").getBody();
    List<PricedProduct> cached = get("/catalog/price-list/cached?country=DE").getBody();
    List<PricedProduct> cachedAgain = get("/catalog/price-list/cached?country=DE").getBody();

    assertThat(uncached).hasSize(20).isEqualTo(cached).isEqualTo(cachedAgain);
    assertThat(uncached.get(0).sku()).isEqualTo("SKU-0001");
    // Germany's 19 %, rounded half up to a cent.
    assertThat(uncached)
        .allSatisfy(p -> assertThat(p.grossCents()).isEqualTo((p.netCents() * 119 + 50) / 100));
  }

  @Test
  void bothSayNotFoundForACountryTheShopDoesNotSellTo() {
    assertThat(
            http.getForEntity("/catalog/price-list/uncached?country=XX", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            http.getForEntity("/catalog/price-list/cached?country=XX", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<List<PricedProduct>> get(String path) {
    return http.exchange(path, HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
  }
}
