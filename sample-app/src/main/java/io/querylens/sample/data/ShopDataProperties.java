package io.querylens.sample.data;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much data to generate at start-up ({@code shop.data.*}): 640 customers with 80 orders each,
 * each order with four payment events (204,800 rows), and 40 products. Sized, by measurement, so
 * that the customer statement's unindexed query takes well over the agent's 500 ms slow-query
 * threshold on H2 (one scan of the payment events per order of the customer) while the whole set is
 * generated in a few seconds.
 *
 * @param customers customers to generate, at least 1
 * @param ordersPerCustomer orders per customer, at least 1
 * @param products products (each with a stock row), at least 1
 */
@ConfigurationProperties("shop.data")
public record ShopDataProperties(
    @DefaultValue("640") int customers,
    @DefaultValue("80") int ordersPerCustomer,
    @DefaultValue("40") int products) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if one is below 1
   */
  public ShopDataProperties {
    if (customers < 1 || ordersPerCustomer < 1 || products < 1) {
      throw new IllegalArgumentException(
          "shop.data.customers, shop.data.orders-per-customer and shop.data.products must be at"
              + " least 1 but were "
              + customers
              + ", "
              + ordersPerCustomer
              + " and "
              + products);
    }
  }

  /** Returns the number of orders: customers times orders per customer. */
  public long orders() {
    return (long) customers * ordersPerCustomer;
  }

  /** Returns the number of payment events: four per order. */
  public long paymentEvents() {
    return orders() * ShopDataGenerator.EVENTS_PER_ORDER;
  }
}
