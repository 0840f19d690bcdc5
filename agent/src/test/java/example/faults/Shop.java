package example.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A small shop on H2 in memory that gives every standard detector something to find, and prints what its
 * statements returned ({@link Transcript}): {@value #CUSTOMERS} customers inserted one by one (UNBATCHED_WRITES
 * from {@code unbatchedWriteThreshold=5}), their orders looked up one customer at a time (N_PLUS_ONE), one
 * sleeping query (SLOW_QUERY from {@code slowQueryThreshold} under {@value #SLEEP_MS} ms), and a duplicate key the
 * application catches. Usage: {@code Shop} (system property {@code faults.pauseAt=end} pauses
 * before it exits, see {@link Transcript#pauseIfAsked}).
 */
public final class Shop {

  /** Customers, each with two orders. */
  public static final int CUSTOMERS = 6;

  /** How long the sleeping query sleeps. */
  public static final int SLEEP_MS = 300;

  /** The per-customer lookup, as the application sends it. */
  public static final String LOOKUP = "select total from shop_orders where customer_id = ?";

  private Shop() {}

  /** Runs the shop. */
  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:faultshop;DB_CLOSE_DELAY=-1");
        Statement s = c.createStatement()) {
      s.execute("create alias SLEEP_MS for 'java.lang.Thread.sleep(long)'");
      s.execute("create table shop_customers (id int primary key, name varchar(40))");
      s.execute("create table shop_orders (id int primary key, customer_id int, total int)");
      try (PreparedStatement insert = c.prepareStatement("insert into shop_customers (id, name) values (?, ?)")) {
        for (int id = 1; id <= CUSTOMERS; id++) {
          insert.setInt(1, id);
          insert.setString(2, "customer " + id);
          app("customer inserted: " + insert.executeUpdate());
        }
      }
      try (PreparedStatement order = c.prepareStatement("insert into shop_orders values (?, ?, ?)")) {
        for (int id = 1; id <= 2 * CUSTOMERS; id++) {
          order.setInt(1, id);
          order.setInt(2, (id + 1) / 2);
          order.setInt(3, 10 * id);
          order.addBatch();
        }
        app("orders batch: " + java.util.Arrays.toString(order.executeBatch()));
      }
      try (ResultSet customers = s.executeQuery("select id, name from shop_customers order by id");
          PreparedStatement lookup = c.prepareStatement(LOOKUP)) {
        while (customers.next()) {
          lookup.setInt(1, customers.getInt(1));
          int total = 0;
          try (ResultSet orders = lookup.executeQuery()) {
            while (orders.next()) {
              total += orders.getInt(1);
            }
          }
          app(customers.getString(2) + " spent " + total);
        }
      }
      try (PreparedStatement sleep = c.prepareStatement("select SLEEP_MS(?)")) {
        sleep.setLong(1, SLEEP_MS);
        try (ResultSet slept = sleep.executeQuery()) {
          app("slept: " + slept.next());
        }
      }
      try {
        s.executeUpdate("insert into shop_customers (id, name) values (1, 'again')");
      } catch (SQLException e) {
        Transcript.caught("duplicate customer", e);
      }
      try (ResultSet count = s.executeQuery("select count(*) from shop_customers")) {
        count.next();
        app("customers: " + count.getInt(1));
      }
    }
    Transcript.pauseIfAsked("end");
    app("done");
  }

  private static void app(String result) {
    Transcript.app(result);
  }
}
