/**
 * Payments and the customer statement: a slow query ({@code SLOW_QUERY}) that cannot use its index
 * and its indexed twin.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.querylens.sample.report;
