package io.querylens.sample.orders;

import io.querylens.sample.catalog.Product;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One product in an order. Rows are generated at start-up, one per order, and add up to the order's
 * total.
 */
@Entity
@Table(name = "shop_order_line")
public class OrderLine {

  @Id private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "order_id")
  private CustomerOrder order;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "product_id")
  private Product product;

  @Column(nullable = false)
  private int quantity;

  @Column(nullable = false)
  private long unitPriceCents;

  /** For JPA. */
  protected OrderLine() {}

  /** Returns the order this line belongs to. */
  public CustomerOrder getOrder() {
    return order;
  }

  /** Returns the product ordered. */
  public Product getProduct() {
    return product;
  }

  /** Returns how many units were ordered. */
  public int getQuantity() {
    return quantity;
  }

  /** Returns the price of one unit with tax, in cents, as it was when the order was placed. */
  public long getUnitPriceCents() {
    return unitPriceCents;
  }
}
