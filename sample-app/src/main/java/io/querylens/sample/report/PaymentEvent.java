package io.querylens.sample.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One event of the payment provider's log (authorized, captured, settled ...), four per order, some
 * 200,000 rows generated at start-up.
 *
 * <p>The provider echoes the shop's order number back in lower case ({@code so-0004711} for order
 * {@code SO-0004711}), as text: there is no foreign key to the order, only this column and its
 * index.
 */
@Entity
@Table(
    name = "shop_payment_event",
    indexes = @Index(name = "shop_payment_event_order_reference", columnList = "order_reference"))
public class PaymentEvent {

  /** The kind of event that moves money from the customer to the shop. */
  public static final String CAPTURED = "CAPTURED";

  @Id private Long id;

  @Column(nullable = false, length = 20)
  private String orderReference;

  @Column(nullable = false, length = 20)
  private String kind;

  @Column(nullable = false)
  private long amountCents;

  @Column(nullable = false)
  private Instant occurredAt;

  /** For JPA. */
  protected PaymentEvent() {}

  /** Returns the order number as the provider sent it, in lower case. */
  public String getOrderReference() {
    return orderReference;
  }

  /** Returns the kind of event, such as {@value #CAPTURED}. */
  public String getKind() {
    return kind;
  }

  /** Returns the amount concerned, in cents. */
  public long getAmountCents() {
    return amountCents;
  }

  /** Returns when the provider recorded the event. */
  public Instant getOccurredAt() {
    return occurredAt;
  }
}
