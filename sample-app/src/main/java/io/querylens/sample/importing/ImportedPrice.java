package io.querylens.sample.importing;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * The columns of an imported supplier price. The two tables that hold them differ only in how
 * their ids are made, which is what decides whether Hibernate can batch their inserts.
 */
@MappedSuperclass
abstract class ImportedPrice {

  @Column(nullable = false, length = 100)
  private String supplier;

  @Column(nullable = false, length = 20)
  private String sku;

  @Column(nullable = false)
  private long priceCents;

  @Column(nullable = false)
  private Instant importedAt;

  /** For JPA. */
  protected ImportedPrice() {}

  ImportedPrice(SupplierPriceRow row, Instant importedAt) {
    this.supplier = row.supplier();
    this.sku = row.sku();
    this.priceCents = row.priceCents();
    this.importedAt = importedAt;
  }

  /** Returns the supplier's price, in cents. */
  public long getPriceCents() {
    return priceCents;
  }
}
