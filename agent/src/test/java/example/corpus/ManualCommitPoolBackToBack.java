package example.corpus;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A HikariCP pool configured with {@code autoCommit=false}, so the application never calls {@code
 * setAutoCommit(false)}: five times in a row, without a pause, borrow a connection, look one owner up,
 * commit and give the connection back. Five transactions with one lookup each, so no N+1; judged by
 * a window of the thread, the five lookups from one line would look like one.
 *
 * <p>The pool holds one connection, so every borrow hands out the same physical connection again.
 * The workload never asks the connection for its auto-commit mode: the agent must learn it itself.
 */
final class ManualCommitPoolBackToBack implements Scenario {

  private static final int TRANSACTIONS = 5;

  // written on the set-up thread, read on the scenario's and the teardown's after join()
  private HikariDataSource pool;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
    HikariConfig config = new HikariConfig();
    config.setPoolName("corpus-manual-commit");
    config.setJdbcUrl(CorpusDb.URL);
    config.setAutoCommit(false);
    config.setMaximumPoolSize(1);
    pool = new HikariDataSource(config);
  }

  @Override
  public void run() throws Exception {
    for (long ownerId = 1; ownerId <= TRANSACTIONS; ownerId++) {
      try (Connection c = pool.getConnection();
          PreparedStatement byId = c.prepareStatement("select name from clinic_owner where id = ?")) {
        byId.setLong(1, ownerId);
        try (ResultSet owner = byId.executeQuery()) {
          if (!owner.next()) {
            throw new IllegalStateException("no owner " + ownerId);
          }
        }
        c.commit();
      }
    }
  }

  @Override
  public void close() throws Exception {
    if (pool != null) {
      pool.close();
    }
  }
}
