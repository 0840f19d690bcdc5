package io.querylens.sample.stock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How many units of a product the warehouse has that are not reserved yet. One row per product. */
@Entity
@Table(name = "shop_stock")
public class Stock {

  @Id private Long productId;

  @Column(nullable = false)
  private int quantity;

  /** For JPA. */
  protected Stock() {}

  /** Returns the product's id. */
  public Long getProductId() {
    return productId;
  }

  /** Returns the units available. */
  public int getQuantity() {
    return quantity;
  }

  /**
   * Takes units away; the change is written when the transaction commits.
   *
   * @throws IllegalArgumentException if fewer than {@code units} are available
   */
  void take(int units) {
    if (units > quantity) {
      throw new IllegalArgumentException(
          "Cannot take " + units + " units of product " + productId + ": " + quantity + " left");
    }
    quantity -= units;
  }
}
