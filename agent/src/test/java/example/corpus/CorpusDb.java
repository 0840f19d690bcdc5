package example.corpus;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** The corpus's database (H2 in memory, shared by every scenario) and the ways to reach it. */
final class CorpusDb {

  /** Kept open by {@code DB_CLOSE_DELAY=-1} until the JVM exits, whoever connects. */
  static final String URL = "jdbc:h2:mem:corpus;DB_CLOSE_DELAY=-1";

  private static final Object POOL_LOCK = new Object();

  // created on first use by whichever scenario needs it; guarded by POOL_LOCK
  private static HikariDataSource pool;

  private CorpusDb() {}

  /** A new unpooled connection in autocommit mode. */
  static Connection connect() throws SQLException {
    return DriverManager.getConnection(URL);
  }

  /** The one HikariCP pool the pooled scenarios, Hibernate and Spring share. */
  static DataSource pool() {
    synchronized (POOL_LOCK) {
      if (pool == null) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("corpus");
        config.setJdbcUrl(URL);
        config.setMaximumPoolSize(8);
        pool = new HikariDataSource(config);
      }
      return pool;
    }
  }

  /** Closes the pool if it was created. */
  static void closePool() {
    synchronized (POOL_LOCK) {
      if (pool != null) {
        pool.close();
        pool = null;
      }
    }
  }

  /** Runs DDL statements, each once. */
  static void ddl(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /**
   * Inserts {@code rows} with one {@code executeBatch}: seeding must not look like unbatched writes.
   * Each row holds the values for {@code insert}'s markers in order.
   */
  static void seed(Connection connection, String insert, List<Object[]> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          statement.setObject(i + 1, row[i]);
        }
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
