package io.querylens.sample.importing;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An imported supplier price, with a {@code SEQUENCE} id that Hibernate takes fifty at a time
 * (pooled optimizer): it knows each row's id before inserting it, so it can send the inserts
 * together in one JDBC batch.
 */
@Entity
@Table(name = "shop_supplier_price")
public class SupplierPrice extends ImportedPrice {

  /** Ids fetched per sequence call; also the sequence's increment in the database. */
  static final int ID_BLOCK = 50;

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shop_supplier_price_seq")
  @SequenceGenerator(
      name = "shop_supplier_price_seq",
      sequenceName = "shop_supplier_price_seq",
      allocationSize = ID_BLOCK)
  private Long id;

  /** For JPA. */
  protected SupplierPrice() {}

  SupplierPrice(SupplierPriceRow row, Instant importedAt) {
    super(row, importedAt);
  }

  /** Returns the id, or {@code null} before the row is persisted. */
  public Long getId() {
    return id;
  }
}
