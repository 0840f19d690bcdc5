package io.querylens.sample.orders;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Reads orders. */
public interface OrderRepository extends JpaRepository<CustomerOrder, Long> {

  /** Returns the latest orders, newest first, with their customers left as lazy proxies. */
  List<CustomerOrder> findByOrderByPlacedAtDesc(Limit limit);

  /**
   * Returns the latest orders, newest first, with their customers loaded by the same statement: a
   * join, so reading {@code order.getCustomer().getName()} afterwards runs no query.
   */
  @Query("select o from CustomerOrder o join fetch o.customer order by o.placedAt desc")
  List<CustomerOrder> findLatestWithCustomers(Limit limit);
}
