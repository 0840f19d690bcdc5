package io.querylens.sample.catalog;

/**
 * One line of the price list.
 *
 * @param sku the product's SKU
 * @param name the product's name
 * @param netCents the price before tax, in cents
 * @param grossCents the price with the country's tax, in cents
 */
public record PricedProduct(String sku, String name, long netCents, long grossCents) {}
