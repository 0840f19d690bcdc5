package com.example.shop;

import java.math.BigDecimal;
import java.util.List;

/** Four customers with two orders each: what every test starts from. */
final class TestData {
  static final int ORDERS = 8;

  private TestData() {}

  static void stock(CustomerRepository customers, PurchaseOrderRepository orders) {
    orders.deleteAllInBatch();
    customers.deleteAllInBatch();
    for (String name : List.of("Ada", "Grace", "Barbara", "Edsger")) {
      Customer customer = customers.save(new Customer(name));
      orders.save(new PurchaseOrder(customer, new BigDecimal("10.00")));
      orders.save(new PurchaseOrder(customer, new BigDecimal("25.00")));
    }
  }
}
