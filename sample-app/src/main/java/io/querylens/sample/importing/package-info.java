/**
 * The supplier price import: one {@code INSERT} per CSV row ({@code UNBATCHED_WRITES}) and its
 * batched twin.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.querylens.sample.importing;
