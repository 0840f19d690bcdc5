package io.querylens.sample.report;

import java.time.Instant;

/**
 * One order on a customer's statement.
 *
 * @param reference the order number
 * @param placedAt when it was placed
 * @param billedCents the order's total, in cents
 * @param paidCents what the payment provider captured for it, in cents
 */
public record StatementLine(String reference, Instant placedAt, long billedCents, long paidCents) {}
