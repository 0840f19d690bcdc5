package io.querylens.agent.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * A database the end-to-end tests run against, with the JDBC URL (from the environment, with the machine's
 * defaults) and the {@code dbSystem} the agent must report for it.
 */
public enum TestDatabase {
  /** H2 in memory, inside the child JVM; always available. */
  H2("h2", null, "jdbc:h2:mem:ql;DB_CLOSE_DELAY=-1"),
  /** The machine's PostgreSQL (trust auth, database {@code test}). */
  POSTGRESQL("postgresql", "QUERYLENS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
  /** The machine's MariaDB (root, empty password, database {@code test}). */
  MARIADB("mariadb", "QUERYLENS_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");

  private final String dbSystem;
  private final String urlVariable;
  private final String defaultUrl;

  TestDatabase(String dbSystem, String urlVariable, String defaultUrl) {
    this.dbSystem = dbSystem;
    this.urlVariable = urlVariable;
    this.defaultUrl = defaultUrl;
  }

  /** The value the report's {@code dbSystem} field must hold for statements on this database. */
  public String dbSystem() {
    return dbSystem;
  }

  /** The JDBC URL: the environment variable if set, else the machine's default. */
  public String url() {
    String configured = urlVariable == null ? null : System.getenv(urlVariable);
    return configured == null || configured.isBlank() ? defaultUrl : configured;
  }

  /** Returns whether the database lives in the child JVM's memory (nothing to reach, nothing to clean up). */
  public boolean isInMemory() {
    return urlVariable == null;
  }

  /** Skips the calling test (fails under {@code CI=true}) when the database does not accept a connection. */
  public void requireReachable() {
    String unreachable = whyUnreachable();
    Requirements.require(unreachable == null, unreachable);
  }

  /** Why the database cannot be used (a message naming the URL and the variable to set), or {@code null}. */
  public String whyUnreachable() {
    if (isInMemory()) {
      return null;
    }
    DriverManager.setLoginTimeout(5);
    try (Connection connection = DriverManager.getConnection(url())) {
      connection.isValid(5);
      return null;
    } catch (SQLException e) {
      return this + " is not reachable at " + redact(url()) + " (set " + urlVariable + "): " + e.getMessage();
    }
  }

  /**
   * Drops the given tables if a child JVM left them behind (it drops them itself when it runs to the end).
   * Best effort: cleanup never fails a test.
   */
  public void dropTablesIfExist(Collection<String> tables) {
    if (isInMemory() || tables.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      for (String table : tables) {
        s.execute("drop table if exists " + table);
      }
    } catch (SQLException e) {
      System.err.println("querylens-it: could not drop leftover tables " + tables + ": " + e.getMessage());
    }
  }

  /** The URL with any password value masked, for messages. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public String toString() {
    return switch (this) {
      case H2 -> "H2";
      case POSTGRESQL -> "PostgreSQL";
      case MARIADB -> "MariaDB";
    };
  }
}
