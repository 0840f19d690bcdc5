package io.querylens.sample.orders;

import io.querylens.sample.customers.Customer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An order placed by a customer. Rows are generated at start-up; the application only reads them.
 *
 * <p>The customer is {@link FetchType#LAZY}, as it should be: most screens that list orders do not
 * need it, and those that do say so in their query (see {@link OrderRepository}).
 */
@Entity
@Table(
    name = "shop_order",
    indexes = @Index(name = "shop_order_placed_at", columnList = "placed_at"))
public class CustomerOrder {

  @Id private Long id;

  /** The order number customers see, such as {@code SO-0004711}. */
  @Column(nullable = false, unique = true, length = 20)
  private String reference;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "customer_id")
  private Customer customer;

  @Column(nullable = false)
  private Instant placedAt;

  @Column(nullable = false)
  private long totalCents;

  /** For JPA. */
  protected CustomerOrder() {}

  /** Returns the id. */
  public Long getId() {
    return id;
  }

  /** Returns the order number customers see, such as {@code SO-0004711}. */
  public String getReference() {
    return reference;
  }

  /** Returns the customer; a lazy proxy unless the query fetched it. */
  public Customer getCustomer() {
    return customer;
  }

  /** Returns when the order was placed. */
  public Instant getPlacedAt() {
    return placedAt;
  }

  /** Returns the order's total with tax, in cents: the sum of its lines. */
  public long getTotalCents() {
    return totalCents;
  }
}
