package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A connection in manual-commit mode runs one lookup per transaction, committing each: every
 * transaction is its own scope, so five lookups from one line are no N+1.
 */
final class OneLookupPerTransaction implements Scenario {

  private static final int TRANSACTIONS = 5;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    try (Connection c = CorpusDb.connect();
        PreparedStatement byId = c.prepareStatement("select name from clinic_owner where id = ?")) {
      c.setAutoCommit(false);
      for (long ownerId = 1; ownerId <= TRANSACTIONS; ownerId++) {
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
}
