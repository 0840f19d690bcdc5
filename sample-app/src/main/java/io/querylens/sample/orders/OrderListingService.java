package io.querylens.sample.orders;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The recent-orders listing: the latest orders with the names of the customers who placed them. */
@Service
public class OrderListingService {

  /** How many orders the listing shows. */
  public static final int PAGE_SIZE = 20;

  private final OrderRepository orders;

  OrderListingService(OrderRepository orders) {
    this.orders = orders;
  }

  /**
   * <b>Deliberately wrong</b>, to show an {@code N_PLUS_ONE}: loads the orders, then reads each
   * one's lazy customer in the loop. Every {@code getName()} on a customer not yet loaded makes
   * Hibernate run one more {@code select ... from shop_customer where id = ?}: one query for the
   * orders plus one per distinct customer, twenty-one statements for a page of twenty.
   */
  @Transactional(readOnly = true)
  public List<OrderSummary> recentOrdersLoadingCustomersOneByOne() {
    List<OrderSummary> listing = new ArrayList<>();
    for (CustomerOrder order : orders.findByOrderByPlacedAtDesc(Limit.of(PAGE_SIZE))) {
      String customerName = order.getCustomer().getName(); // marker: n-plus-one
      listing.add(summary(order, customerName));
    }
    return listing;
  }

  /**
   * The fixed twin of {@link #recentOrdersLoadingCustomersOneByOne}: the orders' query joins the
   * customers in ({@code JOIN FETCH}), so the loop reads names already in memory. One statement per
   * page, however many customers it shows.
   */
  @Transactional(readOnly = true)
  public List<OrderSummary> recentOrdersWithCustomersJoined() {
    List<OrderSummary> listing = new ArrayList<>();
    for (CustomerOrder order : orders.findLatestWithCustomers(Limit.of(PAGE_SIZE))) {
      listing.add(summary(order, order.getCustomer().getName()));
    }
    return listing;
  }

  private static OrderSummary summary(CustomerOrder order, String customerName) {
    return new OrderSummary(
        order.getReference(), order.getPlacedAt(), customerName, order.getTotalCents());
  }
}
