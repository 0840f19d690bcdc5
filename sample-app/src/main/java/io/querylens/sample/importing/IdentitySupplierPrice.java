package io.querylens.sample.importing;

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
public class IdentitySupplierPrice extends ImportedPrice {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  /** For JPA. */
  protected IdentitySupplierPrice() {}

  IdentitySupplierPrice(SupplierPriceRow row, Instant importedAt) {
    super(row, importedAt);
  }

  /** Returns the id, or {@code null} before the row is persisted. */
  public Long getId() {
    return id;
  }
}
