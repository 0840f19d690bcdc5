package example.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * An application whose database connection is cut under it, as when PostgreSQL restarts: it inserts {@value #ROWS}
 * rows, pauses ({@code paused terminated}) while the test ends its session with {@code pg_terminate_backend}, then
 * finds its next query failing, reconnects and inserts {@value #ROWS} more. Usage: {@code Reconnecting <jdbc url>
 * <application name> <table>}; the application name lets the test pick this program's session.
 */
public final class Reconnecting {

  /** Rows inserted before and again after the session is cut. */
  public static final int ROWS = 5;

  private Reconnecting() {}

  /** Runs the application. */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String table = args[2];
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", args[1]);
    Connection connection = DriverManager.getConnection(url, properties);
    try (Statement s = connection.createStatement()) {
      s.execute("create table " + table + " (id int primary key)");
    }
    insert(connection, table, 1);
    Transcript.pause("terminated");
    try (Statement s = connection.createStatement(); ResultSet count = s.executeQuery("select count(*) from " + table)) {
      count.next();
      Transcript.app("rows after the cut, on the old connection: " + count.getInt(1));
    } catch (SQLException e) {
      Transcript.caught("query on the cut connection", e);
      Transcript.app("old connection closed: " + connection.isClosed());
      connection.close();
      connection = DriverManager.getConnection(url, properties);
      Transcript.app("reconnected");
    }
    try {
      insert(connection, table, ROWS + 1);
      try (Statement s = connection.createStatement()) {
        s.execute("drop table " + table);
      }
    } finally {
      connection.close();
    }
    Transcript.app("done");
  }

  private static void insert(Connection connection, String table, int firstId) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " (id) values (?)")) {
      for (int id = firstId; id < firstId + ROWS; id++) {
        insert.setInt(1, id);
        insert.executeUpdate();
      }
    }
    try (Statement s = connection.createStatement(); ResultSet count = s.executeQuery("select count(*) from " + table)) {
      count.next();
      Transcript.app("rows: " + count.getInt(1));
    }
  }
}
