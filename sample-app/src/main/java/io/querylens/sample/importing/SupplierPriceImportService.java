package io.querylens.sample.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Imports supplier price lists (CSV) into the database. */
@Service
public class SupplierPriceImportService {

  private final IdentitySupplierPriceRepository identityPrices;
  private final SupplierPriceRepository prices;

  SupplierPriceImportService(
      IdentitySupplierPriceRepository identityPrices, SupplierPriceRepository prices) {
    this.identityPrices = identityPrices;
    this.prices = prices;
  }

  /**
   * <b>Deliberately wrong</b>, to show {@code UNBATCHED_WRITES}: saves and flushes each row on its
   * own, into a table with an {@code IDENTITY} id. Every row is one {@code INSERT} and one round
   * trip to the database; a hundred rows, a hundred round trips.
   */
  @Transactional
  public ImportResult importRowByRow(String csv) {
    Instant now = Instant.now();
    long totalCents = 0;
    int rows = 0;
    for (SupplierPriceRow row : SupplierPriceCsv.parse(csv)) {
      identityPrices.saveAndFlush(new IdentitySupplierPrice(row, now)); // marker: unbatched-writes
      totalCents += row.priceCents();
      rows++;
    }
    return new ImportResult(rows, totalCents);
  }

  /**
   * The fixed twin of {@link #importRowByRow}: hands all rows to {@code saveAll} and lets the
   * commit flush them. With {@code SEQUENCE} ids fetched fifty at a time and {@code
   * hibernate.jdbc.batch_size=50}, Hibernate sends the inserts fifty per JDBC batch ({@code
   * executeBatch}): two round trips and two sequence calls for a hundred rows.
   */
  @Transactional
  public ImportResult importBatched(String csv) {
    Instant now = Instant.now();
    List<SupplierPrice> entities = new ArrayList<>();
    long totalCents = 0;
    for (SupplierPriceRow row : SupplierPriceCsv.parse(csv)) {
      entities.add(new SupplierPrice(row, now));
      totalCents += row.priceCents();
    }
    prices.saveAll(entities);
    return new ImportResult(entities.size(), totalCents);
  }
}
