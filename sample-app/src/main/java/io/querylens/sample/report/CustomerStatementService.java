package io.querylens.sample.report;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Customer statements: each order of a customer with what was billed and what was paid. */
@Service
public class CustomerStatementService {

  private final StatementQueries queries;

  CustomerStatementService(StatementQueries queries) {
    this.queries = queries;
  }

  /**
   * <b>Deliberately wrong</b>, to show a {@code SLOW_QUERY}: matches payments to orders with {@code
   * upper(payment.order_reference) = order.reference}. The index on {@code order_reference} holds
   * the stored values, not their upper-case forms, so the database cannot use it and scans every
   * payment event for every order of the customer: eighty scans of some 200,000 rows. On H2, on a
   * busy two-core machine, that measured about 2 s alone and 3 to 4 s four at a time, against the
   * agent's 500 ms slow-query threshold.
   *
   * @throws ResponseStatusException 404 if the customer has no orders
   */
  @Transactional(readOnly = true)
  public CustomerStatement statementScanningPayments(long customerId) {
    List<StatementLine> lines =
        queries.linesMatchingPaymentsByUpperCasedReference(customerId); // marker: slow-query
    return statement(customerId, lines);
  }

  /**
   * The fixed twin of {@link #statementScanningPayments}: applies the function to the other side,
   * {@code payment.order_reference = lower(order.reference)}, which is computed once per order and
   * leaves the indexed column bare. Same answer, a few milliseconds.
   *
   * @throws ResponseStatusException 404 if the customer has no orders
   */
  @Transactional(readOnly = true)
  public CustomerStatement statementUsingIndex(long customerId) {
    return statement(customerId, queries.linesMatchingPaymentsByIndexedReference(customerId));
  }

  private static CustomerStatement statement(long customerId, List<StatementLine> lines) {
    if (lines.isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "Customer " + customerId + " has no orders");
    }
    return CustomerStatement.of(customerId, lines);
  }
}
