package example.library;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querylens.api.QueryLens;
import io.querylens.api.QueryLensScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * One application run both under the agent and in library mode by {@code LibraryModeIT}, so the two
 * reports can be compared: {@code OrderDesk <jdbc url> [wait]}. A {@code jdbc:p6spy:} URL makes HikariCP
 * connect through P6Spy's driver; the code, and so every call site, is the same either way.
 *
 * <p>In explicit scopes: an N+1 ({@code page}), the same lookup {@link #LOOKUPS} times with the same
 * parameter ({@code settings}), {@link #AUDITS} single inserts in one transaction ({@code import}); then
 * a few statements of every other kind the agent follows (batches, {@code execute}, an error, rollbacks).
 * Prints {@code workload done}; with {@code wait}, then waits for a file {@code stop} in the working
 * directory, so its metrics can be scraped.
 */
public final class OrderDesk {
  public static final int CUSTOMERS = 5;
  public static final int LOOKUPS = 4;
  public static final int AUDITS = 12;

  private OrderDesk() {}

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    if (args[0].startsWith("jdbc:p6spy:")) {
      config.setDriverClassName("com.p6spy.engine.spy.P6SpyDriver");
    }
    config.setPoolName("order-desk");
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(1);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      schema(pool);
      try (QueryLensScope scope = QueryLens.scope("page")) {
        listOrders(pool);
      }
      try (QueryLensScope scope = QueryLens.scope("settings")) {
        readSettings(pool);
      }
      try (QueryLensScope scope = QueryLens.scope("import")) {
        importAudits(pool);
      }
      otherKinds(pool);
      dropSchema(pool);
    }
    System.out.println("workload done");
    if (args.length > 1 && args[1].equals("wait")) {
      while (!Files.exists(Path.of("stop"))) {
        Thread.sleep(20);
      }
    }
  }

  private static void schema(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists ql_desk_orders");
      s.execute("drop table if exists ql_desk_customers");
      s.execute("drop table if exists ql_desk_settings");
      s.execute("drop table if exists ql_desk_audit");
      s.execute("create table ql_desk_customers (id int primary key, name varchar(40))");
      s.execute("create table ql_desk_orders (id int primary key, customer_id int, total int)");
      s.execute("create table ql_desk_settings (name varchar(40) primary key, setting varchar(40))");
      s.execute("create table ql_desk_audit (id int primary key, event varchar(40))");
      s.executeUpdate("insert into ql_desk_settings values ('currency', 'EUR')");
      try (PreparedStatement customers = c.prepareStatement("insert into ql_desk_customers values (?, ?)");
          PreparedStatement orders = c.prepareStatement("insert into ql_desk_orders values (?, ?, ?)")) {
        for (int i = 1; i <= CUSTOMERS; i++) {
          customers.setInt(1, i);
          customers.setString(2, "customer-" + i);
          customers.addBatch();
          orders.setInt(1, i);
          orders.setInt(2, i);
          orders.setInt(3, 10 * i);
          orders.addBatch();
        }
        customers.executeBatch();
        orders.executeBatch();
      }
    }
  }

  private static void listOrders(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet customers = s.executeQuery("select id from ql_desk_customers order by id");
        PreparedStatement orders = c.prepareStatement("select total from ql_desk_orders where customer_id = ?")) {
      while (customers.next()) {
        orders.setInt(1, customers.getInt(1));
        try (ResultSet totals = orders.executeQuery()) { // marker: n-plus-one
          while (totals.next()) {
            totals.getInt(1);
          }
        }
      }
    }
  }

  private static void readSettings(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection()) {
      for (int i = 0; i < LOOKUPS; i++) {
        try (PreparedStatement setting = c.prepareStatement("select setting from ql_desk_settings where name = ?")) {
          setting.setString(1, "currency");
          try (ResultSet value = setting.executeQuery()) { // marker: repeated-query
            value.next();
          }
        }
      }
    }
  }

  private static void importAudits(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement audit = c.prepareStatement("insert into ql_desk_audit values (?, ?)")) {
        for (int i = 1; i <= AUDITS; i++) {
          audit.setInt(1, i);
          audit.setString(2, "imported");
          audit.executeUpdate(); // marker: unbatched-writes
        }
      }
      c.commit();
      c.setAutoCommit(true);
    }
  }

  private static void otherKinds(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("update ql_desk_orders set total = total + 1 where customer_id < 3");
      if (s.execute("select count(*) from ql_desk_orders")) {
        try (ResultSet count = s.getResultSet()) {
          count.next();
        }
      }
      s.addBatch("update ql_desk_orders set total = 0 where id = 1");
      s.addBatch("update ql_desk_orders set total = 0 where id = 2");
      s.executeBatch();
      try {
        s.executeQuery("select missing_column from ql_desk_orders");
        throw new IllegalStateException("the database ran a query on a column that does not exist");
      } catch (SQLException expected) {
        // counted as an error of its statement
      }
      c.setAutoCommit(false);
      Savepoint before = c.setSavepoint();
      s.executeUpdate("delete from ql_desk_audit where id > 9");
      c.rollback(before); // ends no transaction
      s.executeUpdate("delete from ql_desk_audit where id > 6");
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  private static void dropSchema(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("drop table ql_desk_orders");
      s.execute("drop table ql_desk_customers");
      s.execute("drop table ql_desk_settings");
      s.execute("drop table ql_desk_audit");
    }
  }
}
