package io.querylens.sample.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A product of the catalog. Rows are generated at start-up; the application only reads them. */
@Entity
@Table(name = "shop_product")
public class Product {

  @Id private Long id;

  @Column(nullable = false, unique = true, length = 20)
  private String sku;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(nullable = false)
  private long netPriceCents;

  /** For JPA. */
  protected Product() {}

  /** Returns the id. */
  public Long getId() {
    return id;
  }

  /** Returns the stock keeping unit, such as {@code SKU-0007}. */
  public String getSku() {
    return sku;
  }

  /** Returns the product's name. */
  public String getName() {
    return name;
  }

  /** Returns the price before tax, in cents. */
  public long getNetPriceCents() {
    return netPriceCents;
  }
}
