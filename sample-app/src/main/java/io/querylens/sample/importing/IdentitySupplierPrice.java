package io.querylens.sample.importing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An imported supplier price in a table with an {@code IDENTITY} (auto-increment) id, as many
 * schemas have. The database assigns the id during the insert, so Hibernate must run each {@code
 * INSERT} on its own to read it back, and {@code hibernate.jdbc.batch_size} has no effect on this
 * entity. Used by the row-by-row import only; {@link SupplierPrice} is the batchable twin.
 */
@Entity
@Table(name = "shop_supplier_price_identity")
public class IdentitySupplierPrice {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String supplier;

  @Column(nullable = false, length = 20)
  private String sku;

  @Column(nullable = false)
  private long priceCents;

  @Column(nullable = false)
  private Instant importedAt;

  /** For JPA. */
  protected IdentitySupplierPrice() {}

  IdentitySupplierPrice(SupplierPriceRow row, Instant importedAt) {
    this.supplier = row.supplier();
    this.sku = row.sku();
    this.priceCents = row.priceCents();
    this.importedAt = importedAt;
  }

  /** Returns the id, or {@code null} before the row is persisted. */
  public Long getId() {
    return id;
  }

  /** Returns the supplier's price, in cents. */
  public long getPriceCents() {
    return priceCents;
  }
}
