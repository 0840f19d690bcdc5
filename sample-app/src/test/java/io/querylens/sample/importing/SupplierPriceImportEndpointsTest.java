package io.querylens.sample.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupplierPriceImportEndpointsTest {

  private static final String PRICE_LIST =
      SupplierPriceCsv.HEADER
          + "\nAcme Wholesale,SKU-0001,1250\nAcme Wholesale,SKU-0002,990\n"
          + "Borealis Trading,SKU-0003,4000\n";

  @Autowired TestRestTemplate http;
  @Autowired IdentitySupplierPriceRepository identityPrices;
  @Autowired SupplierPriceRepository prices;

  @Test
  void bothImportsStoreEveryRowAndAnswerTheSame() {
    long identityRows = identityPrices.count();
    long sequenceRows = prices.count();

    ImportResult rowByRow = post("/imports/supplier-prices/row-by-row", PRICE_LIST).getBody();
    ImportResult batched = post("/imports/supplier-prices/batched", PRICE_LIST).getBody();

    assertThat(rowByRow).isEqualTo(batched).isEqualTo(new ImportResult(3, 6240));
    assertThat(identityPrices.count()).isEqualTo(identityRows + 3);
    assertThat(prices.count()).isEqualTo(sequenceRows + 3);
  }

  @Test
  void bothRejectAMalformedPriceList() {
    String malformed = SupplierPriceCsv.HEADER + "\nAcme Wholesale,SKU-0001,twelve\n";

    assertThat(post("/imports/supplier-prices/row-by-row", malformed).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post("/imports/supplier-prices/batched", malformed).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private ResponseEntity<ImportResult> post(String path, String csv) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.valueOf("text/csv"));
    return http.postForEntity(path, new HttpEntity<>(csv, headers), ImportResult.class);
  }
}
