package io.querylens.sample.importing;

/**
 * What an import stored.
 *
 * @param rows the rows imported
 * @param totalCents the sum of their prices, in cents, for the sender to check against
 */
public record ImportResult(int rows, long totalCents) {}
