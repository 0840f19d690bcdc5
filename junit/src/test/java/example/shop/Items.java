package example.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Plain JDBC on a table of items, for the count examples: each method runs exactly one statement.
 */
public final class Items implements AutoCloseable {
  private final Connection connection;

  private Items(Connection connection) {
    this.connection = connection;
  }

  /** Creates the table {@code item} (if needed) and empties it; run it where it is not counted. */
  public static void createTable() {
    Shop.execute("create table if not exists item (id int primary key, name varchar(50))", "delete from item");
  }

  /** A connection from the pool. */
  public static Items open() {
    try {
      return new Items(Shop.dataSource().getConnection());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Connection connection() {
    return connection;
  }

  public String name(int id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("select name from item where id = ?")) {
      select.setInt(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  public int count() throws SQLException {
    try (Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("select count(*) from item")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  public void insert(int id, String name) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert into item (id, name) values (?, ?)")) {
      insert.setInt(1, id);
      insert.setString(2, name);
      insert.executeUpdate();
    }
  }

  public void rename(int id, String name) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("update item set name = ? where id = ?")) {
      update.setString(1, name);
      update.setInt(2, id);
      update.executeUpdate();
    }
  }

  public void delete(int id) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("delete from item where id = ?")) {
      delete.setInt(1, id);
      delete.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
