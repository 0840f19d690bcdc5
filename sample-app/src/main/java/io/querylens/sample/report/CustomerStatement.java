package io.querylens.sample.report;

import java.util.List;

/**
 * A customer's account statement: every order, what was billed and what was paid.
 *
 * @param customerId the customer
 * @param lines the customer's orders, oldest first
 * @param billedCents the sum billed, in cents
 * @param paidCents the sum paid, in cents
 * @param openCents what is still owed, in cents
 */
public record CustomerStatement(
    long customerId, List<StatementLine> lines, long billedCents, long paidCents, long openCents) {

  /** Adds a statement's lines up. */
  static CustomerStatement of(long customerId, List<StatementLine> lines) {
    long billed = 0;
    long paid = 0;
    for (StatementLine line : lines) {
      billed += line.billedCents();
      paid += line.paidCents();
    }
    return new CustomerStatement(customerId, List.copyOf(lines), billed, paid, billed - paid);
  }
}
