/**
 * The QueryLens sample application: a small shop (customers, orders, products, stock, payments)
 * whose endpoints come in pairs, one with a database problem QueryLens finds and its fixed twin.
 *
 * <p>Each feature has its own package: {@code orders} (an N+1), {@code report} (a slow query),
 * {@code stock} (lock waits), {@code importing} (unbatched writes) and {@code catalog} (a repeated
 * query). {@code demo} drives them all when the application is started with {@code --demo}.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.querylens.sample;
