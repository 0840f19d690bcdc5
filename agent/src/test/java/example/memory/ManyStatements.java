package example.memory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Floods the agent with statements it has never seen, as an application that builds SQL by string
 * concatenation does, so that a test can check that the agent's memory stays bounded.
 *
 * <p>Usage: {@code ManyStatements literals <count>} runs {@code count} lookups of one statement shape with
 * a new literal each time, written five ways (number, quoted number, signed number, another spelling and
 * spacing, a trailing comment): one fingerprint. {@code ManyStatements shapes <count>} runs {@code count}
 * lookups that each name their result column differently ({@code select name as c<i> ...}): that many
 * fingerprints. Both go through {@link Statement#executeQuery} on an in-memory H2 database, after
 * {@link #SETUP_STATEMENTS} setup statements. Prints {@code observed rowsRead=<n>}, then
 * {@code workload done}.
 */
public final class ManyStatements {

  /** Rows in {@code customer}; lookups cycle over their ids. */
  public static final int CUSTOMERS = 100;

  /** Statements run before the lookups: the table and its rows. */
  public static final int SETUP_STATEMENTS = 1 + CUSTOMERS;

  private ManyStatements() {}

  /** Runs the workload; see the class comment. */
  public static void main(String[] args) throws SQLException {
    String mode = args[0];
    int count = Integer.parseInt(args[1]);
    long rows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:memory;DB_CLOSE_DELAY=-1");
        Statement s = c.createStatement()) {
      s.execute("create table customer(id int primary key, name varchar(40))");
      for (int id = 0; id < CUSTOMERS; id++) {
        s.executeUpdate("insert into customer(id, name) values (" + id + ", 'customer " + id + "')");
      }
      for (int i = 0; i < count; i++) {
        try (ResultSet r = s.executeQuery(mode.equals("shapes") ? shape(i) : literal(i))) {
          while (r.next()) {
            rows++;
          }
        }
      }
    }
    System.out.println("observed rowsRead=" + rows);
    System.out.println("workload done");
  }

  // Each a distinct string, so the agent's cache of raw SQL never hits; the ids past CUSTOMERS
  // find nothing, which is as good a lookup as any.
  private static String literal(int i) {
    switch (i % 5) {
      case 0:
        return "select name from customer where id = " + i;
      case 1:
        return "select name from customer where id = '" + i + "'";
      case 2:
        return "select name from customer where id = -" + i;
      case 3:
        return "SELECT name\n  FROM customer\n WHERE id=" + i;
      default:
        return "select name from customer where id = " + i + " -- lookup " + i;
    }
  }

  private static String shape(int i) {
    return "select name as c" + i + " from customer where id = " + (i % CUSTOMERS);
  }
}
