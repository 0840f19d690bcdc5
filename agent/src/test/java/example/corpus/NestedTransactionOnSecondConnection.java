package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Transactions nested on one thread, as with {@code REQUIRES_NEW}: connection A's transaction looks
 * owner 1 up; then, {@value #INNER_TRANSACTIONS} times, a second pooled connection B runs a transaction
 * of its own that looks one other owner up and commits; then A looks owner 2 up and commits. Every
 * lookup comes from one line, with five different ids, but A's transaction holds two of them and each
 * of B's one: no N+1. Judged per thread rather than per connection, they would be one.
 */
final class NestedTransactionOnSecondConnection implements Scenario {

  private static final int INNER_TRANSACTIONS = 3;
  private static final long FIRST_INNER_OWNER = 3;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    DataSource pool = CorpusDb.pool();
    try (Connection a = pool.getConnection()) {
      a.setAutoCommit(false);
      lookUp(a, 1);
      for (long ownerId = FIRST_INNER_OWNER; ownerId < FIRST_INNER_OWNER + INNER_TRANSACTIONS; ownerId++) {
        try (Connection b = pool.getConnection()) {
          b.setAutoCommit(false);
          lookUp(b, ownerId);
          b.commit();
        }
      }
      lookUp(a, 2);
      a.commit();
    }
  }

  private static void lookUp(Connection c, long ownerId) throws SQLException {
    try (PreparedStatement byId = c.prepareStatement("select name from clinic_owner where id = ?")) {
      byId.setLong(1, ownerId);
      try (ResultSet owner = byId.executeQuery()) {
        if (!owner.next()) {
          throw new IllegalStateException("no owner " + ownerId);
        }
      }
    }
  }
}
