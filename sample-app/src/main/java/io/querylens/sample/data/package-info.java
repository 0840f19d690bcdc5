/**
 * The shop's data, generated in the database at start-up: customers, products, stock, tax rates,
 * orders with their lines, and the payment provider's events.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.querylens.sample.data;
