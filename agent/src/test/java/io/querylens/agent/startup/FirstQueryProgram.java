package io.querylens.agent.startup;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The small program {@link StartupTimes} runs: opens an H2 in-memory database, creates a table and
 * runs one prepared query, then prints {@code first-query-ms=<n>}, the milliseconds from JVM start to
 * that query's completion.
 *
 * <p>The clock is read right after the query; {@code java.lang.management}, which costs tens of
 * milliseconds to load, is touched only afterwards, so it does not count.
 */
public final class FirstQueryProgram {
  private FirstQueryProgram() {}

  /** Runs the query and prints the time. */
  public static void main(String[] args) throws Exception {
    long rows = 0;
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:startup", "sa", "")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("create table item (id int primary key, name varchar(20))");
      }
      try (PreparedStatement query = connection.prepareStatement("select name from item where id = ?")) {
        query.setInt(1, 1);
        try (ResultSet resultSet = query.executeQuery()) {
          while (resultSet.next()) {
            rows++;
          }
        }
      }
    }
    long now = System.currentTimeMillis();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println("first-query-ms=" + (now - jvmStart) + " rows=" + rows);
  }
}
