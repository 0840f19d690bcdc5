package example.reports;

import io.querylens.api.QueryLens;
import io.querylens.api.QueryLensScope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Two versions of one application, for the report commands: {@code OrderPages loop <audits>} lists
 * orders with an N+1, {@code OrderPages fixed <audits>} with one join; both write {@code <audits>}
 * audit rows per page, one INSERT each (too few for an UNBATCHED_WRITES finding, but counted per unit
 * of work). Run under the agent by {@code ReportsIT}.
 */
public final class OrderPages {
  public static final int PAGES = 2;
  public static final int CUSTOMERS = 4;

  private OrderPages() {}

  public static void main(String[] args) throws Exception {
    boolean loop = args[0].equals("loop");
    int audits = Integer.parseInt(args[1]);
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
        Statement s = c.createStatement()) {
      s.execute("create table customers (id int primary key, name varchar(20))");
      s.execute("create table orders (id int primary key, customer_id int, total int)");
      s.execute("create table audit (id int auto_increment primary key, page int)");
      for (int i = 1; i <= CUSTOMERS; i++) {
        s.execute("insert into customers values (" + i + ", 'c" + i + "')");
        s.execute("insert into orders values (" + i + ", " + i + ", " + (10 * i) + ")");
      }
      for (int page = 0; page < PAGES; page++) {
        try (QueryLensScope scope = QueryLens.scope("GET /orders")) {
          if (loop) {
            listWithLoop(c);
          } else {
            listWithJoin(c);
          }
          audit(c, page, audits);
        }
      }
    }
    System.out.println("done");
  }

  private static void listWithLoop(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet customers = s.executeQuery("select id from customers");
        PreparedStatement orders = c.prepareStatement("select total from orders where customer_id = ?")) {
      while (customers.next()) {
        orders.setInt(1, customers.getInt(1));
        orders.executeQuery().close(); // marker: n-plus-one
      }
    }
  }

  private static void listWithJoin(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("select c.id, o.total from customers c join orders o on o.customer_id = c.id")) {
      while (rows.next()) {
        // read every row, as the page would
      }
    }
  }

  private static void audit(Connection c, int page, int audits) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("insert into audit (page) values (?)")) {
      for (int i = 0; i < audits; i++) {
        insert.setInt(1, page);
        insert.executeUpdate();
      }
    }
  }
}
