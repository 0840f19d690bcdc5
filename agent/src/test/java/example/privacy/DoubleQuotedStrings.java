package example.privacy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Looks customers up by e-mail on MySQL or MariaDB with the value in double quotes, which those
 * databases read as a string: {@code select id from <table> where email = "<token>-<i>@example.com"}.
 * Usage: {@code DoubleQuotedStrings <jdbc url> <table> <token> <lookups>}; prints {@code rows=<n>}.
 */
public final class DoubleQuotedStrings {
  private DoubleQuotedStrings() {}

  public static void main(String[] args) throws Exception {
    String table = args[1];
    String token = args[2];
    int lookups = Integer.parseInt(args[3]);
    long rows = 0;
    try (Connection connection = DriverManager.getConnection(args[0]);
        Statement statement = connection.createStatement()) {
      statement.execute("drop table if exists " + table);
      statement.execute("create table " + table + " (id int primary key, email varchar(80))");
      statement.execute("insert into " + table + " values (1, \"" + token + "-1@example.com\")");
      for (int i = 1; i <= lookups; i++) {
        try (ResultSet found = statement.executeQuery(
            "select id from " + table + " where email = \"" + token + "-" + i + "@example.com\"")) {
          while (found.next()) {
            rows++;
          }
        }
      }
      statement.execute("drop table " + table);
    }
    System.out.println("rows=" + rows);
  }
}
