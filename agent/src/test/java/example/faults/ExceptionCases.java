package example.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Six ways a JDBC call fails, each caught and printed by the application ({@link Transcript#caught}): a syntax
 * error, a primary-key violation, a statement prepared on a closed connection, a query cancelled by {@code
 * setQueryTimeout}, a batch with a duplicate key in the middle ({@code BatchUpdateException}) and a query on a closed
 * statement. Usage: {@code ExceptionCases <jdbc url> <table>}; the table is created and dropped.
 */
public final class ExceptionCases {

  private ExceptionCases() {}

  /** Runs the cases. */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String table = args[1];
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement s = c.createStatement()) {
        s.execute("drop table if exists " + table);
        s.execute("create table " + table + " (id int primary key, note varchar(40))");
        Transcript.app("inserted: " + s.executeUpdate("insert into " + table + " values (1, 'first')"));
      }
      syntaxError(c, table);
      constraintViolation(c, table);
      closedConnection(url);
      timeout(c, url);
      batchFailure(c, table);
      closedStatement(c, table);
      try (Statement s = c.createStatement()) {
        s.execute("drop table " + table);
      }
    }
    Transcript.app("done");
  }

  private static void syntaxError(Connection c, String table) {
    try (Statement s = c.createStatement()) {
      s.executeQuery("selec id from " + table);
      Transcript.app("syntax error: no exception");
    } catch (SQLException e) {
      Transcript.caught("syntax error", e);
    }
  }

  private static void constraintViolation(Connection c, String table) {
    try (PreparedStatement insert = c.prepareStatement("insert into " + table + " values (?, ?)")) {
      insert.setInt(1, 1);
      insert.setString(2, "again");
      insert.executeUpdate();
      Transcript.app("constraint violation: no exception");
    } catch (SQLException e) {
      Transcript.caught("constraint violation", e);
    }
  }

  private static void closedConnection(String url) throws SQLException {
    Connection closed = DriverManager.getConnection(url);
    closed.close();
    try {
      closed.prepareStatement("select 1");
      Transcript.app("closed connection: no exception");
    } catch (SQLException e) {
      Transcript.caught("closed connection", e);
    }
  }

  private static void timeout(Connection c, String url) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      s.executeQuery(slowQuery(url));
      Transcript.app("timeout: no exception");
    } catch (SQLException e) {
      Transcript.caught("timeout", e);
    }
  }

  /** A query that runs far longer than one second and can be cancelled. */
  private static String slowQuery(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return "select pg_sleep(20)";
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return "select sleep(20)";
    }
    // H2 has no sleep; it checks for cancellation while it counts rows.
    return "select count(*) from system_range(1, 100000) a, system_range(1, 100000) b where a.x + b.x > 0";
  }

  private static void batchFailure(Connection c, String table) {
    try (PreparedStatement insert = c.prepareStatement("insert into " + table + " values (?, ?)")) {
      for (int id : new int[] {10, 11, 1, 12}) {
        insert.setInt(1, id);
        insert.setString(2, "batch " + id);
        insert.addBatch();
      }
      insert.executeBatch();
      Transcript.app("batch failure: no exception");
    } catch (SQLException e) {
      Transcript.caught("batch failure", e);
    }
  }

  private static void closedStatement(Connection c, String table) throws SQLException {
    Statement s = c.createStatement();
    s.close();
    try {
      s.executeQuery("select id from " + table);
      Transcript.app("closed statement: no exception");
    } catch (SQLException e) {
      Transcript.caught("closed statement", e);
    }
  }
}
