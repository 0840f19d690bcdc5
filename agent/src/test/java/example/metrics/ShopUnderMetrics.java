package example.metrics;

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
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A small shop on H2 behind HikariCP that gives every QueryLens metric something to count, then
 * keeps running statements until told to stop. Run under the agent by {@code MetricsPrometheusIT}.
 *
 * <p>Phases: an N+1 in an explicit scope; a lock wait (one transaction holds a row for {@link
 * #HOLD_MILLIS}); a lock timeout; a failing statement; then a steady loop. When the file {@code
 * distinct} appears in the working directory it runs {@link #DISTINCT} statements on distinct tables,
 * each in its own scope, and prints {@code distinct-done}; when {@code stop} appears it exits.
 */
public final class ShopUnderMetrics {
  public static final int CUSTOMERS = 5;
  public static final long HOLD_MILLIS = 700;
  public static final int DISTINCT = 10_000;
  /** The literal every inserted customer's name holds; it must never reach the metrics. */
  public static final String SECRET = "qlsecret";
  /** The digits every order amount starts with, written into the SQL text as a literal. */
  public static final String AMOUNT_PREFIX = "4242";

  private ShopUnderMetrics() {}

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    config.setMaximumPoolSize(4);
    config.setPoolName("shop-pool");
    try (HikariDataSource pool = new HikariDataSource(config)) {
      schema(pool);
      nPlusOne(pool);
      lockWait(pool);
      lockTimeout(pool);
      failing(pool);
      System.out.println("phases-done");
      steady(pool);
    }
    System.out.println("stopped");
  }

  private static void schema(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table customers (id int primary key, name varchar(40))");
      s.execute("create table orders (id int primary key, customer_id int, total int)");
      s.execute("create table stock (id int primary key, quantity int)");
      s.execute("insert into stock values (1, 100)");
      for (int i = 1; i <= CUSTOMERS; i++) {
        s.execute("insert into customers values (" + i + ", '" + SECRET + "-" + i + "')");
        s.execute("insert into orders values (" + i + ", " + i + ", " + AMOUNT_PREFIX + String.format("%02d", i) + ")");
      }
    }
  }

  private static void nPlusOne(HikariDataSource pool) throws SQLException {
    try (QueryLensScope scope = QueryLens.scope("metrics-n-plus-one");
        Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet customers = s.executeQuery("select id from customers");
        PreparedStatement orders = c.prepareStatement("select total from orders where customer_id = ?")) {
      while (customers.next()) {
        orders.setInt(1, customers.getInt(1));
        orders.executeQuery().close(); // marker: n-plus-one
      }
    }
  }

  private static void lockWait(HikariDataSource pool) throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    Thread holder = new Thread(() -> {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.executeUpdate("update stock set quantity = quantity - 1 where id = 1");
        held.countDown();
        Thread.sleep(HOLD_MILLIS);
        c.commit();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "stock-holder");
    holder.start();
    held.await();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("update stock set quantity = quantity - 2 where id = 1");
    }
    holder.join();
  }

  private static void lockTimeout(HikariDataSource pool) throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread holder = new Thread(() -> {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.executeUpdate("update stock set quantity = 0 where id = 1");
        held.countDown();
        done.await();
        c.rollback();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "stock-holder-2");
    holder.start();
    held.await();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("set lock_timeout 100");
      s.executeUpdate("update stock set quantity = 1 where id = 1");
      throw new IllegalStateException("the update went through while another transaction held the row");
    } catch (SQLException expected) {
      System.out.println("lock-timeout " + expected.getSQLState());
    } finally {
      done.countDown();
    }
    holder.join();
  }

  private static void failing(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("select * from no_such_table").close();
    } catch (SQLException expected) {
      System.out.println("failed " + expected.getSQLState());
    }
  }

  private static void steady(HikariDataSource pool) throws Exception {
    boolean distinctDone = false;
    while (!Files.exists(Path.of("stop"))) {
      try (Connection c = pool.getConnection();
          PreparedStatement ps = c.prepareStatement("select name from customers where id = ?")) {
        ps.setInt(1, 1);
        ps.executeQuery().close();
      }
      if (!distinctDone && Files.exists(Path.of("distinct"))) {
        distinct(pool);
        distinctDone = true;
        System.out.println("distinct-done");
      }
      Thread.sleep(50);
    }
  }

  /** Statements on distinct (missing) tables, each in a scope of its own name: labels that must stay capped. */
  private static void distinct(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (int i = 0; i < DISTINCT; i++) {
        try (QueryLensScope scope = QueryLens.scope("job-" + i)) {
          s.executeQuery("select * from missing_table_" + i).close();
        } catch (SQLException expected) {
          // every table is missing: distinct statements, summaries and error-free scopes are what count
        }
      }
    }
  }
}
