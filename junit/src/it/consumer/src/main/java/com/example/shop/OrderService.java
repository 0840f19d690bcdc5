package com.example.shop;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class OrderService {
  private final PurchaseOrderRepository orders;

  public OrderService(PurchaseOrderRepository orders) {
    this.orders = orders;
  }

  /** One query for the orders, then one per customer as each lazy customer is first touched. */
  public List<OrderSummary> listOrders() {
    List<OrderSummary> summaries = new ArrayList<>();
    for (PurchaseOrder order : orders.findAll(Sort.by("id"))) {
      String customer = order.getCustomer().getName(); // N+1: loads each customer
      summaries.add(new OrderSummary(order.getId(), customer, order.getTotal()));
    }
    return summaries;
  }

  /** The same list in one query: the customers come with the orders. */
  public List<OrderSummary> listOrdersWithCustomers() {
    List<OrderSummary> summaries = new ArrayList<>();
    for (PurchaseOrder order : orders.findAllWithCustomer()) {
      summaries.add(new OrderSummary(order.getId(), order.getCustomer().getName(), order.getTotal()));
    }
    return summaries;
  }
}
