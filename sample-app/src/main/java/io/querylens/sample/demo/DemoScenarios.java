package io.querylens.sample.demo;

import io.querylens.sample.data.ShopDataProperties;
import io.querylens.sample.importing.SupplierPriceCsv;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The demo's scenarios, one per finding type the shop shows. */
final class DemoScenarios {

  /** Rows per supplier price list: well over the agent's unbatched-write threshold of 10. */
  static final int IMPORT_ROWS = 100;

  /**
   * The product every stock reservation asks for: one hot row is what makes reservations queue for
   * its lock.
   */
  static final long HOT_PRODUCT = 1;

  private DemoScenarios() {}

  /** Returns the scenarios for a shop generated with {@code sizes}. */
  static List<DemoScenario> all(ShopDataProperties sizes) {
    return List.of(
        new DemoScenario(
            "N_PLUS_ONE",
            Endpoint.get("/orders/recent/lazy-customers"),
            Endpoint.get("/orders/recent/join-fetch")),
        new DemoScenario(
            "SLOW_QUERY",
            Endpoint.getWithRandomId(
                "/reports/customers/{customerId}/statement/unindexed",
                "customerId",
                sizes.customers()),
            Endpoint.getWithRandomId(
                "/reports/customers/{customerId}/statement/indexed",
                "customerId",
                sizes.customers())),
        new DemoScenario("LOCK_WAIT", reservation("hold-lock"), reservation("atomic")),
        new DemoScenario(
            "UNBATCHED_WRITES",
            priceImport("row-by-row", sizes.products()),
            priceImport("batched", sizes.products())),
        new DemoScenario(
            "REPEATED_QUERY",
            Endpoint.get("/catalog/price-list/uncached?country=DE"),
            Endpoint.get("/catalog/price-list/cached?country=DE")));
  }

  private static Endpoint reservation(String variant) {
    String template = "/stock/{productId}/reservations/" + variant;
    return Endpoint.post(
        template,
        template.replace("{productId}", Long.toString(HOT_PRODUCT)) + "?units=1",
        "text/plain",
        () -> "");
  }

  private static Endpoint priceImport(String variant, int products) {
    String path = "/imports/supplier-prices/" + variant;
    return Endpoint.post(path, path, "text/csv", () -> supplierPriceList(products));
  }

  /** A price list of {@value #IMPORT_ROWS} rows for products of the catalog, at random prices. */
  static String supplierPriceList(int products) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder csv = new StringBuilder(SupplierPriceCsv.HEADER).append('\n');
    for (int i = 0; i < IMPORT_ROWS; i++) {
      csv.append("Acme Wholesale,SKU-")
          .append(String.format("%04d", random.nextInt(1, products + 1)))
          .append(',')
          .append(random.nextInt(100, 10_000))
          .append('\n');
    }
    return csv.toString();
  }
}
