package io.querylens.sample.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.detect.FindingType;
import io.querylens.junit.ExpectQueries;
import io.querylens.junit.NoRepeatedQueries;
import io.querylens.junit.QueryLens;
import io.querylens.junit.QueryRecording;
import io.querylens.sample.SourceMarkers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The price lists' statements: the tax rate looked up per product, and once for good. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@QueryLens
class PriceListQueriesTest {

  private static final int PRODUCTS = 20;

  @Autowired TestRestTemplate http;

  @Test
  @NoRepeatedQueries
  @ExpectQueries(select = 1)
  void theCachedPriceListReadsOnlyTheProducts(QueryRecording recording) {
    // Whichever test asks first fills the cache with a select of the rate; that one is set-up.
    recording.notCounted(() -> priceList("cached"));

    assertThat(priceList("cached")).hasSize(PRODUCTS);
  }

  @Test
  void theUncachedPriceListLooksTheRateUpForEachProductAtTheMarkedLine(QueryRecording recording) {
    assertThat(priceList("uncached")).hasSize(PRODUCTS);

    assertThat(recording.snapshot().findings(FindingType.REPEATED_QUERY))
        .singleElement()
        .satisfies(
            repeated -> {
              assertThat(repeated.callSite())
                  .isEqualTo(
                      SourceMarkers.callSite(
                          PriceListService.class,
                          "priceListLookingUpTheRateForEachProduct",
                          "repeated-query"));
              assertThat(repeated.count()).isEqualTo(PRODUCTS);
              assertThat(repeated.statement()).contains("from shop_tax_rate");
            });
  }

  private PricedProduct[] priceList(String variant) {
    ResponseEntity<PricedProduct[]> response =
        http.getForEntity("/catalog/price-list/" + variant + "?country=DE", PricedProduct[].class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }
}
