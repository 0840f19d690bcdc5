/**
 * Stock and reservations: a row lock held across slow work ({@code LOCK_WAIT}) and the short atomic
 * update that replaces it.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.querylens.sample.stock;
