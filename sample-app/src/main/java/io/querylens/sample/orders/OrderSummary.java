package io.querylens.sample.orders;

import java.time.Instant;

/**
 * One row of the recent-orders listing.
 *
 * @param reference the order number
 * @param placedAt when it was placed
 * @param customerName who placed it
 * @param totalCents its total with tax, in cents
 */
public record OrderSummary(
    String reference, Instant placedAt, String customerName, long totalCents) {}
