package io.querylens.agent.it.workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A minimal JDBC application on H2: creates a table, inserts {@link #INSERTS} rows with one prepared
 * statement, reads them back with {@code select id from <table>}, drops the table. Usage: {@code TinyJdbcApp <token>}.
 */
public final class TinyJdbcApp {

  /** Prepared inserts executed. */
  public static final int INSERTS = 4;

  private TinyJdbcApp() {}

  /** The table in run {@code token}. */
  public static String table(String token) {
    return "ql_tiny_" + token;
  }

  /** Runs the application. */
  public static void main(String[] args) throws Exception {
    String table = table(args[0]);
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:tiny;DB_CLOSE_DELAY=-1");
        Statement s = c.createStatement()) {
      s.execute("create table " + table + " (id int primary key)");
      try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (id) values (?)")) {
        for (int id = 1; id <= INSERTS; id++) {
          ps.setInt(1, id);
          ps.executeUpdate();
        }
      }
      try (ResultSet rows = s.executeQuery("select id from " + table)) {
        while (rows.next()) {
          // read every row, as an application would
        }
      }
      s.execute("drop table " + table);
    }
    Observations.done();
  }
}
