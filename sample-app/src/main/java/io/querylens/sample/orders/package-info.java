/**
 * Orders and the recent-orders listing: an N+1 ({@code N_PLUS_ONE}) and its {@code JOIN FETCH}
 * twin.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.querylens.sample.orders;
