package example.slow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The database a slow-query workload runs on, and a statement that keeps it busy for as long as asked:
 * {@code pg_sleep} on PostgreSQL, {@code Thread.sleep} behind a function alias on H2.
 */
final class SleepingDatabase {

  // The signature is spelled out: from Java 19 on, Thread.sleep(Duration) also takes one argument.
  private static final String H2_ALIAS = "create alias if not exists SLEEP_MS for 'java.lang.Thread.sleep(long)'";

  private final String url;
  private final boolean postgresql;

  private SleepingDatabase(String url, boolean postgresql) {
    this.url = url;
    this.postgresql = postgresql;
  }

  /** The database at {@code url}: PostgreSQL or H2. */
  static SleepingDatabase at(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return new SleepingDatabase(url, true);
    }
    if (url.startsWith("jdbc:h2:")) {
      return new SleepingDatabase(url, false);
    }
    throw new IllegalArgumentException("a slow-query workload runs on PostgreSQL or H2, not on " + url);
  }

  /** A new connection in autocommit mode; on H2 the sleep function is defined first. */
  Connection connect() throws SQLException {
    Connection connection = DriverManager.getConnection(url);
    if (!postgresql) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(H2_ALIAS);
      }
    }
    return connection;
  }

  /** A query with one bind marker, the time to sleep (see {@link #bindSleep}); it returns one row. */
  String sleepQuery() {
    return postgresql ? "select pg_sleep(?)" : "select SLEEP_MS(?)";
  }

  /** Sets the bind marker of {@link #sleepQuery()}: seconds on PostgreSQL, milliseconds on H2. */
  void bindSleep(PreparedStatement query, Duration sleep) throws SQLException {
    if (postgresql) {
      query.setDouble(1, sleep.toMillis() / 1000.0);
    } else {
      query.setLong(1, sleep.toMillis());
    }
  }

  /** The same query with the time written into it as a literal, as string-built SQL would have it. */
  String sleepQueryWithLiteral(Duration sleep) {
    return postgresql ? "select pg_sleep(" + sleep.toSeconds() + ")" : "select SLEEP_MS(" + sleep.toMillis() + ")";
  }

  /** Prints {@code observed <key>=<value>}, an oracle for the test. */
  static void observe(String key, Object value) {
    System.out.println("observed " + key + "=" + value);
  }
}
