/**
 * Products, tax rates and the price list: a repeated identical lookup ({@code REPEATED_QUERY}) and
 * its cached twin.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.querylens.sample.catalog;
