package io.querylens.sample.importing;

import jakarta.persistence.Column;
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
public class SupplierPrice {

  /** Ids fetched per sequence call; also the sequence's increment in the database. */
  static final int ID_BLOCK = 50;

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shop_supplier_price_seq")
  @SequenceGenerator(
      name = "shop_supplier_price_seq",
      sequenceName = "shop_supplier_price_seq",
      allocationSize = ID_BLOCK)
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
  protected SupplierPrice() {}

  SupplierPrice(SupplierPriceRow row, Instant importedAt) {
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
