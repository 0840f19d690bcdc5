package io.querylens.sample.orders;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The recent-orders listing, with an N+1 (the problem) and with a join (the fix). */
@RestController
@RequestMapping("/orders/recent")
class OrderController {

  private final OrderListingService listings;

  OrderController(OrderListingService listings) {
    this.listings = listings;
  }

  @GetMapping("/lazy-customers")
  List<OrderSummary> lazyCustomers() {
    return listings.recentOrdersLoadingCustomersOneByOne();
  }

  @GetMapping("/join-fetch")
  List<OrderSummary> joinFetch() {
    return listings.recentOrdersWithCustomersJoined();
  }
}
