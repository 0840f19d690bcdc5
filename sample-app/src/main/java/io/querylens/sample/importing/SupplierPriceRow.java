package io.querylens.sample.importing;

/**
 * One row of a supplier's price list as it arrives in CSV.
 *
 * @param supplier the supplier's name
 * @param sku the product's SKU
 * @param priceCents the supplier's price, in cents
 */
public record SupplierPriceRow(String supplier, String sku, long priceCents) {}
