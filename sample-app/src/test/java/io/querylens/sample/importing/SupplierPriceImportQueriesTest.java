package io.querylens.sample.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.detect.FindingType;
import io.querylens.junit.ExpectBatching;
import io.querylens.junit.ExpectMaxQueries;
import io.querylens.junit.QueryLens;
import io.querylens.junit.QueryRecording;
import io.querylens.junit.RecordedQueries;
import io.querylens.sample.SourceMarkers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The supplier price imports' statements: an insert per row, and two JDBC batches. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@QueryLens
class SupplierPriceImportQueriesTest {

  /** Two of Hibernate's batches ({@code hibernate.jdbc.batch_size=50}). */
  private static final int ROWS = 100;

  @Autowired TestRestTemplate http;

  @Test
  @ExpectBatching
  @ExpectMaxQueries(insert = 2)
  void theBatchedImportSendsAHundredRowsInTwoBatches() {
    assertThat(importPrices("batched").rows()).isEqualTo(ROWS);
  }

  @Test
  void theRowByRowImportInsertsEachRowApartAtTheMarkedLine(QueryRecording recording) {
    assertThat(importPrices("row-by-row").rows()).isEqualTo(ROWS);

    RecordedQueries recorded = recording.snapshot();
    assertThat(recorded.inserts()).isEqualTo(ROWS);
    assertThat(recorded.findings(FindingType.UNBATCHED_WRITES))
        .singleElement()
        .satisfies(
            unbatched -> {
              assertThat(unbatched.callSite())
                  .isEqualTo(
                      SourceMarkers.callSite(
                          SupplierPriceImportService.class, "importRowByRow", "unbatched-writes"));
              assertThat(unbatched.count()).isEqualTo(ROWS);
              assertThat(unbatched.statement())
                  .startsWith("insert into shop_supplier_price_identity");
            });
  }

  private ImportResult importPrices(String variant) {
    StringBuilder csv = new StringBuilder(SupplierPriceCsv.HEADER);
    for (int row = 1; row <= ROWS; row++) {
      csv.append(String.format("\nAcme Wholesale,SKU-%04d,%d", row % 40 + 1, 100 + row));
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.valueOf("text/csv"));
    ResponseEntity<ImportResult> response =
        http.postForEntity(
            "/imports/supplier-prices/" + variant,
            new HttpEntity<>(csv.toString(), headers),
            ImportResult.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }
}
