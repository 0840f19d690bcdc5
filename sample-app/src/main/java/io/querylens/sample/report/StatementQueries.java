package io.querylens.sample.report;

import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The two ways of reading a customer's statement. Both return the same lines; only one can use the
 * index on {@code shop_payment_event.order_reference}.
 */
public interface StatementQueries extends Repository<PaymentEvent, Long> {

  /**
   * For each of the customer's orders, sums its captured payments by upper-casing the provider's
   * reference to compare it with the order number. A function applied to an indexed column hides
   * the column from the index: the database reads every payment event, once per order.
   */
  @Query(
      """
      select new io.querylens.sample.report.StatementLine(o.reference, o.placedAt, o.totalCents,
        (select coalesce(sum(e.amountCents), 0) from PaymentEvent e
          where upper(e.orderReference) = o.reference and e.kind = 'CAPTURED'))
      from CustomerOrder o where o.customer.id = :customerId order by o.placedAt, o.id
      """)
  List<StatementLine> linesMatchingPaymentsByUpperCasedReference(long customerId);

  /**
   * For each of the customer's orders, sums its captured payments by lower-casing the order number
   * instead, once per order, and comparing the indexed column as it is stored: each order's
   * payments are a few steps down the index.
   */
  @Query(
      """
      select new io.querylens.sample.report.StatementLine(o.reference, o.placedAt, o.totalCents,
        (select coalesce(sum(e.amountCents), 0) from PaymentEvent e
          where e.orderReference = lower(o.reference) and e.kind = 'CAPTURED'))
      from CustomerOrder o where o.customer.id = :customerId order by o.placedAt, o.id
      """)
  List<StatementLine> linesMatchingPaymentsByIndexedReference(long customerId);
}
