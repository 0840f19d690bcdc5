package example.cases;

import example.shop.Items;
import example.shop.Shop;
import io.querylens.junit.ExpectBatching;
import io.querylens.junit.ExpectMaxQueryTime;
import io.querylens.junit.NoLockWaits;
import io.querylens.junit.NoRepeatedQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Examples of the finding annotations, each with a test that breaks it and one that keeps it. */
public final class FindingCases {
  private FindingCases() {}

  /** The same query with the same parameter twice. */
  @ExampleTestCase
  @NoRepeatedQueries
  public static class Repeated {
    public static volatile int repeatLine;

    @BeforeAll
    static void createTable() {
      Items.createTable();
    }

    @Test
    void sameQueryTwice() throws SQLException {
      try (Items items = Items.open();
          PreparedStatement select = items.connection().prepareStatement("select name from item where id = ?")) {
        for (int i = 0; i < 2; i++) {
          select.setInt(1, 1);
          repeatLine = Lines.next();
          select.executeQuery().close();
        }
      }
    }

    @Test
    void differentParameters() throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
        items.name(2);
      }
    }
  }

  /** Twelve single-row inserts, and the same rows in one batch. */
  @ExampleTestCase
  @ExpectBatching
  public static class Batching {
    public static volatile int insertLine;

    @BeforeEach
    void emptyTable() {
      Items.createTable();
    }

    @Test
    void oneInsertPerRow() throws SQLException {
      try (Items items = Items.open();
          PreparedStatement insert = items.connection().prepareStatement("insert into item (id, name) values (?, ?)")) {
        for (int id = 1; id <= 12; id++) {
          insert.setInt(1, id);
          insert.setString(2, "row");
          insertLine = Lines.next();
          insert.executeUpdate();
        }
      }
    }

    @Test
    void oneBatch() throws SQLException {
      try (Items items = Items.open();
          PreparedStatement insert = items.connection().prepareStatement("insert into item (id, name) values (?, ?)")) {
        for (int id = 1; id <= 12; id++) {
          insert.setInt(1, id);
          insert.setString(2, "row");
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  /** Statements that sleep in the database ({@code SLEEP_MS}, an alias of {@code Thread.sleep}). */
  @ExampleTestCase
  public static class QueryTime {
    public static volatile int sleepLine;

    @BeforeAll
    static void createAlias() {
      Shop.execute("create alias if not exists sleep_ms for 'java.lang.Thread.sleep(long)'");
    }

    @Test
    @ExpectMaxQueryTime(2_000)
    void withinTheLimit() throws SQLException {
      sleep(10);
    }

    @Test
    @ExpectMaxQueryTime(50)
    void overTheLimit() throws SQLException {
      sleep(120);
    }

    /** Over the agent's slowQueryThreshold (500 ms): it took the stack, so the line is known. */
    @Test
    @ExpectMaxQueryTime(100)
    void overTheAgentsThreshold() throws SQLException {
      try (Connection connection = Shop.dataSource().getConnection();
          PreparedStatement sleep = connection.prepareStatement("call sleep_ms(?)")) {
        sleep.setLong(1, 550);
        sleepLine = Lines.next();
        sleep.execute();
      }
    }

    private static void sleep(long millis) throws SQLException {
      try (Connection connection = Shop.dataSource().getConnection();
          PreparedStatement sleep = connection.prepareStatement("call sleep_ms(?)")) {
        sleep.setLong(1, millis);
        sleep.execute();
      }
    }
  }

  /** An update that times out on a row another transaction locked. */
  @ExampleTestCase
  @NoLockWaits
  public static class Locks {
    public static volatile int updateLine;
    public static volatile String error;

    @BeforeEach
    void oneRow() {
      Items.createTable();
      Shop.execute("insert into item (id, name) values (1, 'locked')");
    }

    @Test
    void lockTimeout() throws SQLException {
      try (Connection holder = Shop.connect(); Connection waiter = Shop.connect()) {
        holder.setAutoCommit(false);
        try (Statement lock = holder.createStatement();
            ResultSet rows = lock.executeQuery("select name from item where id = 1 for update")) {
          rows.next();
          try (Statement statement = waiter.createStatement()) {
            statement.execute("set lock_timeout 100");
            updateLine = Lines.next();
            statement.executeUpdate("update item set name = 'waited' where id = 1");
          } catch (SQLException expected) {
            error = expected.getSQLState() + " " + expected.getErrorCode();
          }
        } finally {
          holder.rollback();
          holder.setAutoCommit(true);
        }
      }
    }

    @Test
    void noContention() throws SQLException {
      try (Connection connection = Shop.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.executeUpdate("update item set name = 'free' where id = 1");
      }
    }
  }
}
