package example.cases;

import example.shop.CustomerOrder;
import example.shop.Shop;
import io.querylens.junit.ExpectQueries;
import io.querylens.junit.NoNPlusOne;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hibernate reading each order's lazy customer in a loop, and the JOIN FETCH that fixes it. */
@ExampleTestCase
@NoNPlusOne
public class NPlusOneCases {
  /** The line that loads each customer in {@link #lazyCustomersInALoop()}. */
  public static volatile int loopLine;

  @BeforeEach
  void orders() {
    Shop.reset();
  }

  @Test
  @ExpectQueries(select = 1)
  void lazyCustomersInALoop() {
    List<String> names = new ArrayList<>();
    try (Session session = Shop.sessionFactory().openSession()) {
      for (CustomerOrder order : session.createSelectionQuery("from CustomerOrder order by id", CustomerOrder.class)
          .getResultList()) {
        loopLine = Lines.next();
        names.add(order.getCustomer().getName());
      }
    }
  }

  @Test
  @ExpectQueries(select = 1)
  void joinFetch() {
    List<String> names = new ArrayList<>();
    try (Session session = Shop.sessionFactory().openSession()) {
      for (CustomerOrder order : session.createSelectionQuery(
          "from CustomerOrder o join fetch o.customer order by o.id", CustomerOrder.class).getResultList()) {
        names.add(order.getCustomer().getName());
      }
    }
  }
}
