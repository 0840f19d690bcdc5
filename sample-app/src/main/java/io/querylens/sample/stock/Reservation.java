package io.querylens.sample.stock;

/**
 * The answer to a reservation request.
 *
 * @param productId the product
 * @param units the units asked for
 * @param reserved whether they were reserved; {@code false} when not enough were in stock
 */
public record Reservation(long productId, int units, boolean reserved) {}
