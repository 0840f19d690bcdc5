/**
 * The shop's customers. Read by the order listing and the customer statement; never written by the
 * application (they are generated at start-up).
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.querylens.sample.customers;
